"""The DuckDB rule tables against the full pandas overlay, rule change after rule change.

`sync_rules` splices only what a change of rules touches; after every step of each sequence the
ruled rows, name counts and per-rule changes must equal `apply_rules` / `RuleOverlay` run afresh
over every article, on the processed sample and on a synthetic corpus of repeated texts.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from aidlens.analysis import top_by_label
from aidlens.corpus import load_aliases, load_corpus
from aidlens.pipeline import model_id
from aidlens.processing import build_results, ensure_dataset, open_cache
from aidlens.query import DataQuery, article_entities, name_counts, sync_rules, top_names
from aidlens.rules import Rule, RuleOverlay, apply_rules
from tests.conftest import repeated_sample

R = Rule
# Each case: the rule sets synced one after another. They add spans the model missed, relabel
# (Ukraine), agree with the model (Kyiv), overlap each other (the longest wins: Olaf Scholz over
# Scholz), touch model entities, change a rule's label, and remove rules, down to none.
SEQUENCES = {
    "one wide relabel": [{R("Ukraine", "ORG")}],
    "add one by one": [
        {R("Olaf Scholz", "PERSON")},
        {R("Olaf Scholz", "PERSON"), R("Kyiv", "GPE")},
        {R("Olaf Scholz", "PERSON"), R("Kyiv", "GPE"), R("Ukraine", "GPE")},
    ],
    "overlapping rules": [
        {R("Scholz", "ORG")},
        {R("Scholz", "ORG"), R("Olaf Scholz", "PERSON")},
        {R("Olaf Scholz", "PERSON")},
    ],
    "relabel then remove": [
        {R("Kyiv", "PERSON"), R("IRIS-T", "PRODUCT")},
        {R("Kyiv", "GPE"), R("IRIS-T", "PRODUCT")},
        {R("IRIS-T", "PRODUCT")},
        set(),
    ],
    # A match right after a model entity, with no space between ("Ukraine" then "'s"): touching
    # spans do not overlap, so the model's entity stays.
    "touching spans": [{R("'s", "CARDINAL")}, {R("'s", "CARDINAL"), R("Ukraine", "ORG")}],
    "many at once": [
        {R("Ukraine", "ORG"), R("Patriot", "PRODUCT"), R("United States", "GPE"), R("EU", "GPE")},
        {R("Patriot", "PRODUCT"), R("EU", "GPE")},
    ],
}


class Corpus:
    """A processed data folder's model rows, opened in pandas and as a DuckDB query."""

    def __init__(self, folder: Path, model_name: str):
        corpus = load_corpus(folder / "articles.csv")
        self.articles = corpus.frame
        self.aliases = load_aliases(folder)
        cache = open_cache(folder, model_id(model_name))
        self.model = build_results(corpus, cache, self.aliases).entities
        self.dataset = ensure_dataset(corpus, cache, self.aliases)

    def query(self) -> DataQuery:
        """Return a fresh query over the dataset (no rules derived yet)."""
        published = self.articles.set_index("id")["published"]
        return DataQuery(self.dataset, published, self.aliases)


@pytest.fixture(scope="module")
def sample(sample_data_dir, model_name) -> Corpus:
    """Return the processed sample (read only)."""
    return Corpus(sample_data_dir, model_name)


@pytest.fixture(scope="module")
def synthetic(sample_data_dir, tmp_path_factory, model_name) -> Corpus:
    """Return 500 articles reusing the sample's texts, over several years (no NLP redone)."""
    folder = repeated_sample(sample_data_dir, tmp_path_factory.mktemp("qr") / "synthetic", 500, 9)
    return Corpus(folder, model_name)


@pytest.fixture(params=["sample", "synthetic"])
def corpus(request) -> Corpus:
    """Return each corpus in turn."""
    return request.getfixturevalue(request.param)


def ruled_rows(q: DataQuery) -> pd.DataFrame:
    """Return every ruled row from DuckDB, with its origin, in the pandas path's order."""
    sql = (
        'SELECT article_id, start, "end", text, label, canonical, origin '
        f"FROM {q.entities(layer='ruled')} ORDER BY article_id, start, seq"
    )
    frame = q.frame(sql).astype({"start": "int64", "end": "int64"})
    return frame.astype({c: "str" for c in frame.columns if c not in ("start", "end")})


def expected_rows(corpus: Corpus, rules: set[Rule]) -> pd.DataFrame:
    """Return the full overlay's rows, ordered as `ruled_rows`."""
    want = apply_rules(corpus.model, corpus.articles, rules, corpus.aliases)
    want = want.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
    return want.astype({c: "str" for c in want.columns if c not in ("start", "end")})


@pytest.mark.parametrize("steps", list(SEQUENCES.values()), ids=list(SEQUENCES))
def test_each_change_equals_the_full_overlay(corpus: Corpus, steps: list[set[Rule]]) -> None:
    q = corpus.query()
    for rules in steps:
        layer = sync_rules(q, rules, corpus.articles)
        want = expected_rows(corpus, rules)
        assert_frame_equal(ruled_rows(q), want)
        fresh = RuleOverlay(corpus.model, corpus.articles, corpus.aliases)
        assert layer.changes(rules) == fresh.changes(rules)
        plain = want.drop(columns="origin")
        assert name_counts(q).to_dict() == plain["canonical"].value_counts().to_dict()
        assert_frame_equal(top_names(q, n=6), top_by_label(plain, n=6))


@pytest.mark.parametrize("steps", list(SEQUENCES.values()), ids=list(SEQUENCES))
def test_one_article_equals_the_full_overlay(corpus: Corpus, steps: list[set[Rule]]) -> None:
    q = corpus.query()
    for rules in steps:
        sync_rules(q, rules, corpus.articles)
    want = expected_rows(corpus, steps[-1])
    ruled = list(dict.fromkeys(want.loc[want["origin"] == "rule", "article_id"]))
    plain = want.drop(columns="origin")
    for article in ruled[:12] + list(corpus.articles["id"][:4]):
        mine = plain[plain["article_id"] == article].reset_index(drop=True)
        assert_frame_equal(article_entities(q, article, layer="ruled"), mine)
        assert_frame_equal(article_entities(q, article), mine)  # no corrections here


def test_each_rule_changes_something_in_each_corpus(corpus: Corpus) -> None:
    # The sequences above are only a check if their rules match: each rule adds spans.
    q = corpus.query()
    rules = set().union(*(s for steps in SEQUENCES.values() for s in steps))
    added = {r: sync_rules(q, {r}, corpus.articles).changes({r})[r] for r in rules}
    assert all(n > 0 for n in added.values()), added


def test_no_change_of_rules_derives_nothing(sample: Corpus) -> None:
    q = sample.query()
    rules = {R("Ukraine", "ORG")}
    first = sync_rules(q, rules, sample.articles)
    assert sync_rules(q, set(rules), sample.articles) is first
