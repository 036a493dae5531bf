"""amount_history.jsonl: one JSON line per save of an article's amount reviews, before and after.

Appended and fsynced (by annotations' HistoryLog) before amount_reviews.csv is replaced, so it is
both the audit trail that undo reads and a write-ahead log: a writer killed between the append
and the replace leaves a last entry whose revision is ahead of the file, and the next reader
finishes that save from it. A torn last line is ignored, and cut off at the next append.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from aidlens.annotations.amount_records import AmountReview
from aidlens.annotations.history import HistoryLog


@dataclass(frozen=True)
class AmountHistoryEntry:
    """One save of one article's amount reviews: who, when, the reviews before and after."""

    batch: str
    at: str
    annotator: str
    article_id: str
    action: str
    base_revision: int
    revision: int
    reviews_before: tuple[AmountReview, ...]
    reviews_after: tuple[AmountReview, ...]
    undoes: int | None = None


def decode(line: bytes) -> AmountHistoryEntry | None:
    """Return the entry of one JSON line, or None when the line is not a valid entry."""
    try:
        rec = json.loads(line)
        rec["reviews_before"] = tuple(AmountReview(**r) for r in rec["reviews_before"])
        rec["reviews_after"] = tuple(AmountReview(**r) for r in rec["reviews_after"])
        return AmountHistoryEntry(**rec)
    except (ValueError, TypeError, KeyError):
        return None


class AmountHistory:
    """The append-only amount_history.jsonl of a data folder."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._log = HistoryLog(self.path)  # the same fsynced append and rollback as history.jsonl

    def signature(self) -> tuple[int, int, int] | None:
        """Return (inode, size, mtime_ns), or None when the file does not exist."""
        return self._log.signature()

    def append(self, entries: Iterable[AmountHistoryEntry]) -> int:
        """Append `entries` with one fsync; return the size before, for a rollback."""
        return self._log.append(entries)  # type: ignore[arg-type]  # encodes any dataclass

    def truncate(self, size: int) -> None:
        """Cut the file back to `size` bytes: undoes an append whose save then failed."""
        self._log.truncate(size)

    def entries(self, article_id: str | None = None) -> list[AmountHistoryEntry]:
        """Return every readable entry, oldest first; only those of `article_id` when given."""
        try:
            content = self.path.read_bytes()
        except FileNotFoundError:
            return []
        out = []
        for line in content.split(b"\n")[:-1]:
            entry = decode(line)
            if entry is not None and article_id in (None, entry.article_id):
                out.append(entry)
        return out
