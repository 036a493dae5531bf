"""The stage of an amount in the life of a commitment, and the cue that decided it.

Read from the amount's dependency frame: the chain of words from the amount up to its clause's
verb, through the verbs and nouns that govern it ("failed to agree on a plan to lend ...",
"the proposed facility, which would provide ...", "a bill containing ... awaits action").
- blocked: a governing verb that vetoes, fails, rejects, leaves out or withdraws, or an aid
  verb that is negated ("did not approve");
- requested: a governing verb that proposes, asks, seeks or awaits, an aid verb that is still
  pending ("has yet to", "could", "is expected to"), a decision still to be taken ("will be
  approved", not a giver's "will send"), one house passing a bill, a lender's staff agreeing
  (its board decides), or a proposal, request or draft;
- otherwise the aid verb's own stage (pledged or delivered, see donors.py).
Context figures (context.py) and money for other countries get no stage; `reason` says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from aidlens.amounts.aid_stage import FUTURE_AUX, NO_AID_WORD
from aidlens.amounts.blocking import BLOCKED_VERBS, blocks
from aidlens.amounts.context import context_reason, difference, noun_reason, per_unit
from aidlens.amounts.donors import aid_verbs

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_REQUESTED = "propose request ask seek urge await consider debate expect lobby appeal push"
_REQUESTED += " float moot"  # "the Commission floated up to €9bn in loans"
REQUESTED_VERBS = frozenset(_REQUESTED.split())
REQUESTED_NOUNS = frozenset({"proposal", "request", "draft", "bid", "appeal"})
REQUESTED_MODIFIERS = frozenset({"proposed", "draft", "requested", "pending", "mooted"})
BLOCKED_MODIFIERS = frozenset({"blocked", "vetoed", "stalled", "rejected", "failed", "stuck"})
# "needs approval", "requires a vote": not passed yet.
APPROVALS = frozenset({"approval", "vote", "passage", "ratification", "consent", "endorsement"})
PENDING_AUX = frozenset({"could", "might", "may"})
CHAMBERS = frozenset({"house", "senate", "chamber"})  # one house: the law needs both
AGREEING = frozenset({"agree", "reach", "strike", "conclude"})
FUTURE = FUTURE_AUX - {"to"}  # "voted to approve" did approve
DECISIONS = frozenset({"approve", "agree", "authorize", "authorise", "adopt", "pass", "ratify"})
# Deps of a verb that only describes a noun or serves another verb: the walk goes on above it.
_DEPENDENT = frozenset({"xcomp", "acl", "relcl", "pcomp", "amod"})
# Deps of a clause of its own: its verb ends the frame.
_CLAUSE = frozenset({"ROOT", "ccomp", "conj", "parataxis", "advcl"})
_VERBS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class StageCue:
    """A stage and the few words that decided it."""

    stage: str
    reason: str


def _chain(span: Span) -> list[Token]:
    """Return the words above the amount up to its clause's verb (included), nearest first."""
    chain: list[Token] = []
    for tok in span.root.ancestors:
        chain.append(tok)
        if tok.pos_ in _VERBS and tok.dep_ in _CLAUSE and not _shares_frame(tok):
            break
    return chain


def _shares_frame(verb: Token) -> bool:
    """Return whether a conjoined verb with no subject of its own serves the same verb as the
    one it is joined to: "proposed extending the programme and enlarging it to NOK 135bn"."""
    head = verb.head
    if verb.dep_ != "conj" or head.pos_ not in _VERBS or head.dep_ not in _DEPENDENT:
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _described_cue(span: Span) -> StageCue | None:
    """Return the cue of a participle that describes the amount or the noun it measures: "the
    $61bn sought for Ukraine", "a €9bn loan proposed by the Commission" (not "expected in
    July": when, not whether; nor a relative clause's past, "the facility Hungary had vetoed")."""
    nouns = [span.root]
    if span.root.dep_ in ("nummod", "compound", "amod", "appos"):
        nouns.append(span.root.head)
    for noun in nouns:
        for verb in noun.children:
            if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.lower() != "expect":
                cue = _verb_cue(verb)
                if cue is not None:
                    return cue
    return None


