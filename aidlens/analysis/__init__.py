"""Analysis: opening a data folder (the workspace) and what the pages and the CLI ask of it:
browsing, trends, corpus figures, evaluation against the gold set, and exports.
"""

from __future__ import annotations

from aidlens.analysis.browse import (
    ArticleFilter,
    Segment,
    date_bounds,
    entity_counts,
    filter_articles,
    segments,
)
from aidlens.analysis.evaluate import evaluate, format_table, gold_states
from aidlens.analysis.export import FORMATS, export, gold_set, write_export
from aidlens.analysis.figures import corpus_figures, scores_frame
from aidlens.analysis.money import MONEY_LABEL_EXPR, money
from aidlens.analysis.trends import (
    CHARTED_STAGES,
    OTHER,
    REVIEWED_CHOICES,
    STAGES,
    AidFilter,
    aid_by_month,
    amounts_behind,
    commitments_table,
    counted_amounts,
    cumulative_by_month,
    donor_ranking,
    mentions_behind,
    mentions_by_period,
    period_start,
    reviewed_flags,
    reviewed_total,
    sentence_around,
    split_donors,
    top_by_label,
)
from aidlens.analysis.workspace import Workspace, model_entities, open_workspace

__all__ = [
    "CHARTED_STAGES",
    "MONEY_LABEL_EXPR",
    "OTHER",
    "REVIEWED_CHOICES",
    "STAGES",
    "AidFilter",
    "ArticleFilter",
    "FORMATS",
    "Segment",
    "Workspace",
    "aid_by_month",
    "amounts_behind",
    "commitments_table",
    "counted_amounts",
    "corpus_figures",
    "cumulative_by_month",
    "date_bounds",
    "donor_ranking",
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
    "money",
    "open_workspace",
    "period_start",
    "reviewed_flags",
    "reviewed_total",
    "scores_frame",
    "segments",
    "sentence_around",
    "split_donors",
    "top_by_label",
    "write_export",
]
