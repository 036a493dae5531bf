"""Which done articles train the model and which are held out to score it, fixed by a seed."""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass

from aidlens.errors import TrainingError

MIN_DONE = 10  # fewer articles teach the model little and leave a held-out part of one or two


@dataclass(frozen=True)
class Split:
    """The done articles cut in two: those trained on and those held out, never both."""

    train: tuple[str, ...]
    held_out: tuple[str, ...]


def split_done(done: Collection[str], *, eval_split: float, seed: int) -> Split:
    """Return a seeded split of the done articles; refuse too few or nothing held out."""
    if len(done) < MIN_DONE:
        raise TrainingError(
            f"only {len(done)} article(s) are marked done; training needs at least {MIN_DONE}. "
            "Correct and accept more articles on the Annotate page (or `correct --status done`)"
        )
    if not 0.0 < eval_split < 1.0:
        raise TrainingError(
            f"--eval-split {eval_split} must be between 0 and 1 (e.g. 0.2), so that some done "
            "articles are held out to score the model and the rest train it"
        )
    ids = sorted(done)
    random.Random(seed).shuffle(ids)
    n_held = round(len(ids) * eval_split)
    if n_held == 0:
        raise TrainingError(
            f"--eval-split {eval_split} of {len(ids)} done articles holds none out; "
            "raise --eval-split or mark more articles done"
        )
    if n_held == len(ids):
        raise TrainingError(
            f"--eval-split {eval_split} of {len(ids)} done articles leaves none to train on; "
            "lower --eval-split"
        )
    return Split(train=tuple(sorted(ids[n_held:])), held_out=tuple(sorted(ids[:n_held])))
