"""`process --engine dask` through a shared dataset: workers read and write the partitions.

On an in-process two-worker cluster (the memory filesystem is shared only in one process):
the outputs and the cache are a local run's, from a local folder and from an fsspec URL; tasks
carry names, not texts; a task that dies before its marker leaves no partition and the next run
does only what is missing; damaged partitions are found by their marker and built again.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import threading
import uuid
from pathlib import Path

import fsspec
import pytest

from aidlens import cli
from aidlens.corpus import load_corpus
from aidlens.pipeline import model_id
from aidlens.processing import open_cache
from aidlens.processing import shared as shared_mod
from aidlens.processing.shared import SharedDataset, plan_parts
from tests.conftest import SAMPLE_CSV, SMALL_CSV

OUTPUTS = ("entities.csv", "amounts.csv")


@pytest.fixture(scope="module")
def scheduler() -> str:
    """Yield the address of an in-process cluster of two one-thread workers."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def _local_cli_run(processed: Path, dest: Path) -> Path:
    """Return a copy of a processed folder after `process` (all from its cache), as a reference."""
    shutil.copytree(processed, dest)
    assert cli.main(["process", str(dest / "articles.csv")]) == 0
    return dest


@pytest.fixture(scope="module")
def sample_local(sample_data_dir, tmp_path_factory) -> Path:
    """Return the sample as a local `process` leaves it."""
    return _local_cli_run(sample_data_dir, tmp_path_factory.mktemp("local") / "sample")


@pytest.fixture(scope="module")
def small_local(small_data_dir, tmp_path_factory) -> Path:
    """Return the small corpus as a local `process` leaves it."""
    return _local_cli_run(small_data_dir, tmp_path_factory.mktemp("local") / "small")


@pytest.fixture(scope="module")
def sample_dask(scheduler, tmp_path_factory) -> tuple[Path, list, str]:
    """Return the sample processed on the cluster (do not modify), its tasks and stdout."""
    from distributed import Client

    submitted = []
    real_submit = Client.submit

    def submit(self, fn, *args, **kwargs):
        submitted.append(args)
        return real_submit(self, fn, *args, **kwargs)

    folder = _folder(tmp_path_factory.mktemp("dask"), "sample")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "submit", submit)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert _process(folder, scheduler) == 0
    return folder, submitted, out.getvalue()


@pytest.fixture
def memory_url():
    """Yield a fresh memory:// URL, removed afterwards."""
    url = f"memory://aidlens-test/{uuid.uuid4().hex}"
    yield url
    fs, root = fsspec.core.url_to_fs(url)
    if fs.exists(root):
        fs.rm(root, recursive=True)


def _folder(tmp_path: Path, name: str, src: Path = SAMPLE_CSV) -> Path:
    """Return a new data folder holding a copy of `src` as articles.csv."""
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(src, folder / "articles.csv")
    return folder


def _process(folder: Path, scheduler: str, *extra: str) -> int:
    """Run `process --engine dask` on the folder against the cluster; return the exit code."""
    args = ["process", str(folder / "articles.csv"), "--engine", "dask", "--scheduler", scheduler]
    return cli.main([*args, *extra])


def _assert_like_local(folder: Path, local: Path, model_name: str) -> None:
    """Assert the folder's exports and cached rows are those of the local run in `local`."""
    for name in OUTPUTS:
        assert (folder / name).read_bytes() == (local / name).read_bytes(), name
    for table, keys in (("entities", ["text_hash", "start"]), ("amounts", ["text_hash", "start"])):
        got = open_cache(folder, model_id(model_name)).load(table)
        want = open_cache(local, model_id(model_name)).load(table)
        got = got.sort_values(keys, ignore_index=True)[sorted(want.columns)]
        assert got.equals(want.sort_values(keys, ignore_index=True)[sorted(want.columns)]), table


def _shared(url: str, model_name: str) -> SharedDataset:
    """Return the shared dataset at `url` for the test pipeline."""
    return SharedDataset(url, model_id(model_name).slug)


def _parts(folder: Path, size: int = 64):
    """Return the partitions a run plans for every text of the folder's corpus."""
    frame = load_corpus(folder / "articles.csv").frame
    return [part for part, _ in plan_parts(frame, set(frame["text_hash"]), size)]


