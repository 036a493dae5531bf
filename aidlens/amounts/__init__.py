"""Aid amounts: from a spaCy Doc to amount rows, then the amounts table of a corpus.

Finding and parsing money, currencies and rates, context cues, donors and roles, commitments.
"""

from __future__ import annotations

from aidlens.amounts.commitments import load_rates, usd_rates
from aidlens.amounts.currencies import CODES as CURRENCY_CODES
from aidlens.amounts.donors import AID_TYPES
from aidlens.amounts.extractor import AMOUNT_COLUMNS, AmountExtractor
from aidlens.amounts.parse import parse_amount
from aidlens.amounts.table import AMOUNTS_CSV_COLUMNS, amounts_table

__all__ = [
    "AID_TYPES",
    "AMOUNTS_CSV_COLUMNS",
    "AMOUNT_COLUMNS",
    "AmountExtractor",
    "CURRENCY_CODES",
    "amounts_table",
    "load_rates",
    "parse_amount",
    "usd_rates",
]
