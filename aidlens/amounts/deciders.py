"""Who decides an amount: one house of a legislature passing a bill the other must pass too,
or a lender's staff agreeing where its board decides. Both leave the amount requested.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.stage_cues import CHAMBERS, DECISIONS

if TYPE_CHECKING:
    from spacy.tokens import Token


def one_chamber(verb: Token) -> Token | None:
    """Return the one house of a legislature that passes or votes ("The House passed $40bn",
    "the Senate voted to approve", "passed the Senate"), not the whole ("Congress passed")."""
    verbs = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    for tok in (c for v in verbs for c in v.children):
        if tok.dep_ in ("nsubj", "dobj") and tok.lemma_.lower() in CHAMBERS:
            # "both chambers" passed it; "the White House" is no chamber
            other = any(c.lower_ in ("both", "two", "white") for c in tok.children)
            return None if other or _other_chamber_passed(tok) else tok
    return None


def _other_chamber_passed(chamber: Token) -> bool:
    """Return whether the sentence says the other house passed it too ("a package that the
    House approved last week", "and the Senate approved it three days later")."""
    for tok in chamber.sent:
        other = tok.lemma_.lower() in CHAMBERS and tok.lower_ != chamber.lower_
        decided = tok.head.lemma_.lower() in DECISIONS and tok.head.tag_ in ("VBD", "VBN")
        if other and tok.dep_ == "nsubj" and decided:
            return True
    return False


def by_staff(tok: Token) -> bool:
    """Return whether a verb's subject, or whom it is agreed 'with', is a lender's staff, or it
    is agreed at staff level ("IMF staff agreed with Kyiv", "agreed with Fund staff", "agree at
    staff level", "reached a staff-level agreement")."""
    people = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    people += [o for c in tok.children if c.lower_ in ("with", "by", "at") for o in c.children]
    level = [o for o in people if o.lemma_.lower() == "level"]
    deals = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() == "agreement"]
    staffed = [t for n in level + deals for t in n.subtree if t.i < n.i]
    return any(p.lemma_.lower() == "staff" for p in people + staffed)
