"""Annotations: spans and their checks, the store that keeps them (files, loading, history),
corrections across articles and the overlay that puts them over the model's entities.
"""

from __future__ import annotations

from aidlens.annotations.corrections import (
    apply_corrections,
    apply_everywhere,
    preview_everywhere,
    working_spans,
)
from aidlens.annotations.overlay import CorrectionOverlay, FixedStates, changed_articles
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
    "ANNOTATION_COLUMNS",
    "AnnotationStore",
    "ArticleState",
    "Conflict",
    "ConflictError",
    "CorrectionOverlay",
    "FixedStates",
    "Edit",
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
