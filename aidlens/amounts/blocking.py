"""What blocks an amount: the verbs that veto, fail, reject or hold up what they govern.

Both the stage (stage.py: such a verb makes an amount `blocked`) and the donor (donors.py: its
subject is the blocker, "Hungary vetoed the €50bn", not the giver) read them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_BLOCKED = "veto block reject fail withdraw scrap stall shelve sink derail halt suspend cancel stop"
BLOCKED_VERBS = frozenset([*_BLOCKED.split(), "refuse", "oppose", "thwart", "stymie", "prevent"])
# Verb + particle: "left out", "voted down", "held up", "stripped out".
BLOCKED_PARTICLES = frozenset(
    {("leave", "out"), ("vote", "down"), ("hold", "up"), ("strip", "out")}
)

# Verbs whose subject is what fails, not who blocks it: "the package stalled".
SUBJECT_FAILS = frozenset({"fail", "stall", "sink", "halt", "stop"})


def blocks(verb: Token) -> bool:
    """Return whether a verb blocks what it governs ('vetoed', 'held up', 'refused'): its
    subject is the blocker, not a giver."""
    lemma = verb.lemma_.lower()
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    return lemma in BLOCKED_VERBS or any((lemma, p) in BLOCKED_PARTICLES for p in particles)
