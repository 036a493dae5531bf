"""Queries: what each page shows, asked of DuckDB (embedded, in process) over the monthly Parquet
dataset, with annotators' corrections overlaid; every answer equals the pandas path's.
"""

from __future__ import annotations

from aidlens.query.engine import DataQuery
from aidlens.query.read import (
    article_amounts,
    article_entities,
    article_page,
    entity_total,
    label_options,
    model_entities_naming,
    model_entities_of,
    name_counts,
)
from aidlens.query.trends import (
    aid_chart_data,
    aid_evidence,
    aid_options,
    aid_rows,
    commitments,
    mention_evidence,
    mention_series,
    top_names,
)

__all__ = [
    "DataQuery",
    "aid_chart_data",
    "aid_evidence",
    "aid_options",
    "aid_rows",
    "article_amounts",
    "article_entities",
    "article_page",
    "commitments",
    "entity_total",
    "label_options",
    "mention_evidence",
    "mention_series",
    "model_entities_naming",
    "model_entities_of",
    "name_counts",
    "top_names",
]
