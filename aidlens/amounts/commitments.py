"""US dollar values from yearly average rates, and commitment ids shared by restated amounts.

Rates: aidlens/data/rates.csv (year,currency,usd_per_unit; its comment lines cite the sources),
overridden row by row by a `rates.csv` in the data folder. An amount is converted at the
average rate of its article's publication year; a year the table lacks takes the nearest one.

Commitments: mentions share a commitment_id when the learned pair score of linking.py links
them (same donor, close value, same instrument, days apart, ...). Vague amounts have no value
and get no commitment_id.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from aidlens.amounts.instruments import single_commitment
from aidlens.amounts.linking import CROSS_CURRENCY, LinkModel, link_groups
from aidlens.amounts.named_dates import named_days
from aidlens.amounts.sketch import SKETCH_COLUMNS
from aidlens.errors import InputError, Problem

BUILTIN_RATES = Path(__file__).with_name("data") / "rates.csv"
RATE_COLUMNS = ("year", "currency", "usd_per_unit")
# Qualifiers of a rounded figure: "about $3bn" is no precise figure written again.
_ROUGH = "about around nearly almost some roughly approximately"
APPROXIMATE = frozenset([*_ROUGH.split(), "close to", "just over", "just under", "an estimated"])


def read_rates(path: Path) -> pd.DataFrame:
    """Return the rates in a CSV (lines starting with '#' are comments); raise InputError."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(name, "not UTF-8; save it as UTF-8")]) from None
    lines = [(n, ln) for n, ln in enumerate(text.splitlines(), start=1) if not _comment(ln)]
    rows = list(csv.reader(io.StringIO("\n".join(ln for _, ln in lines))))
    if not rows or [c.strip().lower() for c in rows[0]][:3] != list(RATE_COLUMNS):
        found = ",".join(rows[0]) if rows else "nothing"
        msg = f"the header must be year,currency,usd_per_unit (found {found})"
        raise InputError([Problem(name, msg)])
    records, problems, first = [], [], {}
    for (line, _), row in zip(lines[1:], rows[1:], strict=True):
        rec, row_problems = _rate_row(name, line, row)
        problems += row_problems
        if rec is None:
            continue
        key = rec[:2]
        if key in first:
            msg = f"duplicate rate for {key[1]} in {key[0]} (first in row {first[key]}); keep one"
            problems.append(Problem(name, msg, line))
        first.setdefault(key, line)
        records.append(rec)
    if problems:
        raise InputError(problems)
    if not records:
        raise InputError([Problem(name, "has no rates; add rows such as 2024,EUR,1.08")])
    return pd.DataFrame(records, columns=list(RATE_COLUMNS))


def _comment(line: str) -> bool:
    """Return whether a line of a rates file is blank or a '#' comment."""
    return not line.strip() or line.lstrip().startswith("#")


def _rate_row(name: str, line: int, row: list[str]) -> tuple[tuple | None, list[Problem]]:
    """Return ((year, currency, usd_per_unit) or None, problems) for one row of a rates file."""
    cells = [c.strip() for c in row] + [""] * 3
    year, currency, rate = cells[0], cells[1].upper(), cells[2]
    problems = []
    if not (year.isdigit() and 1900 <= int(year) <= 2100):
        msg = f"'{year}' is not a year; write four digits, e.g. 2024"
        problems.append(Problem(name, msg, line, "year"))
    if not (len(currency) == 3 and currency.isalpha() and currency.isascii()):
        msg = f"'{cells[1]}' is not an ISO currency code; write three letters, e.g. EUR"
        problems.append(Problem(name, msg, line, "currency"))
    try:
        value = float(rate)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        msg = f"'{rate}' is not a positive number of US dollars per unit, e.g. 1.08"
        problems.append(Problem(name, msg, line, "usd_per_unit"))
    return (None if problems else (int(year), currency, value)), problems


