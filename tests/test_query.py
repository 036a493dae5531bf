"""The DuckDB path against the pandas path: the same filters, counts and chart data, exactly.

On the processed sample and on a synthetic corpus (the bench's repeated texts, 600 articles over
four years), each with rules in patterns.jsonl, corrected articles in its store and reviewed
amounts, so the pandas path compared is the app's: the model's entities, the rules applied
(`apply_rules`), then the corrections; the amounts with the reviews applied.
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
    ArticleFilter,
    apply_folder_reviews,
    filter_articles,
    mentions_behind,
    mentions_by_period,
    top_by_label,
)
from aidlens.annotations import (
    AmountReview,
    AmountReviewStore,
    AnnotationStore,
    FixedStates,
    Span,
    apply_corrections,
    known_labels,
)
from aidlens.corpus import load_aliases, load_corpus
from aidlens.pipeline import model_id
from aidlens.processing import Results, build_results, dataset_amounts, ensure_dataset, open_cache
from aidlens.query import (
    DataQuery,
    article_amounts,
    article_entities,
    article_page,
    entity_total,
    label_options,
    mention_evidence,
    mention_series,
    model_entities_of,
    name_counts,
    ruled_entities_naming,
    sync_rules,
    top_names,
    with_sentences,
)
from aidlens.rules import RuleOverlay, add_rule, apply_rules, load_rules, remove_rule
from tests.conftest import repeated_sample

# Rules that relabel many spans (Ukraine), add spans the model missed or shaped otherwise
# (IRIS-T, Patriot), and agree with the model (Kyiv).
RULES = [("Ukraine", "ORG"), ("IRIS-T", "PRODUCT"), ("Patriot", "PRODUCT"), ("Kyiv", "GPE")]


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
        self.folder = folder
        self.dataset = ensure_dataset(self.corpus, cache, aliases)
        published = self.articles.set_index("id")["published"]
        self.q = DataQuery(self.dataset, published, aliases)
        self.q.sync(self.store)
        self.layer = sync_rules(self.q, load_rules(folder).rules, self.articles)
        amount_store = AmountReviewStore(folder, texts)
        self.amounts = apply_folder_reviews(
            folder, self.corpus, self.model.amounts, store=amount_store
        )[0]
        self.q.use_amounts(self.amounts)

    @property
    def ruled(self) -> pd.DataFrame:
        """Return the pandas path's entities after the folder's rules."""
        rules = load_rules(self.folder).rules
        return apply_rules(self.model.entities, self.articles, rules, self.aliases)

    @property
    def entities(self) -> pd.DataFrame:
        """Return the pandas path's entities: rules applied, then the corrections."""
        states = FixedStates(self.store.states())
        return apply_corrections(self.ruled, states, self.aliases).drop(columns="origin")


def _review_some(folder: Path, both: Both) -> None:
    """Review two amounts: one's value doubled, the other judged not aid (no stage)."""
    amounts = both.model.amounts
    charted = amounts[amounts["value_usd"].notna() & (amounts["stage"].fillna("") != "")]
    store = AmountReviewStore(folder, dict(zip(both.articles["id"], both.articles["text"])))
    for i, row in enumerate(charted.head(2).itertuples()):
        value, stage, reason = (
            (row.value * 2, row.stage, "") if i == 0 else (row.value, "", "a cost")
        )
        review = AmountReview(
            row.article_id,
            int(row.start),
            int(row.end),
            text=row.text,
            stage=stage,
            reason=reason,
            donor=row.donor or "",
            recipient=row.recipient or "",
            value=value,
            currency=row.currency or "",
            aid_type=row.aid_type or "",
        )
        revision, reviews = store.article(row.article_id)
        store.save(row.article_id, [*reviews, review], annotator="tester", base_revision=revision)


def _correct_some(folder: Path, model_name: str) -> None:
    """Add RULES; correct three articles: drop a span, relabel one, empty one (done); review."""
    for text, label in RULES:
        add_rule(folder, text, label)
    both = Both(folder, model_name)
    _review_some(folder, both)
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
    folder = repeated_sample(sample_data_dir, tmp_path_factory.mktemp("q") / "synthetic", 600, 4)
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


