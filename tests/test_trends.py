"""Aggregates behind the Trends charts, on constructed tables with known answers."""

from __future__ import annotations

import shutil
import subprocess

import pandas as pd
import pytest

from aidlens.analysis import MONEY_LABEL_EXPR, money, trends
from aidlens.analysis.trends import AidFilter
from components.trends_aid import donor_colours


def amounts_frame() -> pd.DataFrame:
    """Return three commitments: C1 restated across two articles, C2 and C3 once each."""
    rows = [
        # article, published, start, donor, usd, commitment, type, stage
        ("a1", "2023-01-05", 10, "United States", 3e9, "C1", "military", "pledged"),
        ("a1", "2023-01-05", 90, "United States", 3e9, "C1", "military", "pledged"),
        ("a2", "2023-02-02", 5, "United States", 3e9, "C1", "military", "pledged"),
        ("a2", "2023-02-02", 40, "Germany", 1e9, "C2", "financial", "delivered"),
        ("a3", "2023-02-20", 7, None, 5e8, "C3", "humanitarian", "pledged"),
        ("a3", "2023-02-20", 60, "Germany", None, "C4", "other", "pledged"),  # vague: no value
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "article_id",
            "published",
            "start",
            "donor",
            "value_usd",
            "commitment_id",
            "aid_type",
            "stage",
        ],
    )
    return frame.assign(
        published=pd.to_datetime(frame["published"]),
        text="$3bn",
        sentence="A sentence.",
        end=frame["start"] + 4,
    )


def test_distinct_commitments_count_once() -> None:
    out = trends.aid_by_month(amounts_frame(), AidFilter(distinct=True))
    jan = out[out["month"] == pd.Timestamp("2023-01-01")]
    assert jan[["donor", "usd", "commitments", "mentions"]].values.tolist() == [
        ["United States", 3e9, 1, 1]
    ]
    feb = out[out["month"] == pd.Timestamp("2023-02-01")].set_index("donor")["usd"].to_dict()
    assert feb == {"Germany": 1e9, "unknown": 5e8}  # C1 is not counted again in February
    assert out["usd"].sum() == 4.5e9


def test_all_mentions_count_every_restatement() -> None:
    out = trends.aid_by_month(amounts_frame(), AidFilter(distinct=False))
    assert out["usd"].sum() == 3e9 * 3 + 1e9 + 5e8
    assert out["mentions"].sum() == 5  # the vague amount has no value and is not charted


@pytest.mark.parametrize(
    ("flt", "total"),
    [
        (AidFilter(aid_types=("military",)), 3e9),
        (AidFilter(donors=("Germany",)), 1e9),
        (AidFilter(stages=("delivered",)), 1e9),
        (AidFilter(stages=("pledged",)), 3.5e9),
    ],
)
def test_filters(flt: AidFilter, total: float) -> None:
    assert trends.aid_by_month(amounts_frame(), flt)["usd"].sum() == total


def test_cumulative_line() -> None:
    by_month = trends.aid_by_month(amounts_frame(), AidFilter())
    cum = trends.cumulative_by_month(by_month)
    assert cum["cumulative_usd"].tolist() == [3e9, 4.5e9]


def test_commitments_table_one_row_per_commitment() -> None:
    table = trends.commitments_table(amounts_frame(), AidFilter())
    by_id = table.set_index("commitment_id")
    assert set(by_id.index) == {"C1", "C2", "C3"}
    assert by_id.loc["C1", "mentions"] == 3 and by_id.loc["C1", "articles"] == 2
    assert by_id.loc["C1", "first_published"] == pd.Timestamp("2023-01-05")


def test_bar_lists_every_mention_of_its_commitments() -> None:
    amounts = amounts_frame()
    behind = trends.amounts_behind(
        amounts, AidFilter(), month=pd.Timestamp("2023-01-01"), donor="United States"
    )
    assert sorted(behind["article_id"]) == ["a1", "a1", "a2"]
    behind = trends.amounts_behind(
        amounts, AidFilter(distinct=False), month=pd.Timestamp("2023-02-01"), donor="United States"
    )
    assert behind["article_id"].tolist() == ["a2"]


def mentions_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = pd.DataFrame(
        {
            "id": ["a1", "a2", "a3", "a4"],
            "published": pd.to_datetime(["2023-01-02", "2023-01-04", "2023-01-10", "2023-02-01"]),
            "title": ["t1", "t2", "t3", "t4"],
            "text": ["Kyiv and Kyiv. Berlin.", "Kyiv.", "Berlin.", "Kyiv."],
        }
    )
    ents = pd.DataFrame(
        {
            "article_id": ["a1", "a1", "a1", "a2", "a3", "a4"],
            "start": [0, 9, 15, 0, 0, 0],
            "end": [4, 13, 21, 4, 6, 4],
            "text": ["Kyiv", "Kyiv", "Berlin", "Kyiv", "Berlin", "Kyiv"],
            "label": ["GPE"] * 6,
            "canonical": ["Kyiv", "Kyiv", "Berlin", "Kyiv", "Berlin", "Kyiv"],
        }
    )
    return articles, ents


