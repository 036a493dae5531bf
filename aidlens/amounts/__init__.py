"""Aid amounts: from a spaCy Doc to amount rows, then the amounts table of a corpus.

Finding and parsing money, currencies and rates, context cues, donors and roles, commitments.
"""

from __future__ import annotations

from aidlens.amounts.aid_model import AID, AID_MODEL_DIR, NOT_AID, AidCheck, aid_probabilities
from aidlens.amounts.aid_trees import TreeNode, Trees, write_trees
from aidlens.amounts.commitments import linkable_rows, load_rates, usd_rates
from aidlens.amounts.currencies import CODES as CURRENCY_CODES
from aidlens.amounts.extractor import AMOUNT_COLUMNS, SHIPPED, AmountExtractor
from aidlens.amounts.ledger import COMMITMENT_COLUMNS, commitment_rows, in_aid_whole
from aidlens.amounts.lexicon import AID_TYPES, role_names
from aidlens.amounts.linking import (
    LINK_MODEL,
    PAIR_FEATURES,
    LinkModel,
    candidate_pairs,
    load_link_model,
    pair_features,
)
from aidlens.amounts.pair_trees import PairNode, PairTrees
from aidlens.amounts.parse import parse_amount
from aidlens.amounts.rates import RateUsed, rate_used, rates_on, usd_values
from aidlens.amounts.table import AMOUNTS_CSV_COLUMNS, amounts_table, described_amounts

__all__ = [
    "AID",
    "AID_MODEL_DIR",
    "NOT_AID",
    "AidCheck",
    "TreeNode",
    "Trees",
    "write_trees",
    "aid_probabilities",
    "AID_TYPES",
    "AMOUNTS_CSV_COLUMNS",
    "AMOUNT_COLUMNS",
    "COMMITMENT_COLUMNS",
    "CURRENCY_CODES",
    "AmountExtractor",
    "SHIPPED",
    "RateUsed",
    "amounts_table",
    "candidate_pairs",
    "described_amounts",
    "LINK_MODEL",
    "LinkModel",
    "load_link_model",
    "PairNode",
    "PairTrees",
    "linkable_rows",
    "PAIR_FEATURES",
    "pair_features",
    "commitment_rows",
    "in_aid_whole",
    "load_rates",
    "parse_amount",
    "rate_used",
    "rates_on",
    "role_names",
    "usd_rates",
    "usd_values",
]
