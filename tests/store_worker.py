"""A separate process saving into a store, for the concurrency and crash tests.

python -m tests.store_worker DIR WORKER N SEED
Saves N edits, each adding one span (one word) to one of the synthetic articles, retrying on
ConflictError; after every save that returned it prints "saved ARTICLE START END REVISION".
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from aidlens.annotations.spans import new_span
from aidlens.annotations.state import ConflictError
from aidlens.annotations.store import AnnotationStore

ARTICLES = 20
WORDS = 120
LABELS = ("ORG", "GPE")


def synthetic_texts() -> dict[str, str]:
    """Return id -> text: ARTICLES articles of WORDS distinct words each."""
    return {f"t{i:02d}": " ".join(f"w{i}x{j}" for j in range(WORDS)) + "." for i in range(ARTICLES)}


def word_offsets(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every word of a synthetic text."""
    out, pos = [], 0
    for word in text.rstrip(".").split(" "):
        out.append((pos, pos + len(word)))
        pos += len(word) + 1
    return out


def main(folder: str, worker: int, n: int, seed: int) -> None:
    """Run the saves and report each one that returned."""
    texts = synthetic_texts()
    store = AnnotationStore(Path(folder), texts, LABELS, lock_timeout=60)
    rng = random.Random(seed)
    ids = sorted(texts)
    for _ in range(n):
        article = rng.choice(ids)
        while True:
            state = store.get(article)
            used = {(s.start, s.end) for s in state.spans}
            free = [w for w in word_offsets(texts[article]) if w not in used]
            if not free:
                article = rng.choice(ids)
                continue
            start, end = rng.choice(free)
            span = new_span(texts[article], start, end, LABELS[worker % 2], LABELS)
            try:
                saved = store.save(
                    article,
                    [*state.spans, span],
                    annotator=f"worker{worker}",
                    base_revision=state.revision,
                )
            except ConflictError:
                continue
            break
        print(f"saved {article} {start} {end} {saved.revision}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
