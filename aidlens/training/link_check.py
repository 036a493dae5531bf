"""Train the commitment linker (aidlens.amounts linking) from folders of reviewed amounts.

Each gold folder's articles are processed as `process` would (the same extractor, aliases and
rates), up to the commitment ids; its charted, requested and blocked mentions that a review
matches are the examples. Every candidate pair of them (linking.candidate_pairs) is labelled
same commitment when both reviews carry one commitment_id. A logistic regression over
linking.PAIR_FEATURES (L2-penalised, Newton's method: a few thousand pairs, under a second)
gives the weights, and boosted trees over the same features (link_trees.py) the score that
`process` uses; both are written with their meta to data/link_model.json.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from aidlens.amounts import (
    PAIR_FEATURES,
    SHIPPED,
    AidCheck,
    LinkModel,
    candidate_pairs,
    described_amounts,
    linkable_rows,
    load_rates,
    pair_features,
)
from aidlens.analysis import match_mentions, read_gold_amounts
from aidlens.atomic import write_bytes_atomic
from aidlens.corpus import Corpus, load_aliases, load_corpus
from aidlens.errors import InputError, Problem
from aidlens.processing import EXTRACTOR_VERSION, Extractor
from aidlens.training.aid_check import gold_digest, gold_file
from aidlens.training.link_trees import train_pair_trees

if TYPE_CHECKING:
    from spacy.language import Language

# Linked when the trees give one commitment 40% or more. Leaving one set and its packages out
# (the packages a reviewer has not seen), a cut at 0.3, 0.35, 0.4 and 0.45 gives linking F1
# 0.844, 0.844, 0.844 and 0.841, and leaving one set out 0.857, 0.865, 0.864 and 0.864: 0.4
# keeps the 0.45's precision best among the cuts that lose nothing (BENCHMARKS.md, forty-eighth
# session; 0.45 was best at the thirty-ninth).
THRESHOLD = 0.4
PENALTY = 1.0  # L2 on the weights: some features are rare in a few hundred gold pairs


@dataclass(frozen=True)
class FolderRows:
    """A gold folder processed up to the table: what described_amounts and amounts_table read."""

    corpus: Corpus
    rows: pd.DataFrame
    entities: pd.DataFrame
    aliases: Mapping[str, str]
    rates: pd.DataFrame
    gold: pd.DataFrame


def folder_rows(
    folder: Path, nlp: Language, aid_model: AidCheck | str | None = SHIPPED
) -> FolderRows:
    """Return a gold folder's extracted rows (with `aid_model`'s check) and reviewed mentions."""
    corpus = load_corpus(Path(folder) / "articles.csv")
    frame = corpus.frame
    extract = Extractor(nlp, aid_model=aid_model)
    rows, ents = [], []
    for key, doc in zip(frame["text_hash"], nlp.pipe(frame["text"]), strict=True):
        tables = extract(doc)
        rows += [{**r, "text_hash": key} for r in tables["amounts"]]
        ents += [{**e, "text_hash": key} for e in tables["entities"]]
    ids = frame[["id", "text_hash"]].rename(columns={"id": "article_id"})
    entities = ids.merge(pd.DataFrame(ents, columns=["text_hash", "start", "text", "label"]))
    texts = dict(zip(frame["id"].tolist(), frame["text"].tolist(), strict=True))
    gold = read_gold_amounts(gold_file(folder), texts)
    return FolderRows(
        corpus, pd.DataFrame(rows), entities, load_aliases(folder), load_rates(folder), gold
    )


def folder_amounts(
    folder: Path, nlp: Language, aid_model: AidCheck | str | None = SHIPPED
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (the described amounts of a gold folder's articles, its reviewed mentions)."""
    f = folder_rows(folder, nlp, aid_model)
    amounts = described_amounts(f.corpus, f.rows, f.entities, f.aliases, f.rates)
    return amounts, f.gold


