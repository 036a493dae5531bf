"""The stage of an amount in the life of a commitment, and the cue that decided it.

Read from the amount's dependency frame: the chain of words from the amount up to its clause's
verb, through the verbs and nouns that govern it ("failed to agree on a plan to lend ...",
"the proposed facility, which would provide ...", "a bill containing ... awaits action").
- blocked: a governing verb that vetoes, fails, rejects, holds back, leaves out or withdraws,
  or drops the plan the amount is in ("dropped the plan to lend €140bn"), a veto of the
  amount (until a verb ends it: "lifted its veto of the €50bn"), or an aid verb that is
  negated ("did not approve"), unless the clause says a decision followed ("held up in
  December, agreed on 1 February", "vetoed it, then dropped his objection": pledged);
- requested: a governing verb that proposes, asks, seeks or awaits (or, as the nearest verb
  above the amount, tables it or puts it forward), an aid verb that is still pending ("has yet
  to", "could", "is expected to", "expect ministers to approve", "pending a vote", "still needs
  a decision"), a decision still to be taken
  ("will be approved"; not a giver's "will send", nor "will have approved"), a relative clause
  asking for it ("above the $33bn the White House sought"), what a plan, bill or proposal
  "would" give, one house passing a bill, a lender's staff agreeing (its board decides), or a
  proposal, request or draft, unless a participle says the amount itself was decided ("on top
  of the $40bn package signed in May": pledged), or the verb over the proposal, or a clause on
  it, says what became of it ("a proposal for €5bn failed", "the request remains stuck",
  "dropping the request": blocked; "approved the proposal": pledged; "the request has not
  passed" is still pending);
- otherwise the aid verb's own stage (pledged or delivered, see donors.py).
A whole that a part is taken from keeps its own stage, whatever befell the part ("Of the €9bn
promised, the last €3bn was never put forward": the €9bn stays pledged).
Which of these cues and the context figures (context.py, clause.py, purposes.py) decides is
stage_order.py's; `reason` says which did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.aid_frame import HOLDING_VERBS
from aidlens.amounts.awaiting import (
    awaited_decision,
    expected_decision,
    infinitive,
    needs_approval,
    on_hold,
    still_open,
    under_talks,
    yet_to,
)
from aidlens.amounts.blocking import (
    BLOCKED_PARTICLES,
    BLOCKED_VERBS,
    blocks,
    holds_block,
    particles_of,
)
from aidlens.amounts.clause import (
    VERBS,
    frame_chain,
)
from aidlens.amounts.deciders import by_staff, one_chamber
from aidlens.amounts.lexicon import aid_verbs, gives
from aidlens.amounts.partitive import whole_of_part
from aidlens.amounts.stage_cues import (
    AGREEING,
    APPROVALS,
    BLOCKED_MODIFIERS,
    CONDITIONAL_PLANS,
    DECISIONS,
    DROPPING,
    ENDING,
    FUTURE,
    MEASURING,
    PENDING_AUX,
    PLANS,
    REFUSALS,
    RELENTING,
    REQUESTED_NOUNS,
    REQUESTED_VERBS,
    SETTLED,
    STANDING,
    TRYING,
    UNTOLD,
    WISHES,
    StageCue,
    modifier_cue,
    tabling_cue,
    wanted_done,
    wished,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# An amount compared with the clause's subject is not what its verb says of it: "Unlike the
# $61bn approved in April, the fund would not depend on a vote" ("like the €1.7bn fund, it
# will go to Ukraine" says the same of both).
COMPARING = frozenset({"unlike"})


def _described_cue(span: Span) -> StageCue | None:
    """Return the cue of a participle that describes the amount or the noun it measures: "the
    $61bn sought for Ukraine", "a €9bn loan proposed by the Commission" (not "expected in
    July": when, not whether; nor a relative clause's past, "the facility Hungary had vetoed")."""
    nouns = [span.root]
    if span.root.dep_ in ("nummod", "compound", "amod", "appos"):
        nouns.append(span.root.head)
    own = modifier_cue(span.root)  # "a proposed €50bn": the amount's own modifier
    if own is not None:
        return own
    for noun in nouns:
        for verb in noun.children:
            if _asked_for(verb, span):
                return StageCue("requested", verb.lower_)  # "above the $33bn the US sought"
            if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.lower() != "expect":
                cue = _verb_cue(verb)
                later = _decided(noun.head) if noun.dep_ in ("nsubj", "nsubjpass") else None
                if cue is not None and cue.stage == "blocked" and later is not None:
                    return StageCue("pledged", f"{later.lower_} after {cue.reason}")
                if cue is not None:
                    return cue
    return None


