"""Ledger edits: a mention as a review, merged with an article's others, merged or split out."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from aidlens.analysis import (
    by_article,
    confirmations,
    mentions_of,
    merge_into,
    merged_reviews,
    review_of,
    split_id,
)
from aidlens.annotations import AmountReview


def mentions_frame() -> pd.DataFrame:
    """Return three mentions of C1 across two articles and one context figure."""
    return pd.DataFrame(
        {
            "article_id": ["a2", "a1", "a1", "a1"],
            "published": pd.to_datetime(["2024-02-01", "2024-01-01", "2024-01-01", "2024-01-01"]),
            "start": [5, 40, 10, 70],
            "end": [9, 44, 14, 74],
            "text": ["$3bn", "$3bn", "$3bn", "$9bn"],
            "stage": ["pledged", "pledged", "pledged", float("nan")],
            "reason": ["announced", None, "", "an estimate"],
            "donor": ["United States"] * 4,
            "recipient": ["Ukraine"] * 4,
            "value": [3e9, 3e9, 3e9, float("nan")],
            "currency": ["USD"] * 4,
            "aid_type": ["military", "military", "military", ""],
            "part_of": ["", "", "", ""],
            "commitment_id": ["C1", "C1", "C1", float("nan")],
        }
    )


@pytest.mark.parametrize(
    ("row", "changes", "expected"),
    [
        (0, {}, {"stage": "pledged", "reason": "announced", "value": 3e9, "commitment_id": "C1"}),
        (1, {}, {"reason": ""}),  # a missing cell is ""
        (3, {}, {"stage": "", "value": None, "commitment_id": ""}),
        (0, {"stage": "", "reason": "a budget"}, {"stage": "", "reason": "a budget"}),
        (0, {"commitment_id": "C9"}, {"commitment_id": "C9", "donor": "United States"}),
    ],
)
def test_review_of(row, changes, expected) -> None:
    review = review_of(mentions_frame().iloc[row].to_dict(), **changes)
    assert isinstance(review.start, int) and review.article_id in ("a1", "a2")
    for name, value in expected.items():
        got = getattr(review, name)
        assert got == value or (value is None and (got is None or math.isnan(got)))


def test_merged_reviews_replace_by_mention_and_sort() -> None:
    old = [AmountReview("a1", 40, 44, stage="pledged"), AmountReview("a1", 10, 14, stage="pledged")]
    new = [AmountReview("a1", 40, 44, stage="delivered")]
    out = merged_reviews(old, new)
    assert [(r.start, r.stage) for r in out] == [(10, "pledged"), (40, "delivered")]


def test_confirm_merge_and_split_a_commitment() -> None:
    mentions = mentions_of(mentions_frame(), "C1")
    assert list(zip(mentions["article_id"], mentions["start"], strict=True)) == [
        ("a1", 10),
        ("a1", 40),
        ("a2", 5),
    ]  # oldest first
    confirmed = confirmations(mentions)
    assert [r.commitment_id for r in confirmed] == ["C1"] * 3
    groups = by_article(merge_into(mentions, "C7"))
    assert {a: [r.commitment_id for r in rs] for a, rs in groups.items()} == {
        "a1": ["C7", "C7"],
        "a2": ["C7"],
    }
    assert split_id("C1", "a2", 5) == "C1/a2:5" != "C1"
