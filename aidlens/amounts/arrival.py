"""Money arriving: the verb that says an amount reached the recipient ("€3bn reached Kyiv",
"the first £752m has gone out"), read before any aid word above it (aid_stage.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.aid_frame import RECIPIENT_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs of money arriving, with the amount as their subject: "the first €3bn reached Kyiv".
ARRIVING = frozenset({"reach", "arrive", "land", "flow"})


def arriving(root: Token, whole: bool) -> Token | None:
    """Return the verb of arriving the amount is the subject of ('€3bn reached Kyiv'), if any.

    The small model often hangs that verb under the amount as a clause ('paying out: the
    first €3bn reached Kyiv'), so a past clause of arriving counts too. The `whole` a part
    arriving is taken of did not arrive ("the first €1bn of a planned €9bn arrived").
    """
    # The amount or the noun it measures ("a line of up to C$1bn went out") is the subject.
    of = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root
    of = root if whole else of
    for subject in (s for s in (root, of) if s.dep_ == "nsubj"):
        if subject.head.lemma_.lower() in ARRIVING or _gone(subject.head):
            return subject.head
    clauses = (c for c in root.children if c.dep_ in ("acl", "relcl") and _past_active(c))
    arrived = (c for c in clauses if c.lemma_.lower() in ARRIVING or _gone(c))  # "which went out"
    return next((c for c in arrived if not _never(c)), None)


def _never(verb: Token) -> bool:
    """Return whether a clause of arriving on the amount is negated: "the $24bn the White House
    sought never reached a vote" (as the amount's subject, a negated verb blocks it: stage.py)."""
    return any(c.dep_ == "neg" for c in verb.children)


def _gone(verb: Token) -> bool:
    """Return whether 'go' says the money went to the recipient, out or into a fund ("€1.5bn of
    profits went to Ukraine", "the first £752m has gone out", "its $20bn went into a World Bank
    fund"; not "will go to", nor "goes to partners")."""
    if verb.lemma_.lower() != "go" or verb.tag_ not in ("VBD", "VBN"):
        return False
    out = any(c.dep_ in ("prt", "advmod") and c.lower_ == "out" for c in verb.children)
    preps = [c for c in verb.children if c.dep_ == "prep"]
    into = any(p.lower_ == "into" and any(o.lower_ == "fund" for o in p.children) for p in preps)
    to = (o for p in preps if p.lower_ == "to" for o in p.children)
    return out or into or any(o.lower_ in RECIPIENT_WORDS for o in to)


def _past_active(verb: Token) -> bool:
    """Return whether a clause's verb is a simple past, or a participle with an object ("€1.5bn
    reached Kyiv", which the small model tags as a participle)."""
    return verb.tag_ == "VBD" or (
        verb.tag_ == "VBN" and any(c.dep_ == "dobj" for c in verb.children)
    )
