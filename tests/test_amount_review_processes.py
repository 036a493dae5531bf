"""The amount review store across processes: two savers on the same articles lose nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys

from aidlens.annotations import AmountReviewStore
from aidlens.annotations.amount_reviews import REVIEWS_CSV
from tests.amount_review_worker import ARTICLES, sample_texts
from tests.store_helpers import ROOT

SAVES = 40


def test_two_processes_saving_the_same_articles_keep_every_save(tmp_path) -> None:
    shutil.copy(ROOT / "sample_data" / "gold" / REVIEWS_CSV, tmp_path / REVIEWS_CSV)
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.amount_review_worker", str(tmp_path), str(w)]
            + [str(SAVES), str(w)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in (0, 1)
    ]
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
