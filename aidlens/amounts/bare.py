"""Figures written with no currency: when one counts money, and whose currency it takes.

A writer going on from "€33bn in loans" writes "and 17 billion in grants"; a speaker reads out
"thirty-seven point seven billion". Such a figure is money in the currency written shortly
before it (finder.py finds it, extractor.py gives it that currency) when the words around it
say money, not people or a currency the rules do not know.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# How far back a written currency lends itself to a figure written without one ("€9 billion
# was promised. ... One billion was paid in August"): about a paragraph.
CONTEXT_TOKENS = 120
# Nouns that name what a figure with no currency pays for ("the sixty billion package"); any
# other noun after it counts something else ("1.5 billion people").
_MONEY_NOUNS = """aid assistance support funding funds fund bill bills package packages loan loans
grant grants plan deal request budget tranche tranches programme program facility supplemental
allocation pledge pledges commitment commitments credit guarantee guarantees instalment installment
payment payments contribution envelope bailout mechanism initiative total sum cost costs price
value money"""
MONEY_NOUNS = frozenset(_MONEY_NOUNS.split())


def bare_money(span: Span) -> bool:
    """Return whether a figure written with no currency counts money: the word after it is no
    noun but the money's own ("17 billion in grants", "the sixty billion package"), where
    "1.5 billion people" counts people and "13.5 trillion roubles" a currency we do not know, nor
    does it count the noun it is the number of ("a million 155mm shells", "six million of the
    12.7 million people")."""
    doc, root = span.doc, span.root
    if root.dep_ in ("nummod", "compound") and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head.lower_ in MONEY_NOUNS  # "1.5 million large-calibre rounds"
    of = [w for c in root.children if c.lower_ == "of" for w in c.children if w.dep_ == "pobj"]
    if of and of[0].pos_ in ("NOUN", "PROPN") and of[0].ent_type_ != "MONEY":
        return of[0].lower_ in MONEY_NOUNS  # "six million of the 12.7 million people"
    after = next((t for t in doc[span.end : span.end + 4] if not _modifies(t)), None)
    return after is None or after.pos_ not in ("NOUN", "PROPN") or after.lower_ in MONEY_NOUNS


def money_word(tok: Token) -> bool:
    """Return whether a word is an amount's, tagged or not: "thirteen", "$", "€41.2bn" (a
    number under its currency sign, which the model often leaves untagged)."""
    if tok.ent_type_ == "MONEY" or tok.like_num or tok.is_currency:
        return True
    return any(c.like_num or c.is_currency for c in tok.children)


def _modifies(tok: Token) -> bool:
    """Return whether a word after a figure is a modifier of what it counts ("155mm", "new")."""
    return tok.pos_ in ("ADJ", "NUM") or tok.like_num or tok.text == "-"


def paid_role(root: Token) -> bool:
    """Return whether a figure stands where money does: not what a thing is ("its population
    is 38 million") or holds ("a country of 2.8 million") unless that thing is money ("the
    package is 60 billion"), nor who acts ("6 million fled"), though what is done to ("one
    billion was paid")."""
    if root.dep_ == "nsubj":
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        return root.head.head.lower_ in MONEY_NOUNS  # "a loan of", not "a country of 2.8 million"
    if root.dep_ in ("attr", "acomp"):
        subjects = [t for t in root.head.children if t.dep_ in ("nsubj", "nsubjpass")]
        return any(t.lower_ in MONEY_NOUNS or t.ent_type_ == "MONEY" for t in subjects)
    return True
