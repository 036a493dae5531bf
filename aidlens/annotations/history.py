"""history.jsonl: one JSON line per article per save, appended and fsynced before the save lands.

The log is written before annotations.csv and reviews.csv are replaced, so it doubles as the
store's write-ahead log: a writer killed between the two replaces leaves a last batch whose
revisions are ahead of reviews.csv, and the next reader finishes that save from the log.
A torn last line (killed mid-append) belongs to a save that never happened; it is ignored when
read and cut off before the next append. The amount review store's amount_history.jsonl is the
same kind of log, of its own entries (HistoryLog takes what reads one).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Generic, TypeVar

from aidlens.annotations.spans import Span

E = TypeVar("E")

CHUNK = 1 << 16


@dataclass(frozen=True)
class LoggedSave:
    """What every history line starts with: the save, who, when, which article and revision.

    A store's entry adds its records before and after, then `undoes` (the revision an undo
    reverted, None for a save); the fields' order is the order of the JSON keys on disk.
    """

    batch: str
    at: str
    annotator: str
    article_id: str
    action: str
    base_revision: int
    revision: int


@dataclass(frozen=True)
class HistoryEntry(LoggedSave):
    """One save of one article: who, when, and its spans and status before and after."""

    status_before: str
    status_after: str
    spans_before: tuple[Span, ...]
    spans_after: tuple[Span, ...]
    undoes: int | None = None


def encode(entry: object) -> bytes:
    """Return the JSON line of `entry` (a dataclass)."""
    record = asdict(entry)  # type: ignore[call-overload]
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _record(line: bytes) -> dict | None:
    """Return the JSON object of one line, or None when it is not one."""
    try:
        rec = json.loads(line)
    except ValueError:
        return None
    return rec if isinstance(rec, dict) else None


def entry_reader(
    entry_type: Callable[..., E], record_type: Callable[..., object], fields: tuple[str, ...]
) -> Callable[[dict], E | None]:
    """Return what reads a JSON object as an `entry_type` whose `fields` hold record lists."""

    def read(rec: dict) -> E | None:
        """Return the entry a JSON object holds, or None when it is not a valid entry."""
        try:
            records = {f: tuple(record_type(**r) for r in rec[f]) for f in fields}
            return entry_type(**{**rec, **records})
        except (ValueError, TypeError, KeyError):
            return None

    return read


read_entry = entry_reader(HistoryEntry, Span, ("spans_before", "spans_after"))


class HistoryLog(Generic[E]):
    """The append-only history file of a data folder, of entries that `read` makes."""

    def __init__(self, path: Path, read: Callable[[dict], E | None]):
        self.path = Path(path)
        self._read = read

    def signature(self) -> tuple[int, int, int] | None:
        """Return (inode, size, mtime_ns), or None when the file does not exist."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def append(self, entries: Iterable[E]) -> int:
        """Append `entries` with one fsync; return the file size before, for a rollback."""
        data = b"".join(encode(e) for e in entries)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            size = _complete_size(fd)
            os.ftruncate(fd, size)
            written = 0
            while written < len(data):
                written += os.pwrite(fd, data[written:], size + written)
            os.fsync(fd)
        finally:
            os.close(fd)
        return size

    def truncate(self, size: int) -> None:
        """Cut the file back to `size` bytes: undoes an append whose save then failed."""
        fd = os.open(self.path, os.O_RDWR)
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        finally:
            os.close(fd)

    def last_batch(self, wanted: Callable[[str, int], bool] | None = None) -> list[E]:
        """Return the entries of the last complete save, in file order.

        With `wanted(article_id, revision)`, only those entries are decoded and returned: a
        reader checking whether the last save is already on disk need not build every span.
        """
        batch: list[E] = []
        batch_id = None
        for line in self._reverse_lines():
            rec = _record(line)
            if rec is None or (batch_id is not None and rec.get("batch") != batch_id):
                break
            if batch_id is None:
                if self._read(rec) is None:
                    break
                batch_id = rec.get("batch")
            article, revision = rec.get("article_id"), rec.get("revision")
            if wanted is not None and not wanted(article, revision):
                continue
            entry = self._read(rec)
            if entry is None:
                break
            batch.insert(0, entry)
        return batch

    def entries(self, article_id: str | None = None) -> list[E]:
        """Return every readable entry, oldest first; only those of `article_id` when given."""
        try:
            content = self.path.read_bytes()
        except FileNotFoundError:
            return []
        # The quoted id is looked for in the raw line first: decoding every line is the slow part.
        needle = None if article_id is None else json.dumps(article_id, ensure_ascii=False)
        out = []
        for line in content.split(b"\n")[:-1]:
            if needle is not None and needle.encode("utf-8") not in line:
                continue
            rec = _record(line)
            entry = None if rec is None else self._read(rec)
            if entry is not None and (article_id is None or entry.article_id == article_id):
                out.append(entry)
        return out

    def _reverse_lines(self) -> Iterator[bytes]:
        """Yield the complete, non-empty lines of the file, last first."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return
        try:
            pos = _complete_size(fd)
            partial = b""
            while pos > 0:
                step = min(CHUNK, pos)
                pos -= step
                # Everything after the chunk's first newline is whole lines (the last one
                # completed by what the previous chunk held before its own first newline).
                parts = (os.pread(fd, step, pos) + partial).split(b"\n")
                partial = parts[0]
                yield from (line for line in reversed(parts[1:]) if line)
            if partial:
                yield partial
        finally:
            os.close(fd)


def _complete_size(fd: int) -> int:
    """Return the size of the file up to its last newline (a torn last line excluded)."""
    size = os.fstat(fd).st_size
    pos = size
    while pos > 0:
        step = min(CHUNK, pos)
        chunk = os.pread(fd, step, pos - step)
        cut = chunk.rfind(b"\n")
        if cut >= 0:
            return pos - step + cut + 1
        pos -= step
    return 0
