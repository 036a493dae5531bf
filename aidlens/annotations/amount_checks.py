"""The checks of a review before it is saved: each refusal names the value, where, and the fix.

A review must be about an amount mention (one the extractor found at those offsets, or text
that reads as money), with a known stage and currency, a value of 0 or more, a part_of that is
not the mention itself, and a commitment_id that makes no commitment its own parent.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from aidlens.amounts import AID_TYPES, parse_amount
from aidlens.annotations.amount_records import (
    PART_OF,
    REVIEW_STAGES,
    AmountReview,
    format_value,
    self_reference,
)
from aidlens.errors import StoreError

Key = tuple[str, int, int]


@dataclass(frozen=True)
class MentionIndex:
    """What the extractor found: each mention's key, commitment_id and parent_id."""

    commitments: Mapping[Key, str] = field(default_factory=dict)
    parents: Mapping[Key, str] = field(default_factory=dict)

    def __contains__(self, key: object) -> bool:
        """Return whether the extractor found an amount at this (article_id, start, end)."""
        return key in self.commitments


def mention_index(amounts: pd.DataFrame | None) -> MentionIndex:
    """Return the index of an amounts table (parent_id may be absent: no parents then)."""
    if amounts is None or amounts.empty:
        return MentionIndex()
    keys = list(
        zip(
            amounts["article_id"].astype(str),
            amounts["start"].astype(int),
            amounts["end"].astype(int),
            strict=True,
        )
    )
    ids = amounts["commitment_id"].fillna("").astype(str)
    commitments = dict(zip(keys, ids, strict=True))
    parents: dict[Key, str] = {}
    if "parent_id" in amounts.columns:
        for key, parent in zip(keys, amounts["parent_id"].fillna("").astype(str), strict=True):
            if parent:
                parents[key] = parent
    return MentionIndex(commitments, parents)


def _where(r: AmountReview) -> str:
    """Return 'article A at S-E' for messages."""
    return f"article '{r.article_id}' at {r.start}-{r.end}"


def check_review(
    r: AmountReview,
    text: str,
    mentions: MentionIndex,
    currencies: Collection[str],
    saved: Collection[Key] = (),
) -> AmountReview:
    """Return the review with its text filled in; raise StoreError naming what is wrong.

    A mention in `saved` (already reviewed) needs no extraction and may read as anything.
    """
    for name, offset in (("start", r.start), ("end", r.end)):
        if isinstance(offset, bool) or not isinstance(offset, int):
            raise StoreError(f"{name} {offset!r} must be a whole number of characters")
    if not 0 <= r.start < r.end <= len(text):
        raise StoreError(
            f"{r.start}-{r.end} is not a span of article '{r.article_id}' "
            f"({len(text)} characters); give the start and end of the amount"
        )
    phrase = text[r.start : r.end]
    if r.text and r.text != phrase:
        raise StoreError(f"text '{r.text}' is not the text at {_where(r)} ('{phrase}')")
    parsed = parse_amount(phrase)
    money = bool(parsed.currency) and (parsed.value is not None or parsed.vague)
    if r.key not in mentions and r.key not in saved and not money:
        raise StoreError(
            f"'{phrase}' ({_where(r)}) is not an amount mention: no amount was extracted there "
            "and it does not read as money; give the offsets of a phrase such as '$350 million'"
        )
    if r.stage not in ("", *REVIEW_STAGES):
        raise StoreError(
            f"stage '{r.stage}' ({_where(r)}) is not one of {', '.join(REVIEW_STAGES)}; "
            "use one of them, or mark the figure not aid with a reason"
        )
    if r.stage == "" and not r.reason.strip():
        raise StoreError(f"{_where(r)} is marked not aid without a reason; say why in a few words")
    value = _check_value(r)
    if r.currency and r.currency not in currencies:
        raise StoreError(
            f"currency '{r.currency}' ({_where(r)}) is unknown; use an ISO code, one of "
            + ", ".join(sorted(currencies))
        )
    if r.aid_type not in ("", *AID_TYPES):
        raise StoreError(f"aid type '{r.aid_type}' is not one of {', '.join(AID_TYPES)}")
    _check_part_of(r, text)
    return replace(r, text=phrase, value=value)


def _check_value(r: AmountReview) -> float | None:
    """Return the review's value as a float (None when empty); raise StoreError when bad."""
    if r.value is None or r.value == "":
        return None
    try:
        value = float(r.value)
    except (TypeError, ValueError):
        raise StoreError(
            f"value '{r.value}' ({_where(r)}) is not a number; give the amount in units of its "
            "currency, e.g. 350000000"
        ) from None
    if not math.isfinite(value) or value < 0:
        raise StoreError(
            f"value '{format_value(value)}' ({_where(r)}) is negative or not finite; "
            "give 0 or more, e.g. 350000000"
        )
    return value


def _check_part_of(r: AmountReview, text: str) -> None:
    """Raise StoreError when part_of is malformed or points to the mention itself."""
    if not r.part_of:
        return
    m = PART_OF.match(r.part_of)
    if m is None:
        raise StoreError(
            f"part_of '{r.part_of}' ({_where(r)}) is not ARTICLE_ID:START; give the article id "
            "and the start of the whole this figure is a share of"
        )
    if r.part_of == self_reference(r.article_id, r.start):
        raise StoreError(
            f"part_of '{r.part_of}' points to the mention itself ({_where(r)}); give the start "
            "of the whole it is a share of, or leave part_of empty"
        )
    if m.group("article") == r.article_id and int(m.group("start")) >= len(text):
        raise StoreError(f"part_of '{r.part_of}' starts after the end of article '{r.article_id}'")


def check_cycles(
    mentions: MentionIndex, reviews: Mapping[Key, AmountReview], changed: Iterable[str]
) -> None:
    """Raise StoreError when a commitment in `changed` becomes its own parent (or ancestor)."""
    edges: dict[str, set[str]] = {}
    for key, parent in mentions.parents.items():
        review = reviews.get(key)
        child = review.commitment_id if review is not None else mentions.commitments.get(key, "")
        if child and parent:
            edges.setdefault(child, set()).add(parent)
    for start in dict.fromkeys(c for c in changed if c):
        path = _cycle_from(start, edges)
        if path:
            raise StoreError(
                f"commitment '{start}' would become its own parent ({' -> '.join(path)}); "
                "merge the mention into another commitment, or split it out with a new id"
            )


def _cycle_from(start: str, edges: Mapping[str, set[str]]) -> list[str]:
    """Return a path of parents from `start` back to it, or [] when there is none."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for parent in sorted(edges.get(node, ())):
            if parent == start:
                return [*path, start]
            if parent not in seen:
                seen.add(parent)
                stack.append((parent, [*path, parent]))
    return []
