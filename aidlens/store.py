"""The annotation store: each touched article's corrected spans and review status, never lost.

Files (in the data folder; together a complete gold set):
- annotations.csv: article_id,start,end,text,label,origin,annotator,updated_at; one row per span,
  every touched article's full span set, an article's rows together.
- reviews.csv: article_id,status,annotator,updated_at,revision; one row per touched article. An
  article with status "todo" and no spans is untouched: the model's entities stand for it.
- history.jsonl: every save of every article (see aidlens.history), appended before the files
  are replaced, so it is both the audit trail that undo reads and a write-ahead log.

Speed. The store keeps each article's serialised CSV lines (bytes) in memory. A save serialises
only the saved articles' rows and joins the rest as bytes: no pandas, no re-encoding, so the cost
is one write and fsync of each file (about 10 MB for 2,000 articles of 50 spans). Files are read
again only when their (inode, size, mtime_ns) changed, i.e. when another process saved.

Safety. Every read and write holds a threading lock (the app's sessions are threads sharing one
store) and the cross-process `filelock` on annotations.lock (reads take it only when it exists,
so reading never creates a file and works in a read-only folder). A save re-reads what changed on
disk under the lock, refuses stale revisions with ConflictError, writes both files to fsynced
temp files, appends the history, then os.replace()s them. Rows the store cannot use (bad hand
edits, articles no longer in the corpus) are reported and written back verbatim after the rest.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from aidlens.errors import Conflict, ConflictError, Problem, StoreError
from aidlens.history import HistoryEntry, HistoryLog
from aidlens.spans import Span, check_spans
from aidlens.storefiles import (
    ANNOTATION_COLUMNS,
    REVIEW_COLUMNS,
    STATUSES,
    Review,
    ReviewRowCheck,
    SpanRowCheck,
    header_line,
    review_line,
    span_line,
)
from aidlens.storeio import StoreLock, fsync_dir, remove_stale_temps, write_error, write_temp
from aidlens.storeload import Known, load_file

ANNOTATIONS, REVIEWS, HISTORY, LOCK = (
    "annotations.csv",
    "reviews.csv",
    "history.jsonl",
    "annotations.lock",
)
_MISSING = ("missing",)


@dataclass(frozen=True)
class ArticleState:
    """An article as the store holds it: spans, review status and revision (0: never saved)."""

    article_id: str
    spans: tuple[Span, ...] = ()
    status: str = "todo"
    revision: int = 0
    annotator: str = ""
    updated_at: str = ""

    @property
    def touched(self) -> bool:
        """Return whether the corrected spans replace the model's for this article."""
        return self.status != "todo" or bool(self.spans)


@dataclass(frozen=True)
class Edit:
    """One article's new full span set, the revision it was based on, and an optional status."""

    article_id: str
    spans: tuple[Span, ...] = field(default=())
    base_revision: int = 0
    status: str | None = None


def _now() -> str:
    """Return the current UTC time as ISO 8601 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _stat(path: Path) -> tuple[int, int, int] | None:
    """Return (inode, size, mtime_ns) of `path`, or None when it does not exist."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def check_annotator(name: str) -> str:
    """Return the annotator name trimmed; raise StoreError when empty, too long or odd."""
    name = (name or "").strip()
    if not name:
        raise StoreError("no annotator name; give your name (--annotator NAME) so saves record it")
    if len(name) > 100 or any(ord(c) < 32 for c in name):
        raise StoreError(f"annotator name {name[:40]!r} is too long or has control characters")
    return name


def _stamp(new: Iterable[Span], old: Iterable[Span], who: str, now: str, *, keep: bool) -> tuple:
    """Return `new` with unchanged spans keeping their history and changed ones stamped."""
    before = {s.key: s for s in old}
    out = []
    for s in new:
        if s.key in before:
            prior = before[s.key]
            out.append(
                replace(
                    s, origin=prior.origin, annotator=prior.annotator, updated_at=prior.updated_at
                )
            )
        elif keep and s.annotator and s.updated_at:
            out.append(s)  # undo puts back spans as they were, who and when included
        else:
            out.append(replace(s, annotator=who, updated_at=now))
    return tuple(out)


