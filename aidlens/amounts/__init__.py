"""Aid amounts: from a spaCy Doc to amount rows, then the amounts table of a corpus.

Finding and parsing money, currencies and rates, context cues, donors and roles, commitments.
"""

from __future__ import annotations

from aidlens.amounts.commitments import load_rates
from aidlens.amounts.donors import role_names
from aidlens.amounts.extractor import AMOUNT_COLUMNS, AmountExtractor
from aidlens.amounts.ledger import COMMITMENT_COLUMNS, commitment_rows
from aidlens.amounts.rates import RateUsed, rate_used, usd_values
from aidlens.amounts.table import AMOUNTS_CSV_COLUMNS, amounts_table

__all__ = [
    "AMOUNTS_CSV_COLUMNS",
    "AMOUNT_COLUMNS",
    "COMMITMENT_COLUMNS",
    "AmountExtractor",
    "RateUsed",
    "amounts_table",
    "commitment_rows",
    "load_rates",
    "rate_used",
    "role_names",
    "usd_values",
]
