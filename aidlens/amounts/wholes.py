"""Which larger amount an amount names as its whole: "its share of the G7's $50bn", "$20bn of
the $50bn loan". parts.py asks these first, then the inclusion words of its frame.

Mention (what part and whole need of one amount row) lives here, so that parts.py and this
module read one class without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from aidlens.amounts.alternation import spelling_ids
from aidlens.amounts.clause import UKRAINE

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SHARE_NOUNS = frozenset({"share", "part", "portion", "contribution"})
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "parataxis"})
VERB_TAGS = frozenset({"VERB", "AUX"})
# How an amount modifies the noun of its whole: "the G7's $50bn loan", "the €50bn facility".
AMOUNT_MODIFIERS = frozenset({"nummod", "compound", "amod", "nmod"})
CONTAINERS = frozenset({"inside", "within", "in"})  # "$61bn for Ukraine inside a $95bn law"
# What a share that is one commitment is called: "of which $61bn was the April package".
PACKAGE_NOUNS = frozenset({"package", "law", "bill", "tranche", "loan", "grant", "programme"})


@dataclass
class Mention:
    """What part and whole need of one amount row of a Doc."""

    span: Span
    sent_start: int
    value: float | None
    currency: str
    stage: str
    reason: str
    for_ukraine: bool  # the recipient is written: "for Ukraine", "to Kyiv"
    restates: bool
    donor: str = ""  # the giver found for the amount (written, or its currency's country)
    part_of: int | None = None  # index of the whole in the Doc's mentions
    tranche_of: int | None = None  # index of the whole a delivery or instalment comes out of
    for_other: bool = False  # another recipient is written: "for Israel", "to Moldova"


def named_whole(mentions: list[Mention], i: int) -> int | None:
    """Return the mention the amount's clause calls it a share of ('signed a loan of ¥471.9bn
    as its share of the G7's $50 billion'), or None."""
    if mentions[i].stage == "delivered":
        return None  # a tranche paid is a commitment of its own (parent_id), not a part
    root = mentions[i].span.root
    clauses = (t for t in root.ancestors if t.pos_ in VERB_TAGS and t.dep_ in CLAUSE_DEPS)
    clause = next(clauses, None)
    if clause is None:
        return None
    shares = _share_ids()
    # Most clauses name no share: look along the clause's words before walking its subtree.
    doc = clause.doc
    if not any(doc[j].lemma in shares for j in range(clause.left_edge.i, clause.right_edge.i + 1)):
        return None
    for tok in clause.subtree:
        if tok.lemma not in shares or tok.left_edge.i <= root.i <= tok.right_edge.i:
            continue
        objects = [o for p in tok.children if p.lower_ == "of" for o in p.children]
        objects += [c for o in objects for c in o.children if c.dep_ in ("nummod", "compound")]
        for j, other in enumerate(mentions):
            if j != i and any(other.span.start <= o.i < other.span.end for o in objects):
                return j
    return None


def partitive_whole(mentions: list[Mention], i: int) -> int | None:
    """Return the larger amount of its currency that the amount is a slice of by 'of': "$20bn
    of the G7's $50bn loan", "only $1bn of the promised $6bn", "Of the $50bn, the US gives
    $20bn" (whether a slice is a part, a tranche or a delivery is link_parts' call)."""
    m = mentions[i]
    root = m.span.root
    preps = [c for c in root.children if c.i >= m.span.end]
    verb = root.head
    if verb.pos_ in VERB_TAGS:  # "Of the $50bn, ...": on the verb, before it (not "made up of")
        preps += [c for c in verb.children if c.i < min(m.span.start, verb.i)]
    objects = [
        o
        for p in preps
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
    ]
    objects += [c for o in objects for c in o.children if c.dep_ in AMOUNT_MODIFIERS]
    for j, other in enumerate(mentions):
        if j == i or not any(other.span.start <= o.i < other.span.end for o in objects):
            continue
        larger = None not in (m.value, other.value) and other.value > m.value
        if larger and other.currency == m.currency and not other.restates:
            return j
    return None


