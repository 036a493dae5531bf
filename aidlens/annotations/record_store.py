"""The save sequence of a store of per-article records, written once for both stores.

The annotation store (spans and review status) and the amount review store (amount reviews)
differ in their files and records, and share everything else: every read and write holds the
cross-process lock; a save checks the base revisions, writes the files to fsynced temp files,
appends the history (the write-ahead log), then replaces the files; a reader finishes from the
history a save a killed writer left half done; undo saves again what the last save not yet
undone replaced. A store subclasses RecordStore and fills in the steps marked as hooks.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from aidlens.annotations.history import HistoryLog
from aidlens.atomic import StoreLock, fsync_dir, write_error
from aidlens.errors import Problem, StoreError

_MISSING = ("missing",)


class Entry(Protocol):
    """What the sequence reads of a history entry (both stores' entries have more)."""

    @property
    def article_id(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def revision(self) -> int: ...
    @property
    def undoes(self) -> int | None: ...


class ArticleEdit(Protocol):
    """What the sequence reads of one article's edit: which article, on which revision."""

    @property
    def article_id(self) -> str: ...
    @property
    def base_revision(self) -> int: ...


E = TypeVar("E", bound=Entry)
S = TypeVar("S")
T = TypeVar("T")


@dataclass
class Prepared:
    """A save's files written to fsynced temp files, as (temp, destination) pairs, in order."""

    temps: list[tuple[Path, Path]]
    memory: Any = None  # what the store takes into memory once the files are in place


def now() -> str:
    """Return the current UTC time as ISO 8601 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def check_base_revision(base_revision: object) -> None:
    """Raise StoreError unless `base_revision` is a whole number (not a bool)."""
    if isinstance(base_revision, bool) or not isinstance(base_revision, int):
        raise StoreError(f"base_revision {base_revision!r} must be the revision you opened")


def discard(prepared: Prepared) -> None:
    """Remove the temp files of a rewrite that will not happen."""
    for tmp, _ in prepared.temps:
        tmp.unlink(missing_ok=True)


def put_in_place(folder: Path, prepared: Prepared, log: HistoryLog, entries: Sequence) -> None:
    """Append the entries to the log, then replace the files; roll back while nothing landed."""
    try:
        size = log.append(entries)
    except OSError as exc:
        discard(prepared)
        raise StoreError(write_error(exc, folder)) from None
    (first_tmp, first), *rest = prepared.temps
    try:
        os.replace(first_tmp, first)
    except OSError as exc:
        log.truncate(size)
        discard(prepared)
        raise StoreError(write_error(exc, folder)) from None
    # From here the save is in the log: if this process dies, the next reader completes it.
    for tmp, dest in rest:
        os.replace(tmp, dest)
    fsync_dir(folder)


def own_texts(texts: Mapping[str, str]) -> Mapping[str, str]:
    """Return a copy of `texts` a store may keep; a mapping marked `frozen` (the corpus's
    `ArticleTexts`) as it is: it cannot change, and copying it would hold every text twice."""
    return texts if getattr(texts, "frozen", False) else dict(texts)


class RecordStore(Generic[E, S]):
    """Per-article records of one data folder: the locked read, save, commit and undo sequence."""

    UNDO_WHAT = "article"  # what "nothing to undo for ..." names

    def __init__(
        self, data_dir: Path, texts: Mapping[str, str], lock: StoreLock, history: HistoryLog
    ):
        self.dir = Path(data_dir)
        self._texts = texts  # the subclass's own copy, shared with its files: not copied again
        self._lock = lock
        self._history = history
        self._history_sig: object = _MISSING
        self._version = 0

    # Reading -----------------------------------------------------------------------------

    def text(self, article_id: str) -> str:
        """Return the text of an article of the corpus; raise StoreError for an unknown id."""
        try:
            return self._texts[article_id]
        except KeyError:
            raise StoreError(
                f"unknown article '{article_id}'; use an id from the data folder's articles.csv"
            ) from None

    @property
    def version(self) -> int:
        """Return a number that changes whenever the store's content changes (a cache key)."""
        return self._fresh(lambda: self._version)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Return the bad rows of the store's files (kept verbatim on save)."""
        return self._fresh(self._problems)

    @property
    def orphans(self) -> tuple[str, ...]:
        """Return the ids with saved rows but not in the corpus (their rows are kept as is)."""
        return self._fresh(self._orphans)

    def history(self, article_id: str | None = None) -> list[E]:
        """Return every save, oldest first (of one article when given): who changed what."""
        return self._history.entries(article_id)

    # The sequence ------------------------------------------------------------------------

    def _refresh(self) -> None:
        """Reload whatever changed on disk, under the read lock."""
        self._fresh(lambda: None)

    def _fresh(self, read: Callable[[], T]) -> T:
        """Return what `read` finds in memory once it holds what is on disk (read lock held)."""
        with self._lock.read():
            self._refresh_locked()
            return read()

    def _refresh_locked(self) -> None:
        """Reload the files that changed since last read; finish a save a killed writer left."""
        changed = self._reload()
        history_sig = self._history.signature()
        if changed or history_sig != self._history_sig:
            self._history_sig = history_sig
            changed = self._roll_forward() or changed
        if changed:
            self._version += 1

    def _to_undo(self, article_id: str) -> E:
        """Return the article's last save not yet undone (call under the write lock)."""
        undone: set[int] = set()
        for entry in reversed(self._history.entries(article_id)):
            if entry.action == "undo" and entry.undoes is not None:
                undone.add(entry.undoes)
            elif entry.revision not in undone:
                return entry
        raise StoreError(f"nothing to undo for {self.UNDO_WHAT} '{article_id}'")

    def _save(
        self, edits: Sequence[ArticleEdit], who: str, *, action: str, undoes: int | None
    ) -> tuple[S, ...]:
        """Commit checked edits under the locks; return each edited article's new state."""
        with self._lock.read():
            self._refresh_locked()
            self._refuse(edits)  # before the write lock too: a refusal must not create its file
        with self._lock.write():
            self._refresh_locked()
            self._refuse(edits)
            self._check_revisions(edits, who)
            at, batch = now(), uuid.uuid4().hex
            entries = [self._entry(e, batch, at, who, action, undoes) for e in edits]
            changed = [e for e in entries if e is not None]  # unchanged: no revision, no noise
            if changed:
                self._commit(changed)
            return tuple(self._state(e.article_id) for e in edits)

    def _commit(self, entries: list[E]) -> None:
        """Write the files and the history of a save; update memory only on success."""
        prepared = self._prepare(entries)
        put_in_place(self.dir, prepared, self._history, entries)
        self._finish(prepared, entries)
        self._history_sig = self._history.signature()
        self._version += 1

    # Hooks -------------------------------------------------------------------------------

    def _reload(self) -> bool:
        """Reload the store's files that changed on disk (lock held); return whether any did."""
        raise NotImplementedError

    def _roll_forward(self) -> bool:
        """Apply in memory a logged save the files miss; return whether memory changed."""
        raise NotImplementedError

    def _refuse(self, edits: Sequence[ArticleEdit]) -> None:
        """Raise StoreError when the files cannot take this save (lock held)."""
        raise NotImplementedError

    def _check_revisions(self, edits: Sequence[ArticleEdit], who: str) -> None:
        """Raise the store's conflict error when an article was saved since its base revision."""
        raise NotImplementedError

    def _entry(
        self, edit: ArticleEdit, batch: str, at: str, who: str, action: str, undoes: int | None
    ) -> E | None:
        """Return the history entry of an edit, or None when it changes nothing."""
        raise NotImplementedError

    def _prepare(self, entries: list[E]) -> Prepared:
        """Write the files with the entries' records to temp files; StoreError on failure."""
        raise NotImplementedError

    def _finish(self, prepared: Prepared, entries: list[E]) -> None:
        """Take a save whose files are in place into memory."""
        raise NotImplementedError

    def _problems(self) -> tuple[Problem, ...]:
        """Return the bad rows of the files as last read."""
        raise NotImplementedError

    def _orphans(self) -> tuple[str, ...]:
        """Return the ids with rows but not in the corpus, as last read."""
        raise NotImplementedError

    def _state(self, article_id: str) -> S:
        """Return what a save returns for an article: its state as the store holds it."""
        raise NotImplementedError
