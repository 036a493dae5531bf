"""The amount review store: analysts' corrections of amount mentions, in amount_reviews.csv.

API (the Ledger page and the `review-amount` command use it):

- `AmountReviewStore(data_dir, texts, *, amounts=None)`: the store of one data folder; `texts`
  maps article id to text; `amounts` (the extracted amounts table, optional) lets a review of an
  extracted mention pass without reading as money, and gives parent_id for the cycle check
  (`use_amounts(amounts)` replaces it later).
- `.reviews() -> dict[(article_id, start, end), AmountReview]`: every review of the corpus.
- `.article(article_id) -> (revision, reviews)`: one article's reviews and its revision (0: none).
- `.save(article_id, reviews, *, annotator, base_revision) -> (revision, reviews)`: replaces the
  article's reviews. Raises `AmountConflictError` (a StoreError carrying `theirs` and `yours`)
  when someone saved the article after `base_revision`, and StoreError, writing nothing, for a
  span that is not an amount, an unknown stage or currency, a negative or non-numeric value, a
  part_of pointing to itself, a commitment_id that makes a commitment its own parent, or a bad
  annotator name.
- `.undo(article_id, annotator)`: restores the article as before its last save not yet undone.
- `.history(article_id=None) -> list[AmountHistoryEntry]`: every save, oldest first.
- `.problems`: bad hand-edited rows (file, row, column); good rows still apply, and bad rows
  are written back verbatim after the others on every save. `.version` changes on any change.

The guarantees of the annotation store, by the same sequence (RecordStore): every read and write
holds the same cross-process lock (annotations.lock); a save rewrites the file to an fsynced temp
file, appends amount_history.jsonl (the write-ahead log), then replaces the file with os.replace.
The gold files (no revision column) read as revision 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from aidlens.annotations.amount_checks import (
    check_cycles,
    check_review,
    mention_index,
)
from aidlens.annotations.amount_files import LoadedReviews, known_currencies, parse_reviews
from aidlens.annotations.amount_history import AmountHistoryEntry, amount_history
from aidlens.annotations.amount_records import STORE_COLUMNS, AmountReview, review_line
from aidlens.annotations.files import file_signature
from aidlens.annotations.record_store import (
    Prepared,
    RecordStore,
    check_base_revision,
    own_texts,
)
from aidlens.annotations.records import header_line
from aidlens.annotations.state import check_annotator
from aidlens.atomic import StoreLock, remove_stale_temps, write_error, write_temp
from aidlens.errors import Problem, StoreError

REVIEWS_CSV, HISTORY, LOCK = "amount_reviews.csv", "amount_history.jsonl", "annotations.lock"
Key = tuple[str, int, int]
Reviews = tuple[AmountReview, ...]
_MISSING = ("missing",)


class AmountConflictError(StoreError):
    """Someone saved the article's amount reviews since they were opened: theirs and yours."""

    def __init__(
        self,
        article_id: str,
        base_revision: int,
        theirs: tuple[int, Reviews],
        yours: Reviews,
        saved_by: str = "",
    ):
        self.article_id, self.base_revision = article_id, base_revision
        self.theirs, self.yours, self.saved_by = theirs, yours, saved_by
        super().__init__(
            f"the amounts of article '{article_id}' were saved by {saved_by or 'someone'} "
            f"(revision {theirs[0]}) after you opened revision {base_revision}; compare both "
            "versions, choose, and save again on the new revision"
        )


@dataclass(frozen=True)
class _Edit:
    """One article's checked reviews and the revision they were based on."""

    article_id: str
    reviews: Reviews
    base_revision: int


