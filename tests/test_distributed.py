"""The Dask engine: two local worker processes write what a local run writes, cache included."""

from __future__ import annotations

import re
import shutil

import dask
import pytest

from aidlens import cli
from aidlens.corpus.articles import load_corpus
from aidlens.pipeline import model_id
from aidlens.processing import distributed as dist
from aidlens.processing.process import missing_texts, open_cache
from aidlens.processing.shared import SharedDataset, plan_parts
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
    # The workers committed one partition per month to cache/dask; the client read them back
    # into the cache as one chunk.
    assert len(list((remote / "cache" / "dask").glob("results/*/month=*/*/_COMMITTED-*"))) == 4
    assert len(cache.signature()) == 1
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


def _exit_at_first_marker() -> None:
    """In a worker process: die where a commit writes its marker, after its data files."""
    import os

    from aidlens.processing import shared

    shared.write_marker = lambda *_: os._exit(1)


def test_a_task_of_a_killed_worker_is_retried_and_its_leftovers_removed(
    tmp_path, capsys, model_name
) -> None:
    from distributed import Client, LocalCluster

    shutil.copy(SMALL_CSV, tmp_path / "articles.csv")
    args = ["process", str(tmp_path / "articles.csv"), "--engine", "dask", "--partition-size", "1"]
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        client.run(_exit_at_first_marker)
        assert cli.main([*args, "--scheduler", cluster.scheduler_address]) == 0
    said = capsys.readouterr()
    assert "4 partitions processed" in said.out
    assert "no commit marker (its writer stopped before the end)" in said.err
    store = SharedDataset(str(tmp_path / "cache" / "dask"), model_id(model_name).slug)
    folders = store.fs.glob(f"{store.root}/results/*/month=*/*")
    assert len(folders) == 4 and all(len(store.fs.ls(f)) == 4 for f in folders)


def test_a_killed_worker_leaves_no_partial_partition_and_the_rerun_resumes(
    tmp_path, capsys, model_name
) -> None:
    import dask
    from distributed import Client, LocalCluster

    shutil.copy(SMALL_CSV, tmp_path / "articles.csv")
    args = ["process", str(tmp_path / "articles.csv"), "--engine", "dask", "--partition-size", "1"]
    store = SharedDataset(str(tmp_path / "cache" / "dask"), model_id(model_name).slug)
    frame = load_corpus(tmp_path / "articles.csv").frame
    parts = [p for p, _ in plan_parts(frame, set(frame["text_hash"]), 1)]
    # No retry on another worker: the killed task fails the run, which stops half way.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        client.run(_exit_at_first_marker)
        assert cli.main([*args, "--scheduler", cluster.scheduler_address]) == 2
        err = capsys.readouterr().err
        assert "KilledWorker" in err and "run the same command again to resume" in err
        failed = int(re.search(r"(\d+) of 4 partitions failed", err).group(1))
        unsound = [p for p in parts if store.committed(p)[0] is None]
        assert len(unsound) == failed >= 1
        # The killed writer's data files are there, its marker is not: no partition to read.
        killed = [p for p in unsound if store.fs.exists(store.result_dir(p))]
        assert len(killed) == 1 and len(store.fs.ls(store.result_dir(killed[0]))) == 3
        cache = open_cache(tmp_path, model_id(model_name))
        assert len(missing_texts(load_corpus(tmp_path / "articles.csv"), cache)) == failed
        # The nanny restarted the worker (without the fault): the rerun does what is left.
        assert cli.main([*args, "--scheduler", cluster.scheduler_address]) == 0
    assert f"{failed} partitions processed, 0 found committed" in capsys.readouterr().out
    assert all(store.committed(p)[0] is not None for p in parts)
    assert len(store.fs.ls(store.result_dir(killed[0]))) == 4  # the killed writer's files went
    assert missing_texts(load_corpus(tmp_path / "articles.csv"), cache) == {}


def test_local_workers_run_without_the_profiler() -> None:
    # Its sys._current_frames() can deadlock Python 3.11 against the GC (dask/distributed#8616).
    with dask.config.set({"distributed.worker.profile.enabled": True}), dist.connect(None) as c:
        profiled = c.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks)
    assert len(profiled) == dist.LOCAL_WORKERS
    assert not any(profiled.values())
