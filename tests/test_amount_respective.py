"""Givers paired with their amounts by "respectively" (aidlens/amounts/respective.py)."""

from __future__ import annotations

import pytest

# (sentence, amount, donor as written, stage)
RESPECTIVE = [
    (
        "Sweden and Norway are contributing $275 million and about $135 million respectively.",
        "about $135 million",
        "Norway",
        "pledged",
    ),
    (
        "Sweden and Norway are contributing $275 million and about $135 million respectively.",
        "$275 million",
        "Sweden",
        "pledged",
    ),
    (
        "The United States and Japan pledged $2 billion and $1 billion, respectively.",
        "$1 billion",
        "Japan",
        "pledged",
    ),
    # A broken parse ("€200 million" hung on the verb) still pairs by word order.
    (
        "Portugal and Belgium have named €100 million and €200 million respectively.",
        "€200 million",
        "Belgium",
        "pledged",
    ),
    # Three amounts for two givers pair with none: still one sum of several givers.
    (
        "Sweden and Norway gave $275 million, $135 million and $10 million respectively.",
        "$135 million",
        "Sweden",
        "",
    ),
    # No "respectively": one package of several givers.
    (
        "Denmark and Norway will jointly fund a $500 million package.",
        "$500 million",
        "Denmark",
        "",
    ),
]


@pytest.mark.parametrize(("sentence", "amount", "donor", "stage"), RESPECTIVE)
def test_respective_givers(amount_rows, sentence, amount, donor, stage) -> None:
    row = amount_rows(sentence)[amount]
    assert (row["donor"], row["stage"]) == (donor, stage)
