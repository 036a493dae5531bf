"""The aid check's boosted trees: read from scikit-learn, walked without it, saved as JSON."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from aidlens.amounts.aid_model import TREES_WEIGHT, AidCheck, aid_probabilities, load_aid_model
from aidlens.amounts.aid_trees import Trees, read_trees, write_trees
from aidlens.training.aid_check import AidExample, save_aid_model, train_aid_model
from aidlens.training.aid_trees import BOOSTING, presence, train_trees, trees_of

WORDS = [f"w{i}" for i in range(12)]


def _data(seed: int, n: int) -> tuple[list[list[str]], np.ndarray]:
    """Return random amounts' words and a label that needs two words together (a tree's job)."""
    rng = np.random.default_rng(seed)
    held = rng.random((n, len(WORDS))) < 0.3
    features = [[w for w, on in zip(WORDS, row, strict=True) if on] for row in held]
    labels = (held[:, 0] & held[:, 1]) | (held[:, 2] & ~held[:, 3])
    flip = rng.random(n) < 0.1  # noise, so the trees grow past the two rules
    return features, labels ^ flip


@pytest.mark.parametrize(("seed", "n", "leaves"), [(0, 200, 15), (1, 500, 15), (2, 300, 4)])
def test_walking_the_read_trees_gives_scikit_learns_probabilities(seed, n, leaves):
    features, labels = _data(seed, n)
    model = HistGradientBoostingClassifier(**{**BOOSTING, "max_leaf_nodes": leaves}).fit(
        presence(features, WORDS), labels
    )
    trees = trees_of(model, WORDS)
    unseen, _ = _data(seed + 10, 50)  # and rows it was not fitted on, with a word it never saw
    rows = [*features, *unseen, ["never_seen"], []]
    expected = model.predict_proba(presence(rows, WORDS))[:, 1]
    assert trees.probabilities(rows) == pytest.approx(expected.tolist(), abs=1e-12)


def test_trees_survive_their_json(tmp_path):
    features, labels = _data(3, 300)
    trees = train_trees(features, labels.tolist())
    write_trees(trees, tmp_path)
    again = read_trees(tmp_path)
    assert again == trees
    assert again.probabilities(features) == trees.probabilities(features)


@pytest.mark.parametrize(
    ("features", "aid"),
    [
        ([["a", "b"]] * 10, [True] * 10),  # one class: nothing to split
        ([["a", "b"]] * 10, [False] * 10),
        ([[f"w{i}"] for i in range(10)], [True, False] * 5),  # no word in five amounts
        ([], []),
    ],
)
def test_no_trees_when_there_is_nothing_to_learn(features, aid):
    assert train_trees(features, aid) is None


def test_a_folder_without_trees_has_none():
    assert read_trees(Path("/nonexistent")) is None


def _examples(n: int) -> list[AidExample]:
    features, labels = _data(4, n)
    return [
        AidExample("a", i, f, bool(y), bool(y)) for i, (f, y) in enumerate(zip(features, labels))
    ]


def test_the_check_averages_its_bag_of_words_and_its_trees(tmp_path):
    check = train_aid_model(_examples(200), epochs=2)
    assert check.trees is not None
    features = [e.features for e in _examples(30)]
    bow = aid_probabilities(AidCheck(check.bow), features)
    trees = check.trees.probabilities(features)
    mixed = [TREES_WEIGHT * t + (1 - TREES_WEIGHT) * b for t, b in zip(trees, bow, strict=True)]
    assert aid_probabilities(check, features) == pytest.approx(mixed)
    assert bow != pytest.approx(mixed)  # the trees move the probabilities


def test_a_saved_check_loads_with_its_trees(tmp_path):
    check = train_aid_model(_examples(200), epochs=2)
    out = tmp_path / "aid_model"
    save_aid_model(check, out, [], force=False)
    loaded = load_aid_model(out)
    assert loaded.trees == check.trees
    assert loaded.meta["aidlens"]["trees"] == len(check.trees.trees)
    features = [e.features for e in _examples(20)]
    assert aid_probabilities(loaded, features) == pytest.approx(aid_probabilities(check, features))


def test_trees_are_plain_data():
    trees = Trees(0.5, (([0.25],), (["w0", 1, 2], [-1.0], [1.0])))
    assert trees.probability([]) == pytest.approx(1 / (1 + np.exp(-(0.5 + 0.25 - 1.0))))
    assert trees.probability(["w0"]) == pytest.approx(1 / (1 + np.exp(-(0.5 + 0.25 + 1.0))))


def test_the_shipped_check_has_its_trees():
    shipped = load_aid_model()
    assert shipped.trees is not None, "retrain with make train-amounts"
    assert shipped.meta["aidlens"]["trees"] == len(shipped.trees.trees) > 0
