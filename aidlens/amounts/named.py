"""The giver a text names last before an amount that names none.

"Now the United States. Lawmakers passed $13.6bn in March": the dollars are the United States',
not the piece's main donor's. Only a name that stands as an actor counts: a subject, a heading,
an owner ("Washington's $20bn"), not a place or a channel ("in Seoul", "at the World Bank",
"for NATO allies"), which the parse gives as the object of a preposition.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

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


def named_giver(ents: Sequence[Span], start: int, stop: int, actor: Callable[[str], str]) -> str:
    """Return the text of the last name standing for a donor as an actor among `ents[:stop]`
    (the doc's entities in order) that start at token `start` or later ('' if none). Walked back
    from `stop`: no copy of the entities before each amount."""
    donors = donor_names()
    for k in range(stop - 1, -1, -1):
        ent = ents[k]
        if ent.start < start:
            break
        if ent.label_ in LABELS and actor(ent.text) in donors and not in_setting(ent.root):
            return ent.text
    return ""
