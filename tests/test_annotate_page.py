"""The Annotate page under AppTest: edits are saved at once and survive a fresh session."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from aidlens.annotations.store import AnnotationStore
from tests.conftest import ROOT


def open_page(data_dir, monkeypatch, article="s1", annotator="alice") -> AppTest:
    """Return an AppTest on the Annotate page with an article open and a name given."""
    monkeypatch.setenv("AIDLENS_DATA", str(data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["article"] = article
    at.query_params["annotator"] = annotator
    at.run()
    at.switch_page("app_pages/annotate.py").run()
    assert not at.exception, at.exception
    return at


def store_state(data_dir, article):
    from aidlens.annotations.spans import known_labels
    from aidlens.corpus.articles import load_corpus
    from aidlens.pipeline import resolve_model_name

    corpus = load_corpus(data_dir / "articles.csv")
    texts = dict(zip(corpus.frame["id"], corpus.frame["text"], strict=True))
    labels = known_labels(data_dir, resolve_model_name())
    return AnnotationStore(data_dir, texts, labels).get(article)


def shown(markdown: str) -> str:
    """Return Markdown source as a reader sees it: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def table(at):
    return at.data_editor[0].value


def test_opens_with_model_entities(fresh_small_dir, monkeypatch) -> None:
    at = open_page(fresh_small_dir, monkeypatch)
    assert shown(at.subheader[0].value) == "US approves new package for Kyiv"
    rows = table(at)
    assert "Antony Blinken" in set(rows["text"]) and set(rows["origin"]) == {"model"}


TEXT_S1 = (
    "The United States pledged $300 million in military aid to Ukraine on Thursday, Antony "
    "Blinken said in Washington.\n\nThe package includes artillery rounds and HIMARS ammunition, "
    "officials said."
)


def at_(phrase: str) -> tuple[int, int]:
    """Return the offsets of `phrase` in TEXT_S1."""
    start = TEXT_S1.index(phrase)
    return start, start + len(phrase)


MODEL_S1 = [
    ("The United States", "GPE"),
    ("$300 million", "MONEY"),
    ("Ukraine", "GPE"),
    ("Thursday", "DATE"),
    ("Antony Blinken", "PERSON"),
    ("Washington", "GPE"),
]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"edited_rows": {5: {"label": "ORG"}}}, {("Washington", "ORG", "human")}),
        ({"deleted_rows": [0]}, set()),
        (
            {"added_rows": [dict(zip(("start", "end"), at_("artillery rounds")), label="PRODUCT")]},
            {("artillery rounds", "PRODUCT", "human")},
        ),
        (
            {"edited_rows": {4: dict(zip(("start", "end"), at_("Antony Blinken said")))}},
            {("Antony Blinken said", "PERSON", "human")},
        ),
        (  # whitespace taken along by a moved boundary is trimmed
            {"edited_rows": {2: {"end": at_("Ukraine")[1] + 1}}},
            set(),
        ),
    ],
)
def test_table_edits(changes, expected) -> None:
    from aidlens.annotations.spans import Span
    from components.annotate_tools import table_spans

    labels = ("GPE", "MONEY", "DATE", "PERSON", "ORG", "PRODUCT")
    spans = tuple(Span(*at_(t), t, lab, "model") for t, lab in MODEL_S1)
    out = table_spans(TEXT_S1, spans, changes, labels)
    seen = {(s.text, s.label, s.origin) for s in spans}
    assert {(s.text, s.label, s.origin) for s in out} - seen == expected
    assert all(TEXT_S1[s.start : s.end] == s.text for s in out)
    if changes.get("deleted_rows"):
        assert len(out) == len(spans) - 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"edited_rows": {0: {"end": 10_000}}}, "outside the text"),
        ({"edited_rows": {0: {"end": at_("$300")[1]}}}, "overlap"),
        ({"edited_rows": {0: {"label": "NOPE"}}}, "unknown label 'NOPE'"),
        ({"added_rows": [{"start": 150, "end": 166}]}, "give a label"),
        ({"edited_rows": {1: {"start": 40, "end": 30}}}, "is not before end"),
    ],
)
def test_table_edits_refused(changes, message) -> None:
    from aidlens.annotations.spans import Span
    from aidlens.errors import AidLensError
    from components.annotate_tools import table_spans

    spans = tuple(Span(*at_(t), t, lab, "model") for t, lab in MODEL_S1[:2])
    with pytest.raises(AidLensError, match=message):
        table_spans(TEXT_S1, spans, changes, ("GPE", "MONEY"))


