"""The linker's boosted trees: read from scikit-learn, walked without it, saved in its JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from aidlens.amounts.linking import (
    LINK_MODEL,
    PAIR_FEATURES,
    LinkModel,
    link_groups,
    load_link_model,
    pair_features,
)
from aidlens.amounts.pair_trees import PairTrees
from aidlens.training.link_check import THRESHOLD, save_link_model
from aidlens.training.link_trees import BOOSTING, pair_trees_of, train_pair_trees
from tests.conftest import ROOT
from tests.test_aid_check import GOLD
from tests.test_linking import rows


def _pairs(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Return random pair features (binary and continuous, as PAIR_FEATURES mixes them) and a
    label that needs features together: same donor and equal value, or close in time."""
    rng = np.random.default_rng(seed)
    x = np.column_stack(
        [
            rng.random(n) < 0.5,  # a flag
            rng.random(n) < 0.3,  # another flag
            rng.random(n) * 1.5,  # a day gap
            np.round(rng.random(n) * 3, 1),  # a value gap, few distinct values
        ]
    ).astype("float64")
    same = (x[:, 0].astype(bool) & x[:, 1].astype(bool)) | (x[:, 2] < 0.2)
    return x, (same ^ (rng.random(n) < 0.1)).astype("float64")


def _probabilities(trees: PairTrees, x: np.ndarray) -> np.ndarray:
    """Return the trees' probability of one commitment for each row."""
    return 1 / (1 + np.exp(-trees.logits(list(x.T))))


@pytest.mark.parametrize(("seed", "n", "depth"), [(0, 300, 4), (1, 800, 4), (2, 500, 2)])
def test_walking_the_read_trees_gives_scikit_learns_probabilities(seed, n, depth):
    x, y = _pairs(seed, n)
    model = HistGradientBoostingClassifier(**{**BOOSTING, "max_depth": depth}).fit(x, y)
    trees = pair_trees_of(model)
    unseen, _ = _pairs(seed + 10, 100)
    # Values exactly on each split threshold go left in scikit-learn: so must they here.
    on_edges = np.array(
        [[node[1]] * 4 for nodes in trees.trees for node in nodes if len(node) == 4]
    )
    for rows_ in (x, unseen, on_edges):
        expected = model.predict_proba(rows_)[:, 1]
        assert _probabilities(trees, rows_) == pytest.approx(expected, abs=1e-12)


def test_binned_scoring_equals_walking_every_pair():
    x, y = _pairs(3, 600)
    trees = train_pair_trees([(x, y)])
    on_edges = np.array(
        [[node[1]] * 4 for nodes in trees.trees for node in nodes if len(node) == 4]
    )
    missing = np.where(np.eye(4, dtype=bool), np.nan, x[:4])  # NaN goes right at every split
    many = np.vstack([x, x[::-1], _pairs(4, 2000)[0], on_edges, missing])
    assert np.array_equal(trees.logits(list(many.T)), trees.walk(many))


def test_more_bin_combinations_than_one_integer_holds_still_merge_rows():
    rng = np.random.default_rng(9)
    x = rng.random((3000, 16))
    y = ((x[:, 0] + x[:, 5] * x[:, 9] + rng.random(3000) * 0.3) > 0.9).astype("float64")
    trees = train_pair_trees([(x, y)])
    combinations = np.prod([len(edges) + 1.0 for edges in trees._edges.values()])
    assert combinations > 2.0**62
    repeated = np.vstack([x[:500]] * 4)
    bins = {f: np.searchsorted(edges, repeated[:, f]) for f, edges in trees._edges.items()}
    assert len(np.unique(trees._bin_keys(bins))) == 500
    assert np.array_equal(trees.logits(list(repeated.T)), trees.walk(repeated))


def test_trees_survive_their_json():
    x, y = _pairs(5, 400)
    trees = train_pair_trees([(x, y)])
    again = PairTrees.from_dict(json.loads(json.dumps(trees.to_dict())))
    assert again == trees
    assert np.array_equal(again.logits(list(x.T)), trees.logits(list(x.T)))


@pytest.mark.parametrize("label", [0.0, 1.0])
def test_no_trees_when_every_pair_is_one_class(label):
    x, _ = _pairs(6, 50)
    assert train_pair_trees([(x, np.full(50, label))]) is None


