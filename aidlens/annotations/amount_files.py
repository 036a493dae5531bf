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
from aidlens.annotations.records import (
    BadRows,
    checked_rows,
    decode_file,
    fields_of,
    header_of,
    header_problem,
    split_records,
)
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
    content = decode_file(raw, name)
    if isinstance(content, Problem):
        return LoadedReviews({}, {}, problems=(content,), writable=False)
    records = split_records(content) if content.strip() else []
    if not records:
        return LoadedReviews({}, {})
    header = header_of(records[0])
    if header not in (AMOUNT_REVIEW_COLUMNS, STORE_COLUMNS):
        wanted = f"{','.join(AMOUNT_REVIEW_COLUMNS)} (optionally followed by revision)"
        return LoadedReviews(
            {}, {}, problems=(header_problem(name, header, wanted),), writable=False
        )
    bad = BadRows(name)
    check = _ReviewRows(texts, currencies, has_revision=len(header) > 15)
    rows = [(row, r) for row, r in enumerate(records[1:], start=2) if r.strip()]
    reviews: dict[str, list[AmountReview]] = {}
    revisions: dict[str, int] = {}
    orphans: dict[str, None] = {}
    for row, record, value in checked_rows(rows, len(header), check, bad):
        if not isinstance(value, AmountReview):
            # Not an error: the corpus may have lost the article; its rows wait, untouched.
            orphans[fields_of(record)[0]] = None
            bad.keep(row, record)
            continue
        reviews.setdefault(value.article_id, []).append(value)
        revisions[value.article_id] = max(revisions.get(value.article_id, 0), value.revision)
    by_article = {a: tuple(sorted(rs, key=lambda r: (r.start, r.end))) for a, rs in reviews.items()}
    return LoadedReviews(by_article, revisions, bad.kept, bad.problems, tuple(orphans))


class _ReviewRows:
    """Checks the rows of one amount_reviews.csv: the review, or None for another corpus's."""

    def __init__(self, texts: Mapping[str, str], currencies: Collection[str], has_revision: bool):
        self.texts, self.currencies, self.has_revision = texts, currencies, has_revision
        self._seen: dict[tuple[str, int, int], int] = {}

    def __call__(self, fields: list[str], row: int) -> AmountReview | Problem | None:
        """Return the row's review, a Problem naming its column, or None (an orphan)."""
        article_id = fields[0]
        if not article_id.strip():
            return Problem("", "empty article_id", column="article_id")
        if article_id not in self.texts:
            return None
        value = check_row(fields, self.texts[article_id], self.currencies, self.has_revision)
        if isinstance(value, AmountReview):
            first = self._seen.get(value.key)
            if first is not None:
                msg = f"a second row for {value.start}-{value.end} (first in row {first})"
                return Problem("", msg, column="start")
            self._seen[value.key] = row
        return value
