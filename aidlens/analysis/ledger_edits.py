"""Ledger edits: an amount mention as a review, confirmed or corrected, merged or split out.

The Ledger page turns what an analyst does into AmountReview records with these functions and
saves them article by article through the AmountReviewStore.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace

import pandas as pd

from aidlens.annotations import AmountReview

TEXT_FIELDS = ("text", "stage", "reason", "donor", "recipient", "currency", "aid_type")
ID_FIELDS = ("part_of", "commitment_id")


def _clean(value: object) -> str:
    """Return a cell as stripped text ("" for a missing value)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def review_of(row: Mapping, **changes: object) -> AmountReview:
    """Return the review of an amounts row as it stands, with `changes` applied."""
    value = row.get("value")
    fields = {name: _clean(row.get(name)) for name in (*TEXT_FIELDS, *ID_FIELDS)}
    fields["value"] = None if _clean(value) == "" else float(value)
    fields |= changes
    return AmountReview(
        article_id=str(row["article_id"]), start=int(row["start"]), end=int(row["end"]), **fields
    )


def merged_reviews(
    current: Iterable[AmountReview], new: Iterable[AmountReview]
) -> tuple[AmountReview, ...]:
    """Return an article's reviews with `new` replacing those of the same mention, by start."""
    out = {r.key: r for r in current}
    out.update({r.key: r for r in new})
    return tuple(sorted(out.values(), key=lambda r: (r.start, r.end)))


def by_article(reviews: Iterable[AmountReview]) -> dict[str, list[AmountReview]]:
    """Return the reviews grouped by article id, in the order first met."""
    out: dict[str, list[AmountReview]] = {}
    for r in reviews:
        out.setdefault(r.article_id, []).append(r)
    return out


def mentions_of(amounts: pd.DataFrame, commitment_id: str) -> pd.DataFrame:
    """Return the mentions of one commitment, oldest first."""
    rows = amounts[amounts["commitment_id"].fillna("").astype(str) == commitment_id]
    return rows.sort_values(["published", "article_id", "start"], kind="stable")


def split_id(commitment_id: str, article_id: str, start: int) -> str:
    """Return the id of a commitment made of one mention split out of `commitment_id`."""
    return f"{commitment_id}/{article_id}:{start}"


def confirmations(mentions: pd.DataFrame) -> list[AmountReview]:
    """Return a review of each mention as it stands ("Confirm")."""
    out = [review_of(row) for row in mentions.to_dict("records")]
    # A figure extracted as not aid before reasons were recorded still needs one to be saved.
    return [r if r.stage or r.reason else replace(r, reason="not aid, as extracted") for r in out]


def merge_into(mentions: pd.DataFrame, target: str) -> list[AmountReview]:
    """Return reviews moving every mention of a commitment into the commitment `target`."""
    return [review_of(row, commitment_id=target) for row in mentions.to_dict("records")]
