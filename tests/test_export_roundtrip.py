"""Every export format keeps every span exactly as the annotator set it, on hostile boundaries."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import DocBin

from aidlens.analysis import FORMATS, export, gold_set
from aidlens.analysis.export import GoldDoc
from aidlens.annotations import AnnotationStore, Span, new_span
from aidlens.errors import SpanError
from tests.store_helpers import LABELS, ROOT

Row = tuple[str, int, int, str, str]  # article, start, end, text, label


def exported(fmt: str, data: bytes) -> list[Row]:
    """Return the spans an export holds, read back as its consumer would read them."""
    if fmt == "csv":
        rows = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
        return [
            (r["article_id"], int(r["start"]), int(r["end"]), r["text"], r["label"]) for r in rows
        ]
    if fmt == "jsonl":
        out = []
        for line in data.decode("utf-8").splitlines():
            rec = json.loads(line)
            for s in rec["spans"]:
                out.append(
                    (
                        rec["id"],
                        s["start"],
                        s["end"],
                        rec["text"][s["start"] : s["end"]],
                        s["label"],
                    )
                )
        return out
    vocab = spacy.blank("en").vocab
    docs = list(DocBin().from_bytes(data).get_docs(vocab))
    return [
        (str(i), e.start_char, e.end_char, e.text, e.label_)
        for i, doc in enumerate(docs)
        for e in doc.ents
    ]


def expected(gold: list[GoldDoc], fmt: str) -> list[Row]:
    """Return the gold spans as rows (DocBin rows are numbered by document, not by id)."""
    return [
        (g.article_id if fmt != "spacy" else str(i), s.start, s.end, s.text, s.label)
        for i, g in enumerate(gold)
        for s in g.spans
    ]


# text, [(start, end, label)], tokens the DocBin must split
HOSTILE = [
    ("Mark Rutteas met NATO leaders.", [(0, 10, "PERSON")], 1),  # the typo
    ("KyivUkraine", [(0, 4, "GPE"), (4, 11, "GPE")], 1),  # touching, inside one token
    ("Aid to Kyiv's army.", [(7, 11, "GPE")], 0),  # before a possessive
    ("The (U.S.) sent $5bn.", [(5, 8, "GPE"), (17, 18, "MONEY")], 2),  # at punctuation
    ("Kyiv-based NGOs.", [(0, 8, "ORG")], 1),  # across a hyphen, inside "based"
    ("🇺🇦Ukraine🇺🇦 thanks Zelensky👍.", [(2, 9, "GPE"), (19, 27, "PERSON")], 0),  # emoji
    ("aid👍Kyiv🇺🇦x", [(4, 8, "GPE"), (8, 10, "NORP")], 0),  # emoji between words
    ("café👍🏽s", [(0, 4, "ORG"), (4, 6, "ORG")], 1),  # a skin tone the tokenizer glues to "s"
    ("Olaf  Scholz\nand Berlin", [(0, 12, "PERSON"), (17, 20, "GPE")], 1),  # two spaces, newline
    ("ABC", [(0, 1, "ORG"), (1, 2, "ORG"), (2, 3, "ORG")], 1),  # one token in three
]


@pytest.fixture
def hostile_store(tmp_path) -> AnnotationStore:
    """Return a real store holding every hostile case as a saved article."""
    texts = {f"h{i}": text for i, (text, _spans, _split) in enumerate(HOSTILE)}
    store = AnnotationStore(tmp_path, texts, LABELS)
    for i, (text, spans, _split) in enumerate(HOSTILE):
        checked = [new_span(text, s, e, lab, LABELS) for s, e, lab in spans]
        store.save(f"h{i}", checked, annotator="ann", base_revision=0, status="done")
    return store


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_keeps_hostile_spans_exactly(hostile_store, fmt) -> None:
    gold = gold_set(hostile_store)
    result = export(gold, fmt, raw=True)
    got = exported(fmt, result.data)
    assert got == expected(gold, fmt)
    assert result.warnings == ()
    assert result.split_tokens == (sum(split for *_, split in HOSTILE) if fmt == "spacy" else 0)


def test_rutte_is_not_exported_as_rutteas(hostile_store) -> None:
    data = export(gold_set(hostile_store), "spacy").data
    [doc, *_] = DocBin().from_bytes(data).get_docs(spacy.blank("en").vocab)
    assert [e.text for e in doc.ents] == ["Mark Rutte"]
    assert doc.text == HOSTILE[0][0]  # the text itself is unchanged, spaces and all


ALPHABET = "ab Z.,'-$\n🇺🇦👍é"


@st.composite
def gold_docs(draw) -> GoldDoc:
    """Return an article of hostile characters with non-overlapping, possibly touching spans."""
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    spans: list[Span] = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        try:
            s = new_span(text, start, end, draw(st.sampled_from(LABELS)), LABELS)
        except SpanError:
            continue  # empty or only whitespace
        if not spans or s.start >= spans[-1].end:
            spans.append(s)
    return GoldDoc("x", text, tuple(spans), "done")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gold=st.lists(gold_docs(), min_size=1, max_size=3))
def test_any_boundaries_survive_every_format(gold) -> None:
    gold = [GoldDoc(f"g{i}", g.text, g.spans, g.status) for i, g in enumerate(gold)]
    for fmt in FORMATS:
        result = export(gold, fmt, raw=True)
        assert exported(fmt, result.data) == expected(gold, fmt), fmt
        assert result.warnings == ()


def test_cli_says_how_many_tokens_were_split(hostile_store, tmp_path) -> None:
    folder = tmp_path / "cli"
    folder.mkdir()
    rows = [
        {"id": f"h{i}", "title": "t", "published": "2024-01-01", "text": text}
        for i, (text, *_rest) in enumerate(HOSTILE)
    ]
    with open(folder / "articles.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "title", "published", "text"])
        writer.writeheader()
        writer.writerows(rows)
    for name in ("annotations.csv", "reviews.csv", "history.jsonl"):
        (folder / name).write_bytes((tmp_path / name).read_bytes())
    out = folder / "gold.spacy"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "aidlens",
            "export",
            "--data",
            str(folder),
            "--format",
            "spacy",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    splits = sum(split for *_, split in HOSTILE)
    assert f"{splits} token(s) split at span boundaries" in done.stdout
    assert out.exists()
