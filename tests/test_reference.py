"""Whether an amount points back to a commitment already told or announces a new one."""

from __future__ import annotations

import numpy as np
import pytest

from aidlens.amounts.commitments import linkable_rows
from aidlens.amounts.extractor import AmountExtractor
from aidlens.amounts.linking import PAIR_FEATURES, pair_features
from aidlens.amounts.reference import INDEFINITE, KNOWN, NEW
from tests.test_commitments import frame

# sentence | the amount | its reference, read by the real pipeline's parse
CASES = [
    ("The $61 billion package finally passed the House.", "$61 billion", KNOWN),
    ("Congress approved the $61 billion in April.", "$61 billion", KNOWN),
    ("The EU's €50 billion facility began paying out.", "€50 billion", KNOWN),
    ("Its €18 billion loan arrived in monthly instalments.", "€18 billion", KNOWN),
    ("Biden announced a further $800 million in security assistance.", "$800 million", NEW),
    ("Germany pledged another €500 million package on Monday.", "€500 million", NEW),
    ("Japan will provide an additional $5.5 billion in financial support.", "$5.5 billion", NEW),
    ("The White House unveiled $1.85 billion in new security assistance.", "$1.85 billion", NEW),
    ("The Pentagon announced a $1.1 billion package on Friday.", "$1.1 billion", INDEFINITE),
    ("Canada signed a loan of C$5 billion with Kyiv.", "C$5 billion", INDEFINITE),
    ("Norway gave $2 billion to Ukraine last year.", "$2 billion", ""),
]


@pytest.mark.parametrize(("sentence", "amount", "reference"), CASES)
def test_the_reference_of_an_amount(nlp, sentence, amount, reference):
    rows = AmountExtractor(nlp.vocab, aid_model=None)(nlp(sentence), sentence)
    assert {r["text"]: r["reference"] for r in rows}[amount] == reference


@pytest.mark.parametrize(
    ("references", "known", "new"),
    [
        (("", KNOWN), 1.0, 0.0),  # "... the $61bn": the later points back
        ((KNOWN, ""), 0.0, 0.0),  # only the earlier does: it says nothing of the later
        (("", NEW), 0.0, 1.0),  # "... a further $61bn": a new one
        ((INDEFINITE, INDEFINITE), 0.0, 0.0),
    ],
)
def test_the_pair_reads_the_later_mentions_reference(references, known, new):
    amounts = frame(
        [("a", 0, 10, "Japan", 61e9, None, "USD"), ("b", 30, 10, "Japan", 61e9, None, "USD")]
    )
    amounts["stage"], amounts["instrument"] = "pledged", ""
    amounts["reference"] = list(references)
    d = linkable_rows(amounts)
    for i, j in ((0, 1), (1, 0)):  # whichever way round the pair comes
        x = pair_features(d, np.array([i]), np.array([j]))[0]
        got = dict(zip(PAIR_FEATURES, x, strict=True))
        assert (got["later_known"], got["later_new"]) == (known, new)


def test_a_restatement_in_another_currency_takes_the_figures_reference():
    # "the €2bn ($2.2bn)": the dollars point back as the euros do.
    amounts = frame(
        [("a", 0, 10, "Germany", 2e9, None, "EUR"), ("a", 0, 20, "Germany", 2.2e9, None, "USD")]
    )
    amounts["stage"], amounts["instrument"] = "pledged", ""
    amounts["restates"] = [False, True]
    amounts["reference"] = [KNOWN, ""]
    assert linkable_rows(amounts)["reference"].tolist() == [KNOWN, KNOWN]
