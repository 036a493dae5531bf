"""The annotation store: each touched article's corrected spans and review status, never lost.

It composes two parts that never call each other: `files` owns annotations.csv, reviews.csv and
their lock; `history` owns history.jsonl, every save appended before the files are replaced, so
it is both the audit trail that undo reads and a write-ahead log. A save re-reads what changed on
disk under the lock, refuses stale revisions with ConflictError, writes both files to fsynced temp
files, appends the history, then replaces the files. Every read and write holds the cross-process
lock (and StoreLock's thread lock: the app's sessions are threads sharing one store). That
sequence is RecordStore's, shared with the amount review store; this module fills in its steps.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from aidlens.annotations.files import StoreFiles
from aidlens.annotations.history import HistoryEntry, HistoryLog, read_entry
from aidlens.annotations.record_store import (
    Prepared,
    RecordStore,
    check_base_revision,
    own_texts,
)
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
from aidlens.errors import Problem, StoreError

HISTORY = "history.jsonl"


class AnnotationStore(RecordStore[HistoryEntry, ArticleState]):
    """Corrected spans and review status of the articles of one data folder."""

    def __init__(
        self,
        data_dir: Path,
        texts: Mapping[str, str],
        labels: Collection[str],
        *,
        lock_timeout: float = 30.0,
    ):
        self.labels = tuple(dict.fromkeys(labels))
        folder, kept = Path(data_dir), own_texts(texts)
        files = StoreFiles(folder, kept, self.labels, lock_timeout)
        super().__init__(folder, kept, files.lock, HistoryLog(folder / HISTORY, read_entry))
        self._files = files
        self._refresh()

    # Reading -----------------------------------------------------------------------------

    @property
    def article_ids(self) -> tuple[str, ...]:
        """Return the ids of the corpus articles, in corpus order."""
        return tuple(self._texts)

    def get(self, article_id: str) -> ArticleState:
        """Return the article's current state (spans empty and revision 0 when untouched)."""
        self.text(article_id)
        return self._fresh(lambda: self._files.state(article_id))

    def states(self) -> dict[str, ArticleState]:
        """Return the state of every touched article of the corpus, by id."""
        return _touched(self._fresh(self._saved_states))

    def states_and_digest(self) -> tuple[dict[str, ArticleState], str]:
        """Return the touched states and a digest of the rows they come from, read together."""
        # Together: a cache of what the states give is valid while the digest stays the same.
        states, digest = self._fresh(lambda: (self._saved_states(), self._files.digest()))
        return _touched(states), digest

    def _saved_states(self) -> dict[str, ArticleState]:
        """Return the state of every article with saved rows (call with the lock held)."""
        return {a: self._files.state(a) for a in self._files.saved_ids()}

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
        return self._save_edits(edits, annotator, action="save", undoes=None)

    def undo(
        self, article_id: str, annotator: str, *, base_revision: int | None = None
    ) -> ArticleState:
        """Restore the article as it was before its last save not yet undone (a new save)."""
        self.text(article_id)
        with self._lock.write():
            self._refresh_locked()
            entry = self._to_undo(article_id)
            current = self._files.state(article_id)
            base = current.revision if base_revision is None else base_revision
            edit = Edit(article_id, entry.spans_before, base, entry.status_before)
            return self._save_edits([edit], annotator, action="undo", undoes=entry.revision)[0]

    def _save_edits(
        self, edits: Iterable[Edit], annotator: str, *, action: str, undoes: int | None
    ) -> tuple[ArticleState, ...]:
        """Check the edits, then save them (RecordStore's sequence)."""
        who = check_annotator(annotator)
        checked = [self._check_edit(e) for e in edits]
        ids = [e.article_id for e in checked]
        if len(set(ids)) != len(ids):
            raise StoreError("the same article appears twice in one save; merge its edits first")
        return self._save(checked, who, action=action, undoes=undoes)

    def _check_edit(self, edit: Edit) -> Edit:
        """Return the edit with its spans checked against the article text; raise StoreError."""
        text = self.text(edit.article_id)
        if edit.status is not None and edit.status not in STATUSES:
            raise StoreError(f"status '{edit.status}' is not one of {', '.join(STATUSES)}")
        check_base_revision(edit.base_revision)
        return replace(edit, spans=check_spans(text, edit.spans, self.labels))

    # RecordStore's steps -----------------------------------------------------------------

    def _refuse(self, edits: Sequence[Edit]) -> None:
        """Raise StoreError when a file cannot be rewritten without losing rows."""
        self._files.refuse_unwritable()

    def _check_revisions(self, edits: Sequence[Edit], who: str) -> None:
        """Raise ConflictError naming every article saved since its base revision."""
        conflicts = []
        for e in edits:
            theirs = self._files.state(e.article_id)
            if theirs.revision != e.base_revision:
                status = e.status or theirs.status
                yours = ArticleState(e.article_id, e.spans, status, e.base_revision, who)
                conflicts.append(Conflict(e.article_id, e.base_revision, theirs, yours))
        if conflicts:
            raise ConflictError(conflicts)

    def _entry(
        self, edit: Edit, batch: str, at: str, who: str, action: str, undoes: int | None
    ) -> HistoryEntry | None:
        """Return the history entry of an edit, or None when it changes nothing."""
        cur = self._files.state(edit.article_id)
        status = edit.status or ("in_progress" if cur.status == "todo" else cur.status)
        spans = stamp_spans(edit.spans, cur.spans, who, at, keep=action == "undo")
        if spans == cur.spans and status == cur.status:
            return None
        return HistoryEntry(
            batch=batch,
            at=at,
            annotator=who,
            article_id=edit.article_id,
            action=action,
            base_revision=cur.revision,
            revision=cur.revision + 1,
            status_before=cur.status,
            status_after=status,
            spans_before=cur.spans,
            spans_after=spans,
            undoes=undoes,
        )

    def _prepare(self, entries: list[HistoryEntry]) -> Prepared:
        """Write both files with the saved states to fsynced temp files."""
        return self._files.prepare([_state_after(e) for e in entries])

    def _finish(self, prepared: Prepared, entries: list[HistoryEntry]) -> None:
        """Take the saved states into memory."""
        self._files.finish(prepared, [_state_after(e) for e in entries])

    def _problems(self) -> tuple[Problem, ...]:
        """Return the bad rows of annotations.csv and reviews.csv."""
        return self._files.problems

    def _orphans(self) -> tuple[str, ...]:
        """Return the ids with rows in either file but not in the corpus."""
        return self._files.orphans

    def _state(self, article_id: str) -> ArticleState:
        """Return the article's state in memory."""
        return self._files.state(article_id)

    def _reload(self) -> bool:
        """Reload annotations.csv and reviews.csv where they changed on disk."""
        return self._files.refresh()

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
            self._files.apply(replace(_state_after(e), spans=spans))
            applied = True
        return applied


def _touched(states: dict[str, ArticleState]) -> dict[str, ArticleState]:
    """Return the states whose corrected spans replace the model's."""
    return {a: s for a, s in states.items() if s.touched}


def _state_after(e: HistoryEntry) -> ArticleState:
    """Return the article's state that a logged save leaves."""
    return ArticleState(e.article_id, e.spans_after, e.status_after, e.revision, e.annotator, e.at)