def _asked_for(clause: Token, span: Span) -> bool:
    """Return whether a relative clause asks for the amount ("the $61.4bn the White House first
    sought") and no verb above it gives or holds it ("approved the $40bn Biden requested", "a
    stopgap carries $16bn that the White House had sought")."""
    if clause.dep_ != "relcl" or clause.lemma_.lower() not in REQUESTED_VERBS or _negated(clause):
        return False
    verb = next((t for t in frame_chain(span) if t.pos_ in VERBS), None)
    lemma = verb.lemma_.lower() if verb is not None else ""
    return lemma not in aid_verbs() and lemma not in HOLDING_VERBS


def settled_by(span: Span) -> Token | None:
    """Return the participle of a decision that describes the amount or the noun it measures
    ("the $40bn package signed in May", "the up to €9bn promised by EU leaders"), or None:
    what asks or proposes around it asks for other money."""
    nouns = [span.root, span.root.head] if span.root.dep_ in MEASURING else [span.root]
    clauses = (c for n in nouns for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN")
    settled = (c for c in clauses if c.lemma_.lower() in SETTLED and not by_staff(c))
    return next((c for c in settled if not _negated(c)), None)


def _told_done(verb: Token) -> bool:
    """Return whether a relative clause says in the past that its giver gave the amount
    ("which lent Ukraine $1.4bn"): what the clause above says of the giver is not of it."""
    past = verb.dep_ == "relcl" and verb.tag_ == "VBD" and not _negated(verb)
    return past and gives(verb)


def _agreed_on(span: Span) -> Token | None:
    """Return the past decision a relative clause on the amount's noun states ("will not
    contribute to the €90bn loan that the other members agreed to give"), or None."""
    nouns = [span.root, span.root.head] if span.root.dep_ in MEASURING else [span.root]
    clauses = (c for n in nouns for c in n.children if c.dep_ == "relcl")
    return next((d for c in clauses if (d := _decided(c)) and c.lemma_.lower() in SETTLED), None)


def _decided(verb: Token) -> Token | None:
    """Return `verb` if it is a past decision, not negated ("was agreed on 1 February")."""
    past = verb.lemma_.lower() in DECISIONS and verb.tag_ in ("VBD", "VBN")
    return verb if past and not _negated(verb) else None


def _negated(verb: Token) -> bool:
    """Return whether a verb is negated ("was not agreed")."""
    return any(c.dep_ == "neg" for c in verb.children)


def _decided_later(verb: Token) -> Token | None:
    """Return the decision that followed a block ("vetoed in December and agreed on 1
    February", "held up the loans before agreeing to them"), or None."""
    for child in verb.children:
        # Not "vetoed the €50bn and approved €18bn": the decision is on something else.
        if child.dep_ == "conj" and _decided(child) is not None and not _own_object(child):
            return child
        if child.dep_ in ("conj", "dep") and child.lemma_.lower() in ENDING and holds_block(child):
            return child  # "vetoed the €50bn in December, then dropped his objection"
        if child.dep_ == "advcl" and _gave_way(child):  # "vetoed ... before Budapest relented"
            return child
        if child.dep_ == "prep" and child.lower_ == "before":
            thens = (c for c in child.children if c.dep_ == "pcomp")
            decided = (t for t in thens if t.lemma_.lower() in DECISIONS and not _negated(t))
            if (then := next(decided, None)) is not None:
                return then
    return None


def _gave_way(clause: Token) -> bool:
    """Return whether a clause "before" or "until" says the blocker gave way ("before Budapest
    relented", "until Hungary backed down"): the block ended and the money was decided."""
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    lemma, particles = clause.lemma_.lower(), particles_of(clause)
    gave_way = lemma in RELENTING or (lemma == "back" and "down" in particles)
    gave_way |= lemma == "give" and "in" in particles
    return bool(marks & {"before", "until"}) and gave_way and not _negated(clause)


def _verb_cue(verb: Token) -> StageCue | None:
    """Return the stage a governing verb decides, from its lemma, particle, negation or aux."""
    children = list(verb.children)
    lemma = verb.lemma_.lower()
    if blocks(verb):
        particles = {p for p in particles_of(verb) if (lemma, p) in BLOCKED_PARTICLES}
        words = " ".join([verb.lower_, *sorted(particles)])
        if (later := _decided_later(verb)) is not None:
            return StageCue("pledged", f"{later.lower_} after {words}")
        return StageCue("blocked", words)
    for child in children:
        if child.dep_ == "acomp" and child.lower_ in BLOCKED_MODIFIERS:
            return StageCue("blocked", f"{verb.lower_} {child.lower_}")  # "remained blocked"
        if child.dep_ == "acomp" and child.tag_ == "VBN" and blocks(child):
            held = " ".join([child.lower_, *sorted(particles_of(child))])
            return StageCue("blocked", f"{verb.lower_} {held}")  # "remain held up"
        if child.dep_ == "prep" and child.lower_ == "on" and on_hold(child):
            return StageCue("blocked", f"{verb.lower_} on hold")  # "keeps $40bn on hold"
    if lemma in REQUESTED_VERBS or (lemma in WISHES and not wanted_done(verb)):
        return StageCue("requested", verb.lower_)
    if lemma == "expect" and (decision := expected_decision(verb)) is not None:
        return StageCue("requested", f"{verb.lower_} to {decision.lower_}")
    if lemma in DECISIONS and infinitive(verb) and verb.head.lemma_.lower() == "expect":
        return StageCue("requested", f"{verb.head.lower_} to {verb.lower_}")
    if lemma in TRYING and any(c.dep_ == "xcomp" and c.lemma_ in DECISIONS for c in children):
        return StageCue("requested", f"{verb.lower_} to pass")  # "Congress is trying to pass"
    if (
        lemma in ("vote", "decide")
        and verb.tag_ in ("VB", "VBG")
        and any(c.lower_ == "on" for c in children)
    ):  # "was set to vote on a $1.7tn bill", "meet next week to decide on the €50bn facility"
        return StageCue("requested", f"to {lemma} on")
    if lemma in AGREEING and by_staff(verb):  # a lender's staff agree; its board decides
        return StageCue("requested", f"staff {verb.lower_}")
    chamber = one_chamber(verb) if lemma in DECISIONS else None
    if chamber is not None:  # the other house and a signature are still to come
        return StageCue("requested", f"{chamber.lower_} {verb.lower_}")
    if lemma == "drop" and any(c.dep_ == "auxpass" or c.lower_ == "from" for c in children):
        return StageCue("blocked", f"{verb.lower_} from")  # "was dropped from the final deal"
    # "would provide €50bn and needs unanimity"; not "paid €1bn and needs a vote on more"
    undone = verb.tag_ not in ("VBD", "VBN")
    for child in children:
        if lemma in ("need", "require") and child.dep_ == "dobj" and child.lemma_ in APPROVALS:
            return StageCue("requested", f"{verb.lower_} {child.lower_}")
        if undone and child.dep_ == "conj" and (needed := needs_approval(child)):
            return StageCue("requested", needed)
        if awaited := awaited_decision(
            child
        ):  # "pending the Bundestag's vote", "goes to its board"
            return StageCue("requested", awaited)
        if talks := under_talks(child):  # "is still under negotiation"
            return StageCue("requested", f"under {talks}")
        if child.dep_ == "acomp" and child.lower_ == "subject":
            return StageCue("requested", "subject to")  # "is subject to a vote"
        if child.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in child.children):
            return StageCue("requested", f"if {child.lower_}")  # "If Congress approves, ..."
    if lemma == "prepare" and any(c.dep_ == "xcomp" for c in children):
        return StageCue("requested", f"{verb.lower_} to")  # "prepared to pass", not "prepared a"
    auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"would", "could", "might"} and "have" in auxes and verb.tag_ == "VBN":
        return StageCue("blocked", f"would have {verb.lower_}")  # it did not happen
    # "is not in question", "would not be the last": a copula denies a description, not aid.
    # "has not published how much of the €3bn was delivered" denies a report, not the aid.
    negated = lemma not in UNTOLD and any(c.dep_ == "neg" for c in children)
    if negated and any(c.lower_ == "yet" for c in children):
        return StageCue("requested", f"not yet {verb.lower_}")
    if (pending := yet_to(verb)) is not None:
        return StageCue("requested", f"yet to {pending.lower_}")  # "has yet to take up"
    if negated:
        return StageCue("blocked", f"not {verb.lower_}")
    pending = next((c for c in children if c.dep_ == "aux" and c.lower_ in PENDING_AUX), None)
    if pending is not None:
        return StageCue("requested", f"{pending.lower_} {verb.lower_}")
    # A decision still to be taken is pending ("would be agreed", "will approve"), unlike a
    # giver's promise ("will send").
    future = next((c for c in children if c.dep_ == "aux" and c.lower_ in FUTURE), None)
    # Not a future perfect: "will have approved $113bn in four laws" counts laws passed.
    if future is not None and lemma in DECISIONS and not ("have" in auxes and verb.tag_ == "VBN"):
        return StageCue("requested", f"{future.lower_} {verb.lower_}")
    if "would" in auxes and (plan := _conditional_plan(verb)) is not None:
        return StageCue("requested", f"{plan.lower_} would {verb.lower_}")
    return None


