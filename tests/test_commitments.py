"""Commitment ids from the shipped link model: the same donor and value within one article;
across articles by instrument, within weeks for common values, and far apart for landmark or
precise figures."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidlens.amounts.commitments import assign_commitments, digits, linkable_rows, parent_ids
from aidlens.amounts.linking import PAIR_FEATURES, LinkModel, allowed, pair_features
from aidlens.amounts.sketch import sentence_sketch

COLUMNS = ["article_id", "published", "start", "donor", "value", "value_high", "currency"]


def frame(
    rows: list[tuple], usd: list[float] | None = None, restates=None, qualifiers=None
) -> pd.DataFrame:
    """Return amount rows (article, day, start, donor, value, high, currency) with USD values."""
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["published"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(out["published"], unit="D")
    rate = {"USD": 1.0, "EUR": 1.08, "GBP": 1.28}
    out["value_usd"] = usd if usd is not None else out["value"] * out["currency"].map(rate)
    out["restates"] = restates if restates is not None else False
    out["qualifier"] = qualifiers if qualifiers is not None else ""
    return out


def groups(ids: pd.Series) -> list[int]:
    """Return the ids as group numbers in order of first appearance, for easy comparison."""
    seen: dict[str, int] = {}
    return [seen.setdefault(i, len(seen)) if i else -1 for i in ids]


def test_same_donor_and_figure_in_one_article_share_an_id():
    # "€2.3bn" written twice. A bare round "€2bn" twice in one article is as often two packages
    # as one in the gold, and sits near the linker's cut (retrains have put it on either side).
    ids = assign_commitments(
        frame(
            [
                ("a", 0, 10, "Germany", 2.3e9, None, "EUR"),
                ("a", 0, 90, "Germany", 2.3e9, None, "EUR"),
                ("a", 0, 150, "Germany", 5e8, None, "EUR"),
            ]
        )
    )
    assert groups(ids) == [0, 0, 1]
    assert all(i.startswith("C") and len(i) == 11 for i in ids)


def test_restatement_in_another_currency_shares_the_id_even_off_the_rate():
    # "2 billion euros ($2.4 billion)": 11% off the yearly rate, beyond the tolerance.
    ids = assign_commitments(
        frame(
            [
                ("a", 0, 10, "Germany", 2e9, None, "EUR"),
                ("a", 0, 27, "Germany", 2.4e9, None, "USD"),
            ],
            restates=[False, True],
        )
    )
    assert groups(ids) == [0, 0]


def test_a_restatement_shares_its_figures_id_whatever_the_model_scores():
    # "Seventy million Australian dollars, about US$50 million": one figure written twice. A
    # model that links nothing (all weights zero, cut at 0.99) still links it to what it restates.
    never = LinkModel(np.zeros(len(PAIR_FEATURES)), 0.99)
    rows = [
        ("a", 0, 10, "Australia", 70e6, None, "AUD"),
        ("a", 0, 45, "Australia", 50e6, None, "USD"),
        ("a", 0, 90, "Australia", 70e6, None, "AUD"),  # written again, not restated: the model's
    ]
    ids = assign_commitments(
        frame(rows, usd=[51e6, 50e6, 51e6], restates=[False, True, False]), never
    )
    assert groups(ids) == [0, 0, 1]


def test_a_figure_and_its_restatement_stay_one_when_the_restatement_has_another_parent():
    # "would fund half a billion euros" then "The Dutch contribution, €500m (about $577m)": the
    # $577m restates the €500m and converts the first half billion too; each mention picks one
    # parent, the earlier, so the €500m, which a model that links nothing leaves alone, joins
    # only when a figure and its restatement are always one.
    never = LinkModel(np.zeros(len(PAIR_FEATURES)), 0.99)
    rows = [
        ("a", 0, 10, "Netherlands", 5e8, None, "EUR"),
        ("a", 0, 90, "Netherlands", 5e8, None, "EUR"),
        ("a", 0, 97, "Netherlands", 577e6, None, "USD"),
    ]
    ids = assign_commitments(
        frame(rows, usd=[577e6, 577e6, 577e6], restates=[False, False, True]), never
    )
    assert groups(ids) == [0, 0, 0]


@pytest.mark.parametrize(
    ("restated", "restated_usd", "compared"),
    [
        (15.6e9, 15.6e9, 15.6e9),  # "SDR 11.6bn, about $15.6bn": three digits, its own figure
        (15.6e9, 18.0e9, 15.4e9),  # its own, but 17% off what it restates: a slip, not a figure
        (15e9, 15e9, 15.4e9),  # "about $15bn": a round conversion, compared as the SDR figure
    ],
)
def test_a_restatement_is_compared_as_written_when_it_is_a_figure_of_its_own(
    restated, restated_usd, compared
):
    rows = frame(
        [("a", 0, 10, "IMF", 11.6e9, None, "XDR"), ("a", 0, 40, "IMF", restated, None, "USD")],
        usd=[15.4e9, restated_usd],
        restates=[False, True],
    )
    d = linkable_rows(rows).sort_values("start")
    assert d["match"].tolist() == [15.4e9, compared]
    assert d["who"].tolist() == ["IMF", "IMF"]


@pytest.mark.parametrize(("first", "restated"), [(0.0, 0.0), (11.6e9, 0.0), (0.0, 15.6e9)])
def test_a_restatement_of_or_as_zero_is_compared_as_what_it_restates(first, restated):
    # "$0" parses; a zero on either side must not warn or divide by zero.
    rows = frame(
        [("a", 0, 10, "IMF", first, None, "USD"), ("a", 0, 40, "IMF", restated, None, "USD")],
        restates=[False, True],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = linkable_rows(rows).sort_values("start")
    assert d["match"].tolist() == [first, first]


def test_a_three_digit_restatement_links_to_that_figure_written_months_later():
    # The IMF's loan as "SDR 11.6 billion, about $15.6 billion", then "$15.6 billion" in
    # another article ten months on: one commitment, as its reviewers code it.
    rows = frame(
        [
            ("a", 0, 10, "IMF", 11.6e9, None, "XDR"),
            ("a", 0, 40, "IMF", 15.6e9, None, "USD"),
            ("b", 300, 10, "IMF", 15.6e9, None, "USD"),
        ],
        usd=[15.4e9, 15.6e9, 15.6e9],
        restates=[False, True, False],
    )
    assert groups(assign_commitments(rows)) == [0, 0, 0]


@pytest.mark.parametrize(("article", "day", "same"), [("a", 0, True), ("b", 90, False)])
def test_same_value_in_another_currency_within_tolerance_shares_the_id(article, day, same):
    # In one article "€2bn" and "$2.2bn" are one figure restated; in another three months on,
    # two (the model's call: a month apart the pair sits near its cut, and retrains differ).
    ids = assign_commitments(
        frame(
            [
                ("a", 0, 10, "Germany", 2e9, None, "EUR"),
                (article, day, 300, "Germany", 2.2e9, None, "USD"),
            ]
        )
    )
    assert (ids[0] == ids[1]) is same


@pytest.mark.parametrize(("dated_usd", "same"), [(2.93e8, True), (2.5e8, False)])
def test_two_currencies_in_one_article_compare_at_the_days_rate(dated_usd, same):
    # "roughly ¥38 billion ($300 million)" in May 2022: 13% apart at the yen's mean rate since
    # 2022 (value_ref), within 3% at that day's rate (value_usd), the one the writer used.
    rows = frame(
        [("a", 0, 10, "Japan", 38e9, None, "JPY"), ("a", 0, 60, "Japan", 3e8, None, "USD")],
        usd=[dated_usd, 3e8],
    )
    rows["value_ref"] = [38e9 * 0.0069, 3e8]
    ids = assign_commitments(rows)
    assert (ids[0] == ids[1]) is same


def test_values_beyond_tolerance_are_distinct_when_not_restated():
    ids = assign_commitments(
        frame(
            [
                ("a", 0, 10, "Germany", 2e9, None, "EUR"),
                ("a", 0, 300, "Germany", 2.4e9, None, "USD"),
            ]
        )
    )
    assert groups(ids) == [0, 1]


def test_close_exact_figures_in_one_currency_are_different_commitments():
    ids = assign_commitments(
        frame(
            [
                ("a", 0, 10, "United States", 8.5e9, None, "USD"),
                ("a", 0, 90, "United States", 8.7e9, None, "USD"),
                ("a", 0, 150, "United States", 8.8e9, None, "USD"),
            ]
        )
    )
    assert groups(ids) == [0, 1, 2]


# "Almost $3 billion" and "$2.98 billion" of one donor, in one article or two days apart, are
# one figure rounded: in the thirty-four tuning sets' gold, a figure written with a qualifier
# and another of its donor within 2% and 30 days of it are one commitment in 24 pairs of 26
# (20 of 22 in one article). The pair reaches the trees, as a pair within rounding; whether they
# link it sits near their cut, and changed with each retrain (README, Known limits): forcing
# the link in one article cost linking leaving one set out (0.844 -> 0.842, BENCHMARKS.md).
@pytest.mark.parametrize("article", ["a", "b"])
def test_a_rounded_figure_and_a_close_exact_one_reach_the_linker(article):
    amounts = frame(
        [
            ("a", 0, 10, "United States", 3e9, None, "USD"),
            (article, 2, 90, "United States", 2.98e9, None, "USD"),
        ],
        qualifiers=["almost", ""],
    )
    amounts["stage"], amounts["instrument"] = "pledged", ""
    d = linkable_rows(amounts)
    i, j = np.array([0]), np.array([1])
    assert allowed(d, i, j).tolist() == [True]
    got = dict(zip(PAIR_FEATURES, pair_features(d, i, j)[0], strict=True))
    assert got["within_rounding"] == 1.0 and got["same_donor"] == 1.0
    assert got["precise_equal"] == got["equal_value"] == 0.0


def told_alike(amounts: pd.DataFrame) -> pd.DataFrame:
    """Return the amounts with one sentence's sketch each: their sentences share every word."""
    low, high = sentence_sketch("Patriot interceptors and artillery shells for Ukraine")
    return amounts.assign(sketch_low=low, sketch_high=high)


