"""What says a decision on an amount is still awaited: "pending a vote", "under negotiation",
"has yet to take up", "is expected to approve", "needs unanimity", "has not passed", or that
it is on hold.
stage.py reads these from the verbs of the amount's frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.lexicon import aid_verbs
from aidlens.amounts.stage_cues import (
    APPROVALS,
    DECISIONS,
    EXPECTED_DECISIONS,
    NEGOTIATING,
    PENDING_ACTS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def needs_approval(verb: Token) -> str:
    """Return "needs <approval>" when a verb says the money still needs one ("needs
    unanimity", "requires a vote"), else ''."""
    if verb.lemma_.lower() not in ("need", "require"):
        return ""
    wanted = (c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in APPROVALS)
    return next((f"{verb.lower_} {c.lower_}" for c in wanted), "")


def awaited_decision(child: Token) -> str:
    """Return the words by which a verb's child says a decision is still awaited ("pending a
    vote": "pending pending"; "is pending approval": "pending approval"; "goes to its board", a
    lender's board still to approve: "goes to board"), or ''."""
    if child.dep_ == "prep" and child.lower_ == "pending":
        pending = any(o.dep_ == "pobj" and o.lemma_ in APPROVALS for o in child.children)
        return f"pending {child.lower_}" if pending else ""
    if child.dep_ == "prep" and child.lower_ in ("to", "before"):
        going = child.head.lemma_.lower() in ("go", "be", "come", "head")
        board = any(o.dep_ == "pobj" and o.lower_ == "board" for o in child.children)
        return f"{child.head.lower_} {child.lower_} board" if going and board else ""
    amods = {c.lower_ for c in child.children if c.dep_ == "amod"}
    approval = child.dep_ == "attr" and child.lemma_ in APPROVALS and "pending" in amods
    return f"pending {child.lower_}" if approval else ""


def under_talks(child: Token) -> str:
    """Return what a verb's 'under' phrase says the amount is still in ("under negotiation")."""
    if child.dep_ != "prep" or child.lower_ != "under":
        return ""
    talks = (o for o in child.children if o.dep_ == "pobj" and o.lemma_.lower() in NEGOTIATING)
    return next((o.lower_ for o in talks), "")


def yet_to(verb: Token) -> Token | None:
    """Return the decision a 'has yet to' or 'is yet to' still awaits ("has yet to take up the
    $61bn", "is yet to vote on it"), not money still to arrive ("has yet to receive")."""
    children = list(verb.children)
    if not any(c.dep_ == "advmod" and c.lower_ == "yet" for c in children):
        return None
    acts = (c for c in children if c.dep_ == "xcomp" and c.lemma_.lower() in PENDING_ACTS)
    return next(acts, None)


def expected_decision(verb: Token) -> Token | None:
    """Return the decision 'expect' awaits ("is expected to approve", "to sign off", "to
    include"), not money it expects to flow ("expects to send €1.5bn", "a payment is expected in
    July": when, not whether)."""
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if xcomp is None:
        return None
    lemma = xcomp.lemma_.lower()
    awaited = lemma in DECISIONS or lemma in EXPECTED_DECISIONS or lemma not in aid_verbs()
    return xcomp if awaited else None


def infinitive(clause: Token) -> bool:
    """Return whether a clause is a to-infinitive with a subject of its own, which the parser
    reads as a clause of its own: "expect ministers to approve" awaits the decision."""
    return clause.dep_ == "ccomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    )


def on_hold(prep: Token) -> bool:
    """Return whether a preposition's object is a hold ('on hold')."""
    return any(c.dep_ == "pobj" and c.lower_ == "hold" for c in prep.children)


def still_open(verb: Token) -> bool:
    """Return whether a negated perfect says a decision is still to come: "the request has not
    passed", "has not been taken up" (pending), unlike "leaders did not approve" (failed)."""
    children = list(verb.children)
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in children)
    return perfect and any(c.dep_ == "neg" for c in children)
