"""The words that cue an amount's stage, and the cue they give: verbs and nouns that request,
block, table or decide (stage.py reads them from the amount's frame).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from aidlens.amounts.aid_stage import FUTURE_AUX
from aidlens.amounts.reference import KNOWN, reference_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_REQUESTED = "propose request ask seek urge await consider debate lobby appeal push"
_REQUESTED += " float moot"  # "the Commission floated up to €9bn in loans"
_REQUESTED += " discuss negotiate weigh mull"  # "The EU is discussing up to €9bn in loans"
REQUESTED_VERBS = frozenset(_REQUESTED.split())
# "The Commission wants to lend Ukraine €140bn": a request only where the amount is what is
# wanted (wished), never as another verb's subject's wish ("adopted €1.2bn and wants more").
WISHES = frozenset({"want"})
TABLING = frozenset({"table"})  # and "put forward" (_tabling_cue)
PUTTING = frozenset({"put", "lay", "place"})  # "put forward", "put €50bn on the table"
# Who proposes money that others then decide: the EU's executive, or a plan.
PROPOSERS = frozenset({"commission", "brussels", "plan", "proposal", "draft"})
# "talks on a programme of about $15bn": negotiated, not yet agreed
REQUESTED_NOUNS = frozenset(
    {"proposal", "request", "draft", "bid", "appeal", "talk", "negotiation"}
)
REQUESTED_MODIFIERS = frozenset({"proposed", "draft", "requested", "pending", "mooted"})
BLOCKED_MODIFIERS = frozenset({"blocked", "vetoed", "stalled", "rejected", "failed", "stuck"})
# A refusal the amount is "of" blocks it ("Hungary's veto of the €50bn"), until a verb ends it
# ("lifted its veto of the €50bn facility").
REFUSALS = frozenset({"veto", "rejection"})
ENDING = frozenset({"lift", "drop", "end", "overcome", "remove", "abandon", "break"})
# What a blocker does when it gives way ("before Budapest relented"; "backed down", "gave in").
RELENTING = frozenset({"relent", "yield", "concede", "cave"})
# Verbs that give up a plan they govern as object: "leaders dropped the plan to lend €140bn".
DROPPING = frozenset({"drop", "abandon", "ditch", "scrap", "bury", "kill", "shelve"})
PLANS = frozenset({"plan", "proposal", "idea", "scheme", "bid", "request", "bill", "initiative"})
# "needs approval", "requires a vote": not passed yet.
APPROVALS = frozenset(
    {
        "approval",
        "vote",
        "passage",
        "ratification",
        "consent",
        "endorsement",
        "decision",
        "signature",
        "unanimity",
    }
)
PENDING_AUX = frozenset({"could", "might", "may"})
# Verbs whose negation denies a description or a report, not the aid: "is not in question",
# "has not published how much of the €3bn was delivered"; or tells two figures apart: "should not
# confuse that loan with the budget's C$500m", "that authority is not counted in the $12.3bn".
UNTOLD = frozenset(
    {"be", "publish", "disclose", "reveal", "say", "specify", "detail", "report"}
    | {"confuse", "mistake", "conflate", "count"}
    | {"affect", "change"}  # "the election does not affect its plan: €3bn to 2027"
)
CHAMBERS = frozenset({"house", "senate", "chamber"})  # one house: the law needs both
AGREEING = frozenset({"agree", "reach", "strike", "conclude"})
FUTURE = FUTURE_AUX - {"to"}  # "voted to approve" did approve
TRYING = frozenset({"try", "attempt", "struggle", "scramble", "race", "hope", "aim"})
EXPECTED_DECISIONS = frozenset({"sign", "include"})  # aid verbs that still await a decision
DECISIONS = frozenset({"approve", "agree", "authorize", "authorise", "adopt", "pass", "ratify"})
# What a body "has yet to" do before the money is decided: "has yet to take up the $61bn".
PENDING_ACTS = DECISIONS | {"vote", "take", "sign", "act", "decide", "consider"}
# Participles that say the amount itself was decided ("the $40bn package signed in May").
SETTLED = DECISIONS | {"sign", "promise", "pledge", "enact", "announce", "commit", "reserve"}
MEASURING = frozenset({"nummod", "compound", "amod", "appos"})  # "the €9bn loan": the loan
# Money released under a programme, or a programme a new one replaces, leaves that programme
# as it stood ("to release $2.2bn under the $15.6bn programme").
STANDING = frozenset({"under", "replace"})
# What an amount "under" them is still in: "the €50bn facility is still under negotiation".
NEGOTIATING = frozenset({"negotiation", "discussion", "consideration", "review", "debate", "talk"})
# A bill the amount describes, with no verb saying it passed: still before a vote.
BILL_NOUNS = frozenset({"bill", "legislation", "measure", "amendment", "motion"})
# Subjects whose "would give" waits on their adoption: "the plan would give Ukraine €5bn". Not
# a package's or deal's: "said the package would include" reports one announced.
CONDITIONAL_PLANS = BILL_NOUNS | REQUESTED_NOUNS | {"plan"}


@dataclass(frozen=True)
class StageCue:
    """A stage and the few words that decided it."""

    stage: str
    reason: str


def modifier_cue(noun: Token, named: str = "") -> StageCue | None:
    """Return the stage a modifier of a noun, or of the amount itself, gives: "the proposed
    facility", "a pending $61bn", "the blocked €500m"; `named`: the noun's word for the reason."""
    for child in noun.children:
        if child.dep_ not in ("amod", "compound"):
            continue
        if child.lower_ in REQUESTED_MODIFIERS:
            return StageCue("requested", f"{child.lower_} {named}".strip())
        if child.lower_ in BLOCKED_MODIFIERS:
            return StageCue("blocked", f"{child.lower_} {named}".strip())
    return None


