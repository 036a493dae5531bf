"""Rules laid over the model's cached entities, without running the pipeline again.

Matching: each rule's phrase is found with spaCy's `PhraseMatcher` over the texts as tokenised
by `spacy.blank("en")`, only in the distinct texts that contain the phrase at all (a substring
test first). The blank English tokenizer is the one `en_core_web_*` pipelines use, so a rule
matches where an `EntityRuler` in the pipeline would, on token boundaries ("Kyiv" in "Kyiv's"
but not in "Kyivstar"). The result cache holds rows, not tokens, and keeping every text's tokens
would multiply it; tokenising only the texts a phrase occurs in costs milliseconds per rule.

Applying, per article: rule matches overlapping each other keep the longest (then the earliest),
as `EntityRuler` does; a model entity overlapping a kept match is dropped (the rule wins), and a
match identical to a model entity (same offsets and label) stays the model's. The table gains a
column `origin` (`model` or `rule`). `RuleOverlay` keeps the last table and each phrase's matches,
keyed by text hash; when the rules change it derives again only the articles whose text a
changed rule matches, and splices their rows in.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING

import pandas as pd

from aidlens.corpus import canonical_many
from aidlens.processing import ENTITIES_CSV_COLUMNS
from aidlens.rules.patterns import Rule

if TYPE_CHECKING:
    from spacy.language import Language

ENTITY_ORIGIN_COLUMNS = (*ENTITIES_CSV_COLUMNS, "origin")
Hit = tuple[int, int, str, str]  # start, end, label, rule text
ModelRow = tuple[int, int, str, str, str]  # start, end, text, label, canonical


@cache
def blank_english() -> Language:
    """Return a blank English pipeline (the tokenizer only), made once per process."""
    import spacy

    return spacy.blank("en")


def find_phrase(phrase: str, texts: Mapping[str, str]) -> dict[str, tuple[tuple[int, int], ...]]:
    """Return hash -> (start, end) of every token-aligned occurrence of `phrase` in `texts`."""
    from spacy.matcher import PhraseMatcher

    candidates = {h: t for h, t in texts.items() if phrase in t}
    if not candidates:
        return {}
    nlp = blank_english()
    matcher = PhraseMatcher(nlp.vocab)
    matcher.add("RULE", [nlp.make_doc(phrase)])
    found = {}
    for h, doc in zip(candidates, nlp.tokenizer.pipe(candidates.values()), strict=True):
        spans = [doc[s:e] for _id, s, e in matcher(doc)]
        if spans:
            found[h] = tuple((sp.start_char, sp.end_char) for sp in spans)
    return found


def keep_longest(hits: Iterable[Hit]) -> list[Hit]:
    """Return the hits that do not overlap a longer (or as long and earlier) one, by start."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
            kept.append(hit)
    return sorted(kept)


def derive_article(
    text: str, model: Sequence[ModelRow], hits: Iterable[Hit]
) -> tuple[list[tuple], dict[str, int]]:
    """Return an article's rows (model rows have a canonical, rule rows None) and rule changes."""
    kept = keep_longest(hits)
    same = {(h[0], h[1], h[2]) for h in kept} & {(m[0], m[1], m[3]) for m in model}
    rows: list[tuple] = [
        (*m, "model")
        for m in model
        if (m[0], m[1], m[3]) in same or all(m[1] <= h[0] or m[0] >= h[1] for h in kept)
    ]
    changes: dict[str, int] = defaultdict(int)
    for start, end, label, rule_text in kept:
        if (start, end, label) not in same:
            rows.append((start, end, text[start:end], label, None, "rule"))
            changes[rule_text] += 1
    return sorted(rows, key=lambda r: (r[0], r[1])), dict(changes)