def _verb_cue(verb: Token) -> StageCue | None:
    """Return the stage a governing verb decides, from its lemma, particle, negation or aux."""
    children = list(verb.children)
    particles = {c.lower_ for c in children if c.dep_ == "prt"}
    lemma = verb.lemma_.lower()
    if blocks(verb):
        words = " ".join([verb.lower_, *sorted(particles)])
        return StageCue("blocked", words)
    for child in children:
        if child.dep_ == "acomp" and child.lower_ in BLOCKED_MODIFIERS:
            return StageCue("blocked", f"{verb.lower_} {child.lower_}")  # "remained blocked"
    if lemma in REQUESTED_VERBS:
        return StageCue("requested", verb.lower_)
    if lemma in AGREEING and _by_staff(verb):  # a lender's staff agree; its board decides
        return StageCue("requested", f"staff {verb.lower_}")
    chamber = _one_chamber(verb) if lemma in DECISIONS else None
    if chamber is not None:  # the other house and a signature are still to come
        return StageCue("requested", f"{chamber.lower_} {verb.lower_}")
    if lemma == "drop" and any(c.dep_ == "auxpass" or c.lower_ == "from" for c in children):
        return StageCue("blocked", f"{verb.lower_} from")  # "was dropped from the final deal"
    for child in children:
        if lemma in ("need", "require") and child.dep_ == "dobj" and child.lemma_ in APPROVALS:
            return StageCue("requested", f"{verb.lower_} {child.lower_}")
        if child.dep_ == "acomp" and child.lower_ == "subject":
            return StageCue("requested", "subject to")  # "is subject to a vote"
        if child.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in child.children):
            return StageCue("requested", f"if {child.lower_}")  # "If Congress approves, ..."
    if lemma == "prepare" and any(c.dep_ == "xcomp" for c in children):
        return StageCue("requested", f"{verb.lower_} to")  # "prepared to pass", not "prepared a"
    auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"would", "could", "might"} and "have" in auxes and verb.tag_ == "VBN":
        return StageCue("blocked", f"would have {verb.lower_}")  # it did not happen
    negated = any(c.dep_ == "neg" for c in children)
    if negated and any(c.lower_ == "yet" for c in children):
        return StageCue("requested", f"not yet {verb.lower_}")
    if negated:
        return StageCue("blocked", f"not {verb.lower_}")
    pending = next((c for c in children if c.dep_ == "aux" and c.lower_ in PENDING_AUX), None)
    if pending is not None:
        return StageCue("requested", f"{pending.lower_} {verb.lower_}")
    # A decision still to be taken is pending ("would be agreed", "will approve"), unlike a
    # giver's promise ("will send").
    future = next((c for c in children if c.dep_ == "aux" and c.lower_ in FUTURE), None)
    if future is not None and lemma in DECISIONS:
        return StageCue("requested", f"{future.lower_} {verb.lower_}")
    return None


def _one_chamber(verb: Token) -> Token | None:
    """Return the one house of a legislature that passes or votes ("The House passed $40bn",
    "the Senate voted to approve", "passed the Senate"), not the whole ("Congress passed")."""
    verbs = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    for tok in (c for v in verbs for c in v.children):
        if tok.dep_ in ("nsubj", "dobj") and tok.lemma_.lower() in CHAMBERS:
            # "both chambers" passed it; "the White House" is no chamber
            other = any(c.lower_ in ("both", "two", "white") for c in tok.children)
            return None if other else tok
    return None


def _by_staff(tok: Token) -> bool:
    """Return whether a verb's subject, or whom it is agreed 'with', is a lender's staff
    ("IMF staff agreed with Kyiv", "whose staff reached agreement", "agreed with Fund staff")."""
    people = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    people += [o for c in tok.children if c.lower_ in ("with", "by") for o in c.children]
    return any(p.lemma_.lower() == "staff" for p in people)


def _noun_cue(noun: Token) -> StageCue | None:
    """Return the stage a governing noun decides: a proposal, a request, a blocked package."""
    if noun.lemma_.lower() in REQUESTED_NOUNS:
        return StageCue("requested", noun.lower_)
    staff = any(t.lower_ == "staff" for t in noun.subtree if t.i < noun.i)
    if noun.lemma_.lower() == "agreement" and staff:
        return StageCue("requested", "staff-level agreement")  # the board has yet to approve
    for child in noun.children:
        if child.dep_ not in ("amod", "compound"):
            continue
        if child.lower_ in REQUESTED_MODIFIERS:
            return StageCue("requested", f"{child.lower_} {noun.lower_}")
        if child.lower_ in BLOCKED_MODIFIERS:
            return StageCue("blocked", f"{child.lower_} {noun.lower_}")
    return None


def frame_stage(span: Span) -> StageCue | None:
    """Return the requested or blocked stage the amount's frame shows (None: none shows)."""
    chain = _chain(span)
    for tok in chain:
        cue = _verb_cue(tok) if tok.pos_ in _VERBS else _noun_cue(tok)
        if cue is not None:
            return cue
    cue = _described_cue(span)
    if cue is not None:
        return cue
    verb = next((t for t in chain if t.pos_ in _VERBS), None)
    return _coordinated_cue(verb) if verb is not None else None


