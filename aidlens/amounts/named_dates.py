"""The date a sentence names for its amount ("the $1bn drawdown of 24 April"), as a day.

A figure restated months later often says when it was first given ("agreed in February 2022",
"the €400m approved in January last year"); the linker compares that day, not the later
article's, with the first mention's. The extractor keeps the date phrase nearest each amount in
its sentence (`told_of`, the row's `told`); the table reads the phrases against each article's
date (`named_days`), each distinct phrase once. Only dates with a month are read: a day and a
month, a month and a year, or a month alone, taken as the last such month by the article's date
(a month up to 20 days ahead is this year's).
Written by hand: spaCy's DATE entities say where a date is, not which day it means, and the
forms needed are few; a parser such as dateparser would add a dependency for them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

import numpy as np
import pandas as pd

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
MONTHS += ("September", "October", "November", "December")
_NUMBER = {m: i for i, m in enumerate(MONTHS, start=1)}
_NUMBER |= {m[:3]: i for m, i in list(_NUMBER.items()) if m != "May"} | {"Sept": 9}
# Capitalised only: "may" and "march" are verbs.
_MONTH = r"(?P<m>" + "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
# Longest forms first; a later pattern never reads text an earlier one took.
# Each pattern opens on what its first character must be (a digit, a month's capital), then
# the word boundary: the same matches, but `re` passes over most places at once.
_AT_MONTH = "(?=[" + "".join(sorted({m[0] for m in MONTHS})) + r"])\b"
_PATTERNS = (
    re.compile(rf"(?=\d)\b{_DAY} (?:of )?{_MONTH}(?:,? {_YEAR})?\b"),
    re.compile(rf"{_AT_MONTH}{_MONTH} {_DAY}(?!\d)(?:,? {_YEAR})?\b"),
    re.compile(rf"{_AT_MONTH}{_MONTH}(?: of)?,? {_YEAR}\b"),
    re.compile(rf"{_AT_MONTH}{_MONTH}(?P<last> last year)?\b"),
)
_ANY_MONTH = re.compile(_AT_MONTH + "(?:" + "|".join(m[:3] for m in MONTHS) + ")")
AHEAD = 20  # days: a month named without a year up to this far ahead is the article's year's
_RAW = ("year", "month", "day", "last")  # a date as written: year and day 0 when not written
EPOCH = dt.date(2000, 1, 1)  # the linker's day numbers count from here (commitments.py)


def told_of(text: str, sent_start: int, sent_end: int, at: int) -> str:
    """Return the date phrase named nearest to offset `at` in text[sent_start:sent_end], or ''."""
    sentence = text[sent_start:sent_end]
    found = _sentence_dates(sentence)
    if not found:
        return ""
    start, end, *_ = min(found, key=lambda d: abs(sent_start + d[0] - at))
    return sentence[start:end]


def named_dates(sentence: str, published: dt.date) -> list[tuple[int, dt.date]]:
    """Return (character offset, date) of each date with a month that `sentence` names."""
    raw = pd.DataFrame(_raw_dates(sentence), columns=["at", "end", *_RAW])
    days = _days(raw, pd.Series(pd.Timestamp(published), index=raw.index))
    return [(int(o), EPOCH + dt.timedelta(int(d))) for o, d in zip(raw["at"], days, strict=True)]


@lru_cache(maxsize=64)
def _sentence_dates(sentence: str) -> tuple[tuple[int, int, int, int, int, bool], ...]:
    """Return _raw_dates of a sentence: each amount of a sentence asks for the same dates."""
    return tuple(_raw_dates(sentence)) if _ANY_MONTH.search(sentence) else ()


def _raw_dates(sentence: str) -> list[tuple[int, int, int, int, int, bool]]:
    """Return the dates a sentence names as written, by offset: (start, end, *_RAW)."""
    found, taken = [], []
    for pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            g = m.groupdict()
            month = _NUMBER[(g["m"] or "").rstrip(".")]
            year, day = int(g.get("y") or 0), int(g.get("d") or 0)
            if day and day > calendar.monthrange(year or 2024, month)[1]:
                continue  # "31 April": not a day; the month alone is read next
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.end(), year, month, day, bool(g.get("last"))))
    return sorted(found)


def named_days(told: pd.Series, published: pd.Series) -> np.ndarray:
    """Return per amount the day (since EPOCH) its `told` phrase names, read against its
    article's date; NaN for none, or a month without a year in an undated article."""
    out = np.full(len(told), np.nan)
    codes, uniques = pd.factorize(told.fillna("").astype(str))
    parsed = ((c, _raw_dates(t)) for c, t in enumerate(uniques.tolist()) if t)
    raw = [(c, *found[0][2:]) for c, found in parsed if found]
    rows = np.flatnonzero(np.isin(codes, [r[0] for r in raw]))
    if not len(rows):
        return out
    dates = pd.DataFrame(raw, columns=["code", *_RAW]).set_index("code")
    picked = dates.loc[codes[rows]].reset_index(drop=True)
    out[rows] = _days(picked, published.iloc[rows].reset_index(drop=True))
    return out


def _days(raw: pd.DataFrame, published: pd.Series) -> np.ndarray:
    """Return the day (since EPOCH) each raw date means, read against its row's article date."""
    pub = pd.Series(pd.to_datetime(published.to_numpy(), errors="coerce"))
    written = raw["year"].to_numpy() > 0
    last = raw["last"].to_numpy(bool)
    month, day = raw["month"].to_numpy(), raw["day"].to_numpy()
    year = np.where(written, raw["year"].to_numpy(), pub.dt.year.to_numpy() - last)
    when = _date(year, month, day)
    ahead = (~written & ~last & (when > pub + pd.Timedelta(days=AHEAD))).to_numpy()
    when = when.where(~ahead, _date(year - 1, month, day))
    return (when - pd.Timestamp(EPOCH)).dt.days.to_numpy("float64")


def _date(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> pd.Series:
    """Return the dates of year, month and day columns (NaT without a year): a month alone is
    its 15th, half a month from either end; 29 February of a year without one is the 28th."""
    day = np.where(day > 0, day, 15)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    day = np.where((month == 2) & (day == 29) & ~leap, 28, day)
    frame = pd.DataFrame({"year": year, "month": month, "day": day}).astype("float64")
    return pd.to_datetime(frame, errors="coerce")
