"""The result snapshot: read on a second start, built anew when what it depends on changes."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from aidlens.corpus.articles import load_corpus
from aidlens.corpus.canonical import load_aliases
from aidlens.pipeline import model_id
from aidlens.processing import snapshot
from aidlens.processing.process import build_results, missing_texts, open_cache, run_pipeline


@pytest.fixture
def folder(tmp_path, small_data_dir):
    """Return a writable processed copy of the small corpus."""
    dest = tmp_path / "d"
    shutil.copytree(small_data_dir, dest)
    return dest


def results_of(folder, model_name):
    corpus = load_corpus(folder / "articles.csv")
    cache = open_cache(folder, model_id(model_name))
    return (
        corpus,
        cache,
        snapshot.cached_results(corpus, cache, load_aliases(folder), data_dir=folder),
    )


def test_second_start_reads_the_snapshot(folder, model_name, monkeypatch) -> None:
    corpus, cache, first = results_of(folder, model_name)
    assert len(list((cache.dir / "results").glob("*.parquet"))) == 2

    def refuse(*args, **kwargs):
        raise AssertionError("built again although the snapshot was there")

    monkeypatch.setattr(snapshot, "build_results", refuse)
    _, _, second = results_of(folder, model_name)
    built = build_results(corpus, cache, load_aliases(folder))
    for table in ("entities", "amounts"):
        pd.testing.assert_frame_equal(
            getattr(second, table), getattr(built, table), check_dtype=False
        )
        pd.testing.assert_frame_equal(
            getattr(second, table), getattr(first, table), check_dtype=False
        )


@pytest.mark.parametrize("change", ["aliases", "articles"])
def test_a_change_builds_anew(folder, model_name, nlp, change) -> None:
    corpus, cache, _ = results_of(folder, model_name)
    before = snapshot.snapshot_key(corpus, cache, folder)
    if change == "aliases":
        (folder / "aliases.csv").write_text("alias,canonical\nBlinken,Antony Blinken\n", "utf-8")
    else:
        text = (folder / "articles.csv").read_text("utf-8").replace("2023-01-05", "2023-01-06")
        (folder / "articles.csv").write_text(text, "utf-8")
    corpus, cache, after = results_of(folder, model_name)
    run_pipeline(missing_texts(corpus, cache), nlp=nlp, cache=cache)
    assert snapshot.snapshot_key(corpus, cache, folder) != before
    assert len(list((cache.dir / "results").glob("*.parquet"))) == 2  # the old one is gone
    if change == "aliases":
        assert "Antony Blinken" in set(after.entities["canonical"])


def test_damaged_snapshot_is_rebuilt(folder, model_name) -> None:
    _, cache, first = results_of(folder, model_name)
    for path in (cache.dir / "results").glob("*-entities.parquet"):
        path.write_bytes(b"not parquet")
    _, _, again = results_of(folder, model_name)
    pd.testing.assert_frame_equal(again.entities, first.entities, check_dtype=False)
