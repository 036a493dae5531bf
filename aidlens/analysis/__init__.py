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
from aidlens.analysis.export import FORMATS, export, gold_set, ledger_csv, write_export
from aidlens.analysis.figures import corpus_figures, scores_frame
from aidlens.analysis.ledger import (
    COMMITMENT_COLUMNS,
    apply_amount_reviews,
    charted,
    commitments_frame,
    review_from_amounts,
    review_weights,
    reviewed_share,
)
from aidlens.analysis.trends import (
    AidFilter,
    aid_by_month,
    amounts_behind,
    commitments_table,
    cumulative_by_month,
    mentions_behind,
    mentions_by_period,
    period_start,
    top_by_label,
)
from aidlens.analysis.workspace import (
    Workspace,
    amounts_with_reviews,
    apply_folder_reviews,
    model_amounts,
    model_entities,
    model_results,
    open_workspace,
)

__all__ = [
    "COMMITMENT_COLUMNS",
    "apply_amount_reviews",
    "apply_folder_reviews",
    "amounts_with_reviews",
    "charted",
    "commitments_frame",
    "model_amounts",
    "review_from_amounts",
    "review_weights",
    "reviewed_share",
    "AidFilter",
    "ArticleFilter",
    "FORMATS",
    "Segment",
    "Workspace",
    "aid_by_month",
    "amounts_behind",
    "commitments_table",
    "corpus_figures",
    "cumulative_by_month",
    "date_bounds",
    "entity_counts",
    "evaluate",
    "export",
    "filter_articles",
    "format_table",
    "gold_set",
    "ledger_csv",
    "gold_states",
    "mentions_behind",
    "mentions_by_period",
    "model_entities",
    "model_results",
    "open_workspace",
    "period_start",
    "scores_frame",
    "segments",
    "top_by_label",
    "write_export",
]
