"""An article as the store holds it, one edit of it, and the conflict of two saves of it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from aidlens.annotations.spans import Span
from aidlens.errors import StoreError


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


def check_annotator(name: str) -> str:
    """Return the annotator name trimmed; raise StoreError when empty, too long or odd."""
    name = (name or "").strip()
    if not name:
        raise StoreError("no annotator name; give your name (--annotator NAME) so saves record it")
    if len(name) > 100 or any(ord(c) < 32 for c in name):
        raise StoreError(f"annotator name {name[:40]!r} is too long or has control characters")
    return name


class ConflictError(StoreError):
    """Someone saved an article since it was opened; carries their version and yours for each."""

    def __init__(self, conflicts: Sequence[Conflict]):
        self.conflicts = tuple(conflicts)
        lines = [
            f"article '{c.article_id}' was saved by {c.theirs.annotator or 'someone'} "
            f"(revision {c.theirs.revision}) after you opened revision {c.base_revision}; "
            "compare both versions, choose, and save again on the new revision"
            for c in self.conflicts
        ]
        super().__init__("\n".join(lines))

    @property
    def theirs(self) -> ArticleState:
        """Return the version on disk of the first conflicting article."""
        return self.conflicts[0].theirs

    @property
    def yours(self) -> ArticleState:
        """Return the version that was refused, for the first conflicting article."""
        return self.conflicts[0].yours


@dataclass(frozen=True)
class Conflict:
    """One refused save: the version saved since (theirs) and the one refused (yours)."""

    article_id: str
    base_revision: int
    theirs: ArticleState
    yours: ArticleState


def stamp_spans(
    new: Iterable[Span], old: Iterable[Span], who: str, now: str, *, keep: bool
) -> tuple:
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
