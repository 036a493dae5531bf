"""amount_reviews.csv row by row: the AmountReview record, its columns, parsing and serialising.

A row the store cannot use (a bad hand edit) becomes a Problem naming its row and column; the
store keeps its raw text and writes it back verbatim. Reading accepts the contract's 15 columns
(the gold files, revision 1) or those followed by `revision` (what the store writes).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass

from aidlens.amounts import AID_TYPES
from aidlens.annotations.records import csv_line
from aidlens.errors import Problem

AMOUNT_REVIEW_COLUMNS = (
    "article_id",
    "start",
    "end",
    "text",
    "stage",
    "reason",
    "donor",
    "recipient",
    "value",
    "currency",
    "aid_type",
    "part_of",
    "commitment_id",
    "annotator",
    "updated_at",
)
STORE_COLUMNS = (*AMOUNT_REVIEW_COLUMNS, "revision")
REVIEW_STAGES = ("requested", "blocked", "pledged", "delivered")
PART_OF = re.compile(r"^(?P<article>.+):(?P<start>\d+)$")
# Values an analyst sets; annotator, updated_at and revision say who set them and when.
VALUE_FIELDS = AMOUNT_REVIEW_COLUMNS[4:13]


@dataclass(frozen=True)
class AmountReview:
    """One reviewed amount mention: the values an analyst gave it (empty stage: not aid)."""

    article_id: str
    start: int
    end: int
    text: str = ""
    stage: str = ""
    reason: str = ""
    donor: str = ""
    recipient: str = ""
    value: float | None = None
    currency: str = ""
    aid_type: str = ""
    part_of: str = ""
    commitment_id: str = ""
    annotator: str = ""
    updated_at: str = ""
    revision: int = 0

    @property
    def key(self) -> tuple[str, int, int]:
        """Return (article_id, start, end), the mention this review is about."""
        return (self.article_id, self.start, self.end)

    @property
    def values(self) -> tuple:
        """Return what the analyst set (stage to commitment_id), to tell a change apart."""
        return tuple(getattr(self, name) for name in VALUE_FIELDS)


def self_reference(article_id: str, start: int) -> str:
    """Return the part_of value that points at the mention starting at `start`."""
    return f"{article_id}:{start}"


def format_value(value: float | None) -> str:
    """Return a value as the CSV writes it: whole numbers without '.0', '' for none."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def review_line(r: AmountReview) -> str:
    """Return the amount_reviews.csv line (STORE_COLUMNS) of review `r`."""
    values = [r.article_id, str(r.start), str(r.end), r.text, r.stage, r.reason, r.donor]
    values += [r.recipient, format_value(r.value), r.currency, r.aid_type, r.part_of]
    values += [r.commitment_id, r.annotator, r.updated_at, str(r.revision)]
    return csv_line(values)


def parse_number(raw: str) -> float | None:
    """Return a non-negative finite number, None for '', or raise ValueError."""
    if not raw.strip():
        return None
    value = float(raw.strip().replace(",", ""))
    if not math.isfinite(value) or value < 0:
        raise ValueError(raw)
    return value


def check_row(
    fields: list[str], text: str, currencies: Collection[str], has_revision: bool
) -> AmountReview | Problem:
    """Return the review a row holds, or a Problem naming its column (file and row unset)."""
    rec = dict(zip(STORE_COLUMNS, fields, strict=False))
    a = rec["article_id"]
    for col in ("start", "end"):
        if not (rec[col].isascii() and rec[col].strip().isdigit()):
            return Problem("", f"'{rec[col]}' is not a whole number", column=col)
    s, e = int(rec["start"]), int(rec["end"])
    if not 0 <= s < e <= len(text):
        msg = f"{s}-{e} is outside the article's {len(text)} characters or empty"
        return Problem("", msg + "; give offsets of the amount in the text", column="end")
    if text[s:e] != rec["text"]:
        msg = f"text '{rec['text']}' is not the article text at {s}-{e} ('{text[s:e]}')"
        return Problem("", msg + "; fix the offsets or the text", column="text")
    if rec["stage"] not in ("", *REVIEW_STAGES):
        msg = f"stage '{rec['stage']}' is not one of {', '.join(REVIEW_STAGES)} (or empty)"
        return Problem("", msg, column="stage")
    try:
        value = parse_number(rec["value"])
    except ValueError:
        msg = f"value '{rec['value']}' is not a number of 0 or more; write e.g. 350000000"
        return Problem("", msg, column="value")
    if rec["currency"] and rec["currency"] not in currencies:
        msg = f"currency '{rec['currency']}' is unknown; use an ISO code such as USD or EUR"
        return Problem("", msg, column="currency")
    if rec["aid_type"] not in ("", *AID_TYPES):
        msg = f"aid_type '{rec['aid_type']}' is not one of {', '.join(AID_TYPES)} (or empty)"
        return Problem("", msg, column="aid_type")
    part = rec["part_of"]
    if part and (not PART_OF.match(part) or part == self_reference(a, s)):
        msg = f"part_of '{part}' must be ARTICLE_ID:START of another mention, or empty"
        return Problem("", msg, column="part_of")
    revision = rec.get("revision", "1") if has_revision else "1"
    if not revision.strip().isdigit():
        return Problem("", f"revision '{revision}' is not a whole number", column="revision")
    strings = {k: rec[k] for k in VALUE_FIELDS if k != "value"}
    return AmountReview(
        a,
        s,
        e,
        rec["text"],
        value=value,
        annotator=rec["annotator"],
        updated_at=rec["updated_at"],
        revision=int(revision),
        **strings,
    )
