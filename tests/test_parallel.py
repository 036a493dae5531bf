"""--n-process N: forked workers commit the very rows one process commits."""

from __future__ import annotations

import shutil

import pytest

from aidlens import cli
from aidlens.corpus.articles import load_corpus
from aidlens.pipeline import model_id
from aidlens.processing.parallel import can_fork, partitions
from aidlens.processing.process import missing_texts, open_cache, run_pipeline
from tests.conftest import SAMPLE_CSV

pytestmark = pytest.mark.skipif(not can_fork(), reason="forked workers need fork()")


def cached_rows(folder, model_name, table):
    """Return a cache table sorted so that two runs compare equal."""
    frame = open_cache(folder, model_id(model_name)).load(table)
    return frame.sort_values(["text_hash", "start"]).reset_index(drop=True)


@pytest.mark.parametrize("n_process", [2, 3])
def test_forked_workers_commit_the_same_rows(tmp_path, nlp, model_name, n_process) -> None:
    one, many = tmp_path / "one", tmp_path / "many"
    for folder in (one, many):
        folder.mkdir()
        shutil.copy(SAMPLE_CSV, folder / "articles.csv")
    for folder, n in ((one, 1), (many, n_process)):
        corpus = load_corpus(folder / "articles.csv")
        cache = open_cache(folder, model_id(model_name))
        seen = []
        done = run_pipeline(
            missing_texts(corpus, cache),
            nlp=nlp,
            cache=cache,
            n_process=n,
            commit_every=10,
            progress=lambda d, t, seen=seen: seen.append((d, t)),
        )
        assert done == corpus.frame["text_hash"].nunique()
        assert seen[-1] == (done, done)
        assert missing_texts(corpus, cache) == {}
    for table in ("entities", "amounts"):
        assert cached_rows(many, model_name, table).equals(cached_rows(one, model_name, table))


def test_cli_n_process_2_writes_the_same_files(tmp_path) -> None:
    for name, extra in (("one", []), ("two", ["--n-process", "2"])):
        (tmp_path / name).mkdir()
        shutil.copy(SAMPLE_CSV, tmp_path / name / "articles.csv")
        assert cli.main(["process", str(tmp_path / name / "articles.csv"), *extra]) == 0
    for out in ("entities.csv", "amounts.csv"):
        assert (tmp_path / "two" / out).read_bytes() == (tmp_path / "one" / out).read_bytes()


@pytest.mark.parametrize(
    ("count", "size", "expected"), [(0, 4, []), (5, 2, [2, 2, 1]), (3, 9, [3])]
)
def test_partitions(count, size, expected) -> None:
    texts = {f"h{i}": f"t{i}" for i in range(count)}
    parts = list(partitions(texts, size))
    assert [len(p) for p in parts] == expected
    assert [h for p in parts for h, _ in p] == list(texts)