def test_add_by_phrase_then_fresh_session_sees_it(fresh_small_dir, monkeypatch) -> None:
    at = open_page(fresh_small_dir, monkeypatch)
    at.text_input(key="ann_phrase_text").set_value("artillery rounds")
    at.selectbox(key="ann_phrase_label").set_value("PRODUCT")
    at.button[-1].click()  # the form's submit button
    at.run()
    assert not at.exception
    fresh = open_page(fresh_small_dir, monkeypatch)
    rows = table(fresh)
    added = rows[rows["text"] == "artillery rounds"]
    assert added["label"].tolist() == ["PRODUCT"] and added["origin"].tolist() == ["human"]


def test_phrase_overlapping_asks_first(fresh_small_dir, monkeypatch) -> None:
    at = open_page(fresh_small_dir, monkeypatch)
    at.text_input(key="ann_phrase_text").set_value("Antony Blinken said")
    at.selectbox(key="ann_phrase_label").set_value("PERSON")
    at.button[-1].click()
    at.run()
    assert "replaces 1 overlapping span(s): “Antony Blinken” (PERSON)" in shown(at.warning[0].value)
    assert not (fresh_small_dir / "annotations.csv").exists()
    at.button(key="ann_apply_pending").click().run()
    state = store_state(fresh_small_dir, "s1")
    assert "Antony Blinken said" in {s.text for s in state.spans}
    assert "Antony Blinken" not in {s.text for s in state.spans}


def test_accept_and_next_and_undo(fresh_small_dir, monkeypatch) -> None:
    at = open_page(fresh_small_dir, monkeypatch)
    at.button(key="ann_accept").click().run()
    assert at.query_params["article"] == "s2"
    assert store_state(fresh_small_dir, "s1").status == "done"
    assert "1 of 4 articles done" in at.get("progress")[0].proto.text
    at.query_params["article"] = "s1"
    at.run()
    at.button(key="ann_undo").click().run()
    assert store_state(fresh_small_dir, "s1").status == "todo"


def test_conflict_between_two_sessions(fresh_small_dir, monkeypatch) -> None:
    first = open_page(fresh_small_dir, monkeypatch, annotator="alice")
    second = open_page(fresh_small_dir, monkeypatch, annotator="bob")
    first.button(key="ann_accept").click().run()
    second.text_input(key="ann_phrase_text").set_value("artillery rounds")
    second.selectbox(key="ann_phrase_label").set_value("PRODUCT")
    second.button[-1].click()
    second.run()
    assert "alice saved this article (revision 1) after you opened it" in shown(
        second.warning[0].value
    )
    assert store_state(fresh_small_dir, "s1").annotator == "alice"  # nothing overwritten
    second.button(key="ann_use_mine").click().run()
    state = store_state(fresh_small_dir, "s1")
    assert state.annotator == "bob" and "artillery rounds" in {s.text for s in state.spans}


def test_apply_to_every_article(fresh_small_dir, monkeypatch) -> None:
    at = open_page(fresh_small_dir, monkeypatch)
    at.text_input(key="ann_all_text").set_value("Ukraine").run()
    at.selectbox(key="ann_all_label").set_value("LOC").run()
    caption = [c.value for c in at.caption if "would change" in c.value][0]
    assert "2 span(s) in 2 article(s) would change" in caption
    at.button(key="ann_all_apply").click().run()
    for article in ("s1", "s2"):
        labels = {
            s.label for s in store_state(fresh_small_dir, article).spans if s.text == "Ukraine"
        }
        assert labels == {"LOC"}


def test_read_page_uses_corrections(fresh_small_dir, monkeypatch) -> None:
    at = open_page(fresh_small_dir, monkeypatch)
    at.text_input(key="ann_phrase_text").set_value("HIMARS")
    at.selectbox(key="ann_phrase_label").set_value("PRODUCT")
    at.button[-1].click()
    at.run()
    at.switch_page("app_pages/read.py").run()
    html = "".join(h.proto.body for h in at.get("html"))
    assert 'title="HIMARS"' in html and "PRODUCT</span>" in html


@pytest.mark.parametrize("name", ["", "   "])
def test_no_name_is_read_only(fresh_small_dir, monkeypatch, name) -> None:
    at = open_page(fresh_small_dir, monkeypatch, annotator=name)
    assert "Read-only: give your name." in [i.value for i in at.info]
    assert not at.data_editor
