"""What blocks an amount: the verbs that veto, fail, reject or hold up what they govern.

Both the stage (stage.py: such a verb makes an amount `blocked`) and the donor (donors.py: its
subject is the blocker, "Hungary vetoed the €50bn", not the giver) read them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from aidlens.amounts.alternation import among, spelling_ids

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_BLOCKED = "veto block reject fail withdraw scrap stall shelve sink derail halt suspend cancel stop"
_BLOCKED += " collapse"  # "the plan for a €140bn loan collapsed"
BLOCKED_VERBS = frozenset([*_BLOCKED.split(), "refuse", "oppose", "thwart", "stymie", "prevent"])
BLOCKED_STATES = frozenset({"stuck"})  # its lemma, "stick", blocks nothing ("stick to")
# Verb + particle: "left out", "voted down", "held up", "held back", "stripped out", "fell
# through".
BLOCKED_PARTICLES = frozenset(
    {
        ("leave", "out"),
        ("vote", "down"),
        ("hold", "up"),
        ("hold", "back"),
        ("strip", "out"),
        ("fall", "through"),
    }
)

# What one state does to a decision of many: "Hungary vetoed the €50bn", "Budapest blocked".
VETOING = frozenset({"veto", "block"})
# Verbs whose subject is what fails, not who blocks it: "the package stalled".
SUBJECT_FAILS = frozenset({"fail", "stall", "sink", "halt", "stop", "collapse", "fall"})
# What a blocker holds, lifts or drops: "Budapest lifted its veto", "Hungary dropped its
# objections". The verb changes; its subject is still the one holding the money up.
BLOCK_NOUNS = frozenset({"veto", "objection", "opposition", "blockade", "hold"})
# What a state withholds to block a decision of many: "Hungary withheld its vote".
WITHHELD = frozenset({"vote", "consent", "approval", "signature"})
WITHHOLDING = frozenset({"withhold", "deny"})


def holds_block(verb: Token) -> bool:
    """Return whether a verb's object is a veto or an objection ('lifted its veto')."""
    return bool(_block_objects(verb))


def vetoing_verbs(doc: Doc) -> list[Token]:
    """Return the verbs of `doc` that veto or block (VETOING), or whose object is their
    subject's own veto or objection ('lifted its veto', not 'overcame a Hungarian veto'), or
    its own vote withheld ('withheld its vote').

    Read from the Doc's arrays, lemmas as string ids: making a Token of every token of every
    text, and walking every verb's children, was a tenth of the extraction's time."""
    from spacy import parts_of_speech  # lazily: the tables are built without spaCy
    from spacy.attrs import DEP, LEMMA, POS

    if not len(doc):
        return []
    pos, dep, lemma = doc.to_array([POS, DEP, LEMMA]).T  # uint64: string hashes and ids
    # Only the objects' and the verbs' lemmas are searched for: a search of every token's
    # among the thousands of spellings misses the processor's cache at every step.
    objects = np.flatnonzero(dep == doc.vocab.strings["dobj"])
    withheld = [doc[int(i)] for i in objects[among(lemma[objects], spelling_ids(WITHHELD))]]
    objects = objects[among(lemma[objects], spelling_ids(BLOCK_NOUNS))]
    owned = [doc[int(i)] for i in objects]
    owned += [t for t in withheld if t.head.lemma_.lower() in WITHHOLDING]
    holders = {t.head.i for t in owned if any(g.dep_ == "poss" for g in t.children)}
    verbs = np.flatnonzero((pos == parts_of_speech.VERB) | (pos == parts_of_speech.AUX))
    held = np.zeros(len(doc), bool)
    held[list(holders)] = True
    vetoing = among(lemma[verbs], spelling_ids(VETOING)) | held[verbs]
    return [doc[int(i)] for i in verbs[vetoing]]


def _block_objects(verb: Token) -> list[Token]:
    """Return the vetoes or objections a verb has as its object."""
    return [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in BLOCK_NOUNS]


def blocks(verb: Token) -> bool:
    """Return whether a verb blocks what it governs ('vetoed', 'held up', 'refused'): its
    subject is the blocker, not a giver; or is a blocked state in the passive ("the €500m
    tranche is stuck", "has been stuck since May")."""
    if _blocked_state(verb):
        return True
    lemma = verb.lemma_.lower()
    particles = particles_of(verb)
    if lemma == "decline" and any(c.dep_ == "xcomp" for c in verb.children):
        return True  # "declined to release the €3bn", not "aid declined to €2bn"
    return lemma in BLOCKED_VERBS or any((lemma, p) in BLOCKED_PARTICLES for p in particles)


def particles_of(verb: Token) -> set[str]:
    """Return a verb's particles as the parser reads them or not ("held back", "held it up")."""
    return {c.lower_ for c in verb.children if _particle(c)}


def _blocked_state(verb: Token) -> bool:
    """Return whether a passive participle names a blocked state: the parser reads "is stuck"
    as the passive of "stick", not as "remains stuck" (an adjective the frame already reads).
    Not a past perfect's: "approved something that had been stuck since the autumn" ended it."""
    auxes = {c.dep_: c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    passive = "auxpass" in auxes and auxes.get("aux") != "had"
    return verb.tag_ == "VBN" and verb.lower_ in BLOCKED_STATES and passive


def _particle(child: Token) -> bool:
    """Return whether a verb's child is its particle, as the parser reads one or not: "held
    up", "fell through" (an adverb or a preposition with nothing under it), "left the $24bn out
    of"."""
    if child.dep_ == "prt":
        return True
    bare = child.dep_ in ("advmod", "prep") and child.n_lefts + child.n_rights == 0
    return bare or _split_out(child)  # not "holds €11.5bn, up from €8.5bn"


def _split_out(child: Token) -> bool:
    """Return whether a verb's child is 'out' of 'out of', its particle with the object between
    ('left the $24bn out of the deal'), which the parser reads as a preposition."""
    return (
        child.dep_ == "prep"
        and child.lower_ == "out"
        and any(g.dep_ == "prep" and g.lower_ == "of" for g in child.children)
    )