# A $400m figure of one donor written again within weeks, in a sentence saying the same things,
# is the same package. With no content word shared, a week or two on the pair has sat near the
# cut (0.47 with the thirty-ninth session's linker, 0.45 with the fortieth's, for a cut of 0.45;
# 0.50 with the forty-eighth's, 0.55 with the forty-ninth's, 0.47 with the fiftieth's and 0.50
# with the fifty-second's, for 0.40), so whether it links changes with retrains; it is not
# checked here. Drawdowns of one size recur (README, Known limits).
@pytest.mark.parametrize(
    ("days", "alike", "same"), [(0, False, True), (7, True, True), (14, True, True)]
)
def test_across_articles_same_donor_and_value_within_weeks(days, alike, same):
    amounts = frame(
        [
            ("a", 0, 10, "United States", 4e8, None, "USD"),
            ("b", days, 5, "United States", 4e8, None, "USD"),
        ]
    )
    ids = assign_commitments(told_alike(amounts) if alike else amounts)
    assert (ids[0] == ids[1]) is same


@pytest.mark.parametrize(
    ("first", "second", "qualifier", "same"),
    [
        (2.26e9, 2.26e9, "", True),  # "£2.26bn" months later: the same loan
        (18.1e9, 18.1e9, "", True),
        (1e9, 1e9, "", False),  # "£1bn" months later: maybe another package
        (2.25e8, 2.25e8, "", True),  # "£225m": linked by the trees (not by the logistic model)
        (4.06e8, 4.06e8, "", True),  # "£406m": three digits, not rounded to a 0 or 5
    ],
)
def test_a_precise_figure_written_again_links_at_any_distance(first, second, qualifier, same):
    rows = [("a", 0, 10, "United Kingdom", first, None, "GBP")]
    rows.append(("b", 200, 10, "United Kingdom", second, None, "GBP"))
    ids = assign_commitments(frame(rows, qualifiers=["", qualifier]))
    assert (groups(ids) == [0, 0]) == same