def _put_lines(blocks: dict[str, bytes], lines: dict[str, bytes], state: ArticleState) -> None:
    """Set an article's serialised rows in `blocks` and `lines` (the store's own dicts only)."""
    a = state.article_id
    if state.spans:
        blocks[a] = "".join(span_line(a, span) for span in state.spans).encode("utf-8")
    else:
        blocks.pop(a, None)
    review = Review(a, state.status, state.annotator, state.updated_at, state.revision)
    lines[a] = review_line(review).encode("utf-8")


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
        self._history = HistoryLog(self.dir / HISTORY)
        self._lock = StoreLock(self.dir / LOCK, lock_timeout)
        self._sigs: dict[str, object] = {}
        self._spans: dict[str, tuple[Span, ...]] = {}
        self._blocks: dict[str, bytes] = {}
        self._reviews: dict[str, Review] = {}
        self._review_lines: dict[str, bytes] = {}
        self._kept: dict[str, tuple[bytes, ...]] = {ANNOTATIONS: (), REVIEWS: ()}
        self._problems: dict[str, tuple[Problem, ...]] = {ANNOTATIONS: (), REVIEWS: ()}
        self._orphans: dict[str, tuple[str, ...]] = {ANNOTATIONS: (), REVIEWS: ()}
        self._writable: dict[str, bool] = {ANNOTATIONS: True, REVIEWS: True}
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
        with self._lock.read():
            self._refresh_locked()
            return self._state(article_id)

    def states(self) -> dict[str, ArticleState]:
        """Return the state of every touched article of the corpus, by id."""
        with self._lock.read():
            self._refresh_locked()
            ids = dict.fromkeys([*self._spans, *self._reviews])
            states = {a: self._state(a) for a in ids}
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
        with self._lock.read():
            self._refresh_locked()
            return self._problems[ANNOTATIONS] + self._problems[REVIEWS]

    @property
    def orphans(self) -> tuple[str, ...]:
        """Return the ids with saved rows but not in the corpus (their rows are kept as is)."""
        with self._lock.read():
            self._refresh_locked()
            return tuple(dict.fromkeys(self._orphans[ANNOTATIONS] + self._orphans[REVIEWS]))

    @property
    def version(self) -> int:
        """Return a number that changes whenever the store's content changes (a cache key)."""
        with self._lock.read():
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
        with self._lock.write():
            self._refresh_locked()
            undone: set[int] = set()
            for entry in reversed(self._history.entries(article_id)):
                if entry.action == "undo" and entry.undoes is not None:
                    undone.add(entry.undoes)
                elif entry.revision not in undone:
                    break
            else:
                raise StoreError(f"nothing to undo for article '{article_id}'")
            current = self._state(article_id)
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
        self._refuse_unwritable()  # before the lock too: a refusal must not even create its file
        with self._lock.write():
            self._refresh_locked()
            self._refuse_unwritable()
            conflicts = []
            for e in checked:
                theirs = self._state(e.article_id)
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
                cur = self._state(e.article_id)
                status = e.status or ("in_progress" if cur.status == "todo" else cur.status)
                spans = _stamp(e.spans, cur.spans, who, now, keep=action == "undo")
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
            return tuple(self._state(a) for a in ids)

    def _refuse_unwritable(self) -> None:
        """Raise StoreError when a store file cannot be rewritten without losing rows."""
        for name in (ANNOTATIONS, REVIEWS):
            if not self._writable[name]:
                problems = "; ".join(str(p) for p in self._problems[name])
                raise StoreError(f"{problems}. Fix {self.dir / name} first")

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
        blocks, lines = dict(self._blocks), dict(self._review_lines)
        for s in states:
            _put_lines(blocks, lines, s)
        ann_path, rev_path = self.dir / ANNOTATIONS, self.dir / REVIEWS
        ann = b"".join(
            [header_line(ANNOTATION_COLUMNS).encode(), *blocks.values(), *self._kept[ANNOTATIONS]]
        )
        rev = b"".join(
            [header_line(REVIEW_COLUMNS).encode(), *lines.values(), *self._kept[REVIEWS]]
        )
        tmps: list[Path] = []
        try:
            remove_stale_temps(self.dir, (ANNOTATIONS, REVIEWS))
            tmps.append(write_temp(ann_path, ann))
            tmps.append(write_temp(rev_path, rev))
            history_size = self._history.append(entries)
        except OSError as exc:
            for tmp in tmps:
                tmp.unlink(missing_ok=True)
            raise StoreError(write_error(exc, self.dir)) from None
        try:
            os.replace(tmps[0], ann_path)
        except OSError as exc:
            self._history.truncate(history_size)
            for tmp in tmps:
                tmp.unlink(missing_ok=True)
            raise StoreError(write_error(exc, self.dir)) from None
        # From here the save is in the log: if this process dies, the next reader completes it.
        os.replace(tmps[1], rev_path)
        fsync_dir(self.dir)
        self._blocks, self._review_lines = blocks, lines
        for s in states:
            self._apply(s)
        self._sigs = {
            ANNOTATIONS: _stat(ann_path),
            REVIEWS: _stat(rev_path),
            HISTORY: self._history.signature(),
        }
        self._version += 1

    # Loading -----------------------------------------------------------------------------

    def _state(self, article_id: str) -> ArticleState:
        """Return the in-memory state of an article (call with the thread lock held)."""
        spans = self._spans.get(article_id, ())
        review = self._reviews.get(article_id)
        if review is None:
            return ArticleState(article_id, spans, "in_progress" if spans else "todo")
        return ArticleState(
            article_id, spans, review.status, review.revision, review.annotator, review.updated_at
        )

    def _apply(self, state: ArticleState) -> None:
        """Put a state into the in-memory tables (not the serialised lines)."""
        if state.spans:
            self._spans[state.article_id] = state.spans
        else:
            self._spans.pop(state.article_id, None)
        self._reviews[state.article_id] = Review(
            state.article_id, state.status, state.annotator, state.updated_at, state.revision
        )

    def _refresh(self) -> None:
        """Reload whatever changed on disk, under the read lock."""
        with self._lock.read():
            self._refresh_locked()

    def _refresh_locked(self) -> None:
        """Reload the files that changed since last read; finish a save a killed writer left."""
        changed = False
        for name in (ANNOTATIONS, REVIEWS):
            if _stat(self.dir / name) != self._sigs.get(name, _MISSING):
                self._load(name)
                changed = True
        history_sig = self._history.signature()
        if changed or history_sig != self._sigs.get(HISTORY, _MISSING):
            self._sigs[HISTORY] = history_sig
            changed = self._roll_forward() or changed
        if changed:
            self._version += 1

    def _load(self, name: str) -> None:
        """Read one store file into memory, keeping the rows it cannot use."""
        path = self.dir / name
        if name == ANNOTATIONS:
            counts = {a: len(spans) for a, spans in self._spans.items()}
            known = Known(self._blocks, counts, self._kept[ANNOTATIONS])
            check = SpanRowCheck(self.labels)
            loaded = load_file(path, ANNOTATION_COLUMNS, check, self._texts, known)
            blocks, spans = {}, {}
            for a, rows in loaded.rows.items():
                if rows is None:  # unchanged on disk
                    blocks[a], spans[a] = self._blocks[a], self._spans[a]
                else:
                    blocks[a] = b"".join(raw for raw, _ in rows)
                    spans[a] = tuple(sorted((v for _, v in rows), key=lambda s: s.start))
            self._blocks, self._spans = blocks, spans
        else:
            known = Known(self._review_lines, dict.fromkeys(self._reviews, 1), self._kept[REVIEWS])
            loaded = load_file(path, REVIEW_COLUMNS, ReviewRowCheck(), self._texts, known)
            lines, reviews = {}, {}
            for a, rows in loaded.rows.items():
                if rows is None:
                    lines[a], reviews[a] = self._review_lines[a], self._reviews[a]
                else:
                    lines[a], reviews[a] = rows[0]
            self._review_lines, self._reviews = lines, reviews
        self._sigs[name] = loaded.signature
        self._problems[name], self._orphans[name] = loaded.problems, loaded.orphans
        self._kept[name], self._writable[name] = loaded.kept, loaded.writable

    def _roll_forward(self) -> bool:
        """Apply in memory a last save whose revisions are ahead of reviews.csv; return if any."""
        applied = False

        def ahead(article_id: str, revision: int) -> bool:
            """Return whether the save of this article is missing from the files."""
            known = article_id in self._texts and isinstance(revision, int)
            return known and revision > self._state(article_id).revision

        for e in self._history.last_batch(ahead):
            try:
                spans = check_spans(self._texts[e.article_id], e.spans_after, self.labels)
            except StoreError:
                continue  # the corpus or labels changed since: that half save cannot apply
            state = ArticleState(e.article_id, spans, e.status_after, e.revision, e.annotator, e.at)
            self._apply(state)
            _put_lines(self._blocks, self._review_lines, state)
            applied = True
        return applied
