"""Leaving gold commitments out (aidlens.training.commitments_out): the deal, the sides, and
that every pair of one commitment is scored once per deal by a linker that never saw it; and the
pairs a fold's linker keeps when the left-out folder's commitments are left out too."""

from __future__ import annotations

import numpy as np
import pytest

from aidlens.amounts import PAIR_FEATURES
from aidlens.training.commitments_out import GROUPS, commitments_out, deal, sides
from aidlens.training.cross_check import without_commitments
from aidlens.training.link_check import ReviewedPairs


def test_a_deal_gives_every_commitment_one_group_and_fills_them_all():
    ids = [f"c{k}" for k in range(40)] + ["", "c3"]
    dealt = deal(ids, seed=1)
    assert set(dealt) == {f"c{k}" for k in range(40)}
    assert sorted(set(dealt.values())) == list(range(GROUPS))
    assert deal(ids, seed=1) == dealt and deal(ids, seed=2) != dealt


# first id, second id -> the groups of the two sides (a: 0, b: 1; '' takes the other side's)
@pytest.mark.parametrize(
    ("first", "second", "groups"),
    [
        ("a", "a", (0, 0)),
        ("a", "b", (0, 1)),  # across two groups: in neither's test nor, for them, in training
        ("", "b", (1, 1)),  # a gold context figure goes with the commitment it is paired with
        ("a", "", (0, 0)),
    ],
)
def test_the_sides_of_a_pair(first, second, groups):
    pairs = ReviewedPairs(
        np.zeros((1, 2)), np.zeros(1), np.array([first], object), np.array([second], object)
    )
    assert tuple(sides(pairs, {"a": 0, "b": 1})[:, 0]) == groups


def _pairs(rng: np.random.Generator, commitments: int) -> ReviewedPairs:
    """Return pairs of mentions of `commitments` packages, three mentions each: the pairs of one
    package have equal values, the others do not."""
    ids = np.repeat([f"p{k}" for k in range(commitments)], 3)
    i, j = np.triu_indices(len(ids), 1)
    keep = (ids[i] == ids[j]) | (rng.random(len(i)) < 0.05)
    i, j = i[keep], j[keep]
    same = (ids[i] == ids[j]).astype("float64")
    x = rng.random((len(i), len(PAIR_FEATURES)))
    x[:, PAIR_FEATURES.index("equal_value")] = same
    x[:, PAIR_FEATURES.index("bias")] = 1.0
    return ReviewedPairs(x, same, ids[i].astype(object), ids[j].astype(object))


def test_every_pair_of_one_commitment_is_scored_once_per_deal():
    rng = np.random.default_rng(0)
    folders = [_pairs(rng, 20), _pairs(rng, 16)]
    scores = commitments_out(folders, seeds=(1, 2))
    positives = int(sum(p.same.sum() for p in folders))
    for s in scores["seeds"]:
        assert s["tp"] + s["fn"] == positives
    assert scores["pooled"]["tp"] + scores["pooled"]["fn"] == 2 * positives
    # Equal values tell the packages apart, and the linker learns it from the other groups.
    assert scores["pooled"]["f"] > 0.95


# the left-out folder's commitments -> which of the pairs (a, a), (a, b), ("", b), (c, "") stay
@pytest.mark.parametrize(
    ("ids", "kept"),
    [
        (set(), [0, 1, 2, 3]),  # plain leave-one-out: every pair
        ({"a"}, [2, 3]),  # "a and b differ" teaches a's pairs too
        ({"b"}, [0, 3]),  # a gold context figure paired with b goes with b
        ({"a", "b", "c"}, []),
        ({"z"}, [0, 1, 2, 3]),  # a commitment no pair holds
    ],
)
def test_without_commitments_drops_every_pair_with_a_side_in_them(ids, kept):
    first = np.array(["a", "a", "", "c"], object)
    second = np.array(["a", "b", "b", ""], object)
    x = np.arange(8, dtype="float64").reshape(4, 2)
    same = np.array([1.0, 0.0, 0.0, 0.0])
    got_x, got_same = without_commitments(ReviewedPairs(x, same, first, second), ids)
    assert got_x.tolist() == x[kept].tolist()
    assert got_same.tolist() == same[kept].tolist()
