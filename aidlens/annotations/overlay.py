"""Corrected entities kept up to date article by article: after a save, only its article changes.

`corrections.apply_corrections` rebuilds the whole table (half a million rows at 10,000 articles)
whenever the store changes, which made every save in the app cost half a second. The overlay
keeps the last table and the store states it was built from; when the store changes it runs
`apply_corrections` itself on the changed articles only and splices their rows in, so the table
is always exactly what `apply_corrections` would return for the whole corpus.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from aidlens.annotations.corrections import apply_corrections

if TYPE_CHECKING:
    from aidlens.annotations.store import AnnotationStore, ArticleState

FULL_REBUILD_AFTER = 500  # changed articles; past this one rebuild is cheaper than splicing


class FixedStates:
    """Answers `states()` with a fixed snapshot, as `apply_corrections` asks the store."""

    def __init__(self, states: Mapping[str, ArticleState]):
        self._states = dict(states)

    def states(self) -> dict[str, ArticleState]:
        """Return the snapshot of touched articles' states."""
        return dict(self._states)


class CorrectionOverlay:
    """The model's entities with a store's corrections applied; thread-safe, shared by sessions."""

    def __init__(self, model_entities: pd.DataFrame, aliases: Mapping[str, str]):
        self._model = model_entities
        self._aliases = aliases
        self._lock = threading.Lock()
        self._states: dict[str, ArticleState] = {}
        self._version: int | None = None
        self._entities: pd.DataFrame | None = None
        self._ids: np.ndarray | None = None  # the table's article_id column, kept for splicing

    def entities(self, store: AnnotationStore) -> pd.DataFrame:
        """Return the corrected entities for the store as it is now (do not modify the frame)."""
        with self._lock:
            version = store.version
            if self._entities is not None and version == self._version:
                return self._entities
            states = store.states()
            if self._entities is None:
                self._entities = apply_corrections(self._model, FixedStates(states), self._aliases)
                self._ids = None
            else:
                changed = changed_articles(self._states, states)
                if len(changed) > FULL_REBUILD_AFTER:
                    fixed = FixedStates(states)
                    self._entities = apply_corrections(self._model, fixed, self._aliases)
                    self._ids = None
                elif changed:
                    self._entities = self._splice(changed, states)
            self._states, self._version = states, version
            return self._entities

    def _splice(self, changed: set[str], states: Mapping[str, ArticleState]) -> pd.DataFrame:
        """Return the current table with the rows of `changed` articles derived again."""
        assert self._entities is not None
        model = self._model.loc[self._model["article_id"].isin(changed)]
        touched = FixedStates({a: s for a, s in states.items() if a in changed})
        fresh = apply_corrections(model, touched, self._aliases)
        table, self._ids = splice(self._entities, fresh, sorted(changed), self._ids)
        return table


def changed_articles(
    before: Mapping[str, ArticleState], after: Mapping[str, ArticleState]
) -> set[str]:
    """Return the articles whose state differs (touched, untouched, or edited) between two."""
    return {a for a in before.keys() | after.keys() if before.get(a) != after.get(a)}


def splice(
    table: pd.DataFrame, fresh: pd.DataFrame, articles: list[str], ids: np.ndarray | None = None
) -> tuple[pd.DataFrame, np.ndarray]:
    """Return `table` with the rows of `articles` replaced by theirs in `fresh`, and its ids.

    Both tables are sorted by article_id (then start), so each article's rows are one block:
    binary search finds it, and the result stays sorted without sorting half a million rows.
    `ids` is table's article_id column as an array, when the caller kept it from last time.
    """
    ids = table["article_id"].to_numpy() if ids is None else ids
    new_ids = fresh["article_id"].to_numpy()
    pieces, id_pieces, pos = [], [], 0
    for article in sorted(articles):
        lo, hi = np.searchsorted(ids, article, "left"), np.searchsorted(ids, article, "right")
        new_lo = np.searchsorted(new_ids, article, "left")
        new_hi = np.searchsorted(new_ids, article, "right")
        pieces += [table.iloc[pos:lo], fresh.iloc[new_lo:new_hi]]
        id_pieces += [ids[pos:lo], new_ids[new_lo:new_hi]]
        pos = hi
    pieces.append(table.iloc[pos:])
    id_pieces.append(ids[pos:])
    kept = [p for p in pieces if len(p)]
    out = pd.concat(kept, ignore_index=True) if kept else table.iloc[0:0].reset_index(drop=True)
    return out, np.concatenate(id_pieces)
