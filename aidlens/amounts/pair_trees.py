"""Gradient-boosted trees over a pair's numeric features, kept as plain JSON and scored here.

The commitment linker (linking.py) scores each candidate pair of mentions with these trees when
its model has them: they learn the interactions a logistic model cannot (an equal value of one
donor a year apart is one commitment; an equal round value of two donors is not). They are
trained with scikit-learn (aidlens.training.link_trees) and saved inside link_model.json, not
as a pickle: a pickle runs code when loaded and ties the file to one scikit-learn version.
A corpus of 100,000 articles has millions of candidate pairs. A pair's score only depends on
which side of each split threshold each feature falls (its bins): pairs are first put in
those bins, and only one pair of each distinct bin combination is scored. A tree's leaf only
depends on the bins of the few features it splits on, so each tree is read as a table of leaf
values indexed by those bins: one lookup per tree instead of a walk down its levels.
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
# One tree as a table: for each feature it splits on, the tree's own bin of each of the model's
# bins and the feature's stride in the table; then the leaf value of each cell of the table.
LeafTable = tuple[dict[int, tuple[np.ndarray, int]], np.ndarray]


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

    @cached_property
    def _tables(self) -> tuple[LeafTable, ...]:
        """Return each tree as a table of its leaf values (LeafTable), built once per model."""
        return tuple(_leaf_table(tree, self._edges) for tree in self._arrays)

    def logits(self, columns: Sequence[np.ndarray]) -> np.ndarray:
        """Return the log-odds of one commitment for pairs given as feature columns."""
        columns = [np.asarray(c, dtype="float64") for c in columns]
        n = len(columns[0]) if columns else 0
        if not n or not self._edges:
            return self.walk(np.column_stack(columns) if n else np.zeros((0, len(columns))))
        bins = {f: _bins(edges, columns[f]) for f, edges in self._edges.items()}
        # Hashing the keys (pandas) rather than sorting them (numpy) is ten times faster.
        codes, distinct = pd.factorize(self._bin_keys(bins))
        one = np.empty(len(distinct), dtype=np.intp)
        one[codes] = np.arange(n)  # any row of a key stands for all of them
        return self._scores({f: b[one] for f, b in bins.items()})[codes]

    def _bin_keys(self, bins: dict[int, np.ndarray]) -> np.ndarray:
        """Return one integer per row naming its bin combination: rows of one key score alike."""
        key = np.zeros(len(next(iter(bins.values()))), dtype=np.int64)
        size = 1
        for f, edges in self._edges.items():
            if size * (len(edges) + 1) >= 2**62:
                # Too many combinations for one integer: number the keys seen so far afresh
                # (fewer than the rows), so that large trees still merge rows.
                key = pd.factorize(key)[0].astype(np.int64)
                size = int(key.max()) + 1
            size *= len(edges) + 1
            key = key * (len(edges) + 1) + bins[f]
        return key

    def _scores(self, bins: dict[int, np.ndarray]) -> np.ndarray:
        """Return the log-odds of rows given by their bins: one table lookup per tree."""
        n = len(next(iter(bins.values())))
        out = np.full(n, self.baseline)
        for local, values in self._tables:
            cell = np.zeros(n, dtype=np.intp)
            for f, (own_bin, stride) in local.items():
                cell += own_bin[bins[f]] * stride
            out += values[cell]
        return out

    def walk(self, x: np.ndarray) -> np.ndarray:
        """Return the log-odds of each row of `x`, every row walking every tree."""
        out = np.full(len(x), self.baseline)
        for tree in self._arrays:
            out += _walk_one(tree, x)
        return out


def _bins(edges: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Return each value's bin among sorted thresholds (0: at most the first; NaN: past the
    last, as a NaN goes right at every split of the walk)."""
    if len(edges) == 1:
        # Most features are flags, split at one threshold: one comparison over the column is
        # several times faster than a binary search per value.
        return (~(values <= edges[0])).astype(np.intp)
    # side="left": a value equal to a threshold goes left, with the values below it.
    return np.searchsorted(edges, values, side="left")


def _leaf_table(tree: TreeArrays, edges: dict[int, np.ndarray]) -> LeafTable:
    """Return one tree as a LeafTable over the model's bins (`edges`, per feature)."""
    feature, threshold = tree[0], tree[1]
    used = sorted({int(f) for f in feature[feature >= 0]})
    own = {f: np.unique(threshold[feature == f]) for f in used}
    local: dict[int, tuple[np.ndarray, int]] = {}
    stride = 1
    for f, thresholds in own.items():
        # The tree's thresholds are some of the model's: each of the model's bins lies in one
        # of the tree's, the one its upper edge (infinity past the last) falls in.
        local[f] = (_bins(thresholds, np.append(edges[f], np.inf)), stride)
        stride *= len(thresholds) + 1
    # One row per cell of the table, holding a value from each of its bins, for the walk.
    cells = np.arange(stride)
    rows = np.zeros((stride, max(local, default=0) + 1))
    for f, (_, step) in local.items():
        rows[:, f] = np.append(own[f], np.inf)[(cells // step) % (len(own[f]) + 1)]
    return local, _walk_one(tree, rows)


def _walk_one(tree: TreeArrays, x: np.ndarray) -> np.ndarray:
    """Return one tree's leaf value for each row of `x`, one tree level at a time."""
    feature, threshold, left, right, value, depth = tree
    rows = np.arange(len(x))
    node = np.zeros(len(x), dtype=np.intp)
    for _ in range(depth):
        f = feature[node]
        down = np.where(x[rows, np.maximum(f, 0)] <= threshold[node], left[node], right[node])
        node = np.where(f >= 0, down, node)
    return value[node]


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
