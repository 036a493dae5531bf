"""Rules: annotators' corrections kept as spaCy EntityRuler phrase patterns (patterns.jsonl in the
data folder), applied after the model's NER to every article, and offered from repeated fixes.
"""

from __future__ import annotations

from aidlens.rules.apply import ENTITY_ORIGIN_COLUMNS, RuleOverlay, apply_rules
from aidlens.rules.match import find_phrase, keep_longest
from aidlens.rules.patterns import (
    PATTERNS_FILE,
    Rule,
    RuleSet,
    add_rule,
    load_rules,
    remove_rule,
)
from aidlens.rules.suggest import rule_suggestions

__all__ = [
    "ENTITY_ORIGIN_COLUMNS",
    "PATTERNS_FILE",
    "Rule",
    "RuleOverlay",
    "RuleSet",
    "add_rule",
    "find_phrase",
    "keep_longest",
    "apply_rules",
    "load_rules",
    "remove_rule",
    "rule_suggestions",
]
