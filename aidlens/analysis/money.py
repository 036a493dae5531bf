"""Money as an analyst reads it: "$220bn", "$350m", never d3's SI "$220G"; and which rate
turned a mention's figure into US dollars ("1 EUR = 1.0823 US$, ECB reference rate of
2024-04-24")."""

from __future__ import annotations

import math

import pandas as pd

from aidlens.amounts import rates_on

# Largest first: a figure takes the largest unit it reaches.
UNITS = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))

# The same rule as `money`, as a Vega expression for an Altair axis's labelExpr: d3-format's
# "$.3~r" rounds to three significant digits and drops trailing zeros, like `_three_digits`.
MONEY_LABEL_EXPR = (
    " : ".join(
        f"abs(datum.value) >= {scale:.0e} ? format(datum.value / {scale:.0e}, '$.3~r') + '{suffix}'"
        for scale, suffix in UNITS
    )
    + " : format(datum.value, '$.3~r')"
)


def _three_digits(value: float) -> str:
    """Return a non-negative number rounded to three significant digits, without trailing zeros."""
    text = f"{float(f'{value:.3g}'):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(value: float | None, *, symbol: str = "$") -> str:
    """Return `value` as short money text ("$220bn", "$1.5m", "-$5bn"); "" when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    sign, amount = ("-" if value < 0 else ""), abs(float(value))
    for i, (scale, suffix) in enumerate(UNITS):
        if amount >= scale:
            digits = _three_digits(amount / scale)
            # Rounding may reach the next unit up ($999.6m is $1bn, not $1000m).
            if float(digits) >= 1000 and i > 0:
                scale, suffix = UNITS[i - 1]
                digits = _three_digits(amount / scale)
            return f"{sign}{symbol}{digits}{suffix}"
    digits = _three_digits(amount)
    if float(digits) >= 1000:
        return f"{sign}{symbol}{_three_digits(amount / 1e3)}k"
    return f"{sign}{symbol}{digits}"


def rate_notes(rows: pd.DataFrame, rates: pd.DataFrame) -> pd.Series:
    """Return per amount row (`currency`, `published`) the rate its US$ value was taken at, its
    date and source ("1 EUR = 1.0823 US$, ECB reference rate of 2024-04-24"); "US dollars"
    for dollars, "" when no rate is known. `rates`: the data folder's (load_rates)."""
    if rows.empty:
        return pd.Series("", index=rows.index, dtype=object)
    currency = rows["currency"].fillna("").astype(str)
    used = rates_on(currency, pd.to_datetime(rows["published"]), rates)
    columns = (currency, used["rate"], used["rate_date"], used["source"])
    notes = [_rate_note(c, r, d, s) for c, r, d, s in zip(*columns, strict=True)]
    return pd.Series(notes, index=rows.index, dtype=object)


def _rate_note(currency: str, rate: float, date: str, source: str) -> str:
    """Return one rate as text: a dollar needs none, an unknown currency has none."""
    if currency == "USD":
        return "US dollars"
    if not source or math.isnan(rate):
        return ""
    # A yearly rate's date is its year, a folder's rate the year it lists.
    when = f" of {date}" if date else ""
    return f"1 {currency} = {rate:.5g} US$, {source}{when}"
