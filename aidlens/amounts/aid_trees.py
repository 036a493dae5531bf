"""Gradient-boosted trees over an amount's feature words, kept as plain JSON and walked here.

The aid check (aid_model.py) averages these trees' probability with its bag of words'. The
trees are trained with scikit-learn (aidlens.training.aid_trees) and saved as data, not as a
pickle: a pickle runs code when loaded and ties the file to one scikit-learn version, and
scikit-learn's `predict_proba` costs about 7 ms a call on this machine for an article's three
amounts, the walk about 0.2 ms an amount. Every split asks whether one feature word is
present, so walking the trees over a row's set of words is a few hundred dictionary lookups.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Self

TREES_FILE = "trees.json"
# A node is [word, left, right] (left when the word is absent) or [leaf value].
TreeNode = list
# One tree as four columns: each node's word (None for a leaf), left, right and leaf value.
Columns = tuple[tuple[str | None, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]]


@dataclass(frozen=True)
class BoostedTrees:
    """Boosted trees as plain lists, a baseline log-odds plus one leaf per tree, kept as JSON.
    Subclasses walk them: Trees splits on a word's presence, PairTrees (pair_trees.py) on a
    number."""

    baseline: float
    trees: tuple[tuple[list, ...], ...]

    def to_dict(self) -> dict:
        """Return the trees as plain data for JSON."""
        return {"baseline": self.baseline, "trees": [list(nodes) for nodes in self.trees]}

    @classmethod
    def from_dict(cls, data: dict) -> Self:
        """Return the trees written by `to_dict`."""
        trees = tuple(tuple(list(node) for node in nodes) for nodes in data["trees"])
        return cls(float(data["baseline"]), trees)


class Trees(BoostedTrees):
    """Boosted trees on the presence of feature words: a baseline plus one leaf per tree."""

    @cached_property
    def _columns(self) -> tuple[Columns, ...]:
        """Return each tree as columns: a walk over plain columns is a quarter faster. A word
        is one object in every tree that asks for it (JSON reads one per node): a walk then
        reads a few hundred places in memory, not thousands."""
        return tuple(_columns(nodes) for nodes in self.trees)

    @cached_property
    def _absent(self) -> tuple[float, list[float], dict[str, list[int]]]:
        """Return the log-odds when no split word is present, each tree's leaf then, and per
        word the trees whose all-absent path asks for it."""
        raw, leaves, asks = self.baseline, [], defaultdict(list)
        for k, (word, left, _, value) in enumerate(self._columns):
            i = 0
            while (split := word[i]) is not None:
                asks[split].append(k)
                i = left[i]
            leaves.append(value[i])
            raw += value[i]
        return raw, leaves, dict(asks)

    def probability(self, words: Iterable[str]) -> float:
        """Return the probability of aid for one amount's feature words.

        Only the trees whose all-absent path asks for a present word are walked (about three
        in ten for an amount's words); the others end on their all-absent leaf."""
        present = set(words)
        raw, leaves, asks = self._absent
        touched = set().union(*(asks[w] for w in present if w in asks))
        for k in touched:
            word, left, right, value = self._columns[k]
            i = 0
            while (split := word[i]) is not None:
                i = right[i] if split in present else left[i]
            raw += value[i] - leaves[k]
        return 1.0 / (1.0 + math.exp(-raw))

    def probabilities(self, features: Sequence[Iterable[str]]) -> list[float]:
        """Return the probability of aid for each amount's feature words."""
        return [self.probability(words) for words in features]


def _columns(nodes: Sequence[TreeNode]) -> Columns:
    """Return one tree's nodes as four columns, tuples: a tuple holds its items in itself, a
    list elsewhere, so a walk reads fewer places in memory (the trees a tenth faster)."""
    splits = [len(node) == 3 for node in nodes]
    return (
        tuple(
            sys.intern(node[0]) if split else None
            for node, split in zip(nodes, splits, strict=True)
        ),
        tuple(node[1] if split else 0 for node, split in zip(nodes, splits, strict=True)),
        tuple(node[2] if split else 0 for node, split in zip(nodes, splits, strict=True)),
        tuple(0.0 if split else node[0] for node, split in zip(nodes, splits, strict=True)),
    )


def read_trees(folder: Path) -> Trees | None:
    """Return the trees saved in a model folder, or None when it holds none."""
    path = Path(folder) / TREES_FILE
    if not path.is_file():
        return None
    return Trees.from_dict(json.loads(path.read_text(encoding="utf-8")))


def write_trees(trees: Trees, folder: Path) -> None:
    """Write the trees into a model folder (the caller makes the folder's swap atomic)."""
    text = json.dumps(trees.to_dict(), separators=(",", ":"))
    (Path(folder) / TREES_FILE).write_text(text, encoding="utf-8")