@pytest.mark.parametrize(("qualifier", "precise"), [("", True), ("about", False)])
def test_a_rounded_figure_is_not_precise(qualifier, precise):
    rows = frame([("a", 0, 10, "United Kingdom", 2.26e9, None, "GBP")], qualifiers=[qualifier])
    assert linkable_rows(rows)["precise"].tolist() == [precise]


@pytest.mark.parametrize(
    ("value", "count"),
    [(2e9, 1), (2.3e9, 2), (2.5e8, 2), (4.06e8, 3), (2.26e9, 3), (471.9e9, 4), (0.0, 0)],
)
def test_significant_digits_are_counted_in_the_unit_written(value, count):
    assert digits(value) == count


# (donor, value, currency, instrument of both, days apart, may they link at all?)
ROUND_APART = [
    # A round figure of one donor more than a year apart is another package, whatever the trees.
    ("United States", 4e8, "USD", "", 400, False),
    ("European Union", 2e9, "EUR", "", 700, False),
    ("United States", 4e8, "USD", "USAI", 700, False),  # a channel of many packages
    # Within the year, or a figure of two digits or more, the trees decide.
    ("United States", 4e8, "USD", "", 300, True),
    ("European Union", 1.5e9, "EUR", "", 400, True),
    ("Canada", 4.06e8, "CAD", "", 600, True),
    # One named instrument, or a landmark, restated years later may be one commitment.
    ("Norway", 5e9, "NOK", "Nansen Support Programme", 434, True),
    ("United States", 6e10, "USD", "", 700, True),
]


