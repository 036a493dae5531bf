"""Money as an analyst reads it: "$220bn", "$350m", never d3's SI "$220G"."""

from __future__ import annotations

import math

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
