"""The amount review store across processes: two savers on the same articles lose nothing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

from aidlens.annotations import AmountReviewStore
from aidlens.annotations.amount_reviews import REVIEWS_CSV
from tests.amount_review_worker import ARTICLES, sample_texts
from tests.store_helpers import ROOT

SAVES = 40


def start(folder, worker: int, n: int, seed: int) -> subprocess.Popen:
    """Start a worker saving `n` amount reviews into `folder`."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.amount_review_worker", str(folder), str(worker)]
        + [str(n), str(seed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_saving_the_same_articles_keep_every_save(tmp_path) -> None:
    shutil.copy(ROOT / "sample_data" / "gold" / REVIEWS_CSV, tmp_path / REVIEWS_CSV)
    workers = [start(tmp_path, w, SAVES, seed=w) for w in (0, 1)]
    outputs = [w.communicate(timeout=300) for w in workers]
    for w, (_, err) in zip(workers, outputs, strict=True):
        assert w.returncode == 0, err
    saves = [line.split() for out, _ in outputs for line in out.splitlines()]
    assert len(saves) == 2 * SAVES
    store = AmountReviewStore(tmp_path, sample_texts())
    assert store.problems == ()
    history = store.history()
    assert len(history) == 2 * SAVES
    # Every save was based on the revision before it: none overwrote another unseen.
    for article in ARTICLES:
        entries = [h for h in history if h.article_id == article]
        assert [h.base_revision for h in entries] == [h.revision - 1 for h in entries]
        assert [h.revision for h in entries] == list(range(2, 2 + len(entries)))
        revision, reviews = store.article(article)
        assert revision == (entries[-1].revision if entries else 1)
        assert reviews == (entries[-1].reviews_after if entries else reviews)
    # Each save that returned is in the history, saved by the worker that made it.
    made = {(h.annotator, r.donor) for h in history for r in h.reviews_after}
    for _, article, donor, _ in saves:
        assert (f"worker{donor[1]}", donor) in made, (article, donor)


def test_sigkill_at_random_moments_loses_no_returned_save(tmp_path) -> None:
    shutil.copy(ROOT / "sample_data" / "gold" / REVIEWS_CSV, tmp_path / REVIEWS_CSV)
    rng = random.Random(20261130)
    saves: list[list[str]] = []
    kills = 0
    while kills < 8:
        proc = start(tmp_path, kills % 2, 200, seed=kills)
        first = proc.stdout.readline()  # wait for one save, however slow the start on a busy box
        time.sleep(rng.uniform(0.0, 0.5))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        kills += proc.returncode == -signal.SIGKILL
        lines = (first + out).splitlines()
        saves += [line.split() for line in lines if line.count(" ") == 3]
        # After every kill the folder loads cleanly and holds every save that returned.
        store = AmountReviewStore(tmp_path, sample_texts())
        assert store.problems == ()
        for _, article, donor, revision in saves:
            assert store.article(article)[0] >= int(revision)
            assert any(donor in {r.donor for r in h.reviews_after} for h in store.history(article))
    assert len(saves) >= kills  # each worker returned at least one save before its kill