@pytest.mark.parametrize(("donor", "value", "currency", "instrument", "days", "ok"), ROUND_APART)
def test_round_figures_years_apart_never_link(donor, value, currency, instrument, days, ok):
    rows = [
        ("a", 0, 10, donor, value, None, currency),
        ("b", days, 5, donor, value, None, currency),
    ]
    d = linkable_rows(named(rows, [instrument, instrument]))
    assert allowed(d, np.array([0]), np.array([1])).tolist() == [ok]


def test_each_mention_extends_the_window_from_the_previous_one():
    ids = assign_commitments(
        told_alike(
            frame(
                [
                    ("a", 0, 10, "United States", 4e8, None, "USD"),
                    ("b", 7, 5, "United States", 4e8, None, "USD"),
                    ("c", 14, 5, "United States", 4e8, None, "USD"),
                    ("d", 21, 5, "United States", 4e8, None, "USD"),
                    ("e", 800, 5, "United States", 4e8, None, "USD"),
                ]
            )
        )
    )
    assert groups(ids) == [0, 0, 0, 0, 1]


@pytest.mark.parametrize(
    ("value", "same"),
    [(1e9, False), (2.26e9, True), (61e9, True)],  # "$1bn" is any donor's; "$61bn" is one's
)
def test_different_donors_link_only_on_a_telling_figure(value, same):
    ids = assign_commitments(
        frame(
            [
                ("a", 0, 10, "Germany", value, None, "USD"),
                ("b", 1, 10, "France", value, None, "USD"),
            ]
        )
    )
    assert (ids[0] == ids[1]) is same


def test_amounts_without_donor_group_only_inside_their_article():
    ids = assign_commitments(
        frame(
            [
                ("a", 0, 10, "", 1e9, None, "USD"),
                ("a", 0, 80, "", 1e9, None, "USD"),
                ("b", 1, 10, "", 1e9, None, "USD"),
            ]
        )
    )
    # Never across articles; inside one, two "$1bn" with no donor are two figures to the trees.
    assert groups(ids)[2] not in groups(ids)[:2] and groups(ids)[:2] == [0, 1]


