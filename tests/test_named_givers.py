"""A figure with no giver takes the giver its text names last before it as an actor (named.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aidlens.amounts.extractor import AMOUNT_COLUMNS
from aidlens.amounts.table import amounts_table
from aidlens.corpus.articles import Corpus
from aidlens.corpus.canonical import load_aliases

EU = "The EU gave €5 billion. "
# text | amount | the giver named before it ('' for none)
NAMED = [
    (
        EU + "Now the United States. Lawmakers passed $13.6 billion in March.",
        "$13.6 billion",
        "the United States",
    ),
    (
        EU + "Will the American part survive? The outgoing administration says its $20 billion "
        "will be paid.",
        "$20 billion",
        "American",
    ),
    # A place or a channel is no actor: the object of a preposition.
    (
        EU + "The President signed the Act while travelling in Seoul. The Act provides about "
        "$40 billion.",
        "about $40 billion",
        "",
    ),
    (
        EU + "The package holds emergency help for Ukraine and NATO allies. It follows $13.6 "
        "billion in March.",
        "$13.6 billion",
        "",
    ),
    # Only the sentence before counts.
    (
        EU + "Now the United States. Congress met. Talks went on. Lawmakers passed $13.6 billion "
        "in March.",
        "$13.6 billion",
        "",
    ),
    # An amount that names its giver names none before it.
    ("Now the United States. Germany pledged $2 billion.", "$2 billion", ""),
    # A state holding money up does not give it, nor one that goes on holding it up.
    (EU + "Hungary is still holding up €6.6 billion in reimbursements.", "€6.6 billion", ""),
    (EU + "Hungary continues to hold up a €500 million tranche.", "€500 million", ""),
    (EU + "Hungary agreed. The Council then adopted €5 billion.", "€5 billion", "Hungary"),
]


@pytest.mark.parametrize(("text", "amount", "named"), NAMED)
def test_the_giver_named_before_an_amount(amount_rows, text, amount, named):
    assert amount_rows(text)[amount]["named"] == named


RATES = pd.DataFrame({"year": [2024], "currency": ["EUR"], "usd_per_unit": [1.08]})
CORPUS = Corpus(
    frame=pd.DataFrame(
        {"id": ["a"], "text_hash": ["ha"], "published": pd.to_datetime(["2024-05-01"])}
    ),
    path="test",
)


def last_donor(currency: str, named: str, blockers: str = "") -> str:
    """Return the table's donor of a figure with no giver after an amount of the EU's."""
    base = dict.fromkeys(AMOUNT_COLUMNS, "")
    base |= {"text_hash": "ha", "end": 0, "value": 1e9, "value_high": np.nan, "vague": False}
    base |= {"restates": False, "blockers": blockers}
    rows = pd.DataFrame(
        [
            base | {"start": 0, "currency": "EUR", "donor": "the European Union"},
            base | {"start": 200, "currency": currency, "donor": "", "named": named},
        ]
    )
    ents = pd.DataFrame(columns=["article_id", "start", "end", "text", "label"])
    out = amounts_table(CORPUS, rows, ents, load_aliases(), RATES)
    return out.sort_values("start")["donor"].iloc[-1]


# currency | giver named before it | blockers | donor
CARRIED = [
    ("USD", "the United States", "", "United States"),  # before the EU's carried from before it
    ("USD", "Washington", "", "United States"),
    ("USD", "", "", "European Union"),  # none named: carried, as before
    ("EUR", "the United States", "", "European Union"),  # the United States pays in no euros
    ("USD", "Hungary", "Hungary", "European Union"),  # a state that blocks gives nothing
    ("USD", "Hungary", "", "Hungary"),
]


@pytest.mark.parametrize(("currency", "named", "blockers", "donor"), CARRIED)
def test_a_gap_takes_the_giver_named_before_it(currency, named, blockers, donor):
    assert last_donor(currency, named, blockers) == donor
