"""Domain exceptions: each message names the bad value and says how to fix it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aidlens.store import ArticleState


class AidLensError(Exception):
    """Base class for every error AidLens reports to a user (never shown as a traceback)."""


@dataclass(frozen=True)
class Problem:
    """One problem in an input file, located by file, row and column."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class InputError(AidLensError):
    """A file the user gave is unusable; carries every problem found, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class CorpusError(InputError):
    """The articles CSV failed validation."""


class ModelNotFoundError(AidLensError):
    """No usable spaCy pipeline is installed under the requested name."""


class StoreError(AidLensError):
    """The annotation store refused an edit or could not be written."""


class SpanError(StoreError):
    """A span edit was refused: outside the text, empty, overlapping or with an unknown label."""


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


class ClusterError(AidLensError):
    """The Dask scheduler cannot be reached, or has no worker to run the pipeline."""
