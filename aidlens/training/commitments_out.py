"""Leave gold commitments out: how the linker links packages it never saw.

Leaving a folder out (cross_check.py) still trains on a package the folder retells whenever
another set retells it, and the sets retell the same packages. Here the gold's commitment ids
are dealt into GROUPS groups; each group's pairs (both mentions in it) are scored by a linker
trained on the pairs with neither mention in it, for several deals (`train-amounts
--commitments-out`). Nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from aidlens.analysis import prf
from aidlens.training.cross_check import ParsedOnce
from aidlens.training.link_check import (
    ReviewedPairs,
    folder_amounts,
    reviewed_pairs,
    train_link_model,
)

if TYPE_CHECKING:
    from spacy.language import Language

GROUPS = 8
SEEDS = (1, 2, 3, 4)


def deal(ids: Sequence[str], seed: int, groups: int = GROUPS) -> dict[str, int]:
    """Return a group for each commitment id: shuffled by `seed`, then dealt round."""
    names = sorted(set(ids) - {""})
    order = np.random.default_rng(seed).permutation(len(names))
    return {name: int(k % groups) for name, k in zip(names, order, strict=True)}


def sides(pairs: ReviewedPairs, dealt: dict[str, int], groups: int = GROUPS) -> np.ndarray:
    """Return the group of each side of each pair, as two rows.

    A mention with no commitment (a context figure in the gold) goes with the other side; a
    pair of two such mentions, never one commitment, by its position.
    """
    first = np.array([dealt.get(c, -1) for c in pairs.first], dtype=int)
    second = np.array([dealt.get(c, -1) for c in pairs.second], dtype=int)
    spread = np.arange(len(first)) % groups
    first = np.where(first < 0, np.where(second < 0, spread, second), first)
    second = np.where(second < 0, first, second)
    return np.vstack([first, second])


def commitments_out(
    folders: Sequence[ReviewedPairs], seeds: Sequence[int] = SEEDS, groups: int = GROUPS
) -> dict:
    """Return the pairs' precision, recall and F1 per deal (`seeds`) and pooled over them."""
    ids = [c for p in folders for c in (*p.first, *p.second)]
    per_seed, total = [], np.zeros(3, dtype=int)
    for seed in seeds:
        dealt = deal(ids, seed, groups)
        group = [sides(p, dealt, groups) for p in folders]
        counts = sum(_scored(folders, group, g) for g in range(groups))
        per_seed.append({"seed": seed, **prf(*map(int, counts))})
        total += counts
    return {"seeds": per_seed, "pooled": prf(*map(int, total))}


def _scored(folders: Sequence[ReviewedPairs], group: list[np.ndarray], g: int) -> np.ndarray:
    """Return (right, wrong, missed) on group `g`'s pairs (both sides in it) with a linker
    trained on the pairs with neither side in it."""
    inside = [(k == g).all(axis=0) for k in group]
    outside = [(k != g).all(axis=0) for k in group]
    y = np.concatenate([p.same[m] for p, m in zip(folders, inside, strict=True)])
    if not len(y):
        return np.zeros(3, dtype=int)
    model = train_link_model([(p.x[m], p.same[m]) for p, m in zip(folders, outside, strict=True)])
    x = np.vstack([p.x[m] for p, m in zip(folders, inside, strict=True)])
    said = model.logits(list(x.T)) >= model.cut
    return np.array([(said & (y == 1)).sum(), (said & (y == 0)).sum(), (~said & (y == 1)).sum()])


def folders_out(folders: Sequence[Path], nlp: Language) -> dict:
    """Return commitments_out on the reviewed pairs of gold folders (the shipped aid check)."""
    parsed = ParsedOnce(nlp)
    return commitments_out([reviewed_pairs(*folder_amounts(f, parsed)) for f in folders])
