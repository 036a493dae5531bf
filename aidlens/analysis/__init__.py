"""Analysis: opening a data folder (the workspace) and what the pages and the CLI ask of it:
browsing, trends, corpus figures, evaluation against the gold set, and exports.
"""

from __future__ import annotations

from aidlens.analysis.browse import (
    ArticleFilter,
    Segment,
    article_mask,
    date_bounds,
    entity_counts,
    filter_articles,
    segments,
)
from aidlens.analysis.evaluate import evaluate, format_table, gold_states
from aidlens.analysis.export import FORMATS, export, gold_set, write_export
from aidlens.analysis.figures import corpus_figures, scores_frame
from aidlens.analysis.trends import (
    AidFilter,
    aid_by_month,
    amounts_behind,
    commitments_table,
    counted_amounts,
    cumulative_by_month,
    mentions_behind,
    mentions_by_period,
    period_start,
    top_by_label,
)
from aidlens.analysis.workspace import Workspace, model_entities, open_workspace

__all__ = [
    "AidFilter",
    "ArticleFilter",
    "FORMATS",
    "Segment",
    "Workspace",
    "aid_by_month",
    "article_mask",
    "amounts_behind",
    "commitments_table",
    "corpus_figures",
    "counted_amounts",
    "cumulative_by_month",
    "date_bounds",
    "entity_counts",
    "evaluate",
    "export",
    "filter_articles",
    "format_table",
    "gold_set",
    "gold_states",
    "mentions_behind",
    "mentions_by_period",
    "model_entities",
    "open_workspace",
    "period_start",
    "scores_frame",
    "segments",
    "top_by_label",
    "write_export",
]
