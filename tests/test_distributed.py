"""The Dask engine: two local workers write what a local run writes, cache included."""

from __future__ import annotations

import shutil

import pytest

from aidlens import cli
from aidlens.corpus.articles import load_corpus
from aidlens.pipeline import model_id
from aidlens.processing import distributed as dist
from aidlens.processing.process import missing_texts, open_cache
from tests.conftest import SMALL_CSV

OUTPUTS = ("entities.csv", "amounts.csv")


def test_dask_engine_writes_the_same_outputs_and_cache(tmp_path, model_name) -> None:
    local, remote = tmp_path / "local", tmp_path / "dask"
    for folder in (local, remote):
        folder.mkdir()
        shutil.copy(SMALL_CSV, folder / "articles.csv")
    assert cli.main(["process", str(local / "articles.csv")]) == 0
    args = ["process", str(remote / "articles.csv"), "--engine", "dask", "--partition-size", "2"]
    assert cli.main(args) == 0
    for name in OUTPUTS:
        if (local / name).exists():
            assert (remote / name).read_bytes() == (local / name).read_bytes(), name
    assert (remote / "entities.csv").exists()
    cache = open_cache(remote, model_id(model_name))
    assert missing_texts(load_corpus(remote / "articles.csv"), cache) == {}
    assert len(cache.signature()) == 2  # one committed chunk per partition of two texts
    rows = cache.load("entities").sort_values(["text_hash", "start"]).reset_index(drop=True)
    local_cache = open_cache(local, model_id(model_name))
    expected = local_cache.load("entities").sort_values(["text_hash", "start"])
    assert rows.equals(expected.reset_index(drop=True))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:9"], "needs --engine dask"),
        (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"], "cannot reach the Dask"),
    ],
)
def test_bad_scheduler_options_exit_2(tmp_path, capsys, monkeypatch, extra, message) -> None:
    monkeypatch.setattr(dist, "CONNECT_TIMEOUT_S", 2)
    shutil.copy(SMALL_CSV, tmp_path / "articles.csv")
    assert cli.main(["process", str(tmp_path / "articles.csv"), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "entities.csv").exists()


def test_a_scheduler_without_workers_exits_2(tmp_path, capsys, monkeypatch) -> None:
    from distributed import LocalCluster

    monkeypatch.setattr(dist, "CONNECT_TIMEOUT_S", 2)
    shutil.copy(SMALL_CSV, tmp_path / "articles.csv")
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster:
        args = ["--engine", "dask", "--scheduler", cluster.scheduler_address]
        assert cli.main(["process", str(tmp_path / "articles.csv"), *args]) == 2
    assert "no Dask worker joined" in capsys.readouterr().err
    assert not (tmp_path / "entities.csv").exists()
