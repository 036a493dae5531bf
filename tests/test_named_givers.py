"""A figure with no giver takes the giver its text names last before it (named_givers)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aidlens.amounts.extractor import AMOUNT_COLUMNS
from aidlens.amounts.table import NAMED_WITHIN, amounts_table
from aidlens.corpus.articles import Corpus
from aidlens.corpus.canonical import load_aliases

RATES = pd.DataFrame({"year": [2024], "currency": ["EUR"], "usd_per_unit": [1.08]})
CORPUS = Corpus(
    frame=pd.DataFrame(
        {"id": ["a"], "text_hash": ["ha"], "published": pd.to_datetime(["2024-05-01"])}
    ),
    path="test",
)


def donors(
    amounts: list[tuple[int, str, str]], entities: list[tuple[int, str, str]], blockers: str = ""
) -> list[str]:
    """Return the table's donors of amounts (start, currency, donor as written) among entities
    (start, text, label) of one article on EU aid."""
    base = dict.fromkeys(AMOUNT_COLUMNS, "")
    base |= {"text_hash": "ha", "end": 0, "value": 1e9, "value_high": np.nan, "vague": False}
    base |= {"restates": False, "blockers": blockers}
    rows = pd.DataFrame([base | {"start": s, "currency": c, "donor": d} for s, c, d in amounts])
    ents = pd.DataFrame(entities, columns=["start", "text", "label"]).assign(article_id="a")
    out = amounts_table(CORPUS, rows, ents, load_aliases(), RATES)
    return out.sort_values("start")["donor"].tolist()


EU_FIRST = (0, "EUR", "the European Union")
# amounts after the EU's | entities named | donors
CASES = [
    # "Now the United States. Lawmakers passed $13.6bn": the dollars are the United States'.
    ([(200, "USD", "")], [(150, "the United States", "GPE")], "United States"),
    # ... and "Washington" is the United States too.
    ([(200, "USD", "")], [(150, "Washington", "GPE")], "United States"),
    # Named too far back (about two sentences): the article's giver, as before.
    ([(200 + NAMED_WITHIN, "USD", "")], [(150, "the United States", "GPE")], "European Union"),
    # An amount that names its giver after the name: that giver carries, as before.
    (
        [(180, "USD", "Brussels"), (200, "USD", "")],
        [(150, "the United States", "GPE")],
        "European Union",
    ),
    # The United States pays in no euros: the euros stay the Union's.
    ([(200, "EUR", "")], [(150, "the United States", "GPE")], "European Union"),
]


@pytest.mark.parametrize(("amounts", "entities", "donor"), CASES)
def test_a_gap_takes_the_giver_named_last_before_it(amounts, entities, donor):
    eu = [(10, "the European Union", "ORG"), (60, "the European Union", "ORG")]
    got = donors([EU_FIRST, *amounts], [*eu, *entities])
    assert got[-1] == donor


def test_a_state_that_blocks_in_the_text_is_never_named_as_the_giver():
    amounts = [EU_FIRST, (200, "USD", "")]
    entities = [(10, "the European Union", "ORG"), (150, "Hungary", "GPE")]
    assert donors(amounts, entities, blockers="Hungary")[-1] == "European Union"
    assert donors(amounts, entities)[-1] == "Hungary"
