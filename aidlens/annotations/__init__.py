"""Annotations: spans and their checks, the store that keeps them (files, loading, history),
corrections across articles and the overlay that puts them over the model's entities.
"""

from __future__ import annotations

import importlib
from typing import Any

from aidlens.annotations.records import ANNOTATION_COLUMNS, STATUSES
from aidlens.annotations.spans import (
    Span,
    check_label,
    check_offsets,
    check_spans,
    known_labels,
    label_phrase,
    new_span,
    overlapping,
    relabel_span,
    remove_span,
    with_span,
)
from aidlens.annotations.state import ArticleState, Conflict, ConflictError, Edit, check_annotator
from aidlens.annotations.store import AnnotationStore

# Corrections, the overlay and the amount reviews need pandas (and the processing and amounts
# packages); the annotation store does not. They load on first use, so that opening the store (a
# CLI call, a worker process) stays as fast as it was.
_LAZY = {
    "AMOUNT_REVIEW_COLUMNS": "amount_records",
    "AmountConflictError": "amount_reviews",
    "AmountHistoryEntry": "amount_history",
    "AmountReview": "amount_records",
    "AmountReviewStore": "amount_reviews",
    "LoadedReviews": "amount_files",
    "MentionIndex": "amount_checks",
    "REVIEW_STAGES": "amount_records",
    "check_review": "amount_checks",
    "known_currencies": "amount_files",
    "mention_index": "amount_checks",
    "read_amount_reviews": "amount_files",
    "CorrectionOverlay": "overlay",
    "FixedStates": "overlay",
    "changed_articles": "overlay",
    "apply_corrections": "corrections",
    "apply_everywhere": "corrections",
    "preview_everywhere": "corrections",
    "working_spans": "corrections",
}


def __getattr__(name: str) -> Any:
    """Return a public name of a module loaded on first use (PEP 562)."""
    if name in _LAZY:
        return getattr(importlib.import_module(f"aidlens.annotations.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'aidlens.annotations' has no attribute {name!r}")


__all__ = [
    "AMOUNT_REVIEW_COLUMNS",
    "AmountConflictError",
    "AmountHistoryEntry",
    "AmountReview",
    "AmountReviewStore",
    "LoadedReviews",
    "MentionIndex",
    "REVIEW_STAGES",
    "check_review",
    "known_currencies",
    "mention_index",
    "read_amount_reviews",
    "ANNOTATION_COLUMNS",
    "AnnotationStore",
    "ArticleState",
    "Conflict",
    "ConflictError",
    "CorrectionOverlay",
    "Edit",
    "FixedStates",
    "STATUSES",
    "Span",
    "apply_corrections",
    "apply_everywhere",
    "changed_articles",
    "check_annotator",
    "check_label",
    "check_offsets",
    "check_spans",
    "known_labels",
    "label_phrase",
    "new_span",
    "overlapping",
    "preview_everywhere",
    "relabel_span",
    "remove_span",
    "with_span",
    "working_spans",
]
