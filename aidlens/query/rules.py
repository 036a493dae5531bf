"""The rules (patterns.jsonl) over the model's entities, as the rule layer of the DuckDB tables.

The pandas path (`rules.RuleOverlay`) holds every entity row; here only the articles whose text
holds a rule's phrase are derived, a chunk at a time: their model rows are read from the
dataset and `RuleOverlay` applies the rules to them, so the rows are exactly the pandas path's.
The articles whose rows the rules change go to `DataQuery.replace_ruled`. When the rules change,
only the articles whose text holds a changed phrase are derived again, as `RuleOverlay` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from aidlens.query.engine import DataQuery
from aidlens.query.read import model_entities_of
from aidlens.rules import Rule, RuleOverlay

CHUNK = 2_000  # articles derived at a time: their model rows are all that pandas holds


@dataclass
class RuleLayer:
    """What the rule layer was derived from: the rules, and each article's spans added per rule."""

    rules: frozenset[Rule] = frozenset()
    added: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame({"article_id": [], "rule": [], "n": []})
    )

    def changes(self, rules: Iterable[Rule]) -> dict[Rule, int]:
        """Return how many spans each rule changes in the corpus, as `RuleOverlay.changes`."""
        totals = self.added.groupby("rule")["n"].sum()
        return {r: int(totals.get(r.text, 0)) for r in rules}


def holding(articles: pd.DataFrame, phrases: Iterable[str]) -> list[str]:
    """Return the ids of the articles whose text holds one of `phrases` (a superset of matches)."""
    mask = pd.Series(False, index=articles.index)
    for phrase in sorted(set(phrases)):
        mask |= articles["text"].str.contains(phrase, regex=False)
    return sorted(articles.loc[mask, "id"])


def derive(
    q: DataQuery, articles: pd.DataFrame, rules: frozenset[Rule], aliases: Mapping[str, str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the rows after `rules` of the `articles` they change, and spans added per rule."""
    model = model_entities_of(q, articles["id"])
    overlay = RuleOverlay(model, articles, aliases)
    ruled = overlay.entities(rules)
    added = overlay.added_rows()
    before = model.groupby("article_id").size()
    kept = ruled[ruled["origin"] == "model"].groupby("article_id").size()
    dropped = before.sub(kept.reindex(before.index, fill_value=0)) > 0
    changed = set(added["article_id"]) | set(dropped[dropped].index)
    rows = ruled[ruled["article_id"].isin(changed)]
    counts = added.groupby(["article_id", "rule"]).size().rename("n").reset_index()
    return rows, counts


def sync_rules(q: DataQuery, rules: Iterable[Rule], articles: pd.DataFrame) -> RuleLayer:
    """Bring the rule layer of `q` up to `rules`; return what it holds (per-rule changes)."""
    with q.rules_lock:
        return _sync(q, frozenset(rules), articles, q.aliases)


def _sync(
    q: DataQuery, rules: frozenset[Rule], articles: pd.DataFrame, aliases: Mapping[str, str]
) -> RuleLayer:
    """Derive again the articles that a change of rules touches (under `q.rules_lock`)."""
    layer = q.rules_state if isinstance(q.rules_state, RuleLayer) else RuleLayer()
    changed = rules ^ layer.rules
    if not changed:
        return layer
    ids = holding(articles, (r.text for r in changed))
    counts = [layer.added[~layer.added["article_id"].isin(ids)]]
    by_id = articles.set_index("id", drop=False)
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        rows, added = derive(q, by_id.loc[chunk].reset_index(drop=True), rules, aliases)
        q.replace_ruled(chunk, rows)
        counts.append(added)
    parts = [c for c in counts if len(c)]
    layer = RuleLayer(rules, pd.concat(parts, ignore_index=True) if parts else RuleLayer().added)
    q.rules_state = layer
    return layer