def load_rates(data_dir: Path | None = None) -> pd.DataFrame:
    """Return the shipped rates, replaced or extended by `rates.csv` in the data folder.

    Column `source` says which: 'shipped' or 'folder' (a folder's rate wins over the ECB's).
    """
    rates = read_rates(BUILTIN_RATES).assign(source="shipped")
    override = Path(data_dir) / "rates.csv" if data_dir is not None else None
    if override is not None and override.exists():
        rates = pd.concat([rates, read_rates(override).assign(source="folder")], ignore_index=True)
        rates = rates.drop_duplicates(["year", "currency"], keep="last")
    return rates.sort_values(["currency", "year"], ignore_index=True)


def usd_rates(currencies: pd.Series, years: pd.Series, rates: pd.DataFrame) -> np.ndarray:
    """Return the USD rate of each (currency, year): the nearest year's; NaN when unknown."""
    table: dict[str, tuple[np.ndarray, np.ndarray]] = {
        cur: (grp["year"].to_numpy(), grp["usd_per_unit"].to_numpy())
        for cur, grp in rates.groupby("currency")
    }
    pairs = pd.DataFrame({"currency": currencies.to_numpy(), "year": years.to_numpy()})
    distinct = pairs.drop_duplicates()
    keys = zip(distinct["currency"], distinct["year"], strict=True)
    rate = [_nearest_rate(table, c, y) for c, y in keys]
    distinct = distinct.assign(rate=np.asarray(rate, dtype="float64"))
    return pairs.merge(distinct, on=["currency", "year"], how="left")["rate"].to_numpy()


def _nearest_rate(table: dict, currency: str, year: int) -> float:
    """Return the rate of `currency` in `year` or its nearest year (the later on a tie)."""
    if currency == "USD":
        return 1.0
    if currency not in table or pd.isna(year):
        return math.nan
    years, values = table[currency]
    distance = np.abs(years - year) - years / 1e6  # the later year wins a tie
    return float(values[np.argmin(distance)])


# What a restatement compares as written, its own or the figure's it restates.
_FIGURE = ("match", "dated", "unit", "written", "precise", "digits")
_READS = frozenset(
    ("article_id", "published", "start", "donor", "value", "value_high", "currency")
    + ("qualifier", "value_usd", "value_ref", "restates", "stage", "instrument", "reference")
    + ("rate", "revises")
    + SKETCH_COLUMNS
)


def assign_commitments(amounts: pd.DataFrame, model: LinkModel | None = None) -> pd.Series:
    """Return the commitment_id of each amount row ('' for vague amounts), on its index.

    Needs the columns article_id, published, start, donor, value, value_high, currency,
    qualifier, value_usd, restates, stage and instrument; `model` defaults to the shipped one.
    """
    ids = pd.Series("", index=amounts.index, dtype="object")
    d = linkable_rows(amounts)
    if d.empty:
        return ids
    first = link_groups(d, model)
    # Named after its first mention: a commitment keeps its id as the corpus grows.
    heads = np.unique(first)
    articles, starts = d["article_id"].to_numpy()[heads], d["start"].to_numpy()[heads]
    names = [_commitment_id(a, s) for a, s in zip(articles, starts, strict=True)]
    ids.loc[d.index] = np.asarray(names, dtype=object)[np.searchsorted(heads, first)]
    return ids