def _conditional_plan(verb: Token) -> Token | None:
    """Return the plan, bill or proposal that 'would' give ("the plan would give Ukraine NOK
    75bn", "the bill would provide"): what it would do waits on its adoption. Only a giving
    verb's: "the two measures would bring the total to $50bn" sums, "would come on top of the
    $40bn Congress approved" recalls."""
    if verb.lemma_.lower() not in aid_verbs():
        return None
    subjects = (c for c in verb.children if c.dep_ == "nsubj")
    return next((s for s in subjects if s.lemma_.lower() in CONDITIONAL_PLANS), None)


def _noun_cue(noun: Token) -> StageCue | None:
    """Return the stage a governing noun decides: a proposal, a request, a veto of it, a
    blocked package."""
    if noun.lemma_.lower() in REQUESTED_NOUNS:
        return StageCue("requested", noun.lower_)
    if noun.lemma_.lower() in REFUSALS:  # "Hungary's veto of the €50bn facility"
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ENDING:
            return StageCue("pledged", f"{noun.head.lower_} {noun.lower_}")  # "lifted its veto"
        return StageCue("blocked", noun.lower_)
    agreement = noun.lemma_.lower() == "agreement"
    if agreement and any(t.lower_ == "staff" for t in noun.subtree if t.i < noun.i):
        return StageCue("requested", "staff-level agreement")  # the board has yet to approve
    return modifier_cue(noun, noun.lower_)


