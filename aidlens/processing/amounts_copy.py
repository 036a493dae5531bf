"""The amounts table as the app holds it, in one memory-mapped Arrow file beside the dataset.

The app keeps every amount row in pandas (a few per article) without their sentences. Reading
them from the monthly Parquet files means decoding and sorting half a million rows at 100,000
articles (about a second); this copy, written by `process` (or by the first page that needs
it), is in the built table's order and maps in milliseconds, its texts paged in as read. It is
keyed by the dataset's key and row count, so a stale or damaged copy is rebuilt, never read.
"""

from __future__ import annotations

import contextlib

import pandas as pd
import pyarrow as pa

from aidlens.atomic import write_arrow_atomic
from aidlens.processing.dataset import Dataset, dataset_amounts

COPY_NAME = "amounts.arrow"
LEFT_OUT = ("sentence",)  # read only for the rows a page shows (query.with_sentences)
KEY = b"aidlens_dataset_key"


def app_amounts(dataset: Dataset) -> pd.DataFrame:
    """Return the dataset's amounts without LEFT_OUT, from the copy; write it when missing."""
    mapped = _read_copy(dataset)
    if mapped is not None:
        return mapped
    amounts = dataset_amounts(dataset, skip=LEFT_OUT)
    with contextlib.suppress(OSError):  # a read-only folder: the copy only saves time
        save_amounts_copy(dataset, amounts)
    return amounts


def ensure_amounts_copy(dataset: Dataset, amounts: pd.DataFrame) -> None:
    """Write the app's copy of `amounts` (the built table) unless a current one is there."""
    if _read_copy(dataset) is None:
        save_amounts_copy(dataset, amounts)


def save_amounts_copy(dataset: Dataset, amounts: pd.DataFrame) -> None:
    """Write the amounts (the built table, in its order) as the app's copy, atomically."""
    if amounts.empty and not len(amounts.columns):
        return
    kept = amounts.drop(columns=[c for c in LEFT_OUT if c in amounts.columns])
    table = pa.Table.from_pandas(kept, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), KEY: dataset.key})
    write_arrow_atomic(dataset.root / COPY_NAME, table)


def _read_copy(dataset: Dataset) -> pd.DataFrame | None:
    """Return the copy's rows, or None when it is missing, damaged or of another dataset."""
    path = dataset.root / COPY_NAME
    try:
        table = pa.ipc.open_file(pa.memory_map(str(path), "r")).read_all()
    except (OSError, pa.ArrowException):
        return None
    metadata = table.schema.metadata or {}
    if metadata.get(KEY) != dataset.key.encode() or table.num_rows != dataset.rows("amounts"):
        return None
    return table.to_pandas()