def _coordinated_cue(verb: Token) -> StageCue | None:
    """Return the cue of the last verb coordinated with the clause's verb that shares its
    subject: "It carries $45bn, passed the Senate and now awaits a vote" is still pending."""
    cue, tok = None, verb
    while True:
        tok = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
        if tok is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return cue
        lexical = tok.lemma_.lower() in BLOCKED_VERBS | REQUESTED_VERBS  # not "could add more"
        cue = (_verb_cue(tok) if lexical else None) or cue


# Plural nouns that name many givers at once: "allies pledged", "donors mobilised".
_MANY = "ally donor partner government country lender nation member participant delegation"
MANY_GIVERS = frozenset(_MANY.split())
TOGETHER = frozenset({"jointly", "together", "collectively"})
ASSEMBLING = frozenset({"put", "bring", "pull", "piece"})  # "putting together a package"
# Money raised by several givers at once: "$60bn had been mobilised at the conference".
POOLING_VERBS = frozenset({"mobilise", "mobilize", "pool"})
# What a government does with its own money: "Ukraine's finance ministry raised 8bn hryvnias".
OWN_MONEY_VERBS = frozenset({"raise", "borrow", "spend", "earn", "collect", "issue"})
UKRAINE = frozenset({"ukraine", "kyiv", "ukrainian", "ukraine's"})
POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})
# A running total passes a mark: "Sweden's total support will exceed SEK 100 billion".
PASSING_VERBS = frozenset({"exceed", "surpass", "top", "reach", "pass", "near"})
TOTAL_WORDS = frozenset({"total", "overall", "cumulative", "combined"})
AID_NOUNS = frozenset({"support", "aid", "assistance", "funding", "help", "lending"})
# A bill the amount describes, with no verb saying it passed: still before a vote.
BILL_NOUNS = frozenset({"bill", "legislation", "measure", "amendment", "motion"})
PERIODS = frozenset({"week", "month", "year", "quarter", "decade"})


def several_givers(span: Span) -> bool:
    """Return whether the amount's clause has several givers: 'allies pledged', 'jointly fund'."""
    verb = next((t for t in _chain(span) if t.pos_ in _VERBS), None)
    if verb is None or _from_one(span):
        return False
    if verb.dep_ == "relcl" and any(c.dep_ == "poss" for c in verb.head.children):
        return False  # "the G7's loans, which together are worth ...": one group gives
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
    subjects = [next((c for c in s.children if c.dep_ == "pobj"), s) for s in subjects]
    # "Together, the G7 partners will lend": one group; "putting together a package": no givers.
    group = any(_named_owner(s) for s in subjects) or verb.lemma_.lower() in ASSEMBLING
    if not group and any(c.dep_ == "advmod" and c.lower_ in TOGETHER for c in verb.children):
        return True
    for subj in subjects:
        many = subj.tag_ in ("NNS", "NNPS") and subj.lemma_.lower() in MANY_GIVERS
        if many and not _named_owner(subj):
            return True  # but "G7 countries lend": the group gives
        names = [subj, *(c for c in subj.children if c.dep_ == "conj" and c.pos_ == "PROPN")]
        givers = [n for n in names if n.lower_ not in UKRAINE]  # "Ukraine and Japan signed"
        if subj.pos_ == "PROPN" and len(givers) > 1:
            return True  # "Denmark, Norway and Sweden said they would fund ..."
    return False