def frame_stage(span: Span) -> StageCue | None:
    """Return the requested or blocked stage the amount's frame shows (None: none shows)."""
    chain = frame_chain(span)
    if whole_of_part(span):  # "Of the €9bn, the last €3bn was never put forward": the part's fate
        if any(t.lemma_.lower() in STANDING for t in chain):
            return None
        settled = settled_by(span)  # "the next part of the €8bn promised by leaders"
        return StageCue("pledged", settled.lower_) if settled is not None else _described_cue(span)
    verb = next((t for t in chain if t.pos_ in VERBS), None)  # the nearest verb above it
    for k, tok in enumerate(chain):
        if tok.dep_ == "prep" and tok.lower_ in COMPARING:
            break  # "Unlike the $61bn approved in April, it would not depend on a vote"
        if tok.lemma_.lower() in STANDING:
            return None  # the programme the money is released under, or one replaced, stands
        if k > 0 and tok.lemma_.lower() in DROPPING and _dropped(chain[k - 1]):
            return StageCue("blocked", f"{tok.lower_} the {chain[k - 1].lower_}")
        if tok.lemma_.lower() in WISHES and not wished([span.root, *chain[:k]], span):
            continue  # "Belgium, where €190bn sits, wants guarantees": not what it wants
        cue = _verb_cue(tok) if tok.pos_ in VERBS else _noun_cue(tok)
        if cue is None and tok is verb:
            cue = tabling_cue(tok)
        if cue is None and _told_done(tok):
            break  # "The IMF, which lent Ukraine $1.4bn in March, has not started talks"
        if cue is not None and cue.reason.startswith("not ") and (agreed := _agreed_on(span)):
            return StageCue("pledged", agreed.lower_)  # not one's contribution: others agreed
        if cue is not None:
            return _fate(cue, [span.root, *chain[: k + 1]], chain[k + 1 :])
    cue = _described_cue(span)
    if cue is not None:
        return cue
    return _coordinated_cue(verb) if verb is not None else None