class AmountReviewStore(RecordStore[AmountHistoryEntry, tuple[int, Reviews]]):
    """The amount reviews of the articles of one data folder."""

    UNDO_WHAT = "the amounts of article"

    def __init__(
        self,
        data_dir: Path,
        texts: Mapping[str, str],
        *,
        amounts: pd.DataFrame | None = None,
        lock_timeout: float = 30.0,
    ):
        folder = Path(data_dir)
        lock = StoreLock(folder / LOCK, lock_timeout)
        super().__init__(folder, own_texts(texts), lock, amount_history(folder / HISTORY))
        self.path = self.dir / REVIEWS_CSV
        self._currencies = known_currencies(self.dir)
        self._mentions = mention_index(amounts)
        self._file = LoadedReviews({}, {})
        self._file_sig: object = _MISSING
        self._reviews: dict[str, Reviews] = {}
        self._revisions: dict[str, int] = {}
        self._saved_by: dict[str, str] = {}
        self._refresh()

    def use_amounts(self, amounts: pd.DataFrame | None) -> None:
        """Check later saves against this extracted amounts table (mentions and parents)."""
        self._mentions = mention_index(amounts)

    # Reading -----------------------------------------------------------------------------

    def reviews(self) -> dict[Key, AmountReview]:
        """Return every review of the corpus by (article_id, start, end)."""
        return self._fresh(lambda: {r.key: r for rs in self._reviews.values() for r in rs})

    def article(self, article_id: str) -> tuple[int, Reviews]:
        """Return an article's revision (0 when never saved) and its reviews, by start."""
        self.text(article_id)
        return self._fresh(lambda: self._state(article_id))

    # Writing -----------------------------------------------------------------------------

    def save(
        self,
        article_id: str,
        reviews: Iterable[AmountReview],
        *,
        annotator: str,
        base_revision: int,
    ) -> tuple[int, Reviews]:
        """Replace an article's reviews; return (revision, reviews) or raise a StoreError."""
        return self._save_reviews(article_id, reviews, annotator, base_revision, undoes=None)

    def undo(self, article_id: str, annotator: str) -> tuple[int, Reviews]:
        """Restore the article's reviews as before its last save not yet undone (a new save)."""
        self.text(article_id)
        with self._lock.write():
            self._refresh_locked()
            entry = self._to_undo(article_id)
            base = self._revisions.get(article_id, 0)
            before = entry.reviews_before
            return self._save_reviews(article_id, before, annotator, base, undoes=entry.revision)

    def _save_reviews(
        self,
        article_id: str,
        reviews: Iterable[AmountReview],
        annotator: str,
        base_revision: int,
        *,
        undoes: int | None,
    ) -> tuple[int, Reviews]:
        """Check an article's reviews, then save them (RecordStore's sequence)."""
        who = check_annotator(annotator)
        text = self.text(article_id)
        check_base_revision(base_revision)
        edit = _Edit(article_id, self._checked(article_id, text, reviews), base_revision)
        action = "save" if undoes is None else "undo"
        return self._save([edit], who, action=action, undoes=undoes)[0]

    def _checked(self, article_id: str, text: str, reviews: Iterable[AmountReview]) -> Reviews:
        """Return the reviews checked and sorted by start; raise StoreError on the first bad."""
        out: dict[Key, AmountReview] = {}
        saved = self._fresh(lambda: {r.key for r in self._reviews.get(article_id, ())})
        for r in reviews:
            if r.article_id != article_id:
                raise StoreError(
                    f"a review of article '{r.article_id}' was saved with article '{article_id}'; "
                    "save each article's reviews on their own"
                )
            checked = check_review(r, text, self._mentions, self._currencies, saved)
            if checked.key in out:
                raise StoreError(f"{r.start}-{r.end} of '{article_id}' is reviewed twice; keep one")
            out[checked.key] = checked
        return tuple(sorted(out.values(), key=lambda r: (r.start, r.end)))

    # RecordStore's steps -----------------------------------------------------------------

    def _refuse(self, edits: Sequence[_Edit]) -> None:
        """Raise StoreError when the file cannot be rewritten or the save makes a cycle."""
        if not self._file.writable:
            problems = "; ".join(str(p) for p in self._file.problems)
            raise StoreError(f"{problems}. Fix {self.path} first")
        for edit in edits:
            a, yours = edit.article_id, edit.reviews
            merged = {r.key: r for b, rs in self._reviews.items() if b != a for r in rs}
            merged.update({r.key: r for r in yours})
            check_cycles(self._mentions, merged, (r.commitment_id for r in yours))

    def _check_revisions(self, edits: Sequence[_Edit], who: str) -> None:
        """Raise AmountConflictError when the article was saved since its base revision."""
        for edit in edits:
            current = self._state(edit.article_id)
            if current[0] != edit.base_revision:
                by = self._saved_by.get(edit.article_id, "")
                raise AmountConflictError(
                    edit.article_id, edit.base_revision, current, edit.reviews, by
                )

    def _entry(
        self, edit: _Edit, batch: str, at: str, who: str, action: str, undoes: int | None
    ) -> AmountHistoryEntry | None:
        """Return the history entry of an edit, or None when it changes nothing."""
        revision, old = self._state(edit.article_id)
        new = _stamp(edit.reviews, old, who, at, revision + 1, keep=action == "undo")
        if [(r.key, r.values, r.annotator) for r in new] == [
            (r.key, r.values, r.annotator) for r in old
        ]:
            return None
        a = edit.article_id
        return AmountHistoryEntry(
            batch, at, who, a, action, revision, revision + 1, old, new, undoes
        )

    def _prepare(self, entries: list[AmountHistoryEntry]) -> Prepared:
        """Write amount_reviews.csv with the saved reviews to a fsynced temp file."""
        reviews = dict(self._reviews)
        for e in entries:
            reviews[e.article_id] = e.reviews_after
        lines = [header_line(STORE_COLUMNS)]
        lines += [review_line(r) for rs in reviews.values() for r in rs]
        data = "".join([*lines, *self._file.kept]).encode("utf-8")
        try:
            remove_stale_temps(self.dir, [REVIEWS_CSV])
            tmp = write_temp(self.path, data)
        except OSError as exc:
            raise StoreError(write_error(exc, self.dir)) from None
        return Prepared([(tmp, self.path)], reviews)

    def _finish(self, prepared: Prepared, entries: list[AmountHistoryEntry]) -> None:
        """Take the saved reviews, revisions and who saved them into memory."""
        reviews = prepared.memory
        for e in entries:
            if not e.reviews_after:
                reviews.pop(e.article_id)
            self._revisions[e.article_id] = e.revision
            self._saved_by[e.article_id] = e.annotator
        self._reviews = reviews
        self._file_sig = file_signature(self.path)

    def _problems(self) -> tuple[Problem, ...]:
        """Return the bad rows of amount_reviews.csv."""
        return self._file.problems

    def _orphans(self) -> tuple[str, ...]:
        """Return the ids with reviews but not in the corpus."""
        return self._file.orphans

    def _state(self, article_id: str) -> tuple[int, Reviews]:
        """Return an article's revision and reviews in memory."""
        return self._revisions.get(article_id, 0), self._reviews.get(article_id, ())

    def _reload(self) -> bool:
        """Read amount_reviews.csv again when it changed on disk; return whether it did."""
        sig = file_signature(self.path)
        if sig == self._file_sig:
            return False
        raw = self.path.read_bytes() if sig is not None else b""
        self._file = parse_reviews(raw, str(self.path), self._texts, self._currencies)
        self._file_sig = sig
        return True

    def _roll_forward(self) -> bool:
        """Lay the history over the file: revisions, who saved, and a last save it misses."""
        reviews, revisions = dict(self._file.reviews), dict(self._file.revisions)
        entries = self._history.entries()
        for e in entries:  # an article whose reviews were all removed keeps its revision
            revisions[e.article_id] = max(revisions.get(e.article_id, 0), e.revision)
            self._saved_by[e.article_id] = e.annotator
        last = entries[-1] if entries else None
        if last is not None and self._ahead(last):
            reviews[last.article_id] = last.reviews_after
            if not last.reviews_after:
                reviews.pop(last.article_id)
        self._reviews, self._revisions = reviews, revisions
        return True

    def _ahead(self, entry: AmountHistoryEntry) -> bool:
        """Return whether a logged save is missing from the file and still fits the texts."""
        text = self._texts.get(entry.article_id)
        if text is None or entry.revision <= self._file.revisions.get(entry.article_id, 0):
            return False
        return all(text[r.start : r.end] == r.text for r in entry.reviews_after)


def _stamp(new: Reviews, old: Reviews, who: str, now: str, revision: int, *, keep: bool) -> Reviews:
    """Return `new` with unchanged reviews keeping who and when, and every revision set."""
    before = {r.key: r for r in old}
    out = []
    for r in new:
        prior = before.get(r.key)
        if prior is not None and prior.values == r.values:
            r = replace(r, annotator=prior.annotator, updated_at=prior.updated_at)
        elif not (keep and r.annotator and r.updated_at):
            r = replace(r, annotator=who, updated_at=now)
        out.append(replace(r, revision=revision))
    return tuple(out)
