"""amount_history.jsonl: one JSON line per save of an article's amount reviews, before and after.

Appended and fsynced (by annotations' HistoryLog, reading these entries) before
amount_reviews.csv is replaced, so it is both the audit trail that undo reads and a write-ahead
log: a writer killed between the append and the replace leaves a last entry whose revision is
ahead of the file, and the next reader finishes that save from it. A torn last line is ignored,
and cut off at the next append.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aidlens.annotations.amount_records import AmountReview
from aidlens.annotations.history import HistoryLog, LoggedSave, entry_reader


@dataclass(frozen=True)
class AmountHistoryEntry(LoggedSave):
    """One save of one article's amount reviews: who, when, the reviews before and after."""

    reviews_before: tuple[AmountReview, ...]
    reviews_after: tuple[AmountReview, ...]
    undoes: int | None = None


def amount_history(path: Path) -> HistoryLog[AmountHistoryEntry]:
    """Return the amount_history.jsonl log at `path`."""
    return HistoryLog(path, _read)


_read = entry_reader(AmountHistoryEntry, AmountReview, ("reviews_before", "reviews_after"))
