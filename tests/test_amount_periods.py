"""Rates: a sum per year or per month is flagged as one, however the period is written
(original sentences, the real pipeline's amount rules)."""

from __future__ import annotations

import pytest

# (sentence, amount, a rate or not)
RATES = [
    ("Norway will give NOK 15 billion a year until 2027.", "NOK 15 billion", True),
    ("Britain pledged £3 billion per year for as long as it takes.", "£3 billion", True),
    ("Brussels has paid €1.5 billion every month since January.", "€1.5 billion", True),
    ("The loan arrives as €1.5 billion each month.", "€1.5 billion", True),
    ("Berlin keeps €4 billion each year in its budget for Ukraine.", "€4 billion", True),
    ("The Commission pays €1.5 billion monthly from its borrowing.", "€1.5 billion", True),
    ("Denmark sets aside DKK 7 billion annually for the fund.", "DKK 7 billion", True),
    # A one-off, and a date after the figure, are no rate.
    ("The Fund approved $1.4 billion a week ago.", "$1.4 billion", False),
    ("The EU paid €1.5 billion in March.", "€1.5 billion", False),
    ("Sweden announced SEK 7.1 billion, its largest package so far.", "SEK 7.1 billion", False),
]


@pytest.mark.parametrize(("sentence", "amount", "rate"), RATES)
def test_a_sum_per_period_is_a_rate(amount_rows, sentence, amount, rate):
    assert amount_rows(sentence)[amount]["rate"] is rate
