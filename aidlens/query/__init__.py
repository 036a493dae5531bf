"""Queries: what each page shows, asked of DuckDB (embedded, in process) over the monthly Parquet
dataset, with the rules and annotators' corrections overlaid; every answer equals the pandas path's.
"""

from __future__ import annotations

from aidlens.query.engine import DataQuery
from aidlens.query.read import (
    article_amounts,
    article_entities,
    article_page,
    entity_total,
    label_options,
    model_entities_of,
    name_counts,
    ruled_entities_naming,
    with_sentences,
)
from aidlens.query.rules import RuleLayer, sync_rules
from aidlens.query.trends import (
    mention_evidence,
    mention_series,
    top_names,
)

__all__ = [
    "DataQuery",
    "article_amounts",
    "article_entities",
    "article_page",
    "entity_total",
    "label_options",
    "mention_evidence",
    "mention_series",
    "model_entities_of",
    "name_counts",
    "RuleLayer",
    "ruled_entities_naming",
    "sync_rules",
    "top_names",
    "with_sentences",
]
