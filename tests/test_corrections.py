"""Corrections win: the overlay on the model's entities, and corpus-wide relabel/remove."""

from __future__ import annotations

import pandas as pd
import pytest

from aidlens.annotations.corrections import (
    apply_corrections,
    apply_everywhere,
    model_spans,
    preview_everywhere,
    working_spans,
)
from aidlens.annotations.state import ConflictError
from aidlens.corpus.canonical import load_aliases
from aidlens.errors import SpanError
from tests.store_helpers import TEXTS, make_folder, open_store, sp

COLUMNS = ["article_id", "start", "end", "text", "label", "canonical"]


def entity_rows(*rows: tuple[str, str, str, int]) -> pd.DataFrame:
    """Return a model entities table from (article, phrase, label, nth) rows."""
    out = []
    for article, phrase, label, nth in rows:
        s = sp(article, phrase, "GPE", nth)
        out.append((article, s.start, s.end, s.text, label, phrase.removeprefix("The ")))
    return pd.DataFrame(out, columns=COLUMNS)


@pytest.fixture
def entities() -> pd.DataFrame:
    return entity_rows(
        ("a1", "Joe Biden", "PERSON", 0),
        ("a1", "Berlin", "GPE", 0),
        ("a2", "The European Union", "ORG", 0),
        ("a2", "Kyiv", "PERSON", 1),
        ("a3", "Kyiv", "PERSON", 0),
        ("a3", "NATO", "ORG", 0),
    )


@pytest.fixture
def store(tmp_path):
    return open_store(make_folder(tmp_path / "data"))


def test_untouched_articles_start_from_the_model(store, entities) -> None:
    spans = working_spans(store.get("a3"), entities)
    assert [(s.text, s.label, s.origin) for s in spans] == [
        ("NATO", "ORG", "model"),
        ("Kyiv", "PERSON", "model"),
    ]
    assert model_spans(entities, "a4") == ()
    saved = store.save("a3", [], annotator="a", base_revision=0)
    assert working_spans(saved, entities) == ()  # touched with no entities stays empty


def test_overlay_replaces_touched_articles_and_recomputes_canonical(store, entities) -> None:
    original = entities.copy()
    store.save(
        "a2",
        [sp("a2", "European Union", "ORG"), sp("a2", "Kyiv", "GPE"), sp("a2", "Kyiv", "GPE", 1)],
        annotator="a",
        base_revision=0,
    )
    store.save("a3", [], annotator="a", base_revision=0)
    store.save("a4", [sp("a4", "Tallinn", "GPE")], annotator="a", base_revision=0)
    out = apply_corrections(entities, store, load_aliases())
    pd.testing.assert_frame_equal(entities, original)  # the caller's frame is untouched
    assert list(out.columns) == COLUMNS
    rows = [
        tuple(r) for r in out[["article_id", "text", "label", "canonical"]].itertuples(index=False)
    ]
    assert rows == [
        ("a1", "Joe Biden", "PERSON", "Joe Biden"),
        ("a1", "Berlin", "GPE", "Berlin"),
        ("a2", "European Union", "ORG", "European Union"),
        ("a2", "Kyiv", "GPE", "Kyiv"),
        ("a2", "Kyiv", "GPE", "Kyiv"),
        ("a4", "Tallinn", "GPE", "Tallinn"),
    ]
    assert out["start"].dtype == "int64"
    for r in out.itertuples():
        assert TEXTS[r.article_id][r.start : r.end] == r.text


def test_overlay_of_an_empty_store_is_the_model_table(store, entities) -> None:
    out = apply_corrections(entities, store, load_aliases())
    pd.testing.assert_frame_equal(
        out, entities.sort_values(["article_id", "start"]).reset_index(drop=True)
    )


def test_apply_to_every_article_previews_then_saves_in_one_go(store, entities) -> None:
    store.save(
        "a2",
        [sp("a2", "Kyiv", "PERSON", 1), sp("a2", "Brussels", "GPE")],
        annotator="a",
        base_revision=0,
    )
    changes = preview_everywhere(store, entities, "Kyiv", "GPE")
    assert [(c.article_id, c.base_revision, c.changed) for c in changes] == [
        ("a2", 1, 1),
        ("a3", 0, 1),
    ]
    assert store.get("a3").revision == 0  # a preview saves nothing
    states = apply_everywhere(store, changes, annotator="bob")
    assert [s.revision for s in states] == [2, 1]
    a3 = store.get("a3").spans
    assert [(s.text, s.label, s.origin) for s in a3] == [
        ("NATO", "ORG", "model"),
        ("Kyiv", "GPE", "human"),
    ]
    assert preview_everywhere(store, entities, "Kyiv", "GPE") == ()
    removed = apply_everywhere(
        store, preview_everywhere(store, entities, "Kyiv", None), annotator="b"
    )
    assert [s.article_id for s in removed] == ["a2", "a3"]
    assert all(s.text != "Kyiv" for a in ("a2", "a3") for s in store.get(a).spans)


def test_apply_to_every_article_refuses_a_stale_preview_or_unknown_label(store, entities) -> None:
    changes = preview_everywhere(store, entities, "Kyiv", "GPE")
    store.save("a3", [], annotator="other", base_revision=0)
    with pytest.raises(ConflictError) as err:
        apply_everywhere(store, changes, annotator="bob")
    assert [c.article_id for c in err.value.conflicts] == ["a3"]
    assert store.get("a2").revision == 0  # all or nothing
    with pytest.raises(SpanError, match="unknown label 'CITY'"):
        preview_everywhere(store, entities, "Kyiv", "CITY")
