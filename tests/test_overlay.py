"""The overlay always equals apply_corrections on the whole corpus, save after save."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pandas as pd
import pytest

from aidlens.annotations import overlay as overlay_module
from aidlens.annotations.corrections import apply_corrections, model_spans
from aidlens.annotations.overlay import CorrectionOverlay, splice
from aidlens.annotations.spans import known_labels
from aidlens.annotations.store import AnnotationStore, Edit
from aidlens.corpus.articles import load_corpus
from aidlens.corpus.canonical import load_aliases
from aidlens.pipeline import model_id
from aidlens.processing.process import build_results, open_cache


@pytest.fixture
def world(tmp_path, sample_data_dir, model_name):
    """Return (model entities, store, aliases) on a writable copy of the processed sample."""
    folder = tmp_path / "data"
    shutil.copytree(sample_data_dir, folder)
    corpus = load_corpus(folder / "articles.csv")
    aliases = load_aliases(folder)
    entities = build_results(corpus, open_cache(folder, model_id(model_name)), aliases).entities
    texts = dict(zip(corpus.frame["id"], corpus.frame["text"], strict=True))
    store = AnnotationStore(folder, texts, known_labels(folder, model_name))
    return entities, store, aliases


def relabelled(spans, label):
    """Return the spans with the first one relabelled."""
    return (replace(spans[0], label=label), *spans[1:])


def edits(entities, store):
    """Yield (what, action) steps that each change the store."""
    ids = list(dict.fromkeys(entities["article_id"]))
    a, b, c = ids[0], ids[1], ids[-1]
    yield (
        "save a",
        lambda: store.save(a, model_spans(entities, a)[1:], annotator="t", base_revision=0),
    )
    yield (
        "save b",
        lambda: store.save(
            b, relabelled(model_spans(entities, b), "ORG"), annotator="t", base_revision=0
        ),
    )
    yield (
        "save a again",
        lambda: store.save(
            a, (), annotator="t", base_revision=store.get(a).revision, status="done"
        ),
    )
    yield "undo b", lambda: store.undo(b, "t")
    yield (
        "save a and c at once",
        lambda: store.save_many(
            [
                Edit(a, model_spans(entities, a), store.get(a).revision),
                Edit(c, model_spans(entities, c)[:1], 0),
            ],
            annotator="t",
        ),
    )


@pytest.mark.parametrize("rebuild_after", [500, 0])
def test_overlay_matches_a_full_rebuild(world, monkeypatch, rebuild_after) -> None:
    entities, store, aliases = world
    monkeypatch.setattr(overlay_module, "FULL_REBUILD_AFTER", rebuild_after)
    overlay = CorrectionOverlay(entities, aliases)
    assert overlay.entities(store).equals(apply_corrections(entities, store, aliases))
    for what, step in edits(entities, store):
        step()
        expected = apply_corrections(entities, store, aliases)
        got = overlay.entities(store)
        assert got.equals(expected), what
        assert list(got.dtypes) == list(expected.dtypes), what


def test_an_unchanged_store_returns_the_same_table(world) -> None:
    entities, store, aliases = world
    overlay = CorrectionOverlay(entities, aliases)
    first = overlay.entities(store)
    assert overlay.entities(store) is first


def frame(*rows):
    """Return an entities-like table from (article_id, start) rows."""
    return pd.DataFrame({"article_id": [a for a, _ in rows], "start": [s for _, s in rows]}).astype(
        {"article_id": "str"}
    )


@pytest.mark.parametrize(
    ("fresh", "articles", "expected"),
    [
        ([("a0", 1)], ["a0"], [("a0", 1), ("b", 1), ("b", 5), ("d", 2)]),  # new, first
        ([("c", 3)], ["c"], [("b", 1), ("b", 5), ("c", 3), ("d", 2)]),  # new, between
        ([("b", 9)], ["b"], [("b", 9), ("d", 2)]),  # replaced
        ([], ["d"], [("b", 1), ("b", 5)]),  # emptied, last
        ([("e", 0), ("e", 4)], ["e", "b"], [("d", 2), ("e", 0), ("e", 4)]),  # two at once
        ([], ["b", "d"], []),
    ],
)
def test_splice_keeps_the_table_sorted(fresh, articles, expected) -> None:
    table = frame(("b", 1), ("b", 5), ("d", 2))
    got, ids = splice(table, frame(*fresh), articles)
    assert list(got.itertuples(index=False, name=None)) == expected
    assert list(got.index) == list(range(len(expected)))
    assert list(ids) == [a for a, _ in expected]