def test_mentions_by_month_counts_and_share() -> None:
    articles, ents = mentions_data()
    out = trends.mentions_by_period(ents, articles, ["Kyiv", "Berlin"], freq="month")
    jan = out[out["period"] == pd.Timestamp("2023-01-01")].set_index("canonical")
    assert jan.loc["Kyiv", "mentions"] == 3 and jan.loc["Kyiv", "articles"] == 2
    assert jan.loc["Kyiv", "share"] == pytest.approx(2 / 3)
    assert jan.loc["Berlin", "share"] == pytest.approx(2 / 3)


def test_mentions_by_week_start_on_monday() -> None:
    articles, ents = mentions_data()
    out = trends.mentions_by_period(ents, articles, ["Kyiv"], freq="week")
    assert out["period"].dt.day_of_week.eq(0).all()
    assert out["period"].tolist() == pd.to_datetime(["2023-01-02", "2023-01-30"]).tolist()


def test_top_by_label_and_drill_down() -> None:
    articles, ents = mentions_data()
    top = trends.top_by_label(ents, n=1)
    assert top[["label", "canonical", "mentions"]].values.tolist() == [["GPE", "Kyiv", 4]]
    rows = trends.mentions_behind(
        ents, articles, canonical="Berlin", period=pd.Timestamp("2023-01-01"), freq="month"
    )
    assert rows["article_id"].tolist() == ["a1", "a3"]
    assert rows["sentence"].tolist() == ["Berlin.", "Berlin."]


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("One here. Two there. Three.", (10, 13), "Two there."),
        ("Only one", (0, 4), "Only one"),
        ("First line\nSecond line. Tail.", (11, 17), "Second line."),
    ],
)
def test_sentence_around(text, span, expected) -> None:
    assert trends.sentence_around(text, *span) == expected


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (220e9, "$220bn"),
        (350e6, "$350m"),
        (1.62e12, "$1.62tn"),
        (1.5e9, "$1.5bn"),
        (12.34e9, "$12.3bn"),
        (999.6e6, "$1bn"),  # rounding reaches the next unit
        (45_000, "$45k"),
        (12, "$12"),
        (0, "$0"),
        (-5e9, "-$5bn"),
        (float("nan"), ""),
        (None, ""),
    ],
)
def test_money(value, text) -> None:
    assert money(value) == text


# d3-format's "$.3~r" for the values below: three significant digits, trailing zeros dropped.
D3_FORMAT_STUB = "function format(v, spec) { return '$' + String(Number(v.toPrecision(3))); }"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the Vega expression")
@pytest.mark.parametrize("value", [220e9, 350e6, 1.62e12, 1.5e9, 45_000, 12, 0])
def test_axis_label_expression_reads_as_money(value) -> None:
    script = (
        f"{D3_FORMAT_STUB} const abs = Math.abs; const datum = {{value: {value!r}}};"
        f"process.stdout.write({MONEY_LABEL_EXPR});"
    )
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    assert out.stdout == money(value)


def donors_frame(n: int) -> pd.DataFrame:
    """Return one pledged commitment per donor D00..Dn-1, the first the largest."""
    frame = amounts_frame().iloc[[0] * n].reset_index(drop=True)
    return frame.assign(
        donor=[f"D{i:02d}" for i in range(n)],
        value_usd=[float(n - i) * 1e9 for i in range(n)],
        commitment_id=[f"C{i}" for i in range(n)],
        start=range(n),
    )


@pytest.mark.parametrize(
    ("donors", "top", "shown", "others"),
    [(3, 10, 3, 0), (10, 10, 10, 0), (11, 10, 10, 1), (25, 10, 10, 15), (25, 18, 18, 7)],
)
def test_largest_donors_shown_the_rest_other(donors, top, shown, others) -> None:
    frame = donors_frame(donors)
    ranking = trends.donor_ranking(frame, AidFilter())
    assert ranking == [f"D{i:02d}" for i in range(donors)]  # largest first
    named, rest = trends.split_donors(ranking, top)
    assert (len(named), len(rest)) == (shown, others)
    out = trends.aid_by_month(frame, AidFilter(), top=top)
    assert out["usd"].sum() == frame["value_usd"].sum()  # grouping loses nothing
    assert set(out["donor"]) == set(named) | ({trends.OTHER} if rest else set())
    domain, colours = donor_colours(list(out["donor"]))
    assert len(set(colours)) == len(domain) == len(set(out["donor"]))  # a colour each
    if rest:
        behind = trends.amounts_behind(
            frame, AidFilter(), month=pd.Timestamp("2023-01-01"), donor=trends.OTHER, others=rest
        )
        assert sorted(behind["donor"]) == sorted(rest)