def _named_owner(noun: Token) -> bool:
    """Return whether a noun is owned or named by one giver: "the G7's loans", "G7 countries"."""
    return any(c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" for c in noun.children)


def _from_one(span: Span) -> bool:
    """Return whether the amount itself comes 'from' one giver ('a pledge of $5bn from Japan')."""
    for tok in (span.root, span.root.head):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "from":
                return True
    return False


def frame_context(span: Span) -> str:
    """Return why the clause makes the amount a context figure ('' when it does not).

    Pooled money ("mobilised"), a total passing a mark ("total support will exceed"), and
    Ukraine's own money ("Ukraine's finance ministry raised").
    """
    verb = next((t for t in _chain(span) if t.pos_ in _VERBS), None)
    if verb is None:
        return ""
    lemma = verb.lemma_.lower()
    subject = _subject(verb)
    if subject is not None and span.start <= subject.i < span.end:
        subject = None  # "$60bn had been mobilised": the amount is the subject
    if lemma in POOLING_VERBS and not _from_one(span) and subject is None:
        return "sum of several givers"
    if _over_a_period(verb):
        return "running total"
    if subject is None:
        return ""
    mods = [c for c in subject.children if c.dep_ in ("amod", "compound", "poss")]
    words = {subject.lower_, *(m.lower_ for m in mods)}
    if lemma in PASSING_VERBS and words & (TOTAL_WORDS | AID_NOUNS):  # "aid will exceed €12bn"
        return "running total"
    if lemma in OWN_MONEY_VERBS and words & UKRAINE and not _from_one(span):
        return "Ukraine's own money"
    return ""


def _over_a_period(verb: Token) -> bool:
    """Return whether a perfect verb sums over a period: "has committed £2.3bn in 2022",
    "had sent $2bn since he took office", "has given €1bn so far"."""
    auxes = {c.lemma_.lower() for c in verb.children if c.dep_ == "aux"}
    if "have" not in auxes or verb.tag_ != "VBN":
        return False
    for child in verb.children:
        # "since 2022", "so far"; not a bare "has since followed with €668m" (afterwards)
        since = child.lower_ == "since" and child.n_lefts + child.n_rights > 0
        if since or child.lower_ == "far" or (child.dep_ == "advcl" and _since(child)):
            return True
        during = child.dep_ == "prep" and child.lower_ in ("in", "over", "during", "within")
        if during and any(_period(p) for p in child.children if p.dep_ == "pobj"):
            return True
    return False


def _since(clause: Token) -> bool:
    """Return whether a clause is introduced by 'since' ('since he took office')."""
    return any(c.dep_ == "mark" and c.lower_ == "since" for c in clause.children)


def _period(noun: Token) -> bool:
    """Return whether a noun names a period of time: a year ('2022'), a week, a month, a year."""
    return (noun.like_num and len(noun.text) == 4) or noun.lemma_.lower() in PERIODS


def _subject(verb: Token) -> Token | None:
    """Return the subject of a verb (a passive one's agent), if any."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON":
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def own_spending(span: Span) -> bool:
    """Return whether the words after the amount, to the end of its clause, spend it on the
    giver's own needs and name no Ukraine: "a €100bn fund to re-equip its own armed forces"
    (not "€1bn of arms for Ukraine from its own stocks"). Read from the words, as the parse
    of such purpose clauses is often broken."""
    words: list[str] = []
    for tok in span.doc[span.end : span.sent.end]:
        if tok.lower_ in (";", ":") or (tok.lower_ == "and" and words[-1:] == [","]):
            break
        words.append(tok.lower_)
    if UKRAINE & set(words):
        return False
    # "from its own stocks" is where the aid comes from, not what it is for.
    triples = zip(["", *words], words, words[1:], strict=False)
    return any(a in POSSESSIVES and b == "own" and w != "from" for w, a, b in triples)


def several_recipients(span: Span) -> bool:
    """Return whether the amount (or the noun it describes) goes 'for'/'to' several countries:
    "a $95bn package for Ukraine, Israel and Taiwan"."""
    for tok in (span.root, span.root.head):
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("for", "to"):
                continue
            for target in prep.children:
                others = [c for c in target.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
                if target.dep_ == "pobj" and target.pos_ == "PROPN" and others:
                    return True
    return False


def decide_stage(span: Span, aid: StageCue, other_recipient: str) -> StageCue:
    """Return the amount's stage and reason; `aid` is what its aid verb says."""
    if per_unit(span):
        return StageCue("", "rate per person or item")
    if difference(span):
        return StageCue("", "difference between figures")
    reason = noun_reason(span)  # what the amount is comes before what happens to it
    if reason:
        return StageCue("requested" if reason == "request" else "", reason)
    cue = frame_stage(span)
    if cue is not None:
        return cue
    reason = context_reason(span) or frame_context(span)
    if reason:
        return StageCue("requested" if reason == "request" else "", reason)
    if own_spending(span):
        return StageCue("", "donor's own spending")
    if several_givers(span):
        return StageCue("", "sum of several givers")
    if several_recipients(span):
        return StageCue("", "money for several countries")
    if other_recipient:
        return StageCue("", f"money for {other_recipient}")
    if aid.reason == NO_AID_WORD and _bill(span):
        return StageCue("requested", f"{span.root.head.lower_}, not passed")
    return aid


def _bill(span: Span) -> bool:
    """Return whether the amount describes a bill ('a $110bn bill') with no aid verb on it."""
    head = span.root.head
    describes = span.root.dep_ in ("nummod", "compound", "amod")
    if not describes or head.lemma_.lower() not in BILL_NOUNS:
        return False
    verbs = aid_verbs()  # "the $40bn bill signed in May" passed
    return not any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in verbs for c in head.children)
