"""Shared fixtures: the real pipeline, and processed data folders built from real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aidlens.amounts.extractor import AmountExtractor
from aidlens.corpus import load_corpus
from aidlens.corpus.canonical import load_aliases
from aidlens.corpus.snapshot import load_corpus_cached
from aidlens.pipeline import load_pipeline, model_id, resolve_model_name
from aidlens.processing.dataset import ensure_dataset
from aidlens.processing.process import (
    build_results,
    missing_texts,
    open_cache,
    run_pipeline,
    write_outputs,
)

ROOT = Path(__file__).resolve().parent.parent
SMALL_CSV = ROOT / "tests" / "data" / "small_articles.csv"
SAMPLE_CSV = ROOT / "sample_data" / "articles.csv"


@pytest.fixture(scope="session", autouse=True)
def _dask_workers_without_profiler():
    """Every cluster a test starts has no profiler thread (see distributed.no_profiler)."""
    from aidlens.processing.distributed import no_profiler

    with no_profiler():
        yield


@pytest.fixture(scope="session")
def model_name() -> str:
    """Return the installed pipeline's name."""
    return resolve_model_name()


@pytest.fixture(scope="session")
def nlp(model_name):
    """Return the real spaCy pipeline, loaded once per test session."""
    return load_pipeline(model_name)


def make_data_dir(src: Path, dest: Path, nlp, model_name: str) -> Path:
    """Copy an articles CSV into `dest` and process it, as `python -m aidlens process` does."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, dest / "articles.csv")
    corpus = load_corpus_cached(dest / "articles.csv", dest / "cache")  # as process reads it
    cache = open_cache(dest, model_id(model_name))
    run_pipeline(missing_texts(corpus, cache), nlp=nlp, cache=cache)
    write_outputs(build_results(corpus, cache, load_aliases(dest)), dest)
    ensure_dataset(corpus, cache, load_aliases(dest))  # the monthly Parquet dataset, as process
    return dest


@pytest.fixture(scope="session")
def small_data_dir(tmp_path_factory, nlp, model_name) -> Path:
    """Return a processed data folder holding the small hostile test corpus (do not modify)."""
    return make_data_dir(SMALL_CSV, tmp_path_factory.mktemp("small"), nlp, model_name)


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory, nlp, model_name) -> Path:
    """Return a processed copy of sample_data/ (do not modify)."""
    return make_data_dir(SAMPLE_CSV, tmp_path_factory.mktemp("sample"), nlp, model_name)


def open_dataset(folder: Path, model_name: str):
    """Return a processed folder's dataset with what it is built from: (dataset, corpus, cache,
    aliases)."""
    corpus = load_corpus(folder / "articles.csv")
    cache = open_cache(folder, model_id(model_name))
    aliases = load_aliases(folder)
    return ensure_dataset(corpus, cache, aliases), corpus, cache, aliases


def copy_without(folder: Path, dest: Path, *derived: str) -> Path:
    """Return a writable copy of a processed folder at `dest` without the named files of its
    dataset (cache/dataset/NAME): derived copies a test wants made again."""
    shutil.copytree(folder, dest)
    for name in derived:
        (dest / "cache" / "dataset" / name).unlink(missing_ok=True)
    return dest


def sample_without(*derived: str):
    """Return a fixture giving a writable copy of the processed sample without the named files
    of its dataset (cache/dataset/NAME), for a test module to name `folder`."""

    @pytest.fixture
    def folder(sample_data_dir, tmp_path) -> Path:
        """Return a writable copy of the processed sample without the derived files named."""
        return copy_without(sample_data_dir, tmp_path / "data", *derived)

    return folder


@pytest.fixture
def fresh_small_dir(tmp_path, small_data_dir) -> Path:
    """Return a writable copy of the processed small data folder."""
    dest = tmp_path / "data"
    shutil.copytree(small_data_dir, dest)
    return dest


@pytest.fixture(scope="module")
def amount_rows(nlp):
    """Return sentence -> {amount text: row}, with the real pipeline's amount rules alone."""
    amounts = AmountExtractor(nlp.vocab, aid_model=None)  # the learned check has its own tests
    return lambda text: {r["text"]: r for r in amounts(nlp(text))}


def repeated_sample(sample_data_dir: Path, folder: Path, articles: int, seed: int) -> Path:
    """Write `articles` articles reusing the sample's texts into `folder`, with the sample's
    cache but no dataset (so no NLP is redone and the dataset is built afresh); return it."""
    from aidlens.bench.synthetic import repeated_articles
    from aidlens.corpus import load_corpus

    folder.mkdir(parents=True)
    frame = repeated_articles(
        load_corpus(sample_data_dir / "articles.csv").frame, articles, seed=seed
    )
    frame.to_csv(folder / "articles.csv", index=False)
    shutil.copytree(sample_data_dir / "cache", folder / "cache")
    shutil.rmtree(folder / "cache" / "dataset", ignore_errors=True)
    return folder