def linkable_rows(amounts: pd.DataFrame) -> pd.DataFrame:
    """Return the amounts with a value, in date order, with what linking compares.

    match/unit: the value in USD at one rate per currency ("value_ref": €12bn is €12bn all
    year), else as written; dated: in USD at the article's day rate (to compare figures in
    two currencies); who: the donor, or the article for an amount without one (it links only
    inside its article); named: the single instrument (instruments.py); day: days since
    2000; precise: a figure written to three significant digits, not rounded; digits: its
    significant digits; delivered, requested: its stage; figure: a number shared by a figure
    and its restatements; reference: "known", "new", "a" or '' (reference.py); rate: a
    yearly or monthly figure. A restatement ("€2bn ($2.2bn)") takes the donor, instrument and
    rate of what it restates, and its value and unit too unless it is written to three digits
    within CROSS_CURRENCY of that figure.
    """
    # Only the columns read here are sorted: a row's sentence and text are most of its bytes.
    reads = [c for c in amounts.columns if c in _READS]
    valued = amounts["value"].notna()
    d = amounts.loc[valued, reads]
    d = d.sort_values(["article_id", "start"], kind="stable")
    ref = d["value_ref"] if "value_ref" in d else d["value_usd"]
    usd = ref.notna()
    instrument = d["instrument"] if "instrument" in d else pd.Series("", index=d.index)
    reference = d["reference"] if "reference" in d else pd.Series("", index=d.index)
    rough = d["qualifier"].isin(APPROXIMATE)
    d = d.assign(
        match=ref.where(usd, d["value"]),
        dated=d["value_usd"].where(usd, d["value"]),
        unit=np.where(usd, "USD", d["currency"].fillna("")),
        who=d["donor"].fillna(""),
        written=d["currency"].fillna(""),
        named=instrument.fillna("").map(lambda n: n if single_commitment(n) else ""),
        precise=[_precise(v) and not r for v, r in zip(d["value"].tolist(), rough, strict=True)],
        digits=[digits(v) for v in d["value"].tolist()],
        reference=reference.fillna("").astype(str),
        rate=d["rate"].fillna(False).astype(bool) if "rate" in d else False,
    )
    new_article = d["article_id"].ne(d["article_id"].shift())
    restates = d["restates"].astype(bool)
    head = (new_article | ~restates).cumsum()
    d["figure"] = head  # a restatement writes the figure it restates: the two are one
    grouped = d.groupby(head)
    taken = (*_FIGURE, "who", "named", "reference", "rate")  # "€1.5bn a month ($1.6bn)": a rate
    first = {c: grouped[c].transform("first") for c in taken}
    d["who"], d["named"], d["rate"] = first["who"], first["named"], first["rate"]
    d["reference"] = first["reference"]  # "the €2bn ($2.2bn)": both point back
    # A restatement written to three digits ("SDR 11.6bn, about $15.6bn") is a figure others
    # write again; a rounder one ("NOK 75bn, roughly $7bn") is compared as what it restates.
    off = np.abs(np.log(np.maximum(d["dated"], 1e-9) / np.maximum(first["dated"], 1e-9)))
    own = restates & (d["digits"] >= 3) & off.le(CROSS_CURRENCY)
    for col in _FIGURE:
        d[col] = d[col].where(own, first[col])
    # A range ("$1-2bn") is not its low end: it links only to ranges.
    d["unit"] = d["unit"].where(d["value_high"].isna(), d["unit"] + " range")
    # A delivery joins its pledge's commitment only when it delivers the whole (linking.FULL);
    # a part delivered is a commitment of its own, pointing to the pledge with parent_id.
    d["delivered"] = d["stage"].eq("delivered") if "stage" in d else False
    # A request and what passed in one article ("$33bn asked, $40bn passed") differ in value.
    d["requested"] = d["stage"].eq("requested") if "stage" in d else False
    unknown = d["who"].eq("")
    d["who"] = d["who"].where(~unknown, "\x00" + d["article_id"].astype(str))
    day = pd.to_datetime(d["published"]) - pd.Timestamp("2000-01-01")
    d["day"] = day.dt.days.astype("float64")
    d["told"] = _told(amounts.loc[valued, [c for c in ("told", "published") if c in amounts]])
    return d.sort_values(["published", "article_id", "start"], kind="stable")


def _told(amounts: pd.DataFrame) -> pd.Series:
    """Return the day each amount's sentence names for it (named_dates.py), NaN for none."""
    if "told" not in amounts:
        return pd.Series(np.nan, index=amounts.index)
    return pd.Series(named_days(amounts["told"], amounts["published"]), index=amounts.index)


