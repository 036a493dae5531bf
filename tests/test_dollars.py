"""Which dollar a bare "$" is, read per article once donors are final (aidlens.amounts.dollars)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aidlens.amounts.commitments import load_rates
from aidlens.amounts.dollars import local_dollars, named_dollar
from aidlens.amounts.extractor import AMOUNT_COLUMNS
from aidlens.amounts.parse import ParsedAmount
from aidlens.amounts.table import amounts_table
from aidlens.corpus.articles import Corpus
from aidlens.corpus.canonical import load_aliases

# article | amount as written | currency read | donor | currency after
CASE_TABLE = """
a | US$50 billion | USD | G7 | USD
a | $5 billion | USD | Canada | CAD
a | about $406 million | USD | Canada | CAD
a | 500 million dollars | USD | Australia | AUD
a | $30 million | USD | New Zealand | NZD
a | $2 billion | USD | United States | USD
a | $1.5 billion | USD | Japan | USD
a | C$1 billion | CAD | Canada | CAD
a | 20 million Canadian dollars | CAD | Canada | CAD
a | €2 billion | EUR | Canada | EUR
b | $5 billion | USD | Canada | USD
b | 500 million dollars | USD | Australia | USD
c | U.S.$3 billion | USD | Japan | USD
c | $320 million | USD | Canada | CAD
"""
CASES = [tuple(c.strip() for c in line.split("|")) for line in CASE_TABLE.strip().splitlines()]


def test_a_bare_dollar_of_a_dollar_country_is_its_own_where_us_dollars_are_marked():
    frame = pd.DataFrame(CASES, columns=["article_id", "text", "currency", "donor", "after"])
    assert local_dollars(frame).tolist() == frame["after"].tolist()


# the text after a bare "$" figure | the currency read
NAMED_AFTER = [
    (" Canadian for Ukraine.", "CAD"),
    (" (Australian): A$50 million", "AUD"),
    (" (New Zealand dollars) for", "NZD"),
    (" Canadian.", "CAD"),
    (" Canadian aid package.", "USD"),  # names what the money buys, not which dollar
    (" for Ukraine, Canadian officials said.", "USD"),
]


@pytest.mark.parametrize(("after", "currency"), NAMED_AFTER)
def test_a_nationality_after_a_bare_dollar_names_its_dollar(after, currency):
    bare = ParsedAmount(5e8, None, "USD", "", False)
    assert named_dollar(bare, "$500 million", after).currency == currency
    assert named_dollar(bare, "US$500 million", after).currency == "USD"  # marked US dollars


@pytest.mark.parametrize(
    ("marked", "currency", "usd"),
    [("US$50 billion", "CAD", 3.6e9), ("€50 billion", "USD", 5e9)],
)
def test_the_table_values_a_carried_canadian_giver_in_canadian_dollars(marked, currency, usd):
    base = dict.fromkeys(AMOUNT_COLUMNS, "")
    base |= {"value_high": np.nan, "vague": False, "restates": False, "text_hash": "h1"}
    rows = pd.DataFrame(
        [
            base | {"start": 0, "end": 13, "text": marked, "value": 5e10, "donor": "G7"},
            # No giver of its own: the one its text names before it is carried to it.
            base | {"start": 60, "end": 70, "text": "$5 billion", "value": 5e9, "named": "Ottawa"},
        ]
    )
    rows["currency"] = ["USD" if marked.startswith("US$") else "EUR", "USD"]
    entities = pd.DataFrame(
        {"article_id": ["a"], "start": [30], "end": [36], "text": ["Ottawa"], "label": ["GPE"]}
    )
    day = pd.Timestamp("2024-10-30")
    frame = pd.DataFrame({"id": ["a"], "text_hash": ["h1"], "published": [day]})
    out = amounts_table(Corpus(frame=frame, path="t"), rows, entities, load_aliases(), load_rates())
    second = out.set_index("start").loc[60]
    assert (second["donor"], second["currency"]) == ("Canada", currency)
    assert second["value_usd"] == pytest.approx(usd, rel=0.05)
