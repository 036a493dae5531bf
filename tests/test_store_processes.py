"""The store across processes: concurrent savers lose nothing; SIGKILL mid-save loses nothing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from aidlens.annotations.store import HISTORY, AnnotationStore
from tests.store_helpers import ROOT
from tests.store_worker import LABELS, synthetic_texts


def start_worker(folder: Path, worker: int, n: int, seed: int) -> subprocess.Popen:
    """Start a store_worker process writing its report lines to a pipe."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store_worker", str(folder), str(worker), str(n), str(seed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def reported(lines: str) -> list[tuple[str, int, int, int]]:
    """Return (article, start, end, revision) of each complete 'saved' line."""
    out = []
    for line in lines.splitlines():
        parts = line.split()
        if len(parts) == 5 and parts[0] == "saved":
            out.append((parts[1], int(parts[2]), int(parts[3]), int(parts[4])))
    return out


def assert_all_on_disk(folder: Path, saves: list[tuple[str, int, int, int]]) -> AnnotationStore:
    """Assert a fresh store loads cleanly and holds every reported save; return it."""
    store = AnnotationStore(folder, synthetic_texts(), LABELS)
    assert store.problems == ()
    states = store.states()
    for article, start, end, revision in saves:
        assert article in states, article
        assert (start, end) in {(s.start, s.end) for s in states[article].spans}
        assert states[article].revision >= revision
    return store


def test_two_processes_saving_200_edits_keep_all_200(tmp_path) -> None:
    workers = [start_worker(tmp_path, w, 100, seed=w) for w in (0, 1)]
    outputs = [w.communicate(timeout=300) for w in workers]
    for w, (_, err) in zip(workers, outputs, strict=True):
        assert w.returncode == 0, err
    saves = [s for out, _ in outputs for s in reported(out)]
    assert len(saves) == 200
    assert len({(a, s, e) for a, s, e, _ in saves}) == 200
    store = assert_all_on_disk(tmp_path, saves)
    assert sum(len(s.spans) for s in store.states().values()) == 200
    # Every save is in the history, once, by the worker that made it.
    history = store.history()
    assert len(history) == 200
    assert {h.annotator for h in history} == {"worker0", "worker1"}
    revisions = [(h.article_id, h.revision) for h in history]
    assert len(set(revisions)) == 200


def test_sigkill_at_random_moments_during_1000_saves_loses_no_returned_save(tmp_path) -> None:
    rng = random.Random(20240424)
    saves: list[tuple[str, int, int, int]] = []
    kills = 0
    while len(saves) < 1000 or kills < 10:
        proc = start_worker(tmp_path, kills % 2, max(1000 - len(saves), 50), seed=kills)
        time.sleep(rng.uniform(0.2, 1.0))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        if proc.returncode == -signal.SIGKILL:
            kills += 1
        saves += reported(out)
        # After every kill the folder loads and holds every save that returned.
        assert_all_on_disk(tmp_path, saves)
    store = assert_all_on_disk(tmp_path, saves)
    entries = store.history()
    assert len(entries) >= len(saves)
    history_lines = (tmp_path / HISTORY).read_bytes().split(b"\n")
    # Only the last line may be torn (killed mid-append); it is cut off at the next append.
    assert len(entries) >= len([ln for ln in history_lines if ln]) - 1
