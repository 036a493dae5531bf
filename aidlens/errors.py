"""Domain exceptions: each message names the bad value and says how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


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


class ClusterError(AidLensError):
    """The Dask scheduler cannot be reached, or has no worker to run the pipeline."""


class DatasetError(AidLensError):
    """The Parquet dataset of the results could not be read or written."""


class TrainingError(AidLensError):
    """`train` was refused: too little gold, nothing held out, an output that exists, no NER."""
