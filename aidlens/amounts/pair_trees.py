"""Gradient-boosted trees over a pair's numeric features, kept as plain JSON and walked here.

The commitment linker (linking.py) scores each candidate pair of mentions with these trees when
its model has them: they learn the interactions a logistic model cannot (an equal value of one
donor a year apart is one commitment; an equal round value of two donors is not). They are
trained with scikit-learn (aidlens.training.link_trees) and saved inside link_model.json, not
as a pickle: a pickle runs code when loaded and ties the file to one scikit-learn version.
A corpus of 100,000 articles has millions of candidate pairs, and walking them all costs about
15 us a pair here. But a pair's score only depends on which side of each split threshold each
feature falls: pairs are first put in those bins, and only one pair of each distinct bin
combination (a few thousand) walks the trees, one tree level at a time for all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import numpy as np
import pandas as pd

from aidlens.amounts.aid_trees import BoostedTrees

# A node is [feature index, threshold, left, right] (left when the value is at most the
# threshold, as scikit-learn splits) or [leaf value].
PairNode = list
# One tree as arrays: each node's feature (-1 for a leaf), threshold, left, right and value.
TreeArrays = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]


class PairTrees(BoostedTrees):
    """Boosted trees on numeric pair features: a baseline log-odds plus one leaf per tree."""

    @cached_property
    def _arrays(self) -> tuple[TreeArrays, ...]:
        """Return each tree as arrays, built once per model."""
        return tuple(_arrays(nodes) for nodes in self.trees)

    @cached_property
    def _edges(self) -> dict[int, np.ndarray]:
        """Return the sorted split thresholds of each feature that any tree splits on."""
        edges: dict[int, set[float]] = {}
        for nodes in self.trees:
            for node in nodes:
                if len(node) == 4:
                    edges.setdefault(int(node[0]), set()).add(float(node[1]))
        return {f: np.array(sorted(t)) for f, t in sorted(edges.items())}

    def logits(self, columns: Sequence[np.ndarray]) -> np.ndarray:
        """Return the log-odds of one commitment for pairs given as feature columns."""
        columns = [np.asarray(c, dtype="float64") for c in columns]
        n = len(columns[0]) if columns else 0
        if not n or not self._edges:
            return self.walk(np.column_stack(columns) if n else np.zeros((0, len(columns))))
        # Hashing the keys (pandas) rather than sorting them (numpy) is ten times faster.
        codes, distinct = pd.factorize(self._bin_keys(columns))
        one = np.empty(len(distinct), dtype=np.intp)
        one[codes] = np.arange(n)  # any row of a key stands for all of them
        return self.walk(np.column_stack([c[one] for c in columns]))[codes]

    def _bin_keys(self, columns: Sequence[np.ndarray]) -> np.ndarray:
        """Return one integer per row naming its bin combination: rows of one key score alike."""
        key = np.zeros(len(columns[0]), dtype=np.int64)
        size = 1
        for f, edges in self._edges.items():
            size *= len(edges) + 1
            if size >= 2**62:  # too many combinations for one integer: no two rows merge
                return np.arange(len(key), dtype=np.int64)
            # side="left": a value equal to a threshold goes left, with the values below it.
            key = key * (len(edges) + 1) + np.searchsorted(edges, columns[f], side="left")
        return key

    def walk(self, x: np.ndarray) -> np.ndarray:
        """Return the log-odds of each row of `x`, every row walking every tree."""
        out = np.full(len(x), self.baseline)
        rows = np.arange(len(x))
        for feature, threshold, left, right, value, depth in self._arrays:
            node = np.zeros(len(x), dtype=np.intp)
            for _ in range(depth):
                f = feature[node]
                down = np.where(
                    x[rows, np.maximum(f, 0)] <= threshold[node], left[node], right[node]
                )
                node = np.where(f >= 0, down, node)
            out += value[node]
        return out


def _arrays(nodes: tuple[PairNode, ...]) -> TreeArrays:
    """Return one tree's nodes as arrays, with the tree's depth."""
    split = [len(node) == 4 for node in nodes]
    feature = np.array([n[0] if s else -1 for n, s in zip(nodes, split, strict=True)], np.intp)
    threshold = np.array([n[1] if s else 0.0 for n, s in zip(nodes, split, strict=True)])
    left = np.array([n[2] if s else 0 for n, s in zip(nodes, split, strict=True)], np.intp)
    right = np.array([n[3] if s else 0 for n, s in zip(nodes, split, strict=True)], np.intp)
    value = np.array([0.0 if s else n[0] for n, s in zip(nodes, split, strict=True)])
    return feature, threshold, left, right, value, _depth(feature, left, right)


def _depth(feature: np.ndarray, left: np.ndarray, right: np.ndarray, node: int = 0) -> int:
    """Return the number of splits on the longest path from `node` to a leaf."""
    if feature[node] < 0:
        return 0
    return 1 + max(
        _depth(feature, left, right, left[node]), _depth(feature, left, right, right[node])
    )
