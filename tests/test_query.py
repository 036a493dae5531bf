"""The DuckDB path against the pandas path: the same filters, counts and chart data, exactly.

On the processed sample and on a synthetic corpus (the bench's repeated texts, 600 articles over
four years), each with corrected articles in its store, so the overlay is compared too.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from aidlens.analysis import (
    AidFilter,
    ArticleFilter,
    aid_by_month,
    amounts_behind,
    commitments_table,
    cumulative_by_month,
    filter_articles,
    mentions_behind,
    mentions_by_period,
    top_by_label,
)
from aidlens.annotations import (
    AnnotationStore,
    FixedStates,
    Span,
    apply_corrections,
    known_labels,
)
from aidlens.bench.synthetic import repeated_articles
from aidlens.corpus import load_aliases, load_corpus
from aidlens.pipeline import model_id
from aidlens.processing import Results, build_results, ensure_dataset, open_cache
from aidlens.query import (
    DataQuery,
    aid_chart_data,
    aid_evidence,
    aid_options,
    article_amounts,
    article_entities,
    article_page,
    entity_total,
    label_options,
    mention_evidence,
    mention_series,
    model_entities_naming,
    model_entities_of,
    name_counts,
    top_names,
)


class Both:
    """One data folder opened both ways: pandas tables and a DuckDB query."""

    def __init__(self, folder: Path, model_name: str):
        self.corpus = load_corpus(folder / "articles.csv")
        self.articles = self.corpus.frame
        aliases = load_aliases(folder)
        cache = open_cache(folder, model_id(model_name))
        self.model: Results = build_results(self.corpus, cache, aliases)
        texts = dict(zip(self.articles["id"], self.articles["text"], strict=True))
        self.store = AnnotationStore(folder, texts, known_labels(folder, model_name))
        self.aliases = aliases
        self.dataset = ensure_dataset(self.corpus, cache, aliases)
        published = self.articles.set_index("id")["published"]
        self.q = DataQuery(self.dataset, published, aliases)
        self.q.sync(self.store)

    @property
    def entities(self) -> pd.DataFrame:
        """Return the pandas path's corrected entities."""
        states = FixedStates(self.store.states())
        return apply_corrections(self.model.entities, states, self.aliases)


def _correct_some(folder: Path, model_name: str) -> None:
    """Correct three articles of the folder: drop a span, relabel one, empty one (done)."""
    both = Both(folder, model_name)
    ents = both.model.entities
    ids = list(dict.fromkeys(ents["article_id"]))[:3]
    for i, article in enumerate(ids):
        spans = both.store.get(article)
        rows = ents[ents["article_id"] == article]
        model = [Span(int(s), int(e), t, lab, "model") for s, e, t, lab in rows.iloc[:, 1:5].values]
        if i == 0:
            new = model[1:]
        elif i == 1:
            new = [replace(model[0], label="ORG", origin="human"), *model[1:]]
        else:
            new = []
        both.store.save(
            article, new, annotator="tester", base_revision=spans.revision, status="done"
        )


@pytest.fixture(scope="module")
def sample(sample_data_dir, tmp_path_factory, model_name) -> Both:
    """Return the processed sample, copied, with three corrected articles."""
    folder = tmp_path_factory.mktemp("q") / "sample"
    shutil.copytree(sample_data_dir, folder)
    _correct_some(folder, model_name)
    return Both(folder, model_name)


@pytest.fixture(scope="module")
def synthetic(sample_data_dir, tmp_path_factory, model_name) -> Both:
    """Return 600 articles reusing the sample's texts (no NLP redone), three corrected."""
    folder = tmp_path_factory.mktemp("q") / "synthetic"
    folder.mkdir()
    frame = repeated_articles(load_corpus(sample_data_dir / "articles.csv").frame, 600, seed=4)
    frame.to_csv(folder / "articles.csv", index=False)
    shutil.copytree(sample_data_dir / "cache", folder / "cache")
    shutil.rmtree(folder / "cache" / "dataset", ignore_errors=True)
    _correct_some(folder, model_name)
    return Both(folder, model_name)