def test_the_fixtures_exercise_rules_and_reviews(both: Both) -> None:
    ruled = both.ruled
    assert (ruled["origin"] == "rule").sum() > 0  # the rules add or reshape spans
    assert len(ruled) != len(both.model.entities) or not ruled.equals(both.model.entities)
    assert both.amounts["reviewed"].fillna(False).astype(bool).sum() == 2
    assert both.store.states()  # and corrections


def test_the_dataset_gives_back_the_amounts_table(both: Both) -> None:
    # What the app holds in pandas: the built amounts table, in its order (reviews go on it).
    assert_frame_equal(dataset_amounts(both.dataset), both.model.amounts, check_dtype=False)


def test_the_app_reads_the_amounts_without_sentences_and_adds_them_where_shown(
    both: Both,
) -> None:
    built = both.model.amounts
    slim = dataset_amounts(both.dataset, skip=("sentence",))
    assert "sentence" not in slim.columns
    assert_frame_equal(slim, built.drop(columns="sentence"), check_dtype=False)
    # The query holds the reviewed table; the sentences come from the dataset, and a mention
    # a review added by hand (not extracted) has none.
    picked = built.iloc[::3]
    added = picked.iloc[:1].assign(start=picked["start"].iloc[0] + 100_000)
    shown = with_sentences(both.q, pd.concat([picked, added]).drop(columns="sentence"))
    assert shown["sentence"].tolist() == [*picked["sentence"].tolist(), ""]
    assert shown.index.equals(pd.concat([picked, added]).index)
    assert with_sentences(both.q, picked.iloc[:0])["sentence"].tolist() == []


def test_one_article_equals_pandas(both: Both) -> None:
    ents, model, ruled = both.entities, both.model.entities, both.ruled.drop(columns="origin")
    changed = sorted(set(ruled.loc[both.ruled["origin"] == "rule", "article_id"]))[:6]
    for article in list(both.articles["id"])[:12] + changed:
        assert_frame_equal(
            article_entities(both.q, article), _flat(ents[ents["article_id"] == article])
        )
        assert_frame_equal(
            article_entities(both.q, article, layer="model"),
            _flat(model[model["article_id"] == article]),
        )
        assert_frame_equal(
            article_entities(both.q, article, layer="ruled"),
            _flat(ruled[ruled["article_id"] == article]),
        )
        amounts = both.amounts
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
    ruled = both.ruled.drop(columns="origin")
    for text in ("Ukraine", "IRIS-T", "Germany"):
        ids = set(ruled.loc[ruled["text"] == text, "article_id"])
        want = ruled[ruled["article_id"].isin(ids)]
        got = ruled_entities_naming(both.q, text)
        assert_frame_equal(got.sort_values(key).pipe(_flat), want.sort_values(key).pipe(_flat))
        assert ids  # the sample names each


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


@pytest.mark.parametrize("change", ["add", "remove"])
def test_a_change_of_rules_shows_on_the_next_sync(synthetic: Both, change: str) -> None:
    if change == "add":
        add_rule(synthetic.folder, "Germany", "NORP")
    else:
        remove_rule(synthetic.folder, "Ukraine")
    try:
        rules = load_rules(synthetic.folder).rules
        layer = sync_rules(synthetic.q, rules, synthetic.articles)
        ents = synthetic.entities
        assert entity_total(synthetic.q) == len(ents)
        assert name_counts(synthetic.q).to_dict() == ents["canonical"].value_counts().to_dict()
        assert_frame_equal(top_names(synthetic.q, n=8), top_by_label(ents, n=8))
        ruled = synthetic.ruled
        overlay_counts = RuleOverlay(
            synthetic.model.entities, synthetic.articles, synthetic.aliases
        ).changes(rules)
        assert layer.changes(rules) == overlay_counts
        assert (ruled["origin"] == "rule").sum() == sum(overlay_counts.values())
    finally:
        if change == "add":
            remove_rule(synthetic.folder, "Germany")
        else:
            add_rule(synthetic.folder, "Ukraine", "ORG")
        sync_rules(synthetic.q, load_rules(synthetic.folder).rules, synthetic.articles)