def test_range_and_single_value_with_the_same_low_end_differ():
    ids = assign_commitments(
        frame([("a", 0, 10, "Japan", 1e9, 1.5e9, "USD"), ("a", 0, 90, "Japan", 1e9, None, "USD")])
    )
    assert groups(ids) == [0, 1]


def test_unknown_currency_matches_on_the_written_value():
    rows = frame(
        [("a", 0, 10, "Japan", 5e9, None, ""), ("b", 3, 10, "Japan", 5e9, None, "")],
        usd=[math.nan, math.nan],
    )
    assert groups(assign_commitments(rows)) == [0, 0]


def test_vague_amounts_get_no_commitment():
    rows = frame(
        [("a", 0, 10, "Germany", math.nan, None, "EUR"), ("a", 0, 50, "Germany", 1e9, None, "EUR")]
    )
    ids = assign_commitments(rows)
    assert ids[0] == "" and ids[1].startswith("C")


def test_ids_are_deterministic_and_independent_of_row_order():
    # "€2.3bn", not a bare round "€2bn": that one sits near the linker's cut (see above).
    rows = frame(
        [
            ("a", 0, 10, "Germany", 2.3e9, None, "EUR"),
            ("b", 5, 10, "Germany", 2.3e9, None, "EUR"),
            ("c", 9, 10, "France", 3e9, None, "EUR"),
        ]
    )
    first = assign_commitments(rows)
    shuffled = assign_commitments(rows.iloc[[2, 0, 1]])
    assert shuffled.sort_index().tolist() == first.tolist()
    # Named after the first mention: adding a later article does not rename the commitment.
    later = pd.concat(
        [rows, frame([("d", 20, 0, "Germany", 2.3e9, None, "EUR")])], ignore_index=True
    )
    assert assign_commitments(later).tolist() == [*first.tolist(), first[0]]


def test_ten_thousand_articles_group_quickly():
    import time

    n = 10_000
    rows = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(n)] * 5,
            "published": pd.Timestamp("2022-02-24")
            + pd.to_timedelta([i % 900 for i in range(n)] * 5, unit="D"),
            "start": [k * 100 for k in range(5) for _ in range(n)],
            "donor": ["Germany", "France", "United States", "", "Japan"] * n,
            "value": [float((i % 50) * 1e8 + 1e8) for i in range(5 * n)],
            "value_high": math.nan,
            "currency": "USD",
            "restates": False,
            "qualifier": "",
        }
    )
    rows["value_usd"] = rows["value"]
    start = time.perf_counter()
    ids = assign_commitments(rows)
    assert time.perf_counter() - start < 5
    assert ids.ne("").all() and 1 < ids.nunique() < len(rows)


def named(rows, instruments, stages=None, usd=None) -> pd.DataFrame:
    """Return amount rows with an instrument (and a stage) each."""
    out = frame(rows, usd=usd)
    out["instrument"] = instruments
    out["stage"] = stages if stages is not None else "pledged"
    return out


