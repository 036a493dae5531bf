"""The annotation store: each touched article's corrected spans and review status, never lost.

It composes two parts that never call each other: `files` owns annotations.csv, reviews.csv and
their lock; `history` owns history.jsonl, every save appended before the files are replaced, so
it is both the audit trail that undo reads and a write-ahead log. A save re-reads what changed on
disk under the lock, refuses stale revisions with ConflictError, writes both files to fsynced temp
files, appends the history, then replaces the files. Every read and write holds the cross-process
lock (and StoreLock's thread lock: the app's sessions are threads sharing one store).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from aidlens.annotations.files import StoreFiles
from aidlens.annotations.history import HistoryEntry, HistoryLog
from aidlens.annotations.records import STATUSES
from aidlens.annotations.spans import Span, check_spans
from aidlens.annotations.state import (
    ArticleState,
    Conflict,
    ConflictError,
    Edit,
    check_annotator,
    stamp_spans,
)
from aidlens.atomic import write_error
from aidlens.errors import Problem, StoreError

HISTORY = "history.jsonl"
_MISSING = ("missing",)


def _now() -> str:
    """Return the current UTC time as ISO 8601 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class AnnotationStore:
    """Corrected spans and review status of the articles of one data folder."""

    def __init__(
        self,
        data_dir: Path,
        texts: Mapping[str, str],
        labels: Collection[str],
        *,
        lock_timeout: float = 30.0,
    ):
        self.dir = Path(data_dir)
        self.labels = tuple(dict.fromkeys(labels))
        self._texts = dict(texts)
        self._files = StoreFiles(self.dir, self._texts, self.labels, lock_timeout)
        self._history = HistoryLog(self.dir / HISTORY)
        self._history_sig: object = _MISSING
        self._version = 0
        self._refresh()

    # Reading -----------------------------------------------------------------------------

    @property
    def article_ids(self) -> tuple[str, ...]:
        """Return the ids of the corpus articles, in corpus order."""
        return tuple(self._texts)

    def text(self, article_id: str) -> str:
        """Return the text of an article of the corpus; raise StoreError for an unknown id."""
        try:
            return self._texts[article_id]
        except KeyError:
            raise StoreError(
                f"unknown article '{article_id}'; use an id from the data folder's articles.csv"
            ) from None

    def get(self, article_id: str) -> ArticleState:
        """Return the article's current state (spans empty and revision 0 when untouched)."""
        self.text(article_id)
        with self._files.reading():
            self._refresh_locked()
            return self._files.state(article_id)

    def states(self) -> dict[str, ArticleState]:
        """Return the state of every touched article of the corpus, by id."""
        with self._files.reading():
            self._refresh_locked()
            ids = self._files.saved_ids()
            states = {a: self._files.state(a) for a in ids}
        return {a: s for a, s in states.items() if s.touched}

    def counts(self) -> dict[str, int]:
        """Return how many corpus articles are todo, in_progress and done."""
        touched = self.states()
        out = dict.fromkeys(STATUSES, 0)
        for a in self._texts:
            out[touched[a].status if a in touched else "todo"] += 1
        return out

    def queue(self, status: str) -> list[str]:
        """Return the ids of the corpus articles with `status`, in corpus order."""
        touched = self.states()
        return [a for a in self._texts if (touched[a].status if a in touched else "todo") == status]

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Return the bad rows of annotations.csv and reviews.csv (kept verbatim on save)."""
        with self._files.reading():
            self._refresh_locked()
            return self._files.problems

    @property
    def orphans(self) -> tuple[str, ...]:
        """Return the ids with saved rows but not in the corpus (their rows are kept as is)."""
        with self._files.reading():
            self._refresh_locked()
            return self._files.orphans

    @property
    def version(self) -> int:
        """Return a number that changes whenever the store's content changes (a cache key)."""
        with self._files.reading():
            self._refresh_locked()
            return self._version

    def history(self, article_id: str | None = None) -> list[HistoryEntry]:
        """Return every save, oldest first (of one article when given): who changed what."""
        return self._history.entries(article_id)

    # Writing -----------------------------------------------------------------------------

    def save(
        self,
        article_id: str,
        spans: Iterable[Span],
        *,
        annotator: str,
        base_revision: int,
        status: str | None = None,
    ) -> ArticleState:
        """Save an article's full span set; return its new state, or raise ConflictError."""
        edit = Edit(article_id, tuple(spans), base_revision, status)
        return self.save_many([edit], annotator=annotator)[0]

    def save_many(self, edits: Iterable[Edit], *, annotator: str) -> tuple[ArticleState, ...]:
        """Save several articles at once (one write); all or none, ConflictError if any is stale."""
        return self._save(edits, annotator=annotator, action="save", undoes=None)

    def undo(
        self, article_id: str, annotator: str, *, base_revision: int | None = None
    ) -> ArticleState:
        """Restore the article as it was before its last save not yet undone (a new save)."""
        self.text(article_id)
        with self._files.writing():
            self._refresh_locked()
            undone: set[int] = set()
            for entry in reversed(self._history.entries(article_id)):
                if entry.action == "undo" and entry.undoes is not None:
                    undone.add(entry.undoes)
                elif entry.revision not in undone:
                    break
            else:
                raise StoreError(f"nothing to undo for article '{article_id}'")
            current = self._files.state(article_id)
            base = current.revision if base_revision is None else base_revision
            edit = Edit(article_id, entry.spans_before, base, entry.status_before)
            return self._save([edit], annotator=annotator, action="undo", undoes=entry.revision)[0]

    def _save(
        self, edits: Iterable[Edit], *, annotator: str, action: str, undoes: int | None
    ) -> tuple[ArticleState, ...]:
        """Check, then commit the edits under the locks; return the articles' new states."""
        who = check_annotator(annotator)
        checked = [self._check_edit(e) for e in edits]
        ids = [e.article_id for e in checked]
        if len(set(ids)) != len(ids):
            raise StoreError("the same article appears twice in one save; merge its edits first")
        self._refresh()
        # Before the lock too: a refusal must not even create the lock file.
        self._files.refuse_unwritable()
        with self._files.writing():
            self._refresh_locked()
            self._files.refuse_unwritable()
            conflicts = []
            for e in checked:
                theirs = self._files.state(e.article_id)
                if theirs.revision != e.base_revision:
                    yours = ArticleState(
                        e.article_id, e.spans, e.status or theirs.status, e.base_revision, who
                    )
                    conflicts.append(Conflict(e.article_id, e.base_revision, theirs, yours))
            if conflicts:
                raise ConflictError(conflicts)
            now, batch = _now(), uuid.uuid4().hex
            states, entries = [], []
            for e in checked:
                cur = self._files.state(e.article_id)
                status = e.status or ("in_progress" if cur.status == "todo" else cur.status)
                spans = stamp_spans(e.spans, cur.spans, who, now, keep=action == "undo")
                if spans == cur.spans and status == cur.status:
                    continue  # nothing changed: no new revision, no history noise
                new = ArticleState(e.article_id, spans, status, cur.revision + 1, who, now)
                states.append(new)
                entries.append(
                    HistoryEntry(
                        batch=batch,
                        at=now,
                        annotator=who,
                        article_id=e.article_id,
                        action=action,
                        base_revision=cur.revision,
                        revision=new.revision,
                        status_before=cur.status,
                        status_after=status,
                        spans_before=cur.spans,
                        spans_after=spans,
                        undoes=undoes,
                    )
                )
            if states:
                self._commit(states, entries)
            return tuple(self._files.state(a) for a in ids)

    def _check_edit(self, edit: Edit) -> Edit:
        """Return the edit with its spans checked against the article text; raise StoreError."""
        text = self.text(edit.article_id)
        if edit.status is not None and edit.status not in STATUSES:
            raise StoreError(f"status '{edit.status}' is not one of {', '.join(STATUSES)}")
        if isinstance(edit.base_revision, bool) or not isinstance(edit.base_revision, int):
            raise StoreError(
                f"base_revision {edit.base_revision!r} must be the revision you opened"
            )
        return replace(edit, spans=check_spans(text, edit.spans, self.labels))

    def _commit(self, states: list[ArticleState], entries: list[HistoryEntry]) -> None:
        """Write both files and the history for the new states; update memory only on success."""
        prepared = self._files.prepare(states)
        try:
            history_size = self._history.append(entries)
        except OSError as exc:
            self._files.discard(prepared)
            raise StoreError(write_error(exc, self.dir)) from None
        try:
            self._files.replace_annotations(prepared)
        except StoreError:
            self._history.truncate(history_size)
            raise
        # From here the save is in the log: if this process dies, the next reader completes it.
        self._files.finish(prepared, states)
        self._history_sig = self._history.signature()
        self._version += 1

    # Loading -----------------------------------------------------------------------------

    def _refresh(self) -> None:
        """Reload whatever changed on disk, under the read lock."""
        with self._files.reading():
            self._refresh_locked()

    def _refresh_locked(self) -> None:
        """Reload the files that changed since last read; finish a save a killed writer left."""
        changed = self._files.refresh()
        history_sig = self._history.signature()
        if changed or history_sig != self._history_sig:
            self._history_sig = history_sig
            changed = self._roll_forward() or changed
        if changed:
            self._version += 1

    def _roll_forward(self) -> bool:
        """Apply in memory a last save whose revisions are ahead of reviews.csv; return if any."""
        revisions = self._files.revisions()

        def ahead(article_id: str, revision: int) -> bool:
            """Return whether the save of this article is missing from the files."""
            known = article_id in self._texts and isinstance(revision, int)
            return known and revision > revisions.get(article_id, 0)

        applied = False
        for e in self._history.last_batch(ahead):
            try:
                spans = check_spans(self._texts[e.article_id], e.spans_after, self.labels)
            except StoreError:
                continue  # the corpus or labels changed since: that half save cannot apply
            state = ArticleState(e.article_id, spans, e.status_after, e.revision, e.annotator, e.at)
            self._files.apply(state)
            applied = True
        return applied
