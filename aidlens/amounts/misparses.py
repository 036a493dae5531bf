"""Mend two misparses around amounts before any rule reads the parse, once per Doc.

"A$50m for near-term needs such as drones and A$50m for longer-term priorities": the small
English parser makes the second amount a conjunct of "drones" (or of "needs"), so every rule
that climbs from it reads the first amount's purpose as its own frame ("needs": an estimate).
The amount is the first amount's conjunct. And "sent Congress a request for $6bn" hangs "for
$6bn" on "sent", so the money reads as sent: the phrase is the request's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.stage_cues import REQUESTED_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# The words a purpose phrase is built of: "for [near-term] needs [such as drones]".
_INSIDE = frozenset({"conj", "pobj", "prep", "amod", "compound"})
_PURPOSE = frozenset({"for"})


def reattach(spans: list[Span]) -> list[Span]:
    """Mend the parse around the amounts (in place) and return them: an amount misread as a
    conjunct inside another amount's purpose goes to that amount, and a request's "for" phrase
    hung on the verb goes to the request."""
    before_purpose = {s.root.right_edge.i + 1: s.root for s in spans}
    roots = {s.root.i for s in spans}
    for span in spans:
        first = _misattached(span.root, roots, before_purpose)
        # Never under its own descendant: the Doc's tree must stay a tree.
        if first is not None and not span.root.is_ancestor(first):
            span.root.head = first
        request = _request_before(span.root)
        if request is not None and not span.root.head.is_ancestor(request):
            span.root.head.head = request
    return spans


def _request_before(tok: Token) -> Token | None:
    """Return the request noun right before the amount's "for" when the parse hangs the "for"
    on the verb over that noun ("sent a budget request for $6bn"), else None."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "for" or prep.i == 0:
        return None
    noun = prep.doc[prep.i - 1]
    on_verb = noun.dep_ == "dobj" and noun.head.i == prep.head.i
    return noun if on_verb and noun.lemma_.lower() in REQUESTED_NOUNS else None


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
