"""What the Data page shows as numbers: the corpus figures and the evaluation as a table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from aidlens.annotations import AnnotationStore

SCORE_COLUMNS = ("label", "precision", "recall", "f1", "support")


@dataclass(frozen=True)
class CorpusFigures:
    """How big the corpus is and how far its annotation has got."""

    articles: int
    entities: int  # with corrections applied
    annotated: int  # touched: corrected spans or a review status
    done: int


def corpus_figures(articles: int, entities: int, store: AnnotationStore) -> CorpusFigures:
    """Return the figures of `articles` articles, `entities` (corrected) entities and a store."""
    states = store.states()
    done = sum(1 for s in states.values() if s.status == "done")
    return CorpusFigures(articles, entities, len(states), done)


def scores_frame(result: dict[str, dict]) -> pd.DataFrame:
    """Return `evaluate`'s result as one row per label, then an "overall" row."""
    rows = [*result["per_label"].items(), ("overall", result["overall"])]
    return pd.DataFrame(
        [(label, s["p"], s["r"], s["f"], int(s["support"])) for label, s in rows],
        columns=list(SCORE_COLUMNS),
    )
