"""A run over a corpus: the pipeline on uncached texts (local, forked, or Dask through a shared
dataset of partitions), the result cache, the dataset by month that the app queries and the
exports (both built a chunk at a time), and turning a Doc into entity and amount rows.
"""

from __future__ import annotations

from typing import Any

from aidlens.processing.amounts_copy import app_amounts, ensure_amounts_copy
from aidlens.processing.cache import ResultCache
from aidlens.processing.dask_run import DaskRun
from aidlens.processing.dask_run import default_url as default_dask_url
from aidlens.processing.dataset import (
    DATASET_TABLES,
    Dataset,
    check_dataset,
    dataset_amounts,
    dataset_root,
    dataset_stamp,
    ensure_dataset,
    month_of,
    months_between,
    read_manifest,
    write_dataset,
)
from aidlens.processing.extract import ENTITY_COLUMNS, EXTRACTOR_VERSION, TABLES, Extractor
from aidlens.processing.local import Progress
from aidlens.processing.process import (
    ENTITIES_CSV_COLUMNS,
    Results,
    article_entities,
    build_amounts,
    build_results,
    cached_entities,
    entity_chunks,
    missing_texts,
    open_cache,
    run_pipeline,
    write_amount_outputs,
    write_entities_csv,
    write_outputs,
)

__all__ = [
    "run_dask",
    "DATASET_TABLES",
    "DaskRun",
    "Dataset",
    "ENTITIES_CSV_COLUMNS",
    "ENTITY_COLUMNS",
    "EXTRACTOR_VERSION",
    "Extractor",
    "Progress",
    "ResultCache",
    "Results",
    "TABLES",
    "app_amounts",
    "article_entities",
    "build_amounts",
    "build_results",
    "cached_entities",
    "entity_chunks",
    "check_dataset",
    "dataset_amounts",
    "dataset_root",
    "dataset_stamp",
    "default_dask_url",
    "ensure_amounts_copy",
    "ensure_dataset",
    "month_of",
    "months_between",
    "read_manifest",
    "write_dataset",
    "missing_texts",
    "open_cache",
    "run_pipeline",
    "write_amount_outputs",
    "write_entities_csv",
    "write_outputs",
]


def run_dask(*args: Any, **kwargs: Any) -> DaskRun:
    """Process texts over a Dask cluster (see `distributed.run_dask`); imports Dask only here."""
    from aidlens.processing.distributed import run_dask as run

    return run(*args, **kwargs)
