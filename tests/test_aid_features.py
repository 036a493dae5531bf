"""What the learned aid check reads of an amount's size: US dollars, whatever the currency."""

from __future__ import annotations

import pytest

from aidlens.amounts.extractor import AmountExtractor
from aidlens.amounts.features import _rule_features

# sentence | amount text | its size feature: the decade of its US$ value at one rate per currency
SIZE_TABLE = """
Japan approved ¥471.9 billion for Ukraine through the World Bank. | ¥471.9 billion | mag_9
Seoul pledged 3 trillion won in loans to Ukraine. | 3 trillion won | mag_9
The IMF approved about Rs 10,700 crore for Ukraine. | about Rs 10,700 crore | mag_9
Norway will give NOK 75 billion over five years. | NOK 75 billion | mag_9
Kyiv raised UAH 110 billion at auction. | UAH 110 billion | mag_9
The US sent $325 million in new weapons. | $325 million | mag_8
The IMF approved SDR 11.6 billion for Ukraine. | SDR 11.6 billion | mag_10
The EU agreed €50 billion for Ukraine. | €50 billion | mag_10
"""
SIZE_CASES = [tuple(c.strip() for c in line.split("|")) for line in SIZE_TABLE.strip().splitlines()]


@pytest.fixture(scope="module")
def rule_rows(nlp):
    """Return the rules' rows and feature words of a sentence, with the real pipeline."""
    amounts = AmountExtractor(nlp.vocab, aid_model=None)
    return lambda text: amounts.rule_rows(nlp(text))


@pytest.mark.parametrize(("sentence", "amount", "size"), SIZE_CASES)
def test_an_amounts_size_is_read_in_us_dollars(rule_rows, sentence, amount, size):
    rows, features = rule_rows(sentence)
    by_text = dict(zip((r["text"] for r in rows), features, strict=True))
    assert [f for f in by_text[amount] if f.startswith("mag_")] == [size]


@pytest.mark.parametrize("currency", ["", "XYZ"])
def test_an_amount_of_a_currency_with_no_rate_keeps_its_written_size(currency):
    row = {"stage": "pledged", "reason": "approved", "value": 5e9, "currency": currency}
    assert [f for f in _rule_features(row) if f.startswith("mag_")] == ["mag_9"]
