"""The giver a text names last before an amount that names none.

"Now the United States. Lawmakers passed $13.6bn in March": the dollars are the United States',
not the piece's main donor's. Only a name that stands as an actor counts: a subject, a heading,
an owner ("Washington's $20bn"), not a place or a channel ("in Seoul", "at the World Bank",
"for NATO allies"), which the parse gives as the object of a preposition, nor one blocking.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from aidlens.amounts.blocking import blocks, holds_block
from aidlens.amounts.lexicon import donor_names

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LABELS = frozenset(("GPE", "ORG", "NORP"))
# Words that pass a name's role up to the word they attach to: "the US Treasury" (compound),
# "Britain and Canada" (conj), "the American share" (amod).
PASSING = frozenset(("compound", "conj", "amod", "nmod", "appos"))


def in_setting(token: Token) -> bool:
    """Return whether a name's root is, through the words that pass its role up, the object of a
    preposition: a place or a channel, not an actor."""
    seen = 0
    while token.dep_ in PASSING and token.head is not token and seen < 8:
        token, seen = token.head, seen + 1
    return token.dep_ == "pobj"


def _acting(root: Token) -> bool:
    """Return whether a name's root stands as a giving actor: not in a setting, nor the subject
    of a verb that blocks ("Hungary is holding up €6.6bn", "Budapest lifted its veto",
    "Hungary continues to hold up €500m")."""
    verbs = [root.head, *(c for c in root.head.children if c.dep_ == "xcomp")]
    blocking = root.dep_ == "nsubj" and any(blocks(v) or holds_block(v) for v in verbs)
    return not blocking and not in_setting(root)


def named_giver(ents: Sequence[Span], start: int, stop: int, actor: Callable[[str], str]) -> str:
    """Return the text of the last name standing for a donor as an actor among `ents[:stop]`
    (the doc's entities in order) that start at token `start` or later ('' if none). Walked back
    from `stop`: no copy of the entities before each amount."""
    donors = donor_names()
    for k in range(stop - 1, -1, -1):
        ent = ents[k]
        if ent.start < start:
            break
        if ent.label_ in LABELS and actor(ent.text) in donors and _acting(ent.root):
            return ent.text
    return ""
