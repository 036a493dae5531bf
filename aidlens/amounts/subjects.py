"""Names near an amount that are not its giver: the actor blocking it, a place, a channel.

"Hungary vetoed the €50bn": Hungary blocks, the giver is elsewhere (donors.py skips it); so
do "at their summit in Italy" (a place) and "through the World Bank" (a channel). A
pronoun's antecedent ("Belgium ... It has committed €1bn") was tried as the giver too and left
out: it did worse on the tuning sets (BENCHMARKS.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from aidlens.amounts.blocking import SUBJECT_FAILS, blocks, holds_block

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECTS = ("nsubj", "nsubjpass")
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside"})
NOT_GIVING_VERBS = frozenset({"withdraw", "veto", "block", "oppose", "object", "host", "visit"})
CHANNEL_PREPOSITIONS = frozenset({"through", "via", "into", "to"})
CHANNEL_DEPTH = 4  # "into a fund managed by the World Bank": by, managed, fund, into


def blocker(span: Span, subject_of: Callable[[Token], Span | None]) -> Span | None:
    """Return the actor blocking the amount ('Hungary vetoed the €50bn'), or None.

    The subject of a verb that only fails ('the bill failed', 'aid stalled') is what is
    blocked, and so is a subject holding the amount ('a bill with $60bn was blocked').
    """
    for tok in span.root.ancestors:
        if tok.pos_ not in ("VERB", "AUX") or not blocks(tok):
            continue
        heads = [c for c in tok.children if c.dep_ in SUBJECTS]
        if tok.lemma_.lower() in SUBJECT_FAILS or any(span.root in h.subtree for h in heads):
            return None
        return subject_of(tok)
    return None


def named_not_giving(ent: Span) -> bool:
    """Return whether an entity is written as a place ('at their summit in Italy'), a channel
    ('through the World Bank', 'into a World Bank fund') or a state lifting its block."""
    head = ent.root.head
    if ent.root.dep_ == "pobj" and head.lower_ in PLACE_PREPOSITIONS:
        return True
    if _is_channel(ent):
        return True
    # The subject of a blocking verb is no giver: "after Hungary withdrew its objections"; nor
    # is one lifting its veto ("Budapest lifted its objection, and the €18bn can go ahead").
    blocking = head.lemma_.lower() in NOT_GIVING_VERBS or holds_block(head)
    return ent.root.dep_ == "nsubj" and blocking


def _is_channel(ent: Span) -> bool:
    """Return whether an entity is inside a phrase the money goes through or into: "channel
    $4.5bn through the World Bank", "disbursed $20bn to a World Bank fund", "into a fund
    managed by the World Bank". A few words up, so as not to climb out of the phrase."""
    for tok in list(ent.root.ancestors)[:CHANNEL_DEPTH]:
        if tok.dep_ == "prep" and tok.lower_ in CHANNEL_PREPOSITIONS:
            return True
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("acl", "relcl"):
            return False
    return False


def passing_agent(noun: Token) -> Token | None:
    """Return who passed, approved or proposed the noun, as a participle's agent says ('a bill
    passed by the U.S. Senate', 'the facility proposed by the Commission'); not one blocking it
    ('a package vetoed by Hungary')."""
    for verb in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        if blocks(verb) or verb.lemma_.lower() in NOT_GIVING_VERBS:
            continue
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None
