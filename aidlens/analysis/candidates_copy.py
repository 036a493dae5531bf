"""The aid chart's candidate rows, kept in one memory-mapped Arrow file beside the dataset.

Preparing them (`aid_candidates`: half a million amounts filtered, their texts cleaned, donors,
commitments and articles coded) took about half a second of the Trends page's first run at
100,000 articles. `process` writes them, and the first page that needs them when the file is
missing or stale. Only the amounts as extracted are kept: the dataset's key then says
everything they were made from (corpus, cache, aliases, rates, code). Amounts with analysts'
reviews applied change on every save and are prepared in memory, never read from the file.
"""

from __future__ import annotations

import contextlib

import pandas as pd
import pyarrow as pa

from aidlens.analysis.trends import aid_candidates
from aidlens.atomic import write_arrow_atomic
from aidlens.processing import Dataset

COPY_NAME = "aid_candidates.arrow"
KEY = b"aidlens_candidates_of"
# What the bars, the donor ranking and the commitments table read of an amount: the rest
# (the sentence above all) stays out of the kept copy, a quarter of a gigabyte at 100,000.
COUNTED_COLUMNS = (
    "article_id",
    "published",
    "start",
    "text",
    "value_usd",
    "donor",
    "aid_type",
    "stage",
    "commitment_id",
    "part_of",
    "reviewed",
    "instrument",
)


def counted(amounts: pd.DataFrame) -> pd.DataFrame:
    """Return the amounts' columns that counting reads (COUNTED_COLUMNS it has)."""
    return amounts[[c for c in COUNTED_COLUMNS if c in amounts.columns]]


def extracted_candidates(amounts: pd.DataFrame, dataset: Dataset) -> pd.DataFrame:
    """Return `aid_candidates` of the dataset's amounts as extracted (no review applied): read
    from the dataset's copy when it was made from this dataset, else made and written."""
    kept = _read(dataset)
    if kept is not None:
        return kept
    table = pa.Table.from_pandas(aid_candidates(counted(amounts)), preserve_index=True)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), KEY: dataset.key})
    with contextlib.suppress(OSError):  # a read-only folder: the copy only saves time
        write_arrow_atomic(dataset.root / COPY_NAME, table)
    # What is returned is what a later process reads: the same rows, columns and types.
    return table.to_pandas()


def ensure_extracted_candidates(amounts: pd.DataFrame, dataset: Dataset) -> None:
    """Write the dataset's copy of the candidates unless a current one is there (`process`)."""
    if _current(dataset) is None:
        extracted_candidates(amounts, dataset)


def _current(dataset: Dataset) -> pa.ipc.RecordBatchFileReader | None:
    """Return a reader of the copy when it is there and of this dataset (its footer only)."""
    try:
        reader = pa.ipc.open_file(pa.memory_map(str(dataset.root / COPY_NAME), "r"))
    except (OSError, pa.ArrowException):
        return None
    return reader if (reader.schema.metadata or {}).get(KEY) == dataset.key.encode() else None


def _read(dataset: Dataset) -> pd.DataFrame | None:
    """Return the copy's rows, or None when it is missing, damaged or of another dataset."""
    reader = _current(dataset)
    if reader is None:
        return None
    try:
        return reader.read_all().to_pandas()
    except (OSError, pa.ArrowException):
        return None