def folder_link_pairs(
    folder: Path, nlp: Language, aid_model: AidCheck | str | None = SHIPPED
) -> tuple[np.ndarray, np.ndarray]:
    """Return the labelled candidate pairs of a gold folder (labelled_pairs)."""
    return labelled_pairs(*folder_amounts(folder, nlp, aid_model))


@dataclass(frozen=True)
class ReviewedPairs:
    """Labelled candidate pairs with the reviewed commitment id of each side ('' for none)."""

    x: np.ndarray  # PAIR_FEATURES, one row per pair
    same: np.ndarray  # 1.0 when both sides carry one commitment id
    first: np.ndarray
    second: np.ndarray


def labelled_pairs(amounts: pd.DataFrame, gold: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Return (PAIR_FEATURES of the candidate pairs of reviewed, staged mentions, same or not)."""
    pairs = reviewed_pairs(amounts, gold)
    return pairs.x, pairs.same


def reviewed_pairs(amounts: pd.DataFrame, gold: pd.DataFrame) -> ReviewedPairs:
    """Return the candidate pairs of reviewed, staged mentions with their reviewed ids."""
    review = pd.Series(None, index=amounts.index, dtype=object)
    for gi, ei in match_mentions(gold, amounts):
        review[ei] = str(gold.at[gi, "commitment_id"] or "")
    staged = amounts[amounts["stage"].ne("") & review.notna()]
    d = linkable_rows(staged)
    i, j = candidate_pairs(d)
    ids = review.loc[d.index].to_numpy(dtype=object)
    if not len(i):
        none = np.zeros(0, dtype=object)
        return ReviewedPairs(np.zeros((0, len(PAIR_FEATURES))), np.zeros(0), none, none)
    same = (ids[i] == ids[j]) & (ids[i] != "")
    return ReviewedPairs(pair_features(d, i, j), same.astype("float64"), ids[i], ids[j])


def train_link_weights(pairs: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Return logistic-regression weights (PAIR_FEATURES order) fitted to labelled pairs."""
    x = np.vstack([p[0] for p in pairs])
    y = np.concatenate([p[1] for p in pairs])
    if not len(y) or y.min() == y.max():
        msg = "the reviews hold no pair of close values both linked and not; review more amounts"
        raise InputError([Problem("gold", msg)])
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + PENALTY * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + PENALTY * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def train_link_model(pairs: Sequence[tuple[np.ndarray, np.ndarray]]) -> LinkModel:
    """Return the linker trained on labelled pairs: its logistic weights and its trees."""
    return LinkModel(train_link_weights(pairs), THRESHOLD, train_pair_trees(pairs))


def link_pair_scores(model: LinkModel, pairs: tuple[np.ndarray, np.ndarray]) -> dict:
    """Return precision, recall and F1 of the linker's same-commitment call on labelled pairs."""
    x, y = pairs
    said = model.logits(list(x.T)) >= model.cut
    tp = int((said & (y == 1)).sum())
    p = tp / int(said.sum()) if said.sum() else 0.0
    r = tp / int(y.sum()) if y.sum() else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}


def save_link_model(model: LinkModel, out: Path, gold: Sequence[Path], force: bool) -> None:
    """Write the weights, threshold, trees and meta to `out` (JSON) in one atomic replace."""
    out = Path(out)
    if out.exists() and not force:
        raise InputError([Problem(str(out), "exists; pass --force to replace it")])
    saved = {
        "features": list(PAIR_FEATURES),
        "weights": [round(float(w), 6) for w in model.weights],
        "threshold": model.threshold,
        "trees": model.trees.to_dict() if model.trees is not None else None,
        "extractor_version": EXTRACTOR_VERSION,
        "gold": {Path(g).name: gold_digest(g) for g in gold},
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    # Compact, as the aid check's trees.json: 200 trees indented were 400 KB and 26,000 lines.
    write_bytes_atomic(out, (json.dumps(saved, separators=(",", ":")) + "\n").encode("utf-8"))
