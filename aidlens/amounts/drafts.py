"""Drafts and bills: an amount a draft holds, or a bill it describes with no verb saying it
passed, is still before a vote (stage.py reads these after the frame's own cues).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.clause import frame_chain
from aidlens.amounts.lexicon import aid_verbs
from aidlens.amounts.stage_cues import BILL_NOUNS, StageCue

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def draft_cue(span: Span) -> StageCue | None:
    """Return requested for an amount a draft holds: "a draft budget that sets aside €4bn",
    "the €4bn in the 2025 draft budget", "the draft budget sets aid at €4bn", "the line for
    Ukraine in the draft budget is €4bn". A draft is not law; its vote is still to come. Not
    a figure it is compared with ("half of this year's €8bn"): only the words above the amount
    up to the first 'of', apposition or conjunction hold it."""
    holders: list[Token] = []
    for tok in [span.root, *frame_chain(span)]:
        holders.append(tok)
        if tok.dep_ in ("appos", "conj") or (tok.dep_ == "pobj" and tok.head.lower_ == "of"):
            break
    else:
        verb = holders[-1]
        holders += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        holders += [verb.head] if verb.dep_ == "relcl" else []  # "a draft budget that sets"
    for tok in list(holders):
        preps = (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "under"))
        holders += [o for p in preps for o in p.children if o.dep_ == "pobj"]
    for noun in (t for t in holders if t.pos_ in ("NOUN", "PROPN")):
        modifiers = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
        if noun.lemma_.lower() == "draft":
            return StageCue("requested", noun.lower_)  # "the government's draft had set aside"
        if "draft" in modifiers:
            return StageCue("requested", f"draft {noun.lower_}")
    return None


def describes_bill(span: Span) -> bool:
    """Return whether the amount describes a bill ('a $110bn bill') with no aid verb on it."""
    head = span.root.head
    describes = span.root.dep_ in ("nummod", "compound", "amod")
    if not describes or head.lemma_.lower() not in BILL_NOUNS:
        return False
    verbs = aid_verbs()  # "the $40bn bill signed in May" passed
    return not any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in verbs for c in head.children)
