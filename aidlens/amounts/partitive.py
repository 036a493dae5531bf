"""The whole a delivered part is taken from: "the first €1bn of its €9bn", "paid €3bn under
the €18bn loan". Such a whole keeps its own stage (aid_stage.py, stage.py): paying a part
delivers the part, not the whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.bare import money_word

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# What a delivered part is called, taken "of" its whole: "the first slice of the €18bn loan".
_PARTS = "first second third last next slice share tranche part portion half instalment"
PART_WORDS = frozenset((_PARTS + " installment rest remainder bulk payment").split())
FIRST_WORDS = frozenset({"first", "initial", "early"})
PAYING = frozenset({"pay", "disburse", "release", "transfer"})  # what pays a part of a whole


def whole_of_part(span: Span) -> bool:
    """Return whether the amount is the whole a delivered part is taken from or paid under:
    'the first €1bn of its €9bn', 'Of the €9bn, €1bn arrived', 'paid €3bn under the €18bn loan'."""
    tok = span.root
    if tok.head.dep_ == "pobj" and tok.dep_ in ("compound", "nummod", "amod", "nmod"):
        tok = tok.head  # "the €18bn loan programme": the noun the amount measures
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("of", "under", "from"):
        return False
    # "a first tranche of €1.5bn" is the tranche's own size; not "the first slice of up to
    # €9bn that leaders endorsed", which a clause of its own makes a whole
    named = any(c.dep_ in ("det", "poss", "relcl") for c in tok.children)
    owner = tok.head.head
    if tok.i == span.root.i and not named:
        return _sized_whole(owner)
    if tok.head.lower_ == "from":  # "the first tanks from the A$245m package arrived"
        paying = owner.pos_ == "VERB" and owner.lemma_.lower() in PAYING  # "paid €1.5bn from its"
        return named and (paying or any(c.lower_ in FIRST_WORDS for c in owner.children))
    return owner.pos_ == "VERB" or money_word(owner) or owner.lemma_.lower() in PART_WORDS


def _sized_whole(noun: Token) -> bool:
    """Return whether a noun an amount sizes ("an emergency loan of €1.2bn") is itself the
    whole a part is taken of ("the first €600m of an emergency loan of €1.2bn")."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.pos_ != "NOUN":
        return False
    part = noun.head.head
    return money_word(part) or part.lemma_.lower() in PART_WORDS
