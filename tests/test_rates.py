"""Yearly USD rates: the shipped table, a data folder's override, and bad rates files."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from aidlens.amounts.commitments import BUILTIN_RATES, load_rates, read_rates, usd_rates
from aidlens.amounts.currencies import CODES
from aidlens.amounts.rates import (
    rate_used,
    reference_rate,
    reference_rates,
    reference_usd,
    same_at_reference,
    usd_values,
)
from aidlens.analysis import rate_notes
from aidlens.errors import InputError


def test_shipped_rates_cover_every_currency_and_year():
    rates = read_rates(BUILTIN_RATES)
    have = set(zip(rates["year"], rates["currency"], strict=True))
    want = {(y, c) for y in range(2021, 2027) for c in (*CODES, "USD")}
    assert want <= have


def test_shipped_rates_cite_their_sources():
    head = BUILTIN_RATES.read_text(encoding="utf-8").splitlines()[:8]
    assert any("Federal Reserve" in line for line in head)
    assert any("National Bank of Ukraine" in line for line in head)


@pytest.mark.parametrize(
    ("currency", "year", "low", "high"),
    [
        ("EUR", 2023, 1.05, 1.11),
        ("GBP", 2022, 1.2, 1.27),
        ("JPY", 2024, 0.006, 0.0072),
        ("XDR", 2023, 1.3, 1.38),  # the IMF's special drawing right
    ],
)
def test_shipped_rates_are_plausible_yearly_averages(currency, year, low, high):
    rates = read_rates(BUILTIN_RATES).set_index(["currency", "year"])["usd_per_unit"]
    assert low < rates[(currency, year)] < high


def test_rates_csv_in_the_data_folder_overrides_and_extends(tmp_path):
    (tmp_path / "rates.csv").write_text(
        "# my corrections\nyear,currency,usd_per_unit\n2023,EUR,2.0\n2024,HUF,0.0028\n",
        encoding="utf-8",
    )
    rates = load_rates(tmp_path).set_index(["currency", "year"])["usd_per_unit"]
    assert rates[("EUR", 2023)] == 2.0
    assert rates[("HUF", 2024)] == 0.0028
    assert (
        rates[("EUR", 2022)]
        == load_rates().set_index(["currency", "year"]).loc[("EUR", 2022), "usd_per_unit"]
    )
    assert not rates.index.duplicated().any()


def test_no_rates_csv_means_the_shipped_rates(tmp_path):
    assert load_rates(tmp_path).equals(load_rates())


def test_bad_rates_csv_reports_every_problem_by_row(tmp_path):
    (tmp_path / "rates.csv").write_text(
        "year,currency,usd_per_unit\n"
        "2023,EUR,1.1\n"
        "23,EUR,1.1\n"
        "2023,euro,1.1\n"
        "2023,GBP,-1\n"
        "2023,GBP,abc\n"
        "2023,EUR,1.2\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_rates(tmp_path)
    found = [(p.row, p.column) for p in err.value.problems]
    assert found == [
        (3, "year"),
        (4, "currency"),
        (5, "usd_per_unit"),
        (6, "usd_per_unit"),
        (7, None),
    ]
    message = str(err.value)
    assert "'23' is not a year" in message
    assert "'euro' is not an ISO currency code" in message
    assert "'-1' is not a positive number" in message
    assert "duplicate rate for EUR in 2023 (first in row 2)" in message
    assert all(str(tmp_path / "rates.csv") in line for line in message.splitlines())


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("year;currency;usd_per_unit\n2023;EUR;1.1\n", "the header must be"),
        ("year,currency,usd_per_unit\n", "has no rates"),
        ("", "the header must be"),
    ],
)
def test_unusable_rates_csv(tmp_path, content, expected):
    (tmp_path / "rates.csv").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=expected):
        load_rates(tmp_path)


def test_rates_csv_not_utf8(tmp_path):
    (tmp_path / "rates.csv").write_bytes(b"year,currency,usd_per_unit\n2023,\xff\xfe,1\n")
    with pytest.raises(InputError, match="not UTF-8"):
        load_rates(tmp_path)


def test_usd_rates_use_the_year_else_the_nearest_year():
    rates = pd.DataFrame(
        {"year": [2022, 2023], "currency": ["EUR", "EUR"], "usd_per_unit": [1.05, 1.08]}
    )
    got = usd_rates(
        pd.Series(["EUR", "EUR", "EUR", "USD", "XYZ", ""]),
        pd.Series([2023, 2019, 2030, 2023, 2023, 2023]),
        rates,
    )
    assert got[:4].tolist() == [1.08, 1.05, 1.08, 1.0]
    assert math.isnan(got[4]) and math.isnan(got[5])


# currency, date, the ECB fixing used, source, the rate's range
DAILY = [
    ("EUR", "2024-02-01", "2024-02-01", "ECB reference rate", (1.07, 1.1)),
    ("EUR", "2024-02-03", "2024-02-02", "ECB reference rate", (1.07, 1.1)),  # a Saturday
    ("GBP", "2022-09-26", "2022-09-26", "ECB reference rate", (1.03, 1.1)),  # the gilt crisis low
    ("JPY", "2024-07-10", "2024-07-10", "ECB reference rate", (0.006, 0.0065)),
    ("INR", "2023-06-02", "2023-06-02", "ECB reference rate", (0.0119, 0.0124)),  # ~82.5 a $
    ("UAH", "2023-05-01", "2023", "AidLens yearly average", (0.02, 0.03)),  # the ECB lacks UAH
    ("USD", "2024-05-01", "2024", "US dollar", (1.0, 1.0)),
]


@pytest.mark.parametrize(("currency", "day", "fixing", "source", "bounds"), DAILY)
def test_rate_used_is_the_ecb_fixing_of_the_day(currency, day, fixing, source, bounds):
    used = rate_used(currency, day)
    assert (used.rate_date, used.source) == (fixing, source)
    assert bounds[0] <= used.rate <= bounds[1]


def test_a_data_folder_rate_wins_over_the_ecb(tmp_path):
    (tmp_path / "rates.csv").write_text("year,currency,usd_per_unit\n2024,EUR,1.5\n", "utf-8")
    used = rate_used("EUR", "2024-02-01", load_rates(tmp_path))
    assert (used.rate, used.rate_date, used.source) == (1.5, "2024", "data folder rates.csv")
    assert rate_used("EUR", "2023-02-01", load_rates(tmp_path)).source == "ECB reference rate"


def test_usd_values_differ_by_day_within_a_year():
    dates = pd.Series(pd.to_datetime(["2022-01-03", "2022-09-26"]))
    usd = usd_values(pd.Series([1e9, 1e9]), pd.Series(["EUR", "EUR"]), dates, load_rates())
    assert usd[0] > 1.1e9 > 1.0e9 > usd[1] > 0.9e9  # the euro fell below parity in 2022


def test_an_unknown_currency_has_no_rate():
    used = rate_used("XYZ", "2024-01-01")
    assert math.isnan(used.rate) and used.source == "" and used.rate_date == ""


# currency | one US$ rate whatever the date (the ECB's mean since 2022, else the shipped
# yearly table's): the size the aid check reads
@pytest.mark.parametrize(
    ("currency", "bounds"),
    [
        ("USD", (1.0, 1.0)),
        ("EUR", (1.0, 1.2)),
        ("JPY", (0.005, 0.009)),
        ("INR", (0.010, 0.014)),
        ("UAH", (0.02, 0.03)),  # the ECB lacks it: the shipped yearly rates
        ("XDR", (1.25, 1.45)),  # the IMF's unit: the shipped yearly rates
    ],
)
def test_reference_rate(currency, bounds):
    assert bounds[0] <= reference_rate(currency) <= bounds[1]


@pytest.mark.parametrize("currency", ["", "XYZ"])
def test_reference_rate_of_an_unknown_currency_is_none(currency):
    assert reference_rate(currency) is None


# a | b | within 5%? at one rate per currency (one lookup for every currency, UAH and XDR too)
@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ((1e9, "EUR"), (1.1e9, "USD"), True),
        ((1e9, "EUR"), (1.5e9, "USD"), False),
        ((100e9, "UAH"), (2.6e9, "USD"), True),  # the ECB lacks UAH: the shipped yearly means
        ((1e9, "XDR"), (1.35e9, "USD"), True),
        ((1e9, "XYZ"), (1e9, "USD"), False),  # no rate: never the same
        ((0.0, "USD"), (0.0, "USD"), False),
    ],
)
def test_same_at_reference(a, b, same):
    assert same_at_reference(a, b, 0.05) is same


@pytest.mark.parametrize("currency", ["USD", "EUR", "GBP", "JPY", "UAH", "XDR", "INR"])
def test_matching_and_the_aid_check_read_one_rate(currency):
    one = reference_usd(pd.Series([1.0]), pd.Series([currency]))[0]
    assert one == pytest.approx(reference_rate(currency))


def test_reference_rates_of_a_table_with_no_recent_year_take_all_its_years():
    table = pd.DataFrame(
        {"year": [2019, 2020, 2023, 2024], "currency": ["ABC", "ABC", "XYZ", "XYZ"]}
    ).assign(usd_per_unit=[1.0, 3.0, 2.0, 4.0])
    ref = reference_rates(table)
    assert (ref["ABC"], ref["XYZ"], ref["USD"]) == (2.0, 3.0, 1.0)
    assert 1.0 < ref["EUR"] < 1.2  # the ECB's mean wins for the currencies it publishes


def test_a_folder_rate_changes_value_usd_not_matching(tmp_path):
    (tmp_path / "rates.csv").write_text(
        "year,currency,usd_per_unit\n2024,UAH,1.0\n", encoding="utf-8"
    )
    day = pd.Series([pd.Timestamp("2024-05-01")])
    folder = usd_values(pd.Series([10.0]), pd.Series(["UAH"]), day, load_rates(tmp_path))
    assert folder[0] == pytest.approx(10.0)
    assert reference_usd(pd.Series([10.0]), pd.Series(["UAH"]))[0] < 1.0


@pytest.mark.parametrize(
    ("currency", "day", "expected"),
    [
        # A Saturday takes Friday's fixing, and the note says so.
        ("EUR", "2024-04-27", r"1 EUR = 1\.07\d* US\$, ECB reference rate of 2024-04-26"),
        ("GBP", "2022-03-07", r"1 GBP = 1\.3\d* US\$, ECB reference rate of 2022-03-07"),
        ("UAH", "2024-04-27", r"1 UAH = 0\.02\d* US\$, AidLens yearly average of 2024"),
        ("USD", "2024-04-27", r"US dollars"),
        ("XYZ", "2024-04-27", r""),  # no rate known: no US$ value either
        ("", "2024-04-27", r""),
    ],
)
def test_each_mention_says_which_rate_and_date_gave_its_us_dollars(currency, day, expected):
    rows = pd.DataFrame({"currency": [currency], "published": [pd.Timestamp(day)]})
    note = rate_notes(rows, load_rates()).iloc[0]
    assert re.fullmatch(expected, note), note
    if note.startswith("1 "):  # the rate shown is the one the US$ value took
        million = pd.Series([1e6])
        value = usd_values(million, pd.Series([currency]), rows["published"], load_rates())[0]
        assert float(note.split(" = ")[1].split(" ")[0]) == pytest.approx(value / 1e6, rel=1e-4)


def test_a_folder_rate_is_named_as_the_folder_s(tmp_path):
    (tmp_path / "rates.csv").write_text(
        "year,currency,usd_per_unit\n2024,UAH,0.03\n", encoding="utf-8"
    )
    rows = pd.DataFrame({"currency": ["UAH"], "published": [pd.Timestamp("2024-05-01")]})
    assert rate_notes(rows, load_rates(tmp_path)).tolist() == [
        "1 UAH = 0.03 US$, data folder rates.csv of 2024"
    ]
    assert rate_notes(rows.iloc[:0], load_rates()).empty
