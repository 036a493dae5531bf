"""US dollar values from yearly average rates, and commitment ids shared by restated amounts.

Rates: aidlens/data/rates.csv (year,currency,usd_per_unit; its comment lines cite the sources),
overridden row by row by a `rates.csv` in the data folder. An amount is converted at the
average rate of its article's publication year; a year the table lacks takes the nearest one.

Commitments: mentions share a commitment_id when they have the same donor and value and each
is at most WINDOW after the previous mention. Same value: equal; or, in USD, within TOLERANCE
when written in another currency or rounded ("almost $3bn"); or restated right after in
another currency ("€2bn ($2.2bn)"), whatever the rates say. So inside one article, the same
donor and value; across articles, also within 45 days of the last mention (a restated
commitment keeps its id while it stays in the news). Amounts without a donor only group
inside their article.
Vague amounts have no value and get no commitment_id.
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
from aidlens.errors import InputError, Problem

BUILTIN_RATES = Path(__file__).with_name("data") / "rates.csv"
RATE_COLUMNS = ("year", "currency", "usd_per_unit")
TOLERANCE = 0.05  # a restatement rounds, and its writer may use the day's rate, not the year's
CROSS_TOLERANCE = 0.08  # in another currency, matched at a reference rate: the day's drifts
EQUAL = 1e-9
# Qualifiers of a rounded figure: such an amount may be within TOLERANCE of an exact one.
_ROUGH = "about around nearly almost some roughly approximately"
APPROXIMATE = frozenset([*_ROUGH.split(), "close to", "just over", "just under", "an estimated"])
WINDOW = pd.Timedelta(days=45)
# A commitment this large is restated for years ("the $61 billion", "the €50 billion").
LANDMARK_USD = 10e9


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


_READS = frozenset(
    ("article_id", "published", "start", "donor", "value", "value_high", "currency")
    + ("qualifier", "value_usd", "value_ref", "restates", "stage", "instrument")
)


def assign_commitments(amounts: pd.DataFrame) -> pd.Series:
    """Return the commitment_id of each amount row ('' for vague amounts), on its index.

    Needs the columns article_id, published, start, donor, value, value_high, currency,
    qualifier, value_usd, restates, stage and instrument.
    """
    ids = pd.Series("", index=amounts.index, dtype="object")
    # Only the columns read here are sorted, three times over: a row's sentence and text are
    # most of its bytes (seconds at 500,000 amounts).
    reads = [c for c in amounts.columns if c in _READS]
    d = amounts.loc[amounts["value"].notna(), reads]
    d = d.sort_values(["article_id", "start"], kind="stable")
    if d.empty:
        return ids
    # Matched at one rate per currency ("value_ref"), else at the day's: €12bn is €12bn all year.
    ref = d["value_ref"] if "value_ref" in d else d["value_usd"]
    usd = ref.notna()
    instrument = d["instrument"] if "instrument" in d else pd.Series("", index=d.index)
    d = d.assign(
        match=ref.where(usd, d["value"]),
        unit=np.where(usd, "USD", d["currency"].fillna("")),
        ranged=d["value_high"].notna(),
        who=d["donor"].fillna(""),
        written=d["currency"].fillna(""),
        rough=d["qualifier"].isin(APPROXIMATE),
        delivery=d["stage"].eq("delivered") if "stage" in d else False,
        named=instrument.fillna("").map(lambda n: n if single_commitment(n) else ""),
    )
    # A restatement takes the value, unit, donor and instrument of the amount it restates.
    new_article = d["article_id"].ne(d["article_id"].shift())
    head = (new_article | ~d["restates"].astype(bool)).cumsum()
    for col in ("match", "unit", "ranged", "who", "written", "named"):
        d[col] = d.groupby(head)[col].transform("first")
    unknown = d["who"].eq("")
    d["who"] = d["who"].where(~unknown, "\x00" + d["article_id"].astype(str))
    # A delivery is a commitment of its own, apart from the pledge of the same value.
    keys = ["who", "unit", "ranged", "delivery"]
    d = d.sort_values([*keys, "match", "published"], kind="stable")
    new_key = d[keys].ne(d[keys].shift()).any(axis=1)
    # Neighbours in value order are one commitment when equal, or close and either restated
    # in another currency or rounded ("almost $3 billion" for "$2.98 billion").
    ratio = d["match"] / d["match"].shift()
    loose = d["written"].ne(d["written"].shift()) | d["rough"] | d["rough"].shift(fill_value=False)
    other_currency = d["written"].ne(d["written"].shift())
    # A landmark request changes a little on its way through a legislature ($61.4bn asked,
    # $60.84bn law): a request (or a blocked bill) and its neighbour in another article may
    # differ by TOLERANCE.
    stage = d["stage"] if "stage" in d else pd.Series("", index=d.index)
    asked = stage.isin(("requested", "blocked"))
    asked |= asked.shift(fill_value=False)
    landmark = d["unit"].eq("USD") & d["match"].ge(LANDMARK_USD) & asked
    landmark &= d["article_id"].ne(d["article_id"].shift())  # in one article: two figures
    same = (
        (ratio <= 1 + EQUAL)
        | ((ratio <= 1 + TOLERANCE) & (loose | landmark))
        | ((ratio <= 1 + CROSS_TOLERANCE) & other_currency)
    )
    value_group = (new_key | ~same).cumsum()
    d = d.assign(value_group=value_group).sort_values(
        ["value_group", "published", "article_id", "start"], kind="stable"
    )
    commitment = _split_in_time(d)
    first = d[commitment.ne(commitment.shift())]  # date order: a group's first row comes first
    starts = zip(commitment.loc[first.index], first["article_id"], first["start"], strict=True)
    names = {c: _commitment_id(a, s) for c, a, s in starts}
    ids.loc[d.index] = commitment.map(names).to_numpy()
    return ids


def _split_in_time(d: pd.DataFrame) -> pd.Series:
    """Return a commitment number per row of value groups sorted by date.

    A mention joins the commitment before it when both name the same single instrument (the
    Ukraine Facility), however far apart; when they name different ones it never does;
    otherwise when it is at most WINDOW after the last mention, or the value is a landmark
    (at least LANDMARK_USD, restated for years), or a precise figure written again exactly
    (three significant digits, not rounded: "£2.26bn" is one loan, "$1bn" may be many packages).
    """
    out = np.zeros(len(d), dtype="int64")
    number, group, last, names, seen = 0, None, None, set(), set()
    # A precise figure ("£2.26bn") as written, not rounded: its restatement is the same loan.
    # tolist(): iterating Arrow-backed columns value by value is ten times slower.
    exact = [
        (v, c) if _precise(v) and not r else None
        for v, c, r in zip(*(d[k].tolist() for k in ("value", "written", "rough")), strict=True)
    ]
    columns = ("value_group", "published", "named", "match", "unit")
    rows = zip(*(d[k].tolist() for k in columns), strict=True)
    for i, (vg, when, named, match, unit) in enumerate(rows):
        joins = vg == group
        if joins and named and names:
            joins = named in names
        elif joins:
            landmark = unit == "USD" and match >= LANDMARK_USD
            joins = landmark or exact[i] in seen or (when - last) <= WINDOW
        if not joins:
            number, group, names, seen = number + 1, vg, set(), set()
        names.update([named] if named else [])
        seen.update([exact[i]] if exact[i] else [])
        last = when
        out[i] = number
    return pd.Series(out, index=d.index)


@lru_cache(maxsize=65536)  # a corpus restates few distinct values many times
def _precise(value: float) -> bool:
    """Return whether a value is written with decimals to three significant digits or more
    ('£2.26bn', '€18.1bn', '¥471.9bn'; not '$225m' or '€1.5bn'): such a figure restated by
    the same donor is the same commitment at any distance."""
    if not value or not math.isfinite(value) or value < 1:
        return False
    unit = 1000 ** int(math.log(value, 1000) + 1e-9)  # thousands, millions, billions
    mantissa = round(value / unit, 6)
    digits = f"{mantissa:g}".replace(".", "").lstrip("0")
    return mantissa != int(mantissa) and len(digits) >= 3


def parent_ids(amounts: pd.DataFrame) -> pd.Series:
    """Return the parent commitment of each delivery: the pledged whole it is part of ('')."""
    key = amounts["article_id"].astype(str) + ":" + amounts["start"].astype(str)
    pledged = amounts["stage"].eq("pledged") & amounts["commitment_id"].ne("")
    whole_id = dict(zip(key[pledged], amounts.loc[pledged, "commitment_id"], strict=True))
    parent = amounts["part_of"].map(whole_id).astype(object).fillna("")
    delivered = amounts["stage"].eq("delivered") & amounts["commitment_id"].ne("")
    if "instrument" in amounts:
        orphans = amounts[delivered & parent.eq("") & amounts["instrument"].ne("")]
        found = _instrument_parents(amounts[pledged & amounts["instrument"].ne("")], orphans)
        if found:
            parent = parent.astype(object)
            parent.loc[list(found)] = list(found.values())
    return parent.where(delivered, "")


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
