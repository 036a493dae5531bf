"""Requests read from the verb over an amount: a verb that wants the money itself, and the
clause a verb asks or proposes should happen (stage.py reads them after its own cues).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.stage_cues import StageCue

if TYPE_CHECKING:
    from spacy.tokens import Token

# A verb that wants the money itself asks for it ("the White House wants $6.4bn"); wanting to
# do something with it is a giver's intent ("wants to send €1bn", aid_stage.py).
WANTING = frozenset({"want"})
# Verbs that ask for what a "that" clause says should happen ("proposed that the EU spend").
MANDATIVE = frozenset({"propose", "ask", "urge", "request", "demand", "recommend"})


def wanted(verb: Token, below: Token) -> StageCue | None:
    """Return requested when a verb wants the amount itself, its object: "the White House
    wants $6.4bn" (not "wants to send €1bn", a giver's intent, nor its subject's money)."""
    if verb.lemma_.lower() not in WANTING or below.dep_ != "dobj":
        return None
    if any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return None
    return StageCue("requested", verb.lower_)


def content_of_request(chain: list[Token]) -> StageCue | None:
    """Return requested when the amount's clause is what a verb asks or proposes should
    happen: "proposed that the EU spend €4bn", "urged that Congress pass the $61bn" (the
    clause's own verb tells what would happen, the verb over it that it is only asked). A
    question is no request: "asked whether the C$3bn was spent", "a reader asks: 'Does ...'"."""
    clause = chain[-1] if chain else None
    if clause is None or clause.dep_ != "ccomp" or clause.head.pos_ != "VERB":
        return None
    if clause.head.lemma_.lower() not in MANDATIVE:
        return None
    if any(c.dep_ == "aux" and c.lemma_.lower() == "do" for c in clause.children):
        return None  # "asks: 'Does Ukraine get all of its $60.8bn?'": a subjunctive takes no "do"
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    asked = marks == {"that"} or (not marks and clause.tag_ == "VB")  # "asked that donors send"
    return StageCue("requested", f"{clause.head.lower_} that") if asked else None
