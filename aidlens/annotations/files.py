"""The store's two CSV files and their lock: what they hold in memory, and their atomic rewrite.

annotations.csv and reviews.csv are read again only when their (inode, size, mtime_ns) changed,
that is when another process saved. Each article's rows are kept as serialised bytes, so a save
re-serialises only the saved articles. Rows the store cannot use (bad hand edits, articles no
longer in the corpus) are kept verbatim and written back after the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from pathlib import Path

from aidlens.annotations.loading import Known, load_file
from aidlens.annotations.record_store import Prepared, discard
from aidlens.annotations.records import (
    ANNOTATION_COLUMNS,
    REVIEW_COLUMNS,
    Review,
    ReviewRowCheck,
    SpanRowCheck,
    header_line,
    review_line,
    span_line,
)
from aidlens.annotations.snapshot import (
    MIN_ROWS,
    read_shards,
    shard_of,
    snapshot_folder,
    write_shards,
)
from aidlens.annotations.spans import Span
from aidlens.annotations.state import ArticleState
from aidlens.atomic import StoreLock, remove_stale_temps, write_error, write_temp
from aidlens.digest import text_hash
from aidlens.errors import Problem, StoreError

ANNOTATIONS, REVIEWS, LOCK = ("annotations.csv", "reviews.csv", "annotations.lock")
FILES = (ANNOTATIONS, REVIEWS)
_MISSING = ("missing",)


def file_signature(path: Path) -> tuple[int, int, int] | None:
    """Return (inode, size, mtime_ns) of `path`, or None when it does not exist."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class StoreFiles:
    """annotations.csv and reviews.csv of one data folder, in memory, under their lock."""

    def __init__(
        self, data_dir: Path, texts: Mapping[str, str], labels: Collection[str], timeout: float
    ):
        self.dir = Path(data_dir)
        self.texts = texts
        self.labels = tuple(labels)
        self.lock = StoreLock(self.dir / LOCK, timeout)
        self._sigs: dict[str, object] = {}
        self._spans: dict[str, tuple[Span, ...]] = {}
        self._blocks: dict[str, bytes] = {}
        self._digests: dict[str, str] = {}  # of the texts the spans were checked against
        self._reviews: dict[str, Review] = {}
        self._review_lines: dict[str, bytes] = {}
        self._kept: dict[str, tuple[bytes, ...]] = dict.fromkeys(FILES, ())
        self._problems: dict[str, tuple[Problem, ...]] = dict.fromkeys(FILES, ())
        self._orphans: dict[str, tuple[str, ...]] = dict.fromkeys(FILES, ())
        self._writable: dict[str, bool] = dict.fromkeys(FILES, True)

    # What the files hold -----------------------------------------------------------------

    def state(self, article_id: str) -> ArticleState:
        """Return the in-memory state of an article (call with the lock held)."""
        spans = self._spans.get(article_id, ())
        review = self._reviews.get(article_id)
        if review is None:
            return ArticleState(article_id, spans, "in_progress" if spans else "todo")
        return ArticleState(
            article_id, spans, review.status, review.revision, review.annotator, review.updated_at
        )

    def saved_ids(self) -> list[str]:
        """Return the ids that have rows in either file, spans first."""
        return list(dict.fromkeys([*self._spans, *self._reviews]))

    def digest(self) -> str:
        """Return a digest of the rows in memory and the labels they were checked against."""
        digest = hashlib.blake2b("\x1f".join(self.labels).encode("utf-8"), digest_size=16)
        for rows in (self._blocks, self._review_lines):
            for article_id, data in rows.items():
                digest.update(article_id.encode("utf-8") + b"\x00")
                digest.update(data)
            digest.update(b"\x1e")
        return digest.hexdigest()

    def revisions(self) -> dict[str, int]:
        """Return each saved article's revision."""
        return {a: r.revision for a, r in self._reviews.items()}

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Return the bad rows of both files."""
        return self._problems[ANNOTATIONS] + self._problems[REVIEWS]

    @property
    def orphans(self) -> tuple[str, ...]:
        """Return the ids with rows but not in the corpus."""
        return tuple(dict.fromkeys(self._orphans[ANNOTATIONS] + self._orphans[REVIEWS]))

    def refuse_unwritable(self) -> None:
        """Raise StoreError when a file cannot be rewritten without losing rows."""
        for name in FILES:
            if not self._writable[name]:
                problems = "; ".join(str(p) for p in self._problems[name])
                raise StoreError(f"{problems}. Fix {self.dir / name} first")

    def apply(self, state: ArticleState) -> None:
        """Put a state into memory: its spans, review and serialised lines."""
        a = state.article_id
        if state.spans:
            self._spans[a] = state.spans
            self._digests[a] = text_hash(self.texts[a])
        else:
            self._spans.pop(a, None)
        self._reviews[a] = Review(
            a, state.status, state.annotator, state.updated_at, state.revision
        )
        _put_lines(self._blocks, self._review_lines, state)

    # Reading -----------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Reload the files that changed on disk (lock held); return whether any did."""
        changed = False
        for name in FILES:
            if file_signature(self.dir / name) != self._sigs.get(name, _MISSING):
                self._load(name)
                changed = True
        return changed

    def _load(self, name: str) -> None:
        """Read one file into memory, keeping the rows it cannot use."""
        path = self.dir / name
        if name == ANNOTATIONS:
            if name not in self._sigs and not self._blocks:
                self._seed()
            counts = {a: len(spans) for a, spans in self._spans.items()}
            known = Known(self._blocks, counts, self._kept[ANNOTATIONS])
            check = SpanRowCheck(self.labels)
            loaded = load_file(path, ANNOTATION_COLUMNS, check, self.texts, known)
            blocks, spans, digests = {}, {}, {}
            for a, rows in loaded.rows.items():
                if rows is None:  # unchanged on disk
                    blocks[a], spans[a] = self._blocks[a], self._spans[a]
                    digests[a] = self._digests.get(a) or text_hash(self.texts[a])
                else:
                    blocks[a] = b"".join(raw for raw, _ in rows)
                    spans[a] = tuple(sorted((v for _, v in rows), key=lambda s: s.start))
                    digests[a] = text_hash(self.texts[a])
            self._blocks, self._spans, self._digests = blocks, spans, digests
            checked = sum(len(rows) for rows in loaded.rows.values() if rows is not None)
            if checked >= MIN_ROWS:
                write_shards(snapshot_folder(self.dir), self.labels, digests, blocks, spans)
        else:
            known = Known(self._review_lines, dict.fromkeys(self._reviews, 1), self._kept[REVIEWS])
            loaded = load_file(path, REVIEW_COLUMNS, ReviewRowCheck(), self.texts, known)
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

    def _seed(self) -> None:
        """Take into memory what the cache's shards hold checked (see `snapshot`)."""
        seed = read_shards(snapshot_folder(self.dir), self.labels, self.texts)
        self._blocks, self._spans, self._digests = seed.blocks, seed.spans, seed.digests

    # Writing -----------------------------------------------------------------------------

    def prepare(self, states: list[ArticleState]) -> Prepared:
        """Write both files with the new states to fsynced temp files; StoreError on failure."""
        blocks, lines = dict(self._blocks), dict(self._review_lines)
        for s in states:
            _put_lines(blocks, lines, s)
        ann = b"".join(
            [header_line(ANNOTATION_COLUMNS).encode(), *blocks.values(), *self._kept[ANNOTATIONS]]
        )
        rev = b"".join(
            [header_line(REVIEW_COLUMNS).encode(), *lines.values(), *self._kept[REVIEWS]]
        )
        # annotations.csv goes in place first: the step that can still fail and be rolled back.
        prepared = Prepared([], (blocks, lines))
        try:
            remove_stale_temps(self.dir, FILES)
            for name, data in ((ANNOTATIONS, ann), (REVIEWS, rev)):
                prepared.temps.append((write_temp(self.dir / name, data), self.dir / name))
        except OSError as exc:
            discard(prepared)
            raise StoreError(write_error(exc, self.dir)) from None
        return prepared

    def finish(self, prepared: Prepared, states: list[ArticleState]) -> None:
        """Take the new states into memory once both files are in place."""
        self._blocks, self._review_lines = prepared.memory
        for s in states:
            self.apply(s)
        self._sigs = {name: file_signature(self.dir / name) for name in FILES}
        if sum(len(spans) for spans in self._spans.values()) >= MIN_ROWS:
            # Kept current on every save of a large store, so no new process checks it again.
            shards = {shard_of(s.article_id) for s in states}
            folder = snapshot_folder(self.dir)
            write_shards(folder, self.labels, self._digests, self._blocks, self._spans, shards)


def _put_lines(blocks: dict[str, bytes], lines: dict[str, bytes], state: ArticleState) -> None:
    """Set an article's serialised rows in `blocks` and `lines`."""
    a = state.article_id
    if state.spans:
        blocks[a] = "".join(span_line(a, span) for span in state.spans).encode("utf-8")
    else:
        blocks.pop(a, None)
    lines[a] = review_line(_review(state)).encode("utf-8")


def _review(state: ArticleState) -> Review:
    """Return the reviews.csv record of a state."""
    return Review(state.article_id, state.status, state.annotator, state.updated_at, state.revision)
