"""The key of the built tables: a change to what they are built from makes a new one, and the
dataset, checked against it, is written again with the change in it."""

from __future__ import annotations

import os
import shutil

import pandas as pd
import pytest

from aidlens.amounts import LINK_MODEL
from aidlens.corpus.articles import load_corpus
from aidlens.corpus.canonical import load_aliases
from aidlens.pipeline import model_id
from aidlens.processing import dataset_root, ensure_dataset, read_manifest
from aidlens.processing.dataset_key import dataset_key
from aidlens.processing.process import missing_texts, open_cache, run_pipeline


@pytest.fixture
def folder(tmp_path, small_data_dir):
    """Return a writable processed copy of the small corpus."""
    dest = tmp_path / "d"
    shutil.copytree(small_data_dir, dest)
    return dest


def _key(folder, model_name):
    """Return the folder's corpus, cache and table key."""
    corpus = load_corpus(folder / "articles.csv")
    cache = open_cache(folder, model_id(model_name))
    return corpus, cache, dataset_key(corpus, cache, folder)


def test_an_unchanged_folder_keeps_its_key(folder, model_name) -> None:
    assert _key(folder, model_name)[2] == _key(folder, model_name)[2]
    assert read_manifest(dataset_root(folder))["key"] == _key(folder, model_name)[2]


@pytest.mark.parametrize("change", ["aliases", "rates", "articles"])
def test_a_change_makes_a_new_key_and_dataset(folder, model_name, nlp, change) -> None:
    _, _, before = _key(folder, model_name)
    if change == "aliases":
        (folder / "aliases.csv").write_text("alias,canonical\nBlinken,Antony Blinken\n", "utf-8")
    elif change == "rates":
        (folder / "rates.csv").write_text("year,currency,usd_per_unit\n2023,EUR,2.0\n", "utf-8")
    else:
        text = (folder / "articles.csv").read_text("utf-8").replace("2023-01-05", "2023-01-06")
        (folder / "articles.csv").write_text(text, "utf-8")
    corpus, cache, after = _key(folder, model_name)
    run_pipeline(missing_texts(corpus, cache), nlp=nlp, cache=cache)
    assert after != before
    dataset = ensure_dataset(corpus, cache, load_aliases(folder))
    assert dataset.key == after == read_manifest(dataset_root(folder))["key"]
    if change == "aliases":
        names = set()
        for month in dataset.partitions:
            names |= set(pd.read_parquet(dataset.files("names", [month])[0])["canonical"])
        assert "Antony Blinken" in names


def test_a_retrained_link_model_makes_a_new_key(folder, model_name) -> None:
    # The linker's trees decide the commitment ids: a snapshot built with the old ones is stale.
    before = _key(folder, model_name)[2]
    stat = LINK_MODEL.stat()
    try:
        os.utime(LINK_MODEL, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert _key(folder, model_name)[2] != before
    finally:
        os.utime(LINK_MODEL, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _key(folder, model_name)[2] == before
