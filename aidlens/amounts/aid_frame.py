"""The aid noun or recipient that frames an amount with no aid verb: "a €50bn facility", "$2bn
in military aid", "$500m for Ukraine" are aid; a bare figure no such word frames is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Nouns that name aid or an aid instrument: an amount they frame is aid with no aid verb.
_FRAME = "package programme program facility aid assistance support funding loan grant tranche"
_FRAME += " drawdown fund commitment contribution initiative scheme instrument financing"
_FRAME += " framework appropriation lending credit guarantee donation pledge help share"
_FRAME += " transfer payment"
AID_FRAME_NOUNS = frozenset(_FRAME.split())
RECIPIENT_WORDS = frozenset({"ukraine", "kyiv", "ukrainian", "ukrainians"})
# Links from an amount up to the noun it measures: "a package worth $2bn", "€4bn of loans".
_FRAME_DEPS = frozenset(
    {"prep", "pobj", "amod", "npadvmod", "appos", "nummod", "compound", "nmod", "conj"}
)
# What a package does with its parts: "The package includes €500m for demining".
HOLDING_VERBS = frozenset({"include", "contain", "comprise", "combine", "cover", "carry"})


def aid_frame(span: Span) -> str:
    """Return the aid noun or recipient that frames the amount ('' when none does)."""
    tok = span.root
    for _ in range(4):  # "a package worth about €188m": amount -> worth -> package
        up = _frame_parent(tok)
        if up is None:
            break
        tok = up
        # Not by part of speech: the small model tags "drawdown" as an adverb.
        if tok.pos_ not in ("VERB", "AUX") and tok.lemma_.lower() in AID_FRAME_NOUNS:
            return tok.lower_
        named = [c for c in tok.children if c.dep_ in ("compound", "amod")]
        if tok.pos_ == "NOUN" and any(c.lower_ in RECIPIENT_WORDS for c in named):
            return f"{named[0].lower_} {tok.lower_}"  # "the Ukraine bill, worth $60.84bn"
    verb = span.root.head
    if verb.pos_ == "VERB" and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "aside" for c in verb.children
    ):
        return f"{verb.lower_} aside"  # "Berlin has set aside €7bn"
    if verb.lemma_.lower() in HOLDING_VERBS and span.root.dep_ == "dobj":
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        holder = subject.lemma_.lower() if subject is not None else ""
        if holder in AID_FRAME_NOUNS or (subject is not None and subject.pos_ == "PRON"):
            return f"{verb.lower_}"  # "The package also includes €500m", "It contains $6bn"
    clauses = [c for c in span.root.children if c.dep_ in ("acl", "relcl")]
    for head in (span.root, span.root.head, *clauses):
        for prep in (c for c in head.children if c.dep_ == "prep"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                words = {t.lower_ for t in obj.subtree}  # "for equipping Ukrainian forces"
                if prep.lower_ in ("in", "of", "for") and obj.lemma_.lower() in AID_FRAME_NOUNS:
                    return f"{prep.lower_} {obj.lower_}"  # "$2bn in military aid"
                if prep.lower_ in ("for", "to") and words & RECIPIENT_WORDS:
                    return f"{prep.lower_} {obj.lower_}"  # "$500m for Ukraine"
    return ""


def _frame_parent(tok: Token) -> Token | None:
    """Return the word the amount (or a word above it) measures or describes, if any.

    Through a copula to its subject ("Denmark's share is about DKK 580m") and from a
    relative clause to its noun ("loans, which together are worth €45bn").
    """
    if tok.head.i == tok.i:
        return None
    if tok.dep_ in ("attr", "acomp", "prep") and tok.head.lemma_ == "be":
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ != "PRON":
            return subject
        return tok.head.head if tok.head.dep_ == "relcl" else None
    return tok.head if tok.dep_ in _FRAME_DEPS else None