def _mantissa(value: float) -> float:
    """Return a value in its own thousands, millions or billions ('$406m': 406.0); 0 for none."""
    if not value or not math.isfinite(value) or value < 1:
        return 0.0
    unit = 1000 ** int(math.log(value, 1000) + 1e-9)
    return round(value / unit, 6)


@lru_cache(maxsize=65536)  # a corpus restates few distinct values many times
def digits(value: float) -> int:
    """Return how many significant digits a value is written with, in its thousands, millions
    or billions ('€2bn': 1, '£2.3bn': 2, '$406m', '£2.26bn': 3); 0 for none."""
    return len(f"{_mantissa(value):g}".replace(".", "").strip("0"))


@lru_cache(maxsize=65536)
def _precise(value: float) -> bool:
    """Return whether a value is written to three significant digits or more and not rounded
    to a 0 or 5 ('£2.26bn', '€18.1bn', '$406m'; not '$225m', '$250m' or '€1.5bn'): such a
    figure restated by the same donor is the same commitment at any distance."""
    mantissa = _mantissa(value)
    return digits(value) >= 3 and (mantissa != int(mantissa) or int(mantissa) % 5 != 0)


def parent_ids(amounts: pd.DataFrame) -> pd.Series:
    """Return the parent commitment of each delivery or instalment: the pledged whole it is
    part of or comes out of ('' for none)."""
    key = amounts["article_id"].astype(str) + ":" + amounts["start"].astype(str)
    pledged = amounts["stage"].eq("pledged") & amounts["commitment_id"].ne("")
    whole_id = dict(zip(key[pledged], amounts.loc[pledged, "commitment_id"], strict=True))
    tranche = amounts.get("tranche_of", pd.Series("", index=amounts.index))
    parent = amounts["part_of"].map(whole_id).astype(object)
    parent = parent.fillna(tranche.map(whole_id)).fillna("")
    cid = amounts["commitment_id"]
    delivered = amounts["stage"].eq("delivered") & cid.ne("")
    if "instrument" in amounts:
        orphans = amounts[delivered & parent.eq("") & amounts["instrument"].ne("")]
        found = _instrument_parents(amounts[pledged & amounts["instrument"].ne("")], orphans)
        if found:
            parent = parent.astype(object)
            parent.loc[list(found)] = list(found.values())
    child = (delivered | (tranche.ne("") & cid.ne(""))) & parent.ne(cid)
    return parent.where(child, "")


def _instrument_parents(pledges: pd.DataFrame, orphans: pd.DataFrame) -> dict:
    """Return orphan index -> the latest earlier, larger pledge of its donor and instrument."""
    pledges = pledges.sort_values("published", kind="stable")
    # Per (donor, instrument): dates, values and ids as arrays, searched per delivery; a scan
    # of every pledge per delivery is quadratic in the corpus (9 s at 100,000 articles).
    groups = {
        key: (g["published"].to_numpy(), g["value_usd"].to_numpy(float), list(g["commitment_id"]))
        for key, g in pledges.groupby(["donor", "instrument"], sort=False)
    }
    found: dict = {}
    cols = ("donor", "instrument", "published", "value_usd")
    for i, donor, instrument, day, usd in zip(
        orphans.index, *(orphans[c] for c in cols), strict=True
    ):
        group = groups.get((donor, instrument))
        if group is None or pd.isna(day) or pd.isna(usd):
            continue
        days, values, ids = group
        # The pledges dated on or before the delivery, latest first: the first larger one.
        for j in range(int(np.searchsorted(days, np.datetime64(day), side="right")) - 1, -1, -1):
            if values[j] > usd:
                found[i] = ids[j]
                break
    return found


def _commitment_id(article_id: str, start: int) -> str:
    """Return the id of a commitment named after its first mention: stable as a corpus grows."""
    digest = hashlib.blake2b(f"{article_id}\x1f{int(start)}".encode(), digest_size=5).hexdigest()
    return f"C{digest}"