def _dropped(noun: Token) -> bool:
    """Return whether a verb's object is a plan it gives up ("dropped the plan to lend €140bn"),
    not a veto ("dropped its veto": ended) nor aid falling ("aid dropped to €2bn")."""
    return noun.dep_ == "dobj" and noun.lemma_.lower() in PLANS


def _fate(cue: StageCue, below: list[Token], above: list[Token]) -> StageCue:
    """Return what became of a proposal: a relative clause shelved it ("a €20bn plan that
    states later shelved"), or the verb over a proposal or request blocked or adopted it ("a
    proposal for €5bn failed", "rejected the request for $24bn", "approved the proposal for a
    €50bn facility"). A past perfect relative clause came before: "the facility Hungary had
    vetoed" is proposed again."""
    if cue.stage != "requested":
        return cue
    for noun in below:
        for verb in (c for c in noun.children if c.dep_ == "relcl" and blocks(c)):
            if not any(a.lower_ == "had" for a in verb.children if a.dep_ == "aux"):
                return StageCue("blocked", f"{verb.lower_} after {cue.reason}")
    upper = next((t for t in above if t.pos_ in VERBS), None)
    if below[-1].pos_ in VERBS or upper is None:
        return cue  # a verb asked for the amount itself
    held = _verb_cue(upper)  # "the request for $61.4bn remains stuck", "dropping the request"
    held = held if held is not None and held.stage == "blocked" and not still_open(upper) else None
    dropped = upper.lemma_.lower() in DROPPING and below[-1].head == upper and _dropped(below[-1])
    if blocks(upper) or held is not None or dropped:
        return StageCue("blocked", f"{held.reason if held else upper.lower_} {cue.reason}")
    if _decided(upper) is not None and one_chamber(upper) is None:
        return StageCue("pledged", f"{upper.lower_} {cue.reason}")
    return cue


def _coordinated_cue(verb: Token) -> StageCue | None:
    """Return the cue of the last verb coordinated with the clause's verb that shares its
    subject: "It carries $45bn, passed the Senate and now awaits a vote" is still pending."""
    cue, tok = None, verb
    while True:
        tok = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
        if tok is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return cue
        lexical = tok.lemma_.lower() in BLOCKED_VERBS | REQUESTED_VERBS  # not "could add more"
        # Not one that refuses something else: "has pledged $100m and refuses to send weapons".
        lexical &= not any(c.dep_ == "xcomp" and _own_object(c) for c in tok.children)
        cue = (_verb_cue(tok) if lexical else None) or cue


def _own_object(verb: Token) -> bool:
    """Return whether a verb has an object of its own, not a pronoun for the amount."""
    return any(c.dep_ == "dobj" and c.pos_ != "PRON" for c in verb.children)
