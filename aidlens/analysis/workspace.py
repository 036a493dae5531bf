"""One data folder as the CLI's commands open it: corpus, labels, stores, model entities, amounts.

Model entities come from the result cache. Texts the cache lacks are processed first with the
pipeline (as `process` would), so `correct`, `relabel` and `evaluate` work on a fresh folder;
the refusals of those commands are all checked before that, so a refused command writes nothing.
The amounts come the same way; `amounts_with_reviews` lays the folder's amount reviews over them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from aidlens.amounts import load_rates
from aidlens.analysis.ledger import apply_amount_reviews
from aidlens.annotations import AmountReviewStore, AnnotationStore, known_labels
from aidlens.corpus import ArticleTexts, Corpus, load_aliases, load_corpus
from aidlens.errors import InputError, Problem
from aidlens.pipeline import load_pipeline, model_id, resolve_model_name
from aidlens.processing import (
    Progress,
    Results,
    build_results,
    missing_texts,
    open_cache,
    run_pipeline,
)
from aidlens.rules import apply_rules, load_rules


@dataclass(frozen=True)
class Workspace:
    """A data folder opened for annotation work."""

    data_dir: Path
    corpus: Corpus
    model_name: str
    labels: tuple[str, ...]
    store: AnnotationStore
    amount_store: AmountReviewStore | None = None


def open_workspace(data_dir: Path, *, model: str | None = None, strict: bool = True) -> Workspace:
    """Return the folder's corpus, labels and store; with `strict`, refuse bad store rows."""
    data_dir = Path(data_dir)
    corpus = load_corpus(data_dir / "articles.csv")
    name = resolve_model_name(model)
    labels = known_labels(data_dir, name)
    texts = dict(zip(corpus.frame["id"], corpus.frame["text"], strict=True))
    store = AnnotationStore(data_dir, texts, labels)
    problems = store.problems
    if strict and problems:
        files = ", ".join(sorted({p.file for p in problems}))
        fix = Problem(files, "fix or delete the rows above by hand, then run the command again")
        raise InputError([*problems, fix])
    return Workspace(data_dir, corpus, name, labels, store, AmountReviewStore(data_dir, texts))


def model_entities(
    ws: Workspace, *, article_ids: Collection[str] | None = None, progress: Progress | None = None
) -> pd.DataFrame:
    """Return the model's entities of the corpus, processing uncached texts (of `article_ids`)."""
    return model_results(ws, article_ids=article_ids, progress=progress).entities


def model_results(
    ws: Workspace, *, article_ids: Collection[str] | None = None, progress: Progress | None = None
) -> Results:
    """Return the extracted tables of the corpus, processing uncached texts (of `article_ids`)."""
    cache = open_cache(ws.data_dir, model_id(ws.model_name))
    todo = missing_texts(ws.corpus, cache)
    if article_ids is not None:
        frame = ws.corpus.frame
        wanted = set(frame.loc[frame["id"].isin(set(article_ids)), "text_hash"])
        todo = {h: t for h, t in todo.items() if h in wanted}
    if todo:
        run_pipeline(todo, nlp=load_pipeline(ws.model_name), cache=cache, progress=progress)
    return build_results(ws.corpus, cache, load_aliases(ws.data_dir))


def model_amounts(
    ws: Workspace, *, article_ids: Collection[str] | None = None, progress: Progress | None = None
) -> pd.DataFrame:
    """Return the extracted amounts of the corpus, processing uncached texts (of `article_ids`)."""
    return model_results(ws, article_ids=article_ids, progress=progress).amounts


def amounts_with_reviews(ws: Workspace, amounts: pd.DataFrame) -> pd.DataFrame:
    """Return the amounts with the folder's amount reviews applied (reviewed values win)."""
    return apply_folder_reviews(ws.data_dir, ws.corpus, amounts, store=ws.amount_store)[0]


def apply_folder_reviews(
    data_dir: Path,
    corpus: Corpus,
    amounts: pd.DataFrame,
    *,
    store: AmountReviewStore | None = None,
) -> tuple[pd.DataFrame, tuple[Problem, ...]]:
    """Return the amounts with the folder's reviews applied, and the review file's bad rows.

    Without any review the amounts come back as they are.
    """
    frame = corpus.frame
    if store is None:
        store = AmountReviewStore(Path(data_dir), ArticleTexts(frame))
    reviews = store.reviews()
    if not reviews:
        return amounts, store.problems
    published = dict(zip(frame["id"], frame["published"], strict=True))
    applied = apply_amount_reviews(
        amounts, reviews, published=published, rates=load_rates(Path(data_dir))
    )
    return applied, store.problems


def with_rules(
    ws: Workspace, entities: pd.DataFrame, *, article_ids: Collection[str] | None = None
) -> pd.DataFrame:
    """Return the model's entities with the folder's rules (patterns.jsonl) applied."""
    frame = ws.corpus.frame
    if article_ids is not None:
        frame = frame.loc[frame["id"].isin(set(article_ids))]
    rules = load_rules(ws.data_dir).rules
    return apply_rules(entities, frame, rules, load_aliases(ws.data_dir))
