"""Exports of the gold set (CSV, JSONL, DocBin) and the evaluation on a constructed case."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
import spacy
from spacy.tokens import DocBin

from aidlens.analysis.evaluate import evaluate, format_table
from aidlens.analysis.export import (
    export,
    gold_set,
    neutralise,
    to_csv,
    to_docbin,
    to_jsonl,
    write_export,
)
from aidlens.annotations.spans import Span
from aidlens.annotations.store import AnnotationStore
from aidlens.errors import StoreError
from tests.store_helpers import LABELS, TEXTS, make_folder, open_store, sp


@pytest.fixture
def folder(tmp_path):
    return make_folder(tmp_path / "data")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-5", "'-5"),
        ("@Kyiv", "'@Kyiv"),
        ("\tTallinn", "'\tTallinn"),
        ("\rx", "'\rx"),
        ("Kyiv", "Kyiv"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(cell, expected) -> None:
    assert neutralise(cell) == expected


def spreadsheet_store(folder) -> AnnotationStore:
    """Return a store whose a4 holds spans, a label and an annotator a spreadsheet would run."""
    store = AnnotationStore(folder, TEXTS, (*LABELS, "@LABEL"))
    spans = [sp("a4", "=SUM(A1)", "ORG"), sp("a4", "-5", "CARDINAL"), sp("a4", "@Kyiv", "GPE")]
    spans.append(Span(64, 66, "+1", "@LABEL"))
    store.save("a4", spans, annotator="=HYPERLINK(1)", base_revision=0, status="done")
    store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="ann", base_revision=0)
    store.save("a3", [], annotator="ann", base_revision=0, status="todo")  # untouched
    return store


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_gold_set_is_touched_articles_in_corpus_order(folder) -> None:
    store = spreadsheet_store(folder)
    assert [g.article_id for g in gold_set(store)] == ["a1", "a4"]
    assert [g.article_id for g in gold_set(store, statuses=("done",))] == ["a4"]


def test_csv_export_neutralises_formulas_unless_raw(folder) -> None:
    gold = gold_set(spreadsheet_store(folder))
    rows = read_csv(to_csv(gold))
    assert list(rows[0]) == [
        "article_id",
        "start",
        "end",
        "text",
        "label",
        "origin",
        "annotator",
        "updated_at",
    ]
    a4 = [r for r in rows if r["article_id"] == "a4"]
    assert [r["text"] for r in a4] == ["'=SUM(A1)", "'-5", "'@Kyiv", "'+1"]
    assert {r["annotator"] for r in a4} == {"'=HYPERLINK(1)"}
    assert a4[-1]["label"] == "'@LABEL"
    raw = read_csv(to_csv(gold, raw=True))
    assert [r["text"] for r in raw if r["article_id"] == "a4"] == ["=SUM(A1)", "-5", "@Kyiv", "+1"]
    for r in raw:
        assert TEXTS[r["article_id"]][int(r["start"]) : int(r["end"])] == r["text"]
    assert [r["label"] for r in raw][-1] == "@LABEL"


def test_jsonl_export_has_one_article_a_line(folder) -> None:
    lines = to_jsonl(gold_set(spreadsheet_store(folder))).decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["a1", "a4"]
    assert records[0] == {
        "id": "a1",
        "text": TEXTS["a1"],
        "spans": [{"start": 29, "end": 35, "label": "GPE"}],
    }
    assert {"start": 15, "end": 23, "label": "ORG"} in records[1]["spans"]


def test_docbin_loads_back_with_the_spans_as_entities(folder) -> None:
    store = open_store(folder)
    text = TEXTS["a1"]
    spans = [sp("a1", "Olaf Scholz", "PERSON"), sp("a1", "Berlin", "GPE")]
    spans.append(Span(0, 2, "Jo", "PERSON"))  # inside the token "Joe": the token is cut
    spans.append(Span(2, 3, "e", "ORG"))  # touches it, also inside "Joe"
    store.save("a1", spans, annotator="ann", base_revision=0)
    data, warnings, split = to_docbin(gold_set(store))
    nlp = spacy.blank("en")
    [doc] = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert doc.text == text
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Jo", "PERSON"),
        ("e", "ORG"),
        ("Olaf Scholz", "PERSON"),
        ("Berlin", "GPE"),
    ]
    assert [t.ent_iob_ for t in doc][:4] == ["B", "B", "O", "O"]  # the rest is gold "O"
    assert (warnings, split) == ((), 1)


def test_export_dispatches_and_writes_atomically(folder, tmp_path) -> None:
    gold = gold_set(spreadsheet_store(folder))
    result = export(gold, "jsonl")
    assert (result.articles, result.spans) == (2, 5)
    path = write_export(result, tmp_path / "out" / "gold.jsonl")
    assert path.read_bytes() == result.data
    assert not list((tmp_path / "out").glob(".*.tmp"))
    with pytest.raises(StoreError, match="unknown export format 'xml'"):
        export(gold, "xml")


def predictions(*rows: tuple[str, str, str, int]) -> pd.DataFrame:
    """Return a model entities table from (article, phrase, label, nth) rows."""
    out = []
    for article, phrase, label, nth in rows:
        s = sp(article, phrase, "GPE", nth)
        out.append((article, s.start, s.end, s.text, label, s.text))
    return pd.DataFrame(out, columns=["article_id", "start", "end", "text", "label", "canonical"])


@pytest.fixture
def scored(folder):
    store = open_store(folder)
    a1 = [sp("a1", p, lab) for p, lab in (("Joe Biden", "PERSON"), ("Olaf Scholz", "PERSON"))]
    a1 += [sp("a1", "Berlin", "GPE"), sp("a1", "Kyiv", "GPE")]
    store.save("a1", a1, annotator="a", base_revision=0, status="done")
    a3 = [sp("a3", "NATO", "ORG"), sp("a3", "Vilnius", "GPE"), sp("a3", "Kyiv", "GPE")]
    store.save("a3", a3, annotator="a", base_revision=0, status="done")
    store.save("a2", [sp("a2", "European Union", "ORG")], annotator="a", base_revision=0)
    model = predictions(
        ("a1", "Joe Biden", "PERSON", 0),
        ("a1", "Olaf Scholz", "PERSON", 0),
        ("a1", "Berlin", "GPE", 0),
        ("a1", "Friday", "DATE", 0),
        ("a2", "The European Union", "ORG", 0),
        ("a3", "NATO", "ORG", 0),
        ("a3", "Vilnius", "GPE", 0),
        ("a3", "Jens Stoltenberg", "PERSON", 0),
        ("a3", "Kyiv", "PERSON", 0),
        ("a4", "Tallinn", "GPE", 0),
    )
    return store, model


def test_evaluation_on_done_articles(scored) -> None:
    store, model = scored
    result = evaluate(model, store)
    assert set(result) == {"per_label", "overall"}
    per = result["per_label"]
    assert per["PERSON"] == {"p": 0.5, "r": 1.0, "f": pytest.approx(2 / 3), "support": 2}
    assert per["GPE"] == {"p": 1.0, "r": 0.5, "f": pytest.approx(2 / 3), "support": 4}
    assert per["ORG"] == {"p": 1.0, "r": 1.0, "f": 1.0, "support": 1}
    assert per["DATE"] == {"p": 0.0, "r": 0.0, "f": 0.0, "support": 0}
    assert result["overall"] == {
        "p": pytest.approx(5 / 8),
        "r": pytest.approx(5 / 7),
        "f": pytest.approx(10 / 15),
        "support": 7,
    }
    json.dumps(result)  # plain data, ready for --json
    table = format_table(result, 2)
    assert "GPE                1.000     0.500     0.667         4" in table


def test_evaluation_of_every_touched_article(scored) -> None:
    store, model = scored
    result = evaluate(model, store, only_done=False)
    # a2 joins: "The European Union" (0-18) is not the gold "European Union" (4-18).
    assert result["per_label"]["ORG"] == {"p": 0.5, "r": 0.5, "f": 0.5, "support": 2}
    assert result["overall"]["support"] == 8
