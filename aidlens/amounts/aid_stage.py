"""The stage an aid word gives an amount: pledged or delivered, and the word that said so.

The aid word is the verb or noun above the amount that aid_verbs.csv lists (donors.py finds
it). What is yet to happen is a pledge ("will send", "plans to provide"); a delivery verb that
only describes a package ("financed through USAI"), goes on ("is providing") or states what a
law does ("The Act provides $40bn") is a pledge too, as is a delivery noun an approving verb
governs ("authorised a disbursement of €4.2bn"). With no aid word, an amount that is itself
described by one ("the first €1bn, paid in August") or that reaches the recipient ("€3bn
reached Kyiv") is delivered; otherwise it is a pledge, as news reports promises far more
than deliveries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# "plans to send", "agreed to provide": what is yet to happen is a pledge, whatever the verb.
_INTENT = "plan intend want agree promise pledge vow expect aim seek decide propose prepare hope"
INTENT_VERBS = frozenset(_INTENT.split())
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "to"})
DESCRIBING = frozenset({"acl", "relcl", "amod"})  # a verb that describes a noun
# Verbs of money arriving, with the amount as their subject: "the first €3bn reached Kyiv".
ARRIVING = frozenset({"reach", "arrive", "land", "flow"})
PRESENT = frozenset({"VBZ", "VBP"})


@dataclass(frozen=True)
class AidVerb:
    """What a verb (or noun) says about an amount: its stage, and whether its subject gives."""

    stage: str
    giver: bool


def aid_stage(span: Span, word: Token | None, verbs: Mapping[str, AidVerb]) -> tuple[str, str]:
    """Return ('pledged' or 'delivered', the aid word) from the word above the amount."""
    if word is None:
        return _without_aid_word(span, verbs)
    chain = [t for t in [word, *word.ancestors] if t.pos_ in ("VERB", "AUX")][:3]
    for verb in chain:
        for aux in verb.children:
            if aux.dep_ in ("aux", "auxpass") and aux.lower_ in FUTURE_AUX:
                return "pledged", f"{aux.lower_} {verb.lower_}"
    if word.dep_ == "xcomp" and word.head.lemma_.lower() in INTENT_VERBS:
        return "pledged", f"{word.head.lower_} to {word.lower_}"
    info = verbs[word.lemma_.lower()]
    if info.giver and _in_subject(span, word):
        return "pledged", f"gives ({word.lower_})"  # "the $15.6bn programme has disbursed"
    if info.stage == "delivered":
        return _delivered_or_not(span, word, verbs)
    return info.stage, word.lower_


def _delivered_or_not(span: Span, word: Token, verbs: Mapping[str, AidVerb]) -> tuple[str, str]:
    """Return the stage a delivery word gives: delivered, unless it describes, goes on, states
    what a law does, or is approved ('authorised a disbursement')."""
    # "a package financed through USAI", "the €18bn the EU is providing": not yet delivered.
    described = word.head.pos_ != "PROPN" and word.head.i != span.root.i  # not "Germany, which"
    if (word.dep_ in DESCRIBING and described) or word.tag_ == "VBG":
        return "pledged", word.lower_
    if word.tag_ in PRESENT and not _named_subject(word):
        return "pledged", f"{word.lower_} (present)"  # "The Act provides $40bn"
    head = word.head
    approving = verbs.get(head.lemma_.lower())
    if word.pos_ == "NOUN" and head.pos_ == "VERB" and approving and approving.stage == "pledged":
        return "pledged", f"{head.lower_} {word.lower_}"  # "authorised a disbursement of"
    return "delivered", word.lower_


def _without_aid_word(span: Span, verbs: Mapping[str, AidVerb]) -> tuple[str, str]:
    """Return the stage of an amount no aid word governs: delivered when it is described by a
    delivery verb or reaches the recipient, else pledged."""
    root = span.root
    for child in root.children:
        info = verbs.get(child.lemma_.lower())
        if child.dep_ == "acl" and child.tag_ == "VBN" and info and info.stage == "delivered":
            return "delivered", child.lower_  # "the first €1bn, paid in early August"
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in ARRIVING:
        return "delivered", root.head.lower_
    return "pledged", "no aid verb"


def _named_subject(verb: Token) -> bool:
    """Return whether a verb's subject is a name ('Germany sends'), not a law or a pronoun."""
    actors = ("GPE", "ORG", "NORP", "PERSON")
    return any(c.dep_ == "nsubj" and c.ent_type_ in actors for c in verb.children)


def _in_subject(span: Span, verb: Token) -> bool:
    """Return whether the amount is in the active subject of `verb` (the giver, not the gift)."""
    return any(
        c.dep_ == "nsubj" and c.left_edge.i <= span.root.i <= c.right_edge.i for c in verb.children
    )