@pytest.mark.parametrize(
    ("rows", "instruments", "stages", "expected"),
    [
        # One named facility restated eight months apart: one commitment.
        (
            [
                ("a", 0, 10, "European Union", 5e9, None, "EUR"),
                ("b", 240, 5, "European Union", 5e9, None, "EUR"),
            ],
            ["Ukraine Facility", "Ukraine Facility"],
            None,
            [0, 0],
        ),
        # Two named programmes of one donor and value, the same day: two commitments.
        (
            [("a", 0, 10, "Norway", 7e9, None, "USD"), ("b", 0, 5, "Norway", 7e9, None, "USD")],
            ["Nansen Support Programme", "Ukraine Facility"],
            None,
            [0, 1],
        ),
        # A channel of many packages (USAI) is no single instrument: only the figure and the
        # time tell, and two years apart its "$400m" is another package.
        (
            [
                ("a", 0, 10, "United States", 4e8, None, "USD"),
                ("b", 700, 5, "United States", 4e8, None, "USD"),
            ],
            ["USAI", "USAI"],
            None,
            [0, 1],
        ),
        # A landmark value (at least $10bn) unnamed, restated a year later: one commitment.
        (
            [
                ("a", 0, 10, "United States", 61e9, None, "USD"),
                ("b", 365, 5, "United States", 61e9, None, "USD"),
            ],
            ["", ""],
            None,
            [0, 0],
        ),
        # A request that later passes: one commitment ("$6.4bn" asked, then passed; a bare
        # round "$6bn" asked and passed a month apart is near the model's cut, README).
        (
            [
                ("a", 0, 10, "United States", 6.4e9, None, "USD"),
                ("b", 30, 5, "United States", 6.4e9, None, "USD"),
            ],
            ["", ""],
            ["requested", "pledged"],
            [0, 0],
        ),
        # A delivery of the whole pledge is that commitment, delivered.
        (
            [
                ("a", 0, 10, "United States", 2e10, None, "USD"),
                ("b", 90, 5, "United States", 2e10, None, "USD"),
            ],
            ["G7 ERA loans", "G7 ERA loans"],
            ["pledged", "delivered"],
            [0, 0],
        ),
        # A part delivered, even close in value, is a commitment of its own (parent_id).
        (
            [
                ("a", 0, 10, "United States", 2e10, None, "USD"),
                ("b", 90, 5, "United States", 1.8e10, None, "USD"),
            ],
            ["G7 ERA loans", "G7 ERA loans"],
            ["pledged", "delivered"],
            [0, 1],
        ),
        # Two pledges of that instrument within rounding are one commitment restated.
        (
            [
                ("a", 0, 10, "United States", 2e10, None, "USD"),
                ("b", 90, 5, "United States", 1.96e10, None, "USD"),
            ],
            ["G7 ERA loans", "G7 ERA loans"],
            ["pledged", "pledged"],
            [0, 0],
        ),
        # Two donors' shares of that instrument within rounding stay two commitments.
        (
            [
                ("a", 0, 10, "United States", 2e10, None, "USD"),
                ("b", 90, 5, "European Union", 1.96e10, None, "USD"),
            ],
            ["G7 ERA loans", "G7 ERA loans"],
            ["pledged", "pledged"],
            [0, 1],
        ),
        # A smaller named instrument within rounding is left to the trees: EPF tranches recur.
        (
            [
                ("a", 0, 10, "European Union", 5e8, None, "EUR"),
                ("b", 300, 5, "European Union", 4.9e8, None, "EUR"),
            ],
            ["European Peace Facility", "European Peace Facility"],
            ["pledged", "pledged"],
            [0, 1],
        ),
    ],
)
def test_linking_by_instrument_landmark_and_stage(rows, instruments, stages, expected):
    assert groups(assign_commitments(named(rows, instruments, stages))) == expected


# (first stage, second stage, second value, same article, one commitment)
LANDMARK_REQUESTS = [
    ("requested", "pledged", 60.84e9, False, True),  # $61.4bn asked, $60.84bn passed
    ("blocked", "pledged", 60.84e9, False, True),
    ("pledged", "pledged", 60.84e9, False, True),  # the stage plays no part: the figure does
    ("requested", "pledged", 50e9, False, False),  # 20% off: another bill
    ("requested", "pledged", 60.84e9, True, True),  # in one article too (the trees' call)
]


@pytest.mark.parametrize(("first", "second", "value", "one_article", "same"), LANDMARK_REQUESTS)
def test_a_landmark_request_links_to_the_close_figure_that_passed(
    first, second, value, one_article, same
):
    amounts = frame(
        [
            ("a", 0, 10, "United States", 61.4e9, None, "USD"),
            ("a" if one_article else "b", 150, 50, "United States", value, None, "USD"),
        ]
    )
    amounts["stage"] = [first, second]
    ids = assign_commitments(amounts)
    assert (ids[0] == ids[1]) is same


