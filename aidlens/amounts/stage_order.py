"""Which cue decides an amount's stage, in order: what the amount is, whom it is for, its frame.

What the amount itself is (a rate, a difference, an estimate's or a budget's figure) comes first,
then money for another country and what an appeal asks for or a giver spends on its own defence,
whatever the clause says befell it ("the request's $14.3bn for Israel", "the $8bn for Taiwan the
Senate passed"); then the frame's requested or blocked stage (stage.py), the context figures its
clause shows, a draft's stage, and last the aid verb's own stage (donors.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.aid_stage import NO_AID_WORD
from aidlens.amounts.clause import enumerated, frame_context, several_givers
from aidlens.amounts.context import (
    WITHDRAWN,
    context_reason,
    difference,
    noun_reason,
    per_unit,
    withdrawn,
)
from aidlens.amounts.drafts import describes_bill, draft_cue
from aidlens.amounts.purposes import appeal_target, own_defence, own_spending, words_after
from aidlens.amounts.recipients import several_recipients
from aidlens.amounts.stage import frame_stage, settled_by
from aidlens.amounts.stage_cues import MEASURING, StageCue

if TYPE_CHECKING:
    from spacy.tokens import Span

    from aidlens.amounts.doc_facts import DocFacts


def decide_stage(
    span: Span,
    facts: DocFacts,
    aid: StageCue,
    other_recipient: str,
    paired: bool = False,
    foreign: bool = False,
) -> StageCue:
    """Return the amount's stage and reason; `facts` are its Doc's (doc_facts.py), `aid` what its
    aid verb says, `paired` whether "respectively" gives it one of the clause's givers, `foreign`
    whether the other recipient is surely no organ of the giver (then it decides first)."""
    if per_unit(span):
        return StageCue("", "rate per person or item")
    if difference(span):
        return StageCue("", "difference between figures")
    if withdrawn(span):
        return StageCue("", WITHDRAWN)
    # An item of a list of counted laws is one of them: the list's clause sums them.
    listed = enumerated(span, facts)
    reason = "" if listed else noun_reason(span)  # what the amount is, before what happens
    if reason and reason != "request":
        return StageCue("", reason)
    if other_recipient and foreign:  # whatever befalls it: "the $14.3bn for Israel" passed
        return StageCue("", f"money for {other_recipient}")
    if reason and several_recipients(span, only_named=True):  # "a $106bn request covering Israel"
        return StageCue("", "money for several countries")
    if reason:  # a request, unless the frame says what became of it ("the request is stuck")
        cue = frame_stage(span)
        return cue if cue is not None else StageCue("requested", reason)
    if appeal_target(span):
        return StageCue("", "an appeal's target")
    after = words_after(span, facts)  # read once: own defence here, own money below
    if own_defence(after):  # whether asked for or passed: "could mobilise ... for defence"
        return StageCue("", "donor's own spending")
    cue = frame_stage(span)
    # "A $110.5bn bill for Ukraine, Israel and Taiwan failed": whatever befell it, no aid.
    if cue is not None and cue.stage != "pledged" and several_recipients(span, only_named=True):
        return StageCue("", "money for several countries")
    if cue is not None:
        return _unless_settled(cue, span)
    reason = "" if listed else context_reason(span) or frame_context(span)
    if reason:
        return _unless_settled(StageCue("requested" if reason == "request" else "", reason), span)
    cue = draft_cue(span)  # after the context figures: a draft's defence budget is context
    if cue is not None:
        return _unless_settled(cue, span)
    if own_spending(after):
        return StageCue("", "donor's own spending")
    if not paired and several_givers(span):
        return StageCue("", "sum of several givers")
    if several_recipients(span):
        return StageCue("", "money for several countries")
    if other_recipient:
        return StageCue("", f"money for {other_recipient}")
    if aid.reason == NO_AID_WORD and describes_bill(span):
        return StageCue("requested", f"{span.root.head.lower_}, not passed")
    return aid


def _unless_settled(cue: StageCue, span: Span) -> StageCue:
    """Return a request cue unless a participle says the amount itself was decided: "asked for
    $37.7bn more, on top of the $40bn package signed in May" asks for other money; nor is a
    law a request ("adds the $33bn request to the $40.1bn law that replaced it")."""
    if cue.stage != "requested":
        return cue
    settled = settled_by(span)
    if settled is not None:
        return StageCue("pledged", settled.lower_)
    law = span.root.dep_ in MEASURING and span.root.head.lemma_.lower() == "law"
    return StageCue("pledged", "law") if law else cue