def container_whole(mentions: list[Mention], i: int) -> int | None:
    """Return the larger amount of its currency written after the amount, in its sentence, that
    holds it: "$61bn for Ukraine inside a $95bn law", "within a $95bn package"."""
    m = mentions[i]
    root = m.span.root
    # The container may hang on the verb, or on the verb over a preposition: "asks Congress for
    # $24bn for Ukraine, inside a request of about $40bn".
    verb = root.head.head if root.head.dep_ == "prep" else root.head
    heads = [root, verb] if verb.pos_ in VERB_TAGS else [root]
    preps = [
        c
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in CONTAINERS and c.i >= m.span.end
    ]
    objects = [o for p in preps for o in p.children if o.dep_ == "pobj"]
    if not objects:  # most amounts: no "inside", "within" or "in" after them
        return None
    objects += [c for o in objects for c in o.children if c.dep_ in AMOUNT_MODIFIERS]
    for j in range(i + 1, len(mentions)):
        other = mentions[j]
        if other.sent_start != m.sent_start:
            return None
        inside = any(other.span.start <= o.i < other.span.end for o in objects) or _sized(
            other.span.root, objects
        )
        larger = None not in (m.value, other.value) and other.value > m.value
        if inside and larger and other.currency == m.currency and not other.restates:
            return j
    return None


def _sized(root: Token, nouns: list[Token]) -> bool:
    """Return whether an amount sizes one of the nouns by "worth" or "of" ("a law worth $95bn")."""
    return root.head.lower_ in ("worth", "of") and root.head.head in nouns


def whole_owners(span: Span, ent_of: dict[int, Span]) -> set[str]:
    """Return the actors owning the whole the amount is a share of ('its $20bn share of the G7
    loan'): the group is not the member's giver."""
    share = share_noun(span)
    preps = [] if share is None else [c for c in share.children if c.dep_ == "prep"]
    return {ent_of[t.i].text for p in preps if p.lower_ == "of" for t in p.subtree if t.i in ent_of}


def whole_of_share(amount: Token, noun: Token, of: Token, share: Token) -> bool:
    """Return whether an amount sizes the noun a share is taken "of": the amount is the whole
    ("Japan's share of the $50bn ERA loans"), so the share's owner is not its giver. Not the
    share's own size ("its share of €18.1bn"), nor an owner-less "part of a $700m package"."""
    # Asked of every word above every amount: the cheap lemma test first.
    if share.lemma_.lower() not in SHARE_NOUNS or of.lower_ != "of":
        return False
    sized = noun.pos_ == "NOUN" and amount.i < noun.i  # not "the US share of the loan, $20bn"
    owners = (c for c in share.children if c.dep_ in AMOUNT_MODIFIERS and c.ent_type_)
    return sized and (any(c.dep_ == "poss" for c in share.children) or any(owners))


def share_noun(span: Span) -> Token | None:
    """Return the share noun the amount measures ('its $20bn share', 'the US share, $20bn')."""
    return next((t for t in (span.root, span.root.head) if t.lemma_.lower() in SHARE_NOUNS), None)


@lru_cache(maxsize=1)
def _share_ids() -> frozenset[int]:
    """Return the lemma ids of SHARE_NOUNS in any case: a clause's every word is asked."""
    return frozenset(spelling_ids(SHARE_NOUNS).tolist())


def kind_of_whole(span: Span) -> bool:
    """Return whether the share says what kind of money some of its whole is, with no verb or
    package of its own: "of which A$610m is military", "including £7.8bn in military aid"
    (not "of which the omnibus carried $45bn", "including this spring's $61bn package")."""
    root = span.root
    if any(c.pos_ in VERB_TAGS for c in root.children):
        return False
    if root.head.lower_ == "including":
        return True
    verb = next((t for t in root.ancestors if t.pos_ in VERB_TAGS), None)
    if verb is None or verb.lemma_.lower() != "be" or root.dep_ != "nsubj":
        return False
    said = [c for c in verb.children if c.dep_ == "attr"]
    # "$225m is financing for Ukraine": what Ukraine gets of a package, not a kind of a total.
    named = (t.lower_ for c in said for t in c.subtree)
    return not any(c.lemma_.lower() in PACKAGE_NOUNS for c in said) and not UKRAINE & set(named)
