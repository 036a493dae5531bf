"""Corrections win: the model's entities overlaid with the store, and corpus-wide edits.

The model's entities are the table `process.build_results(...).entities` (columns
article_id,start,end,text,label,canonical). An article the store holds as touched shows its
corrected spans instead, everywhere (Read page, Trends, evaluation); an untouched article starts
from the model's entities, marked origin=model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import pandas as pd

from aidlens.annotations.spans import Span, check_label
from aidlens.annotations.store import AnnotationStore, ArticleState, Edit
from aidlens.corpus import canonical_many
from aidlens.processing import ENTITIES_CSV_COLUMNS

_SPAN_COLUMNS = ["article_id", "start", "end", "text", "label"]


def model_spans(entities: pd.DataFrame, article_id: str) -> tuple[Span, ...]:
    """Return the model's entities of one article as spans with origin=model, sorted."""
    rows = entities.loc[entities["article_id"] == article_id, ["start", "end", "text", "label"]]
    spans = (
        Span(int(s), int(e), str(t), str(lab), "model")
        for s, e, t, lab in rows.itertuples(index=False)
    )
    return tuple(sorted(spans, key=lambda sp: (sp.start, sp.end)))


def working_spans(state: ArticleState, entities: pd.DataFrame) -> tuple[Span, ...]:
    """Return the spans to edit: the corrected ones when touched, else the model's entities."""
    return state.spans if state.touched else model_spans(entities, state.article_id)


def apply_corrections(
    entities: pd.DataFrame, store: AnnotationStore, aliases: Mapping[str, str]
) -> pd.DataFrame:
    """Return the entities table with each touched article's rows replaced by its corrections."""
    touched = store.states()
    kept = entities.loc[~entities["article_id"].isin(touched)]
    rows = [
        (a, s.start, s.end, s.text, s.label, s.origin)
        for a, state in touched.items()
        for s in state.spans
    ]
    corrected = pd.DataFrame(rows, columns=[*_SPAN_COLUMNS, "origin"])
    # tolist(): iterating an Arrow-backed column value by value is ten times slower.
    corrected["canonical"] = canonical_many(corrected["text"].tolist(), aliases)
    columns = list(entities.columns) if len(entities.columns) else list(ENTITIES_CSV_COLUMNS)
    frames = [f for f in (kept, corrected) if len(f)]
    out = pd.concat(frames, ignore_index=True) if frames else corrected
    out = out.reindex(columns=columns).astype({"start": "int64", "end": "int64"})
    return out.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class ArticleChange:
    """What a corpus-wide edit would do to one article: its spans before and after."""

    article_id: str
    base_revision: int
    before: tuple[Span, ...]
    after: tuple[Span, ...]

    @property
    def changed(self) -> int:
        """Return how many spans of the article the edit relabels or removes."""
        return len(set(self.before) - set(self.after))


def preview_everywhere(
    store: AnnotationStore, entities: pd.DataFrame, text: str, label: str | None
) -> tuple[ArticleChange, ...]:
    """Return every article whose spans with exactly `text` would get `label` (None: removed)."""
    text = text.strip()
    if label is not None:
        check_label(label, store.labels)
    touched = store.states()
    candidates = [a for a, state in touched.items() if any(s.text == text for s in state.spans)]
    hits = entities.loc[entities["text"] == text, "article_id"]
    known = set(store.article_ids)
    candidates += [a for a in dict.fromkeys(hits) if a not in touched and a in known]
    changes = []
    for a in sorted(set(candidates), key=_corpus_order(store)):
        state = touched.get(a) or store.get(a)
        before = working_spans(state, entities)
        after = tuple(_edited(before, text, label))
        if after != before:
            changes.append(ArticleChange(a, state.revision, before, after))
    return tuple(changes)


def _edited(spans: tuple[Span, ...], text: str, label: str | None) -> list[Span]:
    """Return the spans with those showing `text` relabelled, or dropped when label is None."""
    out = []
    for s in spans:
        if s.text != text:
            out.append(s)
        elif label is not None and s.label != label:
            out.append(replace(s, label=label, origin="human", annotator="", updated_at=""))
        elif label is not None:
            out.append(s)
    return out


def _corpus_order(store: AnnotationStore) -> Callable[[str], int]:
    """Return a sort key putting article ids in corpus order."""
    order = {a: i for i, a in enumerate(store.article_ids)}
    return lambda a: order.get(a, len(order))


def apply_everywhere(
    store: AnnotationStore, changes: tuple[ArticleChange, ...], *, annotator: str
) -> tuple[ArticleState, ...]:
    """Save previewed changes in one write; ConflictError if any article was saved since."""
    edits = [Edit(c.article_id, c.after, c.base_revision) for c in changes]
    return store.save_many(edits, annotator=annotator) if edits else ()
