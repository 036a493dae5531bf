"""The rules (patterns.jsonl) over the model's entities, as what they change, in DuckDB tables.

Each phrase is searched once in each distinct text (`rules.find_phrase`: spaCy's tokenizer
around each occurrence only) and its matches kept by text hash for the life of the query, so a
new rule costs the search of its own phrase and a removed one none. When the rules change, only
the texts a changed phrase matches are resolved again: their matches under all the rules, the
longest kept as `EntityRuler` does (`rules.keep_longest`), a few per text. DuckDB then splices
those over the model's rows of the articles holding the texts (`DataQuery.splice_rules`), so an
article's rows never leave DuckDB and the result is exactly `rules.RuleOverlay`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from aidlens.corpus import canonical_many
from aidlens.query.engine import DataQuery
from aidlens.rules import Rule, find_phrase, keep_longest

_HIT_COLUMNS = ["text_hash", "start", "end", "text", "label", "canonical", "rule"]
Matches = dict[str, tuple[tuple[int, int], ...]]  # text hash -> (start, end) of each match


@dataclass(frozen=True)
class RuleLayer:
    """What the rule tables were derived from: the rules, and the rows each rule adds."""

    rules: frozenset[Rule] = frozenset()
    totals: Mapping[str, int] = field(default_factory=dict)  # rule text -> rows it adds

    def changes(self, rules: Iterable[Rule]) -> dict[Rule, int]:
        """Return how many spans each rule changes in the corpus, as `RuleOverlay.changes`."""
        return {r: int(self.totals.get(r.text, 0)) for r in rules}


class PhraseHits:
    """Each phrase's token-aligned matches by text hash, searched once per text and kept.

    The texts are those of the articles a query was made for: its dataset is keyed by them.
    """

    def __init__(self, articles: pd.DataFrame):
        self.texts = dict(zip(articles["text_hash"], articles["text"], strict=True))
        self._hits: dict[str, Matches] = {}

    def of(self, phrase: str) -> Matches:
        """Return text hash -> (start, end) of each match of `phrase`, searching it once."""
        if phrase not in self._hits:
            self._hits[phrase] = find_phrase(phrase, self.texts)
        return self._hits[phrase]


@dataclass
class _State:
    """What one query's rule tables hold, and the matches they came from."""

    hits: PhraseHits
    layer: RuleLayer = field(default_factory=RuleLayer)


def kept_hits(
    hits: PhraseHits, hashes: Iterable[str], rules: Iterable[Rule], aliases: Mapping[str, str]
) -> pd.DataFrame:
    """Return the matches each text of `hashes` keeps under `rules` (the longest, then first)."""
    wanted = set(hashes)
    found: dict[str, list[tuple[int, int, str, str]]] = {h: [] for h in wanted}
    for rule in rules:
        for h, spans in hits.of(rule.text).items():
            if h in wanted:
                found[h] += [(s, e, rule.label, rule.text) for s, e in spans]
    rows = [
        (h, s, e, hits.texts[h][s:e], label, rule)
        for h, found_here in found.items()
        for s, e, label, rule in keep_longest(found_here)
    ]
    cols = [c for c in _HIT_COLUMNS if c != "canonical"]
    frame = pd.DataFrame(rows, columns=cols).astype({"start": "int64", "end": "int64"})
    names = frame["text"].unique()
    canon = dict(zip(names, canonical_many(names, aliases), strict=True))
    return frame.assign(canonical=frame["text"].map(canon).astype("object"))[_HIT_COLUMNS]


def sync_rules(q: DataQuery, rules: Iterable[Rule], articles: pd.DataFrame) -> RuleLayer:
    """Bring the rule tables of `q` up to `rules` (`articles`: the query's); return the layer."""
    with q.rules_lock:
        return _sync(q, frozenset(rules), articles)


def _sync(q: DataQuery, rules: frozenset[Rule], articles: pd.DataFrame) -> RuleLayer:
    """Derive again the texts that a change of rules touches (under `q.rules_lock`)."""
    state = q.rules_state
    layer = state.layer if isinstance(state, _State) else RuleLayer()
    changed = rules ^ layer.rules
    if not changed:  # every rerun comes here: no texts gathered (0.5 s at 100,000 articles)
        return layer
    if not isinstance(state, _State):
        state = _State(PhraseHits(articles))
    hashes = set().union(*(state.hits.of(r.text).keys() for r in changed))
    affected = articles.loc[articles["text_hash"].isin(hashes), ["id", "text_hash"]]
    affected = affected.rename(columns={"id": "article_id"}).reset_index(drop=True)
    q.splice_rules(affected, kept_hits(state.hits, hashes, rules, q.aliases))
    state.layer = RuleLayer(rules, q.rule_totals())
    q.rules_state = state
    return state.layer
