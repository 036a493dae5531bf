"""A separate process saving amount reviews, for the concurrency test.

python -m tests.amount_review_worker DIR WORKER N SEED
Saves N edits of the sample's gold reviews, each giving one review a donor of its own
("wW-I"), retrying on AmountConflictError; after each save that returned it prints
"saved ARTICLE DONOR REVISION".
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

from aidlens.annotations import AmountConflictError, AmountReviewStore
from aidlens.corpus.articles import load_corpus

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ("A001", "A002", "A003", "A005")


def sample_texts() -> dict[str, str]:
    """Return id -> text of the sample corpus."""
    frame = load_corpus(ROOT / "sample_data" / "articles.csv").frame
    return dict(zip(frame["id"], frame["text"], strict=True))


def main(folder: str, worker: int, n: int, seed: int) -> None:
    """Run the saves and report each one that returned."""
    store = AmountReviewStore(Path(folder), sample_texts(), lock_timeout=60)
    rng = random.Random(seed)
    for i in range(n):
        article, donor = rng.choice(ARTICLES), f"w{worker}-{i}"
        while True:
            revision, reviews = store.article(article)
            at = rng.randrange(len(reviews))
            changed = [replace(r, donor=donor) if k == at else r for k, r in enumerate(reviews)]
            try:
                saved, _ = store.save(
                    article, changed, annotator=f"worker{worker}", base_revision=revision
                )
            except AmountConflictError:
                continue
            break
        print(f"saved {article} {donor} {saved}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
