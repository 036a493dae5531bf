"""Reading an amount_reviews.csv: good rows by article, bad rows kept verbatim with a Problem each.

Used by the store on every change on disk, and by anyone reading a gold file as it is
(`read_amount_reviews`). Rows of articles not in the corpus are kept as they are, untouched.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from aidlens.amounts import CURRENCY_CODES, load_rates
from aidlens.annotations.amount_records import (
    AMOUNT_REVIEW_COLUMNS,
    STORE_COLUMNS,
    AmountReview,
    check_row,
)
from aidlens.annotations.records import fields_of, split_records
from aidlens.errors import InputError, Problem

# XDR: the IMF's special drawing rights, in which its loans to Ukraine are written; no yearly rate.
EXTRA_CURRENCIES = ("XDR",)


@dataclass(frozen=True)
class LoadedReviews:
    """An amount_reviews.csv as read: reviews by article, raw rows kept, problems, revisions."""

    reviews: dict[str, tuple[AmountReview, ...]]
    revisions: dict[str, int]
    kept: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    orphans: tuple[str, ...] = ()
    writable: bool = True


def known_currencies(data_dir: Path | None = None) -> frozenset[str]:
    """Return the currency codes a review may use: those with a rate, and the IMF's XDR."""
    try:
        rated = set(load_rates(data_dir)["currency"])
    except InputError:
        rated = set(load_rates(None)["currency"])  # a bad rates.csv is reported where it is read
    return frozenset({*CURRENCY_CODES, *EXTRA_CURRENCIES, *rated})


def read_amount_reviews(
    path: Path, texts: Mapping[str, str], currencies: Collection[str] | None = None
) -> LoadedReviews:
    """Return the reviews of a file (a missing one is empty; one not UTF-8 is not writable)."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return LoadedReviews({}, {})
    if currencies is None:
        currencies = known_currencies(Path(path).parent)
    return parse_reviews(raw, str(path), texts, currencies)


def parse_reviews(
    raw: bytes, name: str, texts: Mapping[str, str], currencies: Collection[str]
) -> LoadedReviews:
    """Return the reviews of a file's bytes, each bad row a Problem and kept verbatim."""
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem(name, f"not UTF-8 (byte {exc.start}); save it as UTF-8", 1)
        return LoadedReviews({}, {}, problems=(problem,), writable=False)
    records = split_records(content) if content.strip() else []
    if not records:
        return LoadedReviews({}, {})
    header = tuple(f.strip().lstrip("\ufeff") for f in fields_of(records[0]))
    if header not in (AMOUNT_REVIEW_COLUMNS, STORE_COLUMNS):
        msg = (
            f"the header is {','.join(header)}; it must be {','.join(AMOUNT_REVIEW_COLUMNS)} "
            "(optionally followed by revision). Fix the header; nothing is saved until then"
        )
        return LoadedReviews({}, {}, problems=(Problem(name, msg, 1),), writable=False)
    reviews: dict[str, list[AmountReview]] = {}
    revisions: dict[str, int] = {}
    kept: list[str] = []
    problems: list[Problem] = []
    orphans: dict[str, None] = {}
    seen: dict[tuple[str, int, int], int] = {}
    for row, record in enumerate(records[1:], start=2):
        if not record.strip():
            continue
        fields = fields_of(record)
        article_id = fields[0] if fields else ""
        value: AmountReview | Problem
        if len(fields) != len(header):
            value = Problem("", f"expected {len(header)} columns, found {len(fields)}")
        elif not article_id.strip():
            value = Problem("", "empty article_id", column="article_id")
        elif article_id not in texts:
            # Not an error: the corpus may have lost the article; its rows wait, untouched.
            orphans[article_id] = None
            kept.append(record)
            continue
        else:
            value = check_row(fields, texts[article_id], currencies, len(header) > 15)
        if isinstance(value, AmountReview) and value.key in seen:
            msg = f"a second row for {value.start}-{value.end} (first in row {seen[value.key]})"
            value = Problem("", msg, column="start")
        if isinstance(value, Problem):
            problems.append(Problem(name, value.message + "; kept as is", row, value.column))
            kept.append(record)
            continue
        seen[value.key] = row
        reviews.setdefault(article_id, []).append(value)
        revisions[article_id] = max(revisions.get(article_id, 0), value.revision)
    by_article = {a: tuple(sorted(rs, key=lambda r: (r.start, r.end))) for a, rs in reviews.items()}
    return LoadedReviews(by_article, revisions, tuple(kept), tuple(problems), tuple(orphans))