def ledger_frame() -> pd.DataFrame:
    """Return amounts with the ledger's columns: a part, a request, reviews and instruments."""
    frame = amounts_frame()
    return frame.assign(
        part_of=["", "", "", "a2:5", "", ""],  # the Germany delivery is a part of a whole
        reviewed=[True, True, False, False, "True", False],
        instrument=["USAI", "USAI", "USAI", "", "", ""],
    )


@pytest.mark.parametrize(
    ("flt", "total", "reviewed"),
    [
        (AidFilter(), 3.5e9, 5e8),  # C2 is a part: never summed with its whole
        (AidFilter(reviewed="reviewed"), 5e8, 5e8),  # C1 has an unreviewed mention
        (AidFilter(reviewed="not reviewed"), 3e9, 0.0),
        (AidFilter(distinct=False, reviewed="reviewed"), 6.5e9, 6.5e9),
        (AidFilter(instruments=("USAI",)), 3e9, 0.0),
        (AidFilter(stages=("delivered",)), 0.0, 0.0),
    ],
)
def test_ledger_columns(flt, total, reviewed) -> None:
    out = trends.aid_by_month(ledger_frame(), flt)
    assert trends.reviewed_total(out) == (reviewed, total)


def test_requested_is_counted_only_when_asked() -> None:
    frame = amounts_frame().assign(stage="requested")
    assert trends.aid_by_month(frame, AidFilter()).empty
    assert trends.aid_by_month(frame, AidFilter(stages=("requested",)))["usd"].sum() == 4.5e9


@pytest.mark.parametrize(
    "flt",
    [
        AidFilter(),
        AidFilter(distinct=False),
        AidFilter(reviewed="reviewed"),
        AidFilter(distinct=False, reviewed="not reviewed"),
        AidFilter(instruments=("USAI",)),
        AidFilter(stages=("delivered",)),
        AidFilter(stages=("requested",), donors=("Germany",)),
    ],
)
@pytest.mark.parametrize("top", [1, 10])
def test_the_page_path_counts_as_the_plain_functions(flt, top) -> None:
    # The Trends page keeps only the rows any filter can count, with the columns counting reads,
    # and counts them once per filter: the bars, OTHER and the commitments must not change.
    frame = pd.concat([ledger_frame(), ledger_frame().assign(stage="requested")])
    frame = frame.reset_index(drop=True).assign(stage=lambda f: f["stage"].where(f.index != 2, ""))
    kept = trends.aid_candidates(frame.drop(columns=["sentence", "end"]))
    by_month, others = trends.aid_view(kept, flt, top=top)
    pd.testing.assert_frame_equal(by_month, trends.aid_by_month(frame, flt, top=top))
    assert others == trends.split_donors(trends.donor_ranking(frame, flt), top)[1]
    pd.testing.assert_frame_equal(
        trends.commitments_table(kept, flt), trends.commitments_table(frame, flt)
    )


PREPARED_FILTERS = [
    AidFilter(),
    AidFilter(distinct=False),
    AidFilter(stages=("delivered",)),
    AidFilter(stages=("requested",), distinct=False),
    AidFilter(stages=("blocked",)),
    AidFilter(reviewed="reviewed"),
    AidFilter(reviewed="not reviewed", distinct=False),
    AidFilter(donors=("United States", "European Union")),
    AidFilter(aid_types=("military",), distinct=False),
    AidFilter(instruments=("Ukraine Facility",)),
]


@pytest.mark.parametrize("flt", PREPARED_FILTERS, ids=str)
def test_counting_prepared_candidates_equals_counting_all_amounts(
    sample_data_dir, flt: AidFilter
) -> None:
    # The page cleans the candidates once and counts them on every change of the controls.
    amounts = pd.read_parquet(sample_data_dir / "cache" / "dataset" / "amounts")
    amounts = amounts.drop(columns="month").iloc[::-1]  # any order: counting sorts by date
    amounts["reviewed"] = amounts.index % 4 == 0  # some reviewed, so both filters keep rows
    candidates = trends.aid_candidates(amounts)
    raw, prepared = (
        trends.aid_view(amounts, flt, top=3),
        trends.aid_view(candidates, flt, top=3, prepared=True),
    )
    assert not raw[0].empty or flt.stages == ("blocked",)
    pd.testing.assert_frame_equal(prepared[0], raw[0])
    assert prepared[1] == raw[1]
    pd.testing.assert_frame_equal(
        trends.commitments_table(candidates, flt, prepared=True),
        trends.commitments_table(amounts, flt),
    )
