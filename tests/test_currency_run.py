"""The currency a figure takes from the amounts before it (carried.py): a bare figure takes the
currency written shortly before it, and "kroner" the krone a code last wrote. Original
sentences, read with the real pipeline."""

from __future__ import annotations

import pytest

KRONER = [
    # The krone a code wrote earlier in the Doc tells what bare "kroner" are.
    (
        "The Folketing put DKK 7 billion into the fund this year. Several parties said the 7 "
        "billion kroner should be read as a first year.",
        "7 billion kroner",
        "DKK",
    ),
    (
        "The 15th package is worth SEK 7.1 billion. The 7.1 billion kronor include air defence.",
        "7.1 billion kronor",
        "SEK",
    ),
    # A giver's own krone wins over the one written before.
    (
        "Denmark has given DKK 19 billion. Norway will give 75 billion kroner over five years.",
        "75 billion kroner",
        "NOK",
    ),
    # With no code before and no giver, the Norwegian default.
    ("Some 7 billion kroner were set aside for the fund.", "Some 7 billion kroner", "NOK"),
    # A bare figure takes the currency written just before it.
    ("Of the €9 billion, one billion was paid in August.", "one billion", "EUR"),
]


@pytest.mark.parametrize(("text", "amount", "currency"), KRONER)
def test_a_figure_takes_the_currency_written_before_it(amount_rows, text, amount, currency):
    assert amount_rows(text)[amount]["currency"] == currency
