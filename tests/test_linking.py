"""The learned commitment linker: candidate pairs, the hard limits, clustering, training."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from aidlens.amounts.commitments import linkable_rows
from aidlens.amounts.linking import (
    LINK_MODEL,
    NEIGHBOURS,
    PAIR_FEATURES,
    LinkModel,
    allowed,
    candidate_pairs,
    link_groups,
    load_link_model,
    pair_features,
)
from aidlens.amounts.named_dates import told_of
from aidlens.amounts.sketch import SKETCH_COLUMNS, sentence_sketch
from aidlens.processing import EXTRACTOR_VERSION
from aidlens.training import (
    gold_digest,
    labelled_pairs,
    link_pair_scores,
    train_link_model,
    train_link_weights,
)
from aidlens.training.link_trees import BOOSTING
from tests.conftest import ROOT
from tests.test_aid_check import GOLD
from tests.test_commitments import frame


def rows(specs: list[tuple], instruments: list[str] | None = None) -> pd.DataFrame:
    """Return a linkable frame of (article, day, start, donor, value, high, currency) rows."""
    amounts = frame(specs)
    amounts["stage"] = "pledged"
    amounts["instrument"] = instruments or ""
    return linkable_rows(amounts)


def test_the_shipped_model_was_trained_on_the_current_gold_and_features():
    model = json.loads(LINK_MODEL.read_text(encoding="utf-8"))
    assert model["features"] == list(PAIR_FEATURES)
    assert model["extractor_version"] == EXTRACTOR_VERSION, "retrain: train-amounts --links"
    assert model["gold"] == {name: gold_digest(ROOT / name) for name in GOLD}


@pytest.mark.parametrize(
    ("values", "pairs"),
    [
        ([1e9, 1.2e9], 1),  # 20% apart: a restatement may be that far off
        ([1e9, 1.4e9], 0),  # 40%: never
        ([1e9, 1e9, 1e9], 3),
        ([1e9] * (NEIGHBOURS + 2), sum(NEIGHBOURS + 2 - k for k in range(1, NEIGHBOURS + 1))),
    ],
)
def test_candidate_pairs_are_close_values_and_near_neighbours(values, pairs):
    specs = [(f"a{n}", n, 10, "Japan", v, None, "USD") for n, v in enumerate(values)]
    i, j = candidate_pairs(rows(specs))
    assert len(i) == pairs
    assert (i != j).all()


@pytest.mark.parametrize(
    ("first", "second", "instruments", "ok"),
    [
        (("Germany", 1e9), ("Germany", 1e9), ["", ""], True),
        (("Germany", 1e9), ("France", 1e9), ["", ""], False),  # "€1bn": any donor's
        (("Germany", 61e9), ("France", 61e9), ["", ""], True),  # a landmark figure
        (("Germany", 2.26e9), ("France", 2.26e9), ["", ""], True),  # a precise figure
        (("Germany", 5e9), ("Hungary", 5e9), ["Ukraine Facility"] * 2, True),
        (
            ("Germany", 5e9),
            ("Germany", 5e9),
            ["Ukraine Facility", "Nansen Support Programme"],
            False,
        ),
    ],
)
def test_allowed_pairs(first, second, instruments, ok):
    d = rows(
        [
            ("a", 0, 10, first[0], first[1], None, "EUR"),
            ("b", 1, 10, second[0], second[1], None, "EUR"),
        ],
        instruments,
    )
    assert allowed(d, np.array([0]), np.array([1])).tolist() == [ok]


# (stage of the first, stage of the second, value of the second: the first is €2bn)
DELIVERIES = [
    ("pledged", "delivered", 2e9, True),  # the whole pledge paid: that commitment delivered
    ("pledged", "delivered", 2.06e9, True),  # within rounding and the day's rate
    ("pledged", "delivered", 1.8e9, False),  # a part paid: a commitment of its own
    ("delivered", "delivered", 1.8e9, True),  # two deliveries: the linker decides
    ("pledged", "pledged", 1.8e9, True),
]


@pytest.mark.parametrize(("first", "second", "value", "ok"), DELIVERIES)
def test_a_delivery_links_to_a_pledge_only_when_it_is_the_whole(first, second, value, ok):
    amounts = frame(
        [("a", 0, 10, "Germany", 2e9, None, "EUR"), ("b", 30, 10, "Germany", value, None, "EUR")]
    )
    amounts["stage"] = [first, second]
    amounts["instrument"] = ""
    d = linkable_rows(amounts)
    assert allowed(d, np.array([0]), np.array([1])).tolist() == [ok]


# (the first is a rate, the second is, may they link): "€1.5bn a month" is a monthly figure,
# which reviewers code as part of its whole, never the one-off "first €1.5bn payment".
RATES = [(False, False, True), (True, True, True), (True, False, False), (False, True, False)]


@pytest.mark.parametrize(("first", "second", "ok"), RATES)
def test_a_rate_links_only_to_a_rate(first, second, ok):
    amounts = frame(
        [("a", 0, 10, "Germany", 1.5e9, None, "EUR"), ("b", 30, 10, "Germany", 1.5e9, None, "EUR")]
    )
    amounts["stage"] = "pledged"
    amounts["instrument"] = ""
    amounts["rate"] = [first, second]
    d = linkable_rows(amounts)
    assert allowed(d, np.array([0]), np.array([1])).tolist() == [ok]


def test_features_of_a_pair_restated_a_year_later():
    d = rows([("a", 0, 10, "Japan", 61e9, None, "USD"), ("b", 365, 10, "Japan", 61e9, None, "USD")])
    got = dict(zip(PAIR_FEATURES, pair_features(d, np.array([0]), np.array([1]))[0], strict=True))
    assert got["same_donor"] == got["equal_value"] == got["landmark"] == 1
    assert got["same_article"] == got["value_gap"] == 0
    assert got["day_gap"] == pytest.approx(1.0)
    assert got["day_gap_squared"] == pytest.approx(1.0)
    assert got["within_rounding"] == 0  # equal, not rounded


@pytest.mark.parametrize(
    ("second", "shared"),
    [
        ("EU leaders failed to agree the reparations loan backed by frozen assets.", 0.4),
        ("The EU sent €140 billion of humanitarian aid to Moldova's farmers.", 0.0),
        (None, 0.0),  # rows with no sketch (a cache written before them) share nothing
    ],
)
def test_a_pair_reads_how_many_words_its_sentences_share(second, shared):
    first = "The EU agreed a reparations loan of €140 billion from frozen Russian assets."
    amounts = frame(
        [("a", 0, 10, "EU", 140e9, None, "EUR"), ("b", 60, 10, "EU", 140e9, None, "EUR")]
    )
    amounts["stage"], amounts["instrument"] = "pledged", ""
    if second is not None:
        halves = [sentence_sketch(first), sentence_sketch(second)]
        amounts[list(SKETCH_COLUMNS)] = halves
    d = linkable_rows(amounts)
    got = dict(zip(PAIR_FEATURES, pair_features(d, np.array([0]), np.array([1]))[0], strict=True))
    assert got["shared_words"] == pytest.approx(shared)


# The size is known to a tenth of a decade: the smaller of $60bn and $61bn is 1.7 ($50bn-$63bn),
# of $61bn and $400m -0.4: the trees cannot learn a recurring package by its exact value.
@pytest.mark.parametrize(
    ("first", "second", "size"),
    [
        (61e9, 61e9, 1.7),
        (60e9, 61e9, 1.7),
        (50.2e9, 61e9, 1.7),
        (4e8, 4e8, -0.4),
        (4.6e8, 5e8, -0.4),
    ],
)
def test_the_size_of_a_pair_is_coarse(first, second, size):
    d = rows(
        [("a", 0, 10, "Japan", first, None, "USD"), ("b", 9, 10, "Japan", second, None, "USD")]
    )
    got = dict(zip(PAIR_FEATURES, pair_features(d, np.array([0]), np.array([1]))[0], strict=True))
    assert got["size"] == pytest.approx(size)


@pytest.mark.parametrize(
    ("second", "rounded"),
    [(61e9, 0.0), (61.4e9, 1.0), (63.9e9, 1.0), (65e9, 0.0)],  # "$61.4bn", "about $61bn"
)
def test_values_within_rounding_of_each_other(second, rounded):
    d = rows([("a", 0, 10, "Japan", 61e9, None, "USD"), ("b", 9, 10, "Japan", second, None, "USD")])
    got = dict(zip(PAIR_FEATURES, pair_features(d, np.array([0]), np.array([1]))[0], strict=True))
    assert got["within_rounding"] == rounded


@pytest.mark.parametrize(
    ("stages", "articles", "donors", "gap"),
    [
        (("requested", "pledged"), ("a", "a"), ("United States",) * 2, np.log(40 / 33) * 10),
        (("pledged", "requested"), ("a", "a"), ("United States",) * 2, np.log(40 / 33) * 10),
        (("pledged", "pledged"), ("a", "a"), ("United States",) * 2, 0.0),  # no request
        (("requested", "pledged"), ("a", "b"), ("United States",) * 2, 0.0),  # two articles
        (("requested", "pledged"), ("a", "a"), ("United States", "Canada"), 0.0),  # two donors
    ],
)
def test_a_request_and_another_figure_of_its_donor_in_one_article(stages, articles, donors, gap):
    # "$33bn asked, $40bn passed": the value gap of a request and what became of it.
    amounts = frame(
        [
            (articles[0], 0, 10, donors[0], 33e9, None, "USD"),
            (articles[1], 0, 90, donors[1], 40e9, None, "USD"),
        ]
    )
    amounts["stage"], amounts["instrument"] = list(stages), ""
    d = linkable_rows(amounts)
    got = dict(zip(PAIR_FEATURES, pair_features(d, np.array([0]), np.array([1]))[0], strict=True))
    assert got["request_gap"] == pytest.approx(gap)
    assert got["value_gap"] == pytest.approx(np.log(40 / 33) * 10)


def test_the_shipped_model_links_a_request_to_the_larger_law_in_one_article():
    amounts = frame(
        [
            ("a", 0, 10, "United States", 33e9, None, "USD"),
            ("a", 0, 90, "United States", 40e9, None, "USD"),
        ]
    )
    amounts["stage"], amounts["instrument"] = ["requested", "pledged"], ""
    assert link_groups(linkable_rows(amounts)).tolist() == [0, 0]


def test_the_day_gap_squared_bends_the_penalty_towards_a_year_apart():
    d = rows([("a", 0, 10, "Japan", 61e9, None, "USD"), ("b", 30, 10, "Japan", 61e9, None, "USD")])
    got = dict(zip(PAIR_FEATURES, pair_features(d, np.array([0]), np.array([1]))[0], strict=True))
    month = np.log1p(30) / np.log1p(365)
    assert got["day_gap"] == pytest.approx(month)
    assert got["day_gap_squared"] == pytest.approx(month**2)  # a month: 0.34 against a year's 1


# The second mention's sentence, a year after the first (10 June 2023 -> 2024) | the told gap
TOLD = [
    ("The €2bn agreed in June last year is being paid.", np.log1p(5) / np.log1p(365)),
    ("The €2bn agreed in June 2023 is being paid.", np.log1p(5) / np.log1p(365)),
    ("The €2bn agreed in March is being paid.", np.log1p(279) / np.log1p(365)),  # 15 March 2024
    ("The €2bn is being paid.", np.log1p(366) / np.log1p(365)),  # none named: the day gap
]


@pytest.mark.parametrize(("sentence", "gap"), TOLD)
def test_the_told_gap_compares_the_day_a_restatement_names(sentence, gap):
    # "agreed in June last year": the later figure names the day of the first article.
    amounts = frame(
        [("a", 0, 10, "Germany", 2e9, None, "EUR"), ("b", 366, 10, "Germany", 2e9, None, "EUR")]
    )
    amounts["published"] = ["2023-06-10", "2024-06-10"]
    amounts["stage"], amounts["instrument"] = "pledged", ""
    text = f"Intro. {sentence}"
    amounts["told"] = ["", told_of(text, 7, len(text), text.index("€2bn"))]
    d = linkable_rows(amounts)
    got = dict(zip(PAIR_FEATURES, pair_features(d, np.array([0]), np.array([1]))[0], strict=True))
    assert got["day_gap"] == pytest.approx(np.log1p(366) / np.log1p(365))
    assert got["told_gap"] == pytest.approx(gap)


def test_each_mention_joins_its_best_earlier_mention_above_the_threshold():
    # Only equal values score above 0.5: 5e9 twice and 3e9 twice are two commitments.
    weights = np.zeros(len(PAIR_FEATURES))
    weights[PAIR_FEATURES.index("bias")] = -1.0
    weights[PAIR_FEATURES.index("equal_value")] = 2.0
    d = rows(
        [(f"a{n}", n, 10, "Japan", v, None, "USD") for n, v in enumerate([5e9, 3e9, 5e9, 3e9])]
    )
    first = link_groups(d, LinkModel(weights, 0.5))
    assert first.tolist() == [0, 1, 0, 1]


def test_training_learns_which_pairs_are_one_commitment():
    amounts = frame(
        [
            ("a", 0, 10, "Japan", 5e9, None, "USD"),
            ("b", 5, 10, "Japan", 5e9, None, "USD"),
            ("c", 9, 10, "Japan", 5.5e9, None, "USD"),
            ("d", 300, 10, "Japan", 5e9, None, "USD"),
        ]
    )
    amounts["end"], amounts["stage"], amounts["instrument"] = amounts["start"] + 5, "pledged", ""
    gold = amounts[["article_id", "start", "end"]].assign(commitment_id=["x", "x", "y", "z"])
    x, y = labelled_pairs(amounts, gold)
    assert x.shape[1] == len(PAIR_FEATURES) and y.tolist().count(1.0) == 1
    weights = train_link_weights([(x, y)] * 50)
    assert link_pair_scores(LinkModel(weights, 0.5), (x, y))["f"] == 1.0
    model = train_link_model([(x, y)] * 50)
    assert model.trees is not None and link_pair_scores(model, (x, y))["f"] == 1.0


def test_the_shipped_model_loads():
    model = load_link_model()
    assert len(model.weights) == len(PAIR_FEATURES) and 0 < model.threshold < 1
    assert model.trees is not None and len(model.trees.trees) == BOOSTING["max_iter"]