def test_a_local_folder_gives_a_local_runs_outputs_and_no_text_goes_in_a_task(
    sample_dask, sample_local, model_name
) -> None:
    folder, submitted, out = sample_dask
    _assert_like_local(folder, sample_local, model_name)
    parts = _parts(folder)
    assert len(submitted) == len(parts) > 10  # one task per partition: a month, here
    texts = load_corpus(folder / "articles.csv").frame["text"]
    sent = repr(submitted)
    assert not [t for t in texts if t[:80] in sent]  # names and the URL only
    shared = _shared(str(folder / "cache" / "dask"), model_name)
    assert all(shared.committed(p)[0] is not None for p in parts)
    assert f"{len(parts)} partitions processed, 0 found committed" in out


def test_an_fsspec_url_gives_the_same_and_a_new_cache_reuses_its_partitions(
    tmp_path, scheduler, small_local, model_name, memory_url, capsys
) -> None:
    folder = _folder(tmp_path, "dask", SMALL_CSV)
    assert _process(folder, scheduler, "--dataset", memory_url, "--partition-size", "1") == 0
    _assert_like_local(folder, small_local, model_name)
    assert not (folder / "cache" / "dask").exists()
    fs, root = fsspec.core.url_to_fs(memory_url)
    assert fs.glob(f"{root}/results/*/month=*/*/_COMMITTED-*.json")
    # Another data folder with the same corpus: every partition is read, none is processed.
    again = _folder(tmp_path, "again", SMALL_CSV)
    capsys.readouterr()
    assert _process(again, scheduler, "--dataset", memory_url, "--partition-size", "1") == 0
    expected = f"0 partitions processed, {len(_parts(again, 1))} found committed"
    assert expected in capsys.readouterr().out
    _assert_like_local(again, small_local, model_name)


def test_a_task_that_dies_before_its_marker_leaves_no_partition_and_the_rerun_resumes(
    tmp_path, scheduler, small_local, model_name, monkeypatch, capsys
) -> None:
    folder = _folder(tmp_path, "dask", SMALL_CSV)
    shared = _shared(str(folder / "cache" / "dask"), model_name)
    real_marker, lock, died = shared_mod.write_marker, threading.Lock(), []

    def die_once(fs, path, marker) -> None:
        with lock:
            if not died:
                died.append(marker["part"])
                raise RuntimeError("worker died")  # its data files are written, its marker not
        real_marker(fs, path, marker)

    monkeypatch.setattr(shared_mod, "write_marker", die_once)
    assert _process(folder, scheduler, "--partition-size", "1") == 2
    err = capsys.readouterr().err
    assert "1 of" in err and "run the same command again to resume" in err
    assert not (folder / "entities.csv").exists()
    [dead] = [p for p in _parts(folder, 1) if p.path == died[0]]
    found, problems = shared.committed(dead)
    assert found is None and problems == [problems[0]] and "no commit marker" in problems[0]
    corpus = load_corpus(folder / "articles.csv")
    cache = open_cache(folder, model_id(model_name))
    missing = set(corpus.frame["text_hash"]) - cache.cached_hashes()
    assert len(missing) == dead.texts  # every other partition reached the cache

    monkeypatch.setattr(shared_mod, "write_marker", real_marker)
    assert _process(folder, scheduler, "--partition-size", "1") == 0
    assert "1 partitions processed, 0 found committed" in capsys.readouterr().out
    _assert_like_local(folder, small_local, model_name)
    # The dead writer's files went when the partition was committed.
    assert len(shared.fs.ls(shared.result_dir(dead))) == 4


def test_missing_truncated_or_older_partitions_are_found_and_built_again(
    tmp_path, scheduler, sample_dask, sample_local, model_name, capsys
) -> None:
    folder = tmp_path / "dask"
    shutil.copytree(sample_dask[0], folder)
    shared = _shared(str(folder / "cache" / "dask"), model_name)
    gone, cut, old = _parts(folder)[:3]
    Path(_file(shared, gone, "entities")).unlink()
    path = Path(_file(shared, cut, "amounts"))
    path.write_bytes(path.read_bytes()[:-20])
    marker = Path(_file(shared, old, "_COMMITTED"))
    marker.write_text(json.dumps({**json.loads(marker.read_text()), "version": "1"}))
    shutil.rmtree(open_cache(folder, model_id(model_name)).dir)  # all texts to do again
    capsys.readouterr()
    assert _process(folder, scheduler) == 0
    said = capsys.readouterr()
    assert f"3 partitions processed, {len(_parts(folder)) - 3} found committed" in said.out
    for why in ("entities file missing", "amounts file truncated", "made by extractor 1, not"):
        assert why in said.err
    _assert_like_local(folder, sample_local, model_name)
    for part in (gone, cut, old):
        assert len(shared.fs.ls(shared.result_dir(part))) == 4  # the unsound commit was removed