@pytest.fixture(params=["sample", "synthetic"])
def both(request) -> Both:
    """Return each corpus in turn."""
    return request.getfixturevalue(request.param)


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a frame with a fresh index, for comparing row sets in order."""
    return frame.reset_index(drop=True)


FILTERS = [
    ArticleFilter(),
    ArticleFilter(start=date(2023, 1, 1), end=date(2023, 12, 31)),
    ArticleFilter(start=date(2024, 3, 15)),
    ArticleFilter(labels=("GPE",)),
    ArticleFilter(labels=("ORG", "PERSON"), query="aid"),
    ArticleFilter(query="IRIS-T"),
    ArticleFilter(mentions=("United States",)),
    ArticleFilter(mentions=("United States", "Germany"), labels=("GPE",)),
    ArticleFilter(start=date(2022, 6, 1), end=date(2023, 6, 30), mentions=("Ukraine",)),
]


@pytest.mark.parametrize("flt", FILTERS)
def test_article_list_equals_pandas(both: Both, flt: ArticleFilter) -> None:
    expected = filter_articles(both.articles, both.entities, flt)
    total, page = article_page(both.q, both.articles, flt)
    assert total == len(expected)
    assert_frame_equal(page, expected)
    pages = [
        article_page(both.q, both.articles, flt, offset=o, limit=7)[1] for o in range(0, total, 7)
    ]
    if pages:
        assert_frame_equal(_flat(pd.concat(pages)), expected)


def test_one_article_equals_pandas(both: Both) -> None:
    ents, model = both.entities, both.model.entities
    for article in list(both.articles["id"])[:12]:
        assert_frame_equal(
            article_entities(both.q, article), _flat(ents[ents["article_id"] == article])
        )
        assert_frame_equal(
            article_entities(both.q, article, model_only=True),
            _flat(model[model["article_id"] == article]),
        )
        amounts = both.model.amounts
        assert_frame_equal(
            article_amounts(both.q, article),
            _flat(amounts[amounts["article_id"] == article]),
            check_dtype=False,
        )


def test_counts_equal_pandas(both: Both) -> None:
    ents = both.entities
    assert entity_total(both.q) == len(ents)
    assert label_options(both.q) == sorted(ents["label"].unique())
    counts = name_counts(both.q)
    assert counts.to_dict() == ents["canonical"].value_counts().to_dict()
    assert list(counts.head(5)) == list(ents["canonical"].value_counts().head(5))
    ids = list(both.articles["id"])[::5]
    expected = both.model.entities[both.model.entities["article_id"].isin(ids)]
    got = model_entities_of(both.q, ids)
    key = ["article_id", "start", "end", "label"]
    assert_frame_equal(got.sort_values(key).pipe(_flat), expected.sort_values(key).pipe(_flat))
    text = "Ukraine"
    hits = set(expected["article_id"]) | set(
        both.model.entities.query("text == @text")["article_id"]
    )
    naming = model_entities_naming(both.q, text)
    assert set(naming["article_id"]) == set(
        both.model.entities.query("text == @text")["article_id"]
    )
    assert hits  # the sample names Ukraine


AID_FILTERS = [
    AidFilter(),
    AidFilter(distinct=False),
    AidFilter(stages=("pledged",)),
    AidFilter(distinct=False, stages=("delivered",)),
    AidFilter(aid_types=("military",)),
    AidFilter(donors=("United States", "Germany")),
]


@pytest.mark.parametrize("flt", AID_FILTERS)
def test_aid_chart_equals_pandas(both: Both, flt: AidFilter) -> None:
    amounts = both.model.amounts
    by_month = aid_by_month(amounts, flt)
    expected = (by_month, cumulative_by_month(by_month), commitments_table(amounts, flt))
    for got, want in zip(aid_chart_data(both.q, flt), expected, strict=True):
        assert_frame_equal(_flat(got), _flat(want), check_dtype=False)
    for _, bar in by_month.head(6).iterrows():
        want = amounts_behind(amounts, flt, month=bar["month"], donor=bar["donor"])
        got = aid_evidence(both.q, flt, month=bar["month"], donor=bar["donor"])
        key = ["article_id", "start"]
        assert_frame_equal(
            got.sort_values(key).pipe(_flat), want.sort_values(key).pipe(_flat), check_dtype=False
        )
    types, donors = aid_options(both.q)
    assert types == sorted(amounts["aid_type"].dropna().unique())
    assert donors == sorted(amounts["donor"].dropna().unique())


@pytest.mark.parametrize("freq", ["month", "week"])
def test_mentions_equal_pandas(both: Both, freq: str) -> None:
    ents = both.entities
    picked = list(ents["canonical"].value_counts().index[:5]) + ["No Such Name"]
    want = mentions_by_period(ents, both.articles, picked, freq=freq)
    got = mention_series(both.q, both.articles, picked, freq=freq)
    assert_frame_equal(got, want)
    for _, point in want.head(4).iterrows():
        kw = {"canonical": point["canonical"], "period": point["period"], "freq": freq}
        assert_frame_equal(
            mention_evidence(both.q, both.articles, **kw),
            mentions_behind(ents, both.articles, **kw),
        )


@pytest.mark.parametrize("labels", [(), ("GPE", "ORG", "PERSON"), ("MONEY",)])
def test_top_names_equal_pandas(both: Both, labels: tuple[str, ...]) -> None:
    want = top_by_label(both.entities, n=8, labels=labels)
    assert_frame_equal(top_names(both.q, n=8, labels=labels), want)


def test_a_save_shows_on_the_next_sync(synthetic: Both) -> None:
    article = synthetic.articles["id"].iloc[-1]
    state = synthetic.store.get(article)
    before = entity_total(synthetic.q)
    synthetic.store.save(article, [], annotator="tester", base_revision=state.revision)
    synthetic.q.sync(synthetic.store)
    assert article_entities(synthetic.q, article).empty
    assert entity_total(synthetic.q) == len(synthetic.entities) < before
    ents = synthetic.entities
    assert name_counts(synthetic.q).to_dict() == ents["canonical"].value_counts().to_dict()
    assert_frame_equal(top_names(synthetic.q, n=8), top_by_label(ents, n=8))
    undone = synthetic.store.undo(article, "tester")
    synthetic.q.sync(synthetic.store)
    assert undone.revision > state.revision
    assert entity_total(synthetic.q) == len(synthetic.entities)