def wished(below: list[Token], span: Span) -> bool:
    """Return whether the amount is what "want" wants, from the words `below` it on the path:
    its object or the verb it wants done ("wants another $33bn", "wants to lend €140bn"), with
    no relative clause between ("wants to lend €140bn against assets, of which €185bn sit at
    Euroclear"), and no commitment already known ("wants to pay out the $20bn by January")."""
    wanted = below[-1].dep_ in ("dobj", "xcomp") and not any(t.dep_ == "relcl" for t in below)
    return wanted and reference_of(span) != KNOWN


def wanted_done(verb: Token) -> bool:
    """Return whether a verb wants something done to its object ("want the first €600m paid
    within weeks"): the participle, not the wish, tells the amount's stage."""
    objects = (c for c in verb.children if c.dep_ == "dobj")
    return any(a.dep_ == "acl" and a.tag_ == "VBN" for o in objects for a in o.children)


def tabling_cue(verb: Token) -> StageCue | None:
    """Return requested for a verb that tables, puts forward or (a proposer) puts on the table
    the amount itself ("the Commission tabled a €50bn facility", "put forward €9bn in loans",
    "Brussels put €50bn on the table"), unless many offer it at once: proposed, the givers
    still decide. Not one verb removed ("tables a budget that sets aside C$500m"): there the
    budget's own verb tells the amount's stage, and a government tabling its budget announces it."""
    lemma = verb.lemma_.lower()
    # "governments and institutions put forward $60bn": pledges of many, their sum
    if lemma not in TABLING | PUTTING or _many_offer(verb):
        return None
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")} & {"forward"}
    if lemma in TABLING or (lemma == "put" and "forward" in particles):
        return StageCue("requested", " ".join([verb.lower_, *sorted(particles)]))
    if _proposes(verb) and _on_the_table(verb):
        return StageCue("requested", f"{verb.lower_} on the table")  # "put €50bn on the table"
    return None


def _many_offer(verb: Token) -> bool:
    """Return whether several givers offer the money at once (a plural or joined subject)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    joined = (any(c.dep_ == "conj" for c in s.children) for s in subjects)
    return any(s.tag_ in ("NNS", "NNPS") for s in subjects) or any(joined)


def _proposes(verb: Token) -> bool:
    """Return whether what a verb puts "on the table" is proposed: the EU's Commission or a plan
    puts it there, or it would be ("Brussels put €50bn on the table"); not a delegation's
    pledge at a conference ("Washington's delegation put $1.3bn on the table")."""
    subjects = (c for c in verb.children if c.dep_ == "nsubj")
    proposer = any(s.lemma_.lower() in PROPOSERS for s in subjects)
    return proposer or any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)


def _on_the_table(verb: Token) -> bool:
    """Return whether a verb's own clause (not a clause joined to it) says "on the table",
    wherever the small parser hangs it ("put €50bn for 2024-27 on the table")."""
    joined = [range(c.left_edge.i, c.right_edge.i + 1) for c in verb.children if c.dep_ == "conj"]
    inside = (t for t in verb.subtree if not any(t.i in j for j in joined))
    return any(t.lower_ == "table" and t.head.lower_ == "on" for t in inside)