def test_the_model_scores_with_its_trees_when_it_has_them():
    x, y = _pairs(7, 400)
    weights = np.array([1.0, -2.0, 0.5, 0.25])
    plain = LinkModel(weights, 0.5)
    assert plain.logits(list(x.T)) == pytest.approx(x @ weights)
    trees = train_pair_trees([(x, y)])
    boosted = LinkModel(weights, 0.5, trees)
    assert np.array_equal(boosted.logits(list(x.T)), trees.logits(list(x.T)))


def test_a_saved_model_loads_with_its_trees(tmp_path):
    x = np.random.default_rng(8).random((300, len(PAIR_FEATURES)))
    y = (x[:, 1] > 0.5).astype("float64")
    model = LinkModel(np.ones(len(PAIR_FEATURES)), THRESHOLD, train_pair_trees([(x, y)]))
    out = tmp_path / "link_model.json"
    save_link_model(model, out, [ROOT / GOLD[0]], force=False)
    again = load_link_model(out)
    assert again.trees == model.trees and again.threshold == THRESHOLD
    assert np.array_equal(again.logits(list(x.T)), model.logits(list(x.T)))


def test_trees_over_other_features_are_refused(tmp_path):
    saved = json.loads(LINK_MODEL.read_text(encoding="utf-8"))
    saved["features"] = saved["features"][:-1]
    saved["weights"] = saved["weights"][:-1]
    out = tmp_path / "old.json"
    out.write_text(json.dumps(saved), encoding="utf-8")
    with pytest.raises(ValueError, match="retrain"):
        load_link_model(out)


@pytest.mark.parametrize(
    ("first", "second", "days", "linked"),
    [
        # "$60.8 billion" for Ukraine in April, "the $61 billion" ten months later: one law.
        # The logistic model's probability was 0.55 here, the trees' above 0.95.
        (60.8e9, 61e9, 300, True),
        (61e9, 61e9, 400, True),
        # "$500 million" of one donor ten months apart: a new package (both models: 0.1 to 0.2).
        (5e8, 5e8, 300, False),
        # The $40 billion law of May 2022 and the $45 billion of that December: two laws.
        (40e9, 45e9, 210, False),
    ],
)
def test_the_shipped_trees_link_restatements_and_keep_new_packages_apart(
    first, second, days, linked
):
    d = rows(
        [
            ("a", 0, 10, "United States", first, None, "USD"),
            ("b", days, 10, "United States", second, None, "USD"),
        ]
    )
    assert link_groups(d).tolist() == ([0, 0] if linked else [0, 1])


@pytest.mark.parametrize(
    ("shared", "linked"),
    [
        (0.0, False),  # "$400m" a month later in a sentence sharing no content word: new
        (0.2, True),  # sharing a fifth of them ("air defence", "Patriot"): the same package
    ],
)
def test_the_shipped_trees_read_the_words_two_sentences_share(shared, linked):
    d = rows(
        [
            ("a", 0, 10, "United States", 4e8, None, "USD"),
            ("b", 30, 10, "United States", 4e8, None, "USD"),
        ]
    )
    x = pair_features(d, np.array([0]), np.array([1]))
    x[:, PAIR_FEATURES.index("shared_words")] = shared
    model = load_link_model()
    assert bool(model.logits(list(x.T))[0] >= model.cut) is linked


@pytest.mark.parametrize(
    ("donor", "value", "currency"),
    [
        ("United States", 4e8, "USD"),
        ("Norway", 2e9, "NOK"),
        ("Japan", 1e8, "USD"),
        ("EU", 5e10, "EUR"),
    ],
)
def test_the_shipped_trees_never_link_likelier_for_being_further_apart(donor, value, currency):
    days = [0, 7, 30, 90, 180, 365, 500, 730, 1100]
    d = rows([(f"a{n}", day, 10, donor, value, None, currency) for n, day in enumerate(days)])
    x = pair_features(d, np.zeros(len(days) - 1, dtype=int), np.arange(1, len(days)))
    probability = 1 / (1 + np.exp(-load_link_model().logits(list(x.T))))
    assert np.all(np.diff(probability) <= 1e-12)