class RuleOverlay:
    """The model's entities with rules applied, derived again only where changed rules match."""

    def __init__(
        self, model_entities: pd.DataFrame, articles: pd.DataFrame, aliases: Mapping[str, str]
    ):
        self._model = model_entities.reindex(columns=list(ENTITIES_CSV_COLUMNS))
        self._texts = dict(zip(articles["text_hash"], articles["text"], strict=True))
        self._hash_of = dict(zip(articles["id"], articles["text_hash"], strict=True))
        self._ids_of: dict[str, list[str]] = defaultdict(list)
        for article, h in self._hash_of.items():
            self._ids_of[h].append(article)
        self._aliases = aliases
        self._lock = threading.Lock()
        self._matches: dict[str, dict[str, tuple[tuple[int, int], ...]]] = {}
        self._rules: frozenset[Rule] = frozenset()
        self._table: pd.DataFrame | None = None
        self._changes: dict[str, dict[str, int]] = {}  # article -> rule text -> spans changed
        self.rederived = 0  # articles derived again at the last change of rules

    def _hits(self, phrase: str) -> dict[str, tuple[tuple[int, int], ...]]:
        """Return the matches of one phrase, found once and kept."""
        if phrase not in self._matches:
            self._matches[phrase] = find_phrase(phrase, self._texts)
        return self._matches[phrase]

    def entities(self, rules: Iterable[Rule]) -> pd.DataFrame:
        """Return the entities with `rules` applied, with an origin column (do not modify it)."""
        rules = frozenset(rules)
        with self._lock:
            if self._table is None:
                self._table = self._model.assign(origin="model")
                self._rules = frozenset()
            changed = rules ^ self._rules
            if changed:
                hashes = set().union(*(self._hits(r.text).keys() for r in changed))
                articles = sorted(a for h in hashes for a in self._ids_of[h])
                self._table = self._splice(articles, rules)
                self.rederived = len(articles)
                self._rules = rules
            return self._table

    def changes(self, rules: Iterable[Rule]) -> dict[Rule, int]:
        """Return how many spans each rule changes (adds, relabels or reshapes) in the corpus."""
        self.entities(rules)
        totals: dict[str, int] = defaultdict(int)
        for per_rule in self._changes.values():
            for text, n in per_rule.items():
                totals[text] += n
        return {r: totals.get(r.text, 0) for r in rules}

    def _splice(self, articles: list[str], rules: frozenset[Rule]) -> pd.DataFrame:
        """Return the table with the rows of `articles` derived again under `rules`."""
        assert self._table is not None
        hits: dict[str, list[Hit]] = defaultdict(list)
        wanted = {self._hash_of[a] for a in articles}
        for rule in rules:
            for h, spans in self._hits(rule.text).items():
                if h in wanted:
                    hits[h] += [(s, e, rule.label, rule.text) for s, e in spans]
        model = self._model.loc[self._model["article_id"].isin(articles)]
        by_article: dict[str, list[ModelRow]] = defaultdict(list)
        for a, *row in model.itertuples(index=False):
            by_article[a].append(tuple(row))  # type: ignore[arg-type]
        fresh: list[tuple] = []
        for a in articles:
            h = self._hash_of[a]
            rows, self._changes[a] = derive_article(self._texts[h], by_article[a], hits[h])
            fresh += [(a, *row) for row in rows]
        self._changes = {a: c for a, c in self._changes.items() if c}
        frame = pd.DataFrame(fresh, columns=list(ENTITY_ORIGIN_COLUMNS))
        new = frame["canonical"].isna()
        frame.loc[new, "canonical"] = canonical_many(frame.loc[new, "text"], self._aliases)
        kept = self._table.loc[~self._table["article_id"].isin(articles)]
        parts = [p for p in (kept, frame) if len(p)]
        out = pd.concat(parts, ignore_index=True) if parts else frame
        out = out.astype({"start": "int64", "end": "int64"})
        return out.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def apply_rules(
    entities: pd.DataFrame,
    articles: pd.DataFrame,
    rules: Iterable[Rule],
    aliases: Mapping[str, str],
) -> pd.DataFrame:
    """Return the model's entities with `rules` applied and a column `origin` (model or rule)."""
    return RuleOverlay(entities, articles, aliases).entities(rules)
