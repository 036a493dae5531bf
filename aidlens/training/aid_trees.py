"""Train the aid check's boosted trees with scikit-learn and keep them as plain data.

scikit-learn's HistGradientBoostingClassifier learns on the presence (1) or absence (0) of each
feature word seen in at least MIN_COUNT examples; its fitted trees are then read into
aidlens.amounts.aid_trees.Trees, which `process` walks without scikit-learn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from aidlens.amounts import TreeNode, Trees

if TYPE_CHECKING:
    import numpy as np

MIN_COUNT = 5  # rarer words are noise to a tree
# All 300 trees on every example (6,649 now): past 10,000, scikit-learn's default would stop
# early on a tenth held back, as it did for the linker's pairs (link_trees.py).
BOOSTING = {
    "learning_rate": 0.1,
    "max_iter": 300,
    "max_leaf_nodes": 15,
    "l2_regularization": 1.0,
    "early_stopping": False,
}


def train_trees(features: Sequence[list[str]], aid: Sequence[bool], seed: int = 0) -> Trees | None:
    """Return trees fitted to amounts' feature words and whether each is aid, or None when
    the examples hold one class only or no word is common enough."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    counts = Counter(word for words in features for word in set(words))
    words = sorted(word for word, n in counts.items() if n >= MIN_COUNT)
    labels = np.array(aid, dtype=bool)
    if not words or labels.all() or not labels.any():
        return None
    model = HistGradientBoostingClassifier(**BOOSTING, random_state=seed)
    model.fit(presence(features, words), labels)
    return trees_of(model, words)


def presence(features: Sequence[list[str]], words: list[str]) -> np.ndarray:
    """Return the 0/1 matrix of which of `words` each amount's feature words hold."""
    import numpy as np

    column = {word: i for i, word in enumerate(words)}
    matrix = np.zeros((len(features), len(words)), dtype=np.float32)
    for row, held in enumerate(features):
        for word in held:
            if word in column:
                matrix[row, column[word]] = 1.0
    return matrix


def trees_of(model: object, words: list[str]) -> Trees:
    """Return a fitted HistGradientBoostingClassifier's trees over named words.

    scikit-learn keeps them in `_predictors` (one tree per iteration for two classes) and the
    starting log-odds in `_baseline_prediction`; tests/test_aid_trees.py checks that walking the
    read trees gives `predict_proba`, so a scikit-learn that changes them fails there.
    """
    baseline = float(model._baseline_prediction.ravel()[0])  # type: ignore[attr-defined]
    trees = tuple(_nodes(tree.nodes, words) for (tree,) in model._predictors)  # type: ignore[attr-defined]
    return Trees(baseline, trees)


def _nodes(nodes: np.ndarray, words: list[str]) -> tuple[TreeNode, ...]:
    """Return one tree's nodes: [word, left, right] for a split, [value] for a leaf."""
    out: list[TreeNode] = []
    for node in nodes:
        if node["is_leaf"]:
            out.append([float(node["value"])])
            continue
        if not 0.0 <= node["num_threshold"] < 1.0 or node["is_categorical"]:
            msg = f"a split at {node['num_threshold']} is not on a word's presence"
            raise ValueError(msg)
        out.append([words[node["feature_idx"]], int(node["left"]), int(node["right"])])
    return tuple(out)
