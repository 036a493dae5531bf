"""Annotations: spans and their checks, the store that keeps them (files, loading, history),
corrections across articles and the overlay that puts them over the model's entities.
"""

from __future__ import annotations

from aidlens.annotations.amount_checks import MentionIndex, check_review, mention_index
from aidlens.annotations.amount_files import (
    LoadedReviews,
    known_currencies,
    read_amount_reviews,
)
from aidlens.annotations.amount_history import AmountHistoryEntry
from aidlens.annotations.amount_records import (
    AMOUNT_REVIEW_COLUMNS,
    REVIEW_STAGES,
    AmountReview,
)
from aidlens.annotations.amount_reviews import AmountConflictError, AmountReviewStore
from aidlens.annotations.corrections import apply_everywhere, preview_everywhere, working_spans
from aidlens.annotations.overlay import CorrectionOverlay
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
    "STATUSES",
    "Span",
    "apply_everywhere",
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
