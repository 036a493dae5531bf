"""Span checks and edit helpers shared by the store, the CLI and the Annotate page."""

from __future__ import annotations

import pytest

from aidlens.annotations.spans import (
    Span,
    check_spans,
    find_phrase,
    known_labels,
    label_phrase,
    new_span,
    overlapping,
    read_labels_csv,
    relabel_span,
    remove_span,
    with_span,
)
from aidlens.errors import InputError, SpanError
from aidlens.pipeline import model_labels

TEXT = "Joe Biden met Olaf Scholz in Berlin. Kyiv and Kyivans thanked the U.S. and Kyiv."
LABELS = ("PERSON", "GPE", "ORG")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 9, (0, 9, "Joe Biden")),
        (13, 26, (14, 25, "Olaf Scholz")),  # whitespace on both sides trimmed
        (29, 35, (29, 35, "Berlin")),
        (0, len(TEXT), (0, len(TEXT), TEXT)),
        ("4", "9", (4, 9, "Biden")),  # offsets from a form or a CSV cell
        (4.0, 9.0, (4, 9, "Biden")),
    ],
)
def test_new_span_checks_and_trims(start, end, expected) -> None:
    span = new_span(TEXT, start, end, "PERSON", LABELS)
    assert (span.start, span.end, span.text) == expected
    assert span.text == TEXT[span.start : span.end]
    assert (span.label, span.origin) == ("PERSON", "human")


@pytest.mark.parametrize(
    ("start", "end", "label", "message"),
    [
        (-1, 4, "PERSON", "outside the text"),
        (0, len(TEXT) + 1, "PERSON", "outside the text"),
        (9, 4, "PERSON", "start 9 is not before end 4"),
        (4, 4, "PERSON", "start 4 is not before end 4"),
        (9, 10, "PERSON", "only whitespace"),
        (0, 9, "PERSN", "unknown label 'PERSN'; use one of GPE, ORG, PERSON"),
        ("x", 9, "PERSON", "start 'x' is not a character offset"),
        (0.5, 9, "PERSON", "start 0.5 is not a character offset"),
        (True, 9, "PERSON", "start True is not a character offset"),
        (None, 9, "PERSON", "start None is not a character offset"),
    ],
)
def test_new_span_refuses(start, end, label, message) -> None:
    with pytest.raises(SpanError, match=message.replace("(", r"\(")):
        new_span(TEXT, start, end, label, LABELS)


def test_check_spans_recomputes_text_sorts_and_refuses_overlaps() -> None:
    spans = [Span(29, 35, "stale", "GPE"), Span(0, 10, "", "PERSON", "model", "ann", "t")]
    checked = check_spans(TEXT, spans, LABELS)
    assert [(s.start, s.end, s.text) for s in checked] == [(0, 9, "Joe Biden"), (29, 35, "Berlin")]
    assert checked[0].annotator == "ann" and checked[0].origin == "model"
    with pytest.raises(SpanError, match="'Joe Biden' \\(0-9\\) and 'Biden' \\(4-9\\) overlap"):
        check_spans(TEXT, [Span(0, 9, "", "PERSON"), Span(4, 9, "", "PERSON")], LABELS)


def test_a_new_span_replaces_exactly_what_it_overlaps() -> None:
    spans = (
        new_span(TEXT, 0, 3, "PERSON", LABELS),
        new_span(TEXT, 4, 9, "PERSON", LABELS),
        new_span(TEXT, 29, 35, "GPE", LABELS),
    )
    new = new_span(TEXT, 0, 9, "PERSON", LABELS)
    assert [s.text for s in overlapping(spans, new.start, new.end)] == ["Joe", "Biden"]
    after = with_span(spans, new)
    assert [s.text for s in after] == ["Joe Biden", "Berlin"]
    assert [s.text for s in spans] == ["Joe", "Biden", "Berlin"]  # given spans untouched
    assert overlapping(spans, 9, 29) == ()  # touching is not overlapping


def test_relabel_and_remove_one_span() -> None:
    spans = (new_span(TEXT, 37, 41, "PERSON", LABELS, origin="model"),)
    relabelled = relabel_span(spans, 37, 41, "GPE", LABELS)
    assert [(s.label, s.origin) for s in relabelled] == [("GPE", "human")]
    assert remove_span(relabelled, 37, 41) == ()
    with pytest.raises(SpanError, match="no span at 0-9; the article's spans are at: 37-41"):
        remove_span(spans, 0, 9)
    with pytest.raises(SpanError, match="unknown label 'CITY'"):
        relabel_span(spans, 37, 41, "CITY", LABELS)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Kyiv", ["Kyiv", "Kyiv"]),  # not the start of "Kyivans"
        (" Kyiv ", ["Kyiv", "Kyiv"]),
        ("U.S.", ["U.S."]),
        ("Olaf Scholz", ["Olaf Scholz"]),
        ("kyiv", []),  # case counts
        ("Bid", []),  # whole words only
        ("", []),
    ],
)
def test_find_phrase_matches_whole_words(phrase, expected) -> None:
    assert [TEXT[s:e] for s, e in find_phrase(TEXT, phrase)] == expected


def test_label_phrase_all_or_one_occurrence() -> None:
    every = label_phrase(TEXT, (), "Kyiv", "GPE", LABELS)
    assert [(s.start, s.text) for s in every] == [(37, "Kyiv"), (TEXT.rindex("Kyiv"), "Kyiv")]
    second = label_phrase(TEXT, (), "Kyiv", "GPE", LABELS, occurrence=1)
    assert [s.start for s in second] == [TEXT.rindex("Kyiv")]
    with pytest.raises(SpanError, match="occurs 2 time"):
        label_phrase(TEXT, (), "Kyiv", "GPE", LABELS, occurrence=2)
    with pytest.raises(SpanError, match="'Paris' does not occur"):
        label_phrase(TEXT, (), "Paris", "GPE", LABELS)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("label\nAID_TYPE\nDONOR\n", ("AID_TYPE", "DONOR")),
        ("\ufefflabel,description\n AID_TYPE ,kind of aid\nAID_TYPE,again\n", ("AID_TYPE",)),
    ],
)
def test_labels_csv_adds_labels(tmp_path, model_name, content, expected) -> None:
    (tmp_path / "labels.csv").write_text(content, encoding="utf-8")
    assert read_labels_csv(tmp_path / "labels.csv") == expected
    labels = known_labels(tmp_path, model_name)
    assert labels[: len(model_labels(model_name))] == model_labels(model_name)
    assert labels[len(model_labels(model_name)) :] == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name\nDONOR\n", "needs a column named 'label'"),
        ("label\nDONOR\n\n  \n", "row 4, column 'label': empty label"),
    ],
)
def test_a_bad_labels_csv_is_reported(tmp_path, content, message) -> None:
    (tmp_path / "labels.csv").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_labels_csv(tmp_path / "labels.csv")