def _parents_by_scan(amounts: pd.DataFrame) -> pd.Series:
    """Return parent_ids as first written: every pledge of the donor and instrument scanned."""
    key = amounts["article_id"] + ":" + amounts["start"].astype(str)
    pledged = amounts["stage"].eq("pledged") & amounts["commitment_id"].ne("")
    whole_id = dict(zip(key[pledged], amounts.loc[pledged, "commitment_id"], strict=True))
    parent = amounts["part_of"].map(whole_id).astype(object).fillna("")
    delivered = amounts["stage"].eq("delivered") & amounts["commitment_id"].ne("")
    pledges = amounts[pledged & amounts["instrument"].ne("")].sort_values(
        "published", kind="stable"
    )
    for i in amounts.index[delivered & parent.eq("") & amounts["instrument"].ne("")]:
        row = amounts.loc[i]
        same = pledges[
            pledges["donor"].eq(row["donor"])
            & pledges["instrument"].eq(row["instrument"])
            & pledges["published"].le(row["published"])
            & (pledges["value_usd"] > row["value_usd"])
        ]
        if not same.empty:
            parent.loc[i] = same["commitment_id"].iloc[-1]
    return parent.where(delivered, "")


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["pledged", "delivered", "requested"]),
            st.sampled_from(["Japan", "United States"]),
            st.sampled_from(["", "USAI", "Ukraine Facility"]),
            st.integers(0, 40),  # day
            st.sampled_from([1e8, 5e8, 1e9, 5e9, float("nan")]),
        ),
        max_size=30,
    )
)
@settings(max_examples=150, deadline=None)
def test_deliveries_find_the_same_parents_as_a_full_scan(rows) -> None:
    frame = pd.DataFrame(
        [
            {
                "article_id": f"a{n}",
                "start": n,
                "stage": stage,
                "donor": donor,
                "instrument": instrument,
                "published": pd.Timestamp("2024-01-01") + pd.Timedelta(days=day),
                "value_usd": usd,
                "commitment_id": f"C{n}",
                "part_of": "",
            }
            for n, (stage, donor, instrument, day, usd) in enumerate(rows)
        ],
        columns=[
            "article_id",
            "start",
            "stage",
            "donor",
            "instrument",
            "published",
            "value_usd",
            "commitment_id",
            "part_of",
        ],
    )
    assert parent_ids(frame).tolist() == _parents_by_scan(frame).tolist()


# (stage, part_of, tranche_of, commitment_id, parent): the whole is a0:0, pledged, C0.
PARENTS = [
    ("delivered", "", "a0:0", "C1", "C0"),  # "of which €3bn was disbursed"
    ("pledged", "", "a0:0", "C1", "C0"),  # "€1.5bn a month": an instalment of the whole
    ("delivered", "a0:0", "", "C1", "C0"),  # a member's share, delivered
    ("pledged", "a0:0", "", "C1", ""),  # a part pledged is no child: it is not charted
    ("pledged", "", "a0:0", "C0", ""),  # linked into the whole itself: no parent of itself
    ("pledged", "", "", "C1", ""),
]


@pytest.mark.parametrize(("stage", "part_of", "tranche_of", "cid", "parent"), PARENTS)
def test_deliveries_and_instalments_name_their_parent(stage, part_of, tranche_of, cid, parent):
    frame = pd.DataFrame(
        {
            "article_id": ["a0", "a0"],
            "start": [0, 40],
            "stage": ["pledged", stage],
            "commitment_id": ["C0", cid],
            "part_of": ["", part_of],
            "tranche_of": ["", tranche_of],
        }
    )
    assert parent_ids(frame).tolist() == ["", parent]
