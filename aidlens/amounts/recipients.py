"""Whether an amount's own words name Ukraine as its recipient ("$500m for Ukraine"), or
several countries ("a $95bn package for Ukraine, Israel and Taiwan": a context figure), and
the country its phrase or aid word gives it to ("gave Ukraine $2bn", "£100m to Poland").

The donor finder's `recipient_of` reads only the amount's own phrase and its aid word; the
extractor asks `names_ukraine` for the recipient a clause or the word above the amount names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from aidlens.amounts.aid_frame import RECIPIENT_WORDS
from aidlens.amounts.clause import NATIONS, UKRAINE
from aidlens.amounts.lexicon import donor_names, is_place
from aidlens.amounts.subjects import overlap, receiver

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

RECIPIENT_DEFAULT = "Ukraine"
# Verbs that say what else a package or request pays for.
COVERING = frozenset({"cover", "include", "bundle", "fund", "combine", "pair", "span", "lump"})


def names_ukraine(span: Span) -> bool:
    """Return whether a 'for'/'to' phrase of the amount, the word above it or a clause on it
    gives Ukraine as the recipient ("$60.8bn is for Ukraine", "$85m for people inside
    Ukraine"): the donor finder reads only the amount's own phrase and its aid word. Not a
    purpose in Ukraine ("for Ukraine's digital economy", "for arms delivered to Ukraine")."""
    clauses = [c for c in span.root.children if c.dep_ in ("acl", "relcl")]
    for head in (span.root, span.root.head, *clauses):
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "to")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if obj.lower_ in RECIPIENT_WORDS or _inside_ukraine(obj):
                    return True
    return False


def _inside_ukraine(noun: Token) -> bool:
    """Return whether a noun is placed in Ukraine ("people inside Ukraine")."""
    preps = (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "inside"))
    return any(o.lower_ in RECIPIENT_WORDS for p in preps for o in p.children)


def several_recipients(span: Span, only_named: bool = False) -> bool:
    """Return whether the amount (or the noun it describes) goes 'for'/'to' several countries:
    "a $95bn package for Ukraine, Israel and Taiwan", "$682m for European partners", "$2.2bn
    for Ukraine and 18 neighbouring countries"; `only_named`: only countries named or counted,
    not a plural ("reimbursements to member states for weapons sent to Ukraine" are aid)."""
    if any(_counted_nations(c) for c in span.root.children if c.dep_ == "conj"):
        return True  # the small parser hangs "and 18 neighbouring countries" on the amount
    if covers_others(span):
        return True
    for tok in (span.root, span.root.head, *_what_it_is(span)):
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("for", "to"):
                continue
            for target in prep.children:
                others = [c for c in target.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
                others += [c for c in target.conjuncts if _counted_nations(c)]
                if target.dep_ == "pobj" and target.pos_ == "PROPN" and others:
                    return True
                # "the remaining $682m goes to European countries", "for European partners";
                # not "for Ukraine and NATO allies"
                nations = target.tag_ == "NNS" and target.lemma_ in NATIONS
                named = [target, *target.conjuncts, *(c for c in target.lefts)]
                ukraine = any(t.lower_ in UKRAINE for n in named for t in n.subtree if t.i <= n.i)
                counted = not only_named or _counted_nations(target)  # "eleven host countries"
                if target.dep_ == "pobj" and nations and not ukraine and counted:
                    return True
    return False


def covers_others(span: Span) -> bool:
    """Return whether a clause on the amount, or on the noun it sizes, says it also covers
    other countries ("a $106bn package that also covers Israel and Taiwan", "a request
    bundling Israel and Ukraine with Taiwan")."""
    root, head = span.root, span.root.head
    noun = head.head if head.lower_ == "worth" else head  # "a bill worth $118bn, which ..."
    sized = root.dep_ in ("nummod", "compound", "quantmod") or head.lower_ == "worth"
    nouns = [root, noun] if sized else [root]
    clauses = (c for n in nouns for c in n.children if c.dep_ in ("relcl", "acl"))
    for clause in (c for c in clauses if c.lemma_.lower() in COVERING):
        named = (t for c in clause.children if c.dep_ in ("dobj", "prep") for t in c.subtree)
        if any(t.ent_type_ == "GPE" and t.lower_ not in UKRAINE for t in named):
            return True
    return False


def _counted_nations(tok: Token) -> bool:
    """Return whether a word names countries counted or others beside the first ("18
    neighbouring countries", "other partners"), wherever the parser hangs it."""
    nations = tok.tag_ == "NNS" and tok.lemma_ in NATIONS
    return nations and any(c.dep_ == "nummod" or c.lower_ == "other" for c in tok.children)


def _what_it_is(span: Span) -> list[Token]:
    """Return what the amount's clause says it is ("$682m of it is financing for European
    partners": "financing"), when the amount is the subject of "be"."""
    root, verb = span.root, span.root.head
    if root.dep_ != "nsubj" or verb.lemma_ != "be":
        return []
    return [c for c in verb.children if c.dep_ == "attr"]


def recipient_of(
    span: Span, word: Token | None, ent_of: dict[int, Span], actor: Callable[[str], str]
) -> str:
    """Return the country or known actor the amount goes 'to'/'for', or that receives it;
    `actor` names an entity text's actor by the shipped tables."""
    got = receiver(word, ent_of)
    if got is not None and is_place(got) and not overlap(got, span):
        return got.text
    for head in (span.root, word):
        if head is None:
            continue
        for child in head.children:
            # A dative stands before the amount: "gave Ukraine $2bn"; another country there
            # is the giver of a list ("will provide £2bn, Canada C$5bn"), parsed as a dative.
            dative = child.dep_ == "dative" and child.i < span.start
            ukraine = child.i in ent_of and actor(ent_of[child.i].text) == RECIPIENT_DEFAULT
            targets = [child] if dative and ukraine else []
            if child.dep_ == "prep" and child.lower_ in ("to", "for"):
                targets = [c for c in child.children if c.dep_ == "pobj"]
            for target in targets:
                ent = ent_of.get(target.i)
                if ent is None or overlap(ent, span):
                    continue  # "NOK" in "NOK 75 billion" is tagged ORG
                name = actor(ent.text)
                if is_place(ent) or name in donor_names():
                    return ent.text
                if name == RECIPIENT_DEFAULT:
                    return ent.text
    return ""
