"""Train the linker's boosted trees with scikit-learn and keep them as plain data.

scikit-learn's HistGradientBoostingClassifier learns on the PAIR_FEATURES of labelled candidate
pairs (link_check.labelled_pairs); its fitted trees are read into
aidlens.amounts.PairTrees, which `process` scores without scikit-learn: each tree as a table
of its leaf values, one lookup per bin combination of the trees' thresholds, not per pair.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from aidlens.amounts import PAIR_FEATURES, PairNode, PairTrees

# Leaving one gold folder out (26 folders, pairs F1): 200 trees of 15 leaves 0.901, 100 of depth
# 6 0.898, 50 of depth 4 0.886 (shipped before), 100 of depth 2 0.877, the logistic model 0.812
# (BENCHMARKS.md). Larger trees split on more thresholds; pair_trees.py scores each bin
# combination with one table lookup per tree, so they cost `process` little (BENCHMARKS.md).
# All the trees, on every pair: scikit-learn's default stops early past 10,000 samples, on a
# tenth of them held back. The pairs passed 10,000 long ago and the trees always ran to the end,
# until v25's pairs stopped at 169: the tree count should not hang on the gold's size.
# 100 rounds, not 200: the tuning sets retell the same packages, and the later rounds learned
# them. Leaving one of thirty-four sets out: linking F1 0.849 -> 0.852; leaving out with it the
# packages it shares with the others (its gold commitment ids, `make packages-out`): 0.810 ->
# 0.822 (BENCHMARKS.md).
BOOSTING = {
    "learning_rate": 0.1,
    "max_iter": 100,
    "max_leaf_nodes": 15,
    "l2_regularization": 1.0,
    "early_stopping": False,
}
# Never likelier one commitment for being further apart in time. Unconstrained, the trees linked
# one donor's "$400m" 700 days apart but not 500: the gold is sparse over years. The constraint
# cost nothing on the folds with the depth-4 trees of the seventeenth session (0.886 either way).
FARTHER_LESS_LIKELY = ("day_gap", "precise_day_gap", "day_gap_squared", "told_gap")
MONOTONIC = [-1 if f in FARTHER_LESS_LIKELY else 0 for f in PAIR_FEATURES]


def train_pair_trees(
    pairs: Sequence[tuple[np.ndarray, np.ndarray]], seed: int = 0
) -> PairTrees | None:
    """Return trees fitted to labelled pairs (features, same commitment or not), or None when
    the pairs hold one class only."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    x = np.vstack([p[0] for p in pairs])
    y = np.concatenate([p[1] for p in pairs])
    if not len(y) or y.min() == y.max():
        return None
    # The constraints name PAIR_FEATURES' columns; other columns (tests) go unconstrained.
    monotonic = MONOTONIC if x.shape[1] == len(PAIR_FEATURES) else None
    model = HistGradientBoostingClassifier(**BOOSTING, monotonic_cst=monotonic, random_state=seed)
    model.fit(x, y)
    return pair_trees_of(model)


def pair_trees_of(model: object) -> PairTrees:
    """Return a fitted HistGradientBoostingClassifier's trees over numeric features.

    As aid_trees.trees_of reads them: `_predictors` and `_baseline_prediction`;
    tests/test_link_trees.py checks the walk against `predict_proba`.
    """
    baseline = float(model._baseline_prediction.ravel()[0])  # type: ignore[attr-defined]
    trees = tuple(_nodes(tree.nodes) for (tree,) in model._predictors)  # type: ignore[attr-defined]
    return PairTrees(baseline, trees)


def _nodes(nodes: np.ndarray) -> tuple[PairNode, ...]:
    """Return one tree's nodes: [feature, threshold, left, right] for a split, [value] for a
    leaf."""
    out: list[PairNode] = []
    for node in nodes:
        if node["is_leaf"]:
            out.append([float(node["value"])])
        elif node["is_categorical"]:
            raise ValueError("a categorical split: the pair features are numeric")
        else:
            feature, threshold = int(node["feature_idx"]), float(node["num_threshold"])
            out.append([feature, threshold, int(node["left"]), int(node["right"])])
    return tuple(out)
