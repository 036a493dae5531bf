"""Training: fine-tune the pipeline's NER on the done articles with spaCy's own training loop,
scored on held-out articles against the base model and the base model with rules; and train
the learned aid check of amounts and the commitment linker from reviewed amounts.
"""

from __future__ import annotations

from aidlens.training.aid_check import (
    AidExample,
    check_scores,
    check_version_bumped,
    folder_examples,
    gold_digest,
    save_aid_model,
    train_aid_model,
)
from aidlens.training.commitments_out import commitments_out, folders_out
from aidlens.training.cross_check import POOLED, cross_check
from aidlens.training.demo import demo_edits, load_demo_gold
from aidlens.training.link_check import (
    folder_link_pairs,
    labelled_pairs,
    link_pair_scores,
    save_link_model,
    train_link_model,
    train_link_weights,
)
from aidlens.training.models import TrainedModel, latest_model, trained_models
from aidlens.training.report import (
    format_markdown,
    format_text,
    read_report,
    score_table,
    summary,
)
from aidlens.training.run import TrainOptions, default_out, train
from aidlens.training.split import MIN_DONE, Split, split_done

__all__ = [
    "AidExample",
    "POOLED",
    "commitments_out",
    "cross_check",
    "folders_out",
    "check_scores",
    "check_version_bumped",
    "folder_examples",
    "folder_link_pairs",
    "labelled_pairs",
    "link_pair_scores",
    "save_link_model",
    "train_link_model",
    "train_link_weights",
    "gold_digest",
    "save_aid_model",
    "train_aid_model",
    "MIN_DONE",
    "Split",
    "TrainOptions",
    "TrainedModel",
    "default_out",
    "demo_edits",
    "format_markdown",
    "format_text",
    "latest_model",
    "load_demo_gold",
    "read_report",
    "score_table",
    "split_done",
    "summary",
    "train",
    "trained_models",
]
