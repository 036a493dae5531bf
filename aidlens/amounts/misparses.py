"""Mend one misparse of lists of amounts before any rule reads the parse.

"A$50m for near-term needs such as drones and A$50m for longer-term priorities": the small
English parser makes the second amount a conjunct of "drones" (or of "needs"), so every rule
that climbs from it reads the first amount's purpose as its own frame ("needs": an estimate).
The amount is the first amount's conjunct; its head is moved there, once per Doc.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# The words a purpose phrase is built of: "for [near-term] needs [such as drones]".
_INSIDE = frozenset({"conj", "pobj", "prep", "amod", "compound"})
_PURPOSE = frozenset({"for"})


def reattach(spans: list[Span]) -> list[Span]:
    """Move each amount misread as a conjunct inside another amount's purpose to that amount."""
    before_purpose = {s.root.right_edge.i + 1: s.root for s in spans}
    roots = {s.root.i for s in spans}
    for span in spans:
        first = _misattached(span.root, roots, before_purpose)
        if first is not None:
            span.root.head = first
    return spans


def _misattached(tok: Token, roots: set[int], before: dict[int, Token]) -> Token | None:
    """Return the amount `tok` is really a conjunct of, when the parse hangs it on a noun of
    the "for" phrase right after that amount, else None."""
    if tok.dep_ != "conj" or tok.head.i in roots:
        return None
    node = tok.head
    while node.dep_ in _INSIDE and node.head.i != node.i and node.i not in roots:
        if node.dep_ == "prep" and node.lower_ in _PURPOSE:
            first = before.get(node.i)
            # The purpose may hang on the amount or on its verb: "split into A$50m for ...".
            return first if first is not None and first.i < tok.i else None
        node = node.head
    return None