def _file(shared: SharedDataset, part, name: str) -> str:
    """Return the path of one file of the partition's sound commit."""
    found, _ = shared.committed(part)
    suffix = ".json" if name == "_COMMITTED" else ".parquet"
    return f"{shared.result_dir(part)}/{name}-{found.token}{suffix}"


def test_concurrent_writers_of_a_partition_never_undo_each_other(
    tmp_path, model_name, monkeypatch
) -> None:
    folder = _folder(tmp_path, "shared", SMALL_CSV)
    shared = _shared(str(folder / "dask"), model_name)
    part = _parts(folder, 1)[0]
    hashes = ["h"] * part.texts
    rows = {"entities": [{"text_hash": "h", "start": 0, "end": 1, "text": "X", "label": "GPE"}]}
    monkeypatch.setattr(shared_mod, "write_marker", lambda *a: None)
    shared.commit(part, hashes, rows)  # a writer that stopped before its marker
    monkeypatch.undo()
    assert shared.committed(part)[0] is None
    first = shared.commit(part, hashes, rows)
    second = shared.commit(part, hashes, rows)  # another run, same partition
    assert shared.committed(part)[0].token == second.token
    assert len(shared.fs.ls(shared.result_dir(part))) == 8  # two sound commits, nothing else
    for done in (first, second):
        read, frames = shared.read_result(done)
        assert read == hashes and len(frames["entities"]) == 1


def test_partition_names_do_not_change_as_the_cache_fills() -> None:
    frame = load_corpus(SAMPLE_CSV).frame
    everything = dict(plan_parts(frame, set(frame["text_hash"]), 2))
    done = list(everything)[::3]
    left = {h for part, hashes in everything.items() if part not in done for h in hashes}
    assert dict(plan_parts(frame, left, 2)) == {
        p: everything[p] for p in everything if p not in done
    }
    assert sum(p.texts for p in everything) == frame["text_hash"].nunique()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--dataset", "memory://x"], "needs --engine dask"),
        (["--engine", "dask", "--dataset", "nosuchfs://bucket/x"], "cannot be opened"),
        (["--engine", "dask", "--dataset", "A-FILE/dask"], "cannot write to the Dask dataset"),
    ],
)
def test_a_bad_dataset_option_exits_2(tmp_path, capsys, extra, message) -> None:
    folder = _folder(tmp_path, "bad", SMALL_CSV)
    extra = [e.replace("A-FILE", str(folder / "articles.csv")) for e in extra]
    assert cli.main(["process", str(folder / "articles.csv"), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (folder / "entities.csv").exists()


def test_two_runs_at_once_on_one_folder_both_commit_and_the_cache_holds_each_text_once(
    tmp_path, scheduler, small_local, model_name
) -> None:
    from aidlens.processing import run_dask

    folder = _folder(tmp_path, "dask", SMALL_CSV)
    corpus = load_corpus(folder / "articles.csv")
    cache = open_cache(folder, model_id(model_name))
    todo = dict(zip(corpus.frame["text_hash"], corpus.frame["text"], strict=True))
    start, reports, errors = threading.Barrier(2), [], []

    def run() -> None:
        start.wait()
        try:
            reports.append(
                run_dask(
                    corpus,
                    todo,
                    url=str(folder / "cache" / "dask"),
                    model_name=model_name,
                    model=model_id(model_name),
                    cache=open_cache(folder, model_id(model_name)),
                    scheduler=scheduler,
                    partition_size=1,
                )
            )
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(reports) == 2
    assert all(r.run + r.reused == len(_parts(folder, 1)) and not r.failed for r in reports)
    assert len(cache.signature()) == 2  # each run committed every text; the first chunk wins
    for table in ("entities", "amounts"):
        got = cache.load(table).sort_values(["text_hash", "start"], ignore_index=True)
        want = open_cache(small_local, model_id(model_name)).load(table)
        want = want.sort_values(["text_hash", "start"], ignore_index=True)
        assert got[sorted(want.columns)].equals(want[sorted(want.columns)]), table
