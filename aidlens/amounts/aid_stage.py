"""The stage an aid word gives an amount: pledged or delivered, and the word that said so.

The aid word is the verb or noun above the amount that aid_verbs.csv lists (donors.py finds
it). What is yet to happen is a pledge ("will send", "plans to provide"); a delivery verb that
only describes a package ("financed through USAI"), goes on ("is arriving"), came in part
("largely spent") or states what a law does ("The Act provides $40bn") is a pledge too (a
paying participle of a past event has happened: "completed its review, releasing $900m"), as is
a delivery noun an approving verb governs ("authorised a disbursement of €4.2bn"), or that a
pledging verb governs or describes or a copula says is due ("backed a third tranche of €500m",
"the first payment is due"); an approval whose next clause or participle says the money then
arrived is paid (not one paid "in tranches" or "over four years"); what is "passed on", or
passed to Ukraine ("passed the profits to Ukraine"), is paid. A clause on the amount saying it
was paid decides before any verb above it ("up on the £2.3bn it provided in 2023"; not what a
law or a house "provided": that enacts it). Money arriving ("€3bn reached Kyiv", arrival.py)
decides before all. With no aid word, an amount described by one ("the first €1bn, paid in
August") is delivered; one that names an aid instrument or the recipient in its frame ("a
€50bn facility", "$2bn in military aid", "$500m for Ukraine") is a pledge, as news reports
promises far more than deliveries. Any other is a pledge with the reason NO_AID_WORD:
nothing in its sentence makes it aid, so the ledger keeps it only when it restates a
commitment another mention frames ("the $61bn" months later), else it is a context figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aidlens.amounts.aid_frame import RECIPIENT_WORDS, aid_frame
from aidlens.amounts.arrival import ARRIVING, arriving
from aidlens.amounts.blocking import particles_of
from aidlens.amounts.partitive import PART_WORDS, whole_of_part

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# "plans to send", "agreed to provide": what is yet to happen is a pledge, whatever the verb.
_INTENT = "plan intend want agree promise pledge vow expect aim seek decide propose prepare hope"
INTENT_VERBS = frozenset(_INTENT.split())
FUTURE_AUX = frozenset({"will", "would", "shall", "should", "'ll", "to"})
DESCRIBING = frozenset({"acl", "relcl", "amod"})  # a verb that describes a noun
PRESENT = frozenset({"VBZ", "VBP"})
# What a giving verb may give that is no money: "gave its final consent to the facility".
_APPROVALS = frozenset({"consent", "approval", "backing", "blessing", "go-ahead", "nod"})
# Subjects that enact money rather than pay it: "the May law gave it $6bn".
_ENACTING = frozenset({"law", "act", "bill", "budget", "measure", "supplemental"})
# Houses and parties: what one "provided" it enacted; when one blocks, it is its country's.
_HOUSES = "congress senate house parliament bundestag republicans democrats"
LEGISLATURES = frozenset(_HOUSES.split())
# Words that point back to an amount just named ("and the money reached Kyiv", "paid it out").
_POINTING_BACK = frozenset({"it", "money", "sum", "amount", "cash", "funds"})
# Verbs that back a delivery noun without paying it ("Washington added a $2.5bn tranche").
_BACKING = frozenset({"add", "back", "endorse", "plan", "prepare"})
# Verbs that only ever move money (not "provide", which also says what a package holds).
PAYING = frozenset({"release", "disburse", "pay", "transfer", "free"})
# Verbs that hand money over, besides paying it: a participle of one on an amount says it was.
HANDING = frozenset({"deliver", "send", "spend", "provide"})
SCHEDULES = frozenset({"tranche", "tranches", "instalments", "installments"})
# Nouns of giving verbs that name a delivery themselves ("a first transfer of €1.5bn"; not
# "a fund of CHF 1.5bn").
DELIVERY_NOUNS = frozenset({"transfer"})
NO_AID_WORD = "no aid word"
# How an amount hangs on the noun it measures: "the €18bn programme", "its part, €18bn".
_MEASURES = frozenset({"nummod", "compound", "nmod", "amod", "appos"})
# What is handed on rather than enacted when passed to Ukraine: "passed the profits to Ukraine".
PASSED_ON = _POINTING_BACK | {"profit", "proceeds", "revenue", "income", "interest"}
# What says a delivery is not whole: "was largely spent", "the first tanks from the package".
PARTLY = frozenset({"largely", "partly", "partially", "mostly", "half"})
REPORTING = frozenset({"say", "confirm", "report", "announce", "state"})
ASKING = frozenset({"whether", "if", "how"})  # "whether the €5bn is paid": an open question


@dataclass(frozen=True)
class AidVerb:
    """What a verb (or noun) says about an amount: its stage, and whether its subject gives."""

    stage: str
    giver: bool


def aid_stage(span: Span, word: Token | None, verbs: Mapping[str, AidVerb]) -> tuple[str, str]:
    """Return ('pledged' or 'delivered', the aid word) from the word above the amount."""
    arrival = arriving(span.root, whole_of_part(span))
    if arrival is not None:  # "the first €3bn reached Kyiv": nearer than any aid word above it
        later = _yet_to_come(arrival) or _unfinished(arrival)
        return ("pledged", later) if later else ("delivered", arrival.lower_)
    own = _own_delivery(span, verbs)
    if own is not None:  # "an increase on the £2.3bn it provided in 2023": its own clause says
        return "delivered", own.lower_
    if word is None:
        measured = span.root.head if span.root.dep_ in _MEASURES else span.root
        paid = _paid_out(measured, verbs)  # "The EU's €18bn programme has been paid out"
        if paid is not None and not _yet_to_come(paid):
            return "delivered", paid.lower_
        return _without_aid_word(span, verbs)
    if later := _yet_to_come(word):
        return "pledged", later
    if word.lemma_.lower() == "pass" and ("on" in particles_of(word) or _passed_money(word)):
        return "delivered", f"{word.lower_} on"  # "passed on €1.5bn of profits": handed over
    info = verbs[word.lemma_.lower()]
    if info.stage == "pledged" and (paid := _paid_with(word) or _paid_later(word)) is not None:
        return "delivered", f"{word.lower_}, {paid.lower_}"  # "approved $1.4bn, paid out at once"
    if info.giver and _in_subject(span, word):
        return "pledged", f"gives ({word.lower_})"  # "the $15.6bn programme has disbursed"
    if info.stage == "delivered":
        return _delivered_or_not(span, word, verbs)
    return info.stage, word.lower_


def _yet_to_come(word: Token) -> str:
    """Return the words that put `word` in the future ('will send', 'plans to send'), or ''."""
    chain = [t for t in [word, *word.ancestors] if t.pos_ in ("VERB", "AUX")][:3]
    for verb in chain:
        if verb.lemma_.lower() == "expect":  # "the first payment is expected in July"
            return verb.lower_
        for aux in verb.children:
            if aux.dep_ in ("aux", "auxpass") and aux.lower_ in FUTURE_AUX:
                return f"{aux.lower_} {verb.lower_}"
    if word.dep_ == "xcomp" and word.head.lemma_.lower() in INTENT_VERBS:
        return f"{word.head.lower_} to {word.lower_}"
    if asked := _asked(word):
        return f"{asked} {word.lower_}"
    return ""


def _asked(verb: Token) -> str:
    """Return the word making a present clause an open question ("how quickly it is paid")."""
    passive = (c for c in verb.children if c.dep_ == "auxpass" and c.tag_ in PRESENT)
    if verb.tag_ not in PRESENT and not (verb.tag_ == "VBN" and any(passive)):
        return ""
    near = [c for c in verb.children if c.dep_ in ("mark", "advmod")]
    near += [g for c in near for g in c.children if g.dep_ == "advmod"]
    return next((c.lower_ for c in near if c.lower_ in ASKING), "")


def _passed_money(verb: Token) -> bool:
    """Return whether 'pass' hands money on ("passed the profits to Ukraine"), not a bill."""
    money = any(c.dep_ == "dobj" and c.lemma_.lower() in PASSED_ON for c in verb.children)
    to = (o for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children)
    return money and any(o.lower_ in RECIPIENT_WORDS for o in to)


def _unfinished(verb: Token) -> str:
    """Return the words that say the money is still coming or came only in part ("£2.26bn is
    arriving", "was largely spent"), or ''; not "has been arriving", which reviewers code paid."""
    partly = [c for c in verb.children if c.dep_ == "advmod" and c.lower_ in PARTLY]
    if partly:
        return f"{partly[0].lower_} {verb.lower_}"
    coming = verb.tag_ == "VBG" and any(c.dep_ == "aux" for c in verb.children)
    if coming and not any(c.lower_ == "been" for c in verb.children):
        return f"still {verb.lower_}"
    return ""


def _paid_with(word: Token) -> Token | None:
    """Return a paying participle that says the approved money was paid ('approved $1.4bn,
    paid out within days'; not 'to be paid over four years', nor one with a subject of its
    own). The small model tags one after a comma past tense, or hangs it on the last noun
    ("approved $1.4bn under its Rapid Financing Instrument, paid out within days")."""
    last = [o for c in word.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    tail = [c for o in last[-1:] for c in o.children if c.dep_ == "acl" and _after_comma(c)]
    for child in [*word.children, *tail]:
        reduced = child.dep_ in ("advcl", "acl") and _after_comma(child)  # no subject of its own
        paying = child.tag_ == "VBN" or (child.tag_ == "VBD" and reduced)
        if child.lemma_.lower() not in PAYING or not paying or _yet_to_come(child):
            continue
        if any(t.lower_ in SCHEDULES or _spread(t) for t in child.subtree):
            continue  # "approved $15.6bn, paid in tranches over four years": still coming
        if child.dep_ not in ("advcl", "conj") and child not in tail:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in child.children):
            return child
    return None


def _spread(token: Token) -> bool:
    """Return whether a word spreads payments over years ("over four years")."""
    nouns = (c for c in token.children if c.dep_ == "pobj" and c.lemma_ in ("year", "month"))
    return token.lower_ == "over" and any(c.dep_ == "nummod" for n in nouns for c in n.children)


def _after_comma(verb: Token) -> bool:
    """Return whether a clause opens right after a comma (", paid out within days")."""
    return verb.i > 0 and verb.doc[verb.i - 1].text == ","


def _paid_later(word: Token) -> Token | None:
    """Return a clause joined to the approval that says the same money was then paid or arrived
    ("approved $1.4bn, and the money reached the central bank", "and paid it out at once"),
    or None: its subject or object points back to the amount."""
    for clause in (c for c in word.children if c.dep_ == "conj" and c.tag_ in ("VBD", "VBN")):
        moving = clause.lemma_.lower() in PAYING | ARRIVING
        args = (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))
        back = any(c.lemma_.lower() in _POINTING_BACK for c in args)
        pieces = any(t.lemma_.lower() in PART_WORDS | {"piece"} for t in clause.subtree)
        if moving and back and not _yet_to_come(clause):
            return None if pieces else clause
    return None


def _delivered_or_not(span: Span, word: Token, verbs: Mapping[str, AidVerb]) -> tuple[str, str]:
    """Return the stage a delivery word gives: delivered, unless it describes, goes on, states
    what a law does, or is approved ('authorised a disbursement')."""
    # "a package financed through USAI", "the €18bn the EU is providing": not yet delivered;
    # but "a share, of which the first €3bn was paid" says the amount itself was paid.
    described = word.head.pos_ != "PROPN" and word.head.i != span.root.i  # not "Germany, which"
    described &= not (span.root.head.i == word.i and span.root.dep_ in ("nsubj", "nsubjpass"))
    if whole_of_part(span):
        return "pledged", f"whole of a part {word.lower_}"  # "the first €1bn of its €9bn"
    going_on = word.tag_ == "VBG" and not any(c.lower_ == "been" for c in word.children)
    unfinished = _unfinished(word)
    going_on |= _being(word) or bool(unfinished)
    # "completed its review on Monday, releasing $900m": a participle of a past event happened
    # (not "unveiled a package, providing": that is what the package holds).
    past_event = word.dep_ in ("advcl", "conj") and word.head.tag_ in ("VBD", "VBN")
    past_event &= word.lemma_.lower() in PAYING and not any(c.dep_ == "aux" for c in word.children)
    going_on = going_on and not past_event
    # A simple past describing it happened: "the programme, which sent its first €3bn in May".
    describes = word.dep_ in DESCRIBING and described and word.tag_ != "VBD"
    if describes or going_on:  # not "has been paying out"
        return "pledged", unfinished or word.lower_
    if approval := _approval(word):  # "gave its final consent to the €50bn facility"
        return "pledged", f"{word.lower_} {approval}"
    enacting = any(c.dep_ == "nsubj" and c.lemma_.lower() in _ENACTING for c in word.children)
    if enacting and word.tag_ == "VBD":
        return "pledged", f"{word.lower_} (law)"  # "the May law gave it $6bn"
    if any(_house(c) for c in word.children if c.dep_ == "nsubj"):
        return "pledged", f"{word.lower_} (house)"  # "the Bundestag released €3bn": enacted
    subject_of = word.head if word.dep_ == "conj" else word  # "completes ... and releases $1bn"
    if word.tag_ in PRESENT and not _named_subject(word) and not _named_subject(subject_of):
        return "pledged", f"{word.lower_} (present)"  # "The Act provides $40bn"
    head = word.head
    approving = verbs.get(head.lemma_.lower())
    noun = word.pos_ in ("NOUN", "PROPN")  # the small model tags "the first tranche," PROPN
    if noun and head.pos_ == "VERB" and approving and approving.stage == "pledged":
        return "pledged", f"{head.lower_} {word.lower_}"  # "authorised a disbursement of"
    if noun and _pledged_by(word, verbs):
        return "pledged", word.lower_  # "backed a third tranche of €500m", "is due in July"
    return "delivered", word.lower_


def _house(subject: Token) -> bool:
    """Return whether a subject is a house or its budget committee, which vote money and never
    pay it ("Congress provided $61bn", "the budget committee released €3bn"; not the White
    House)."""
    white = any(c.lower_ == "white" for c in subject.children)
    return subject.lemma_.lower() in LEGISLATURES | {"committee"} and not white


def _approval(word: Token) -> str:
    """Return the noun of approval a giving verb gives ('gave its consent'), or ''."""
    objects = (c for c in word.children if c.dep_ == "dobj" and c.lemma_.lower() in _APPROVALS)
    return next((c.lower_ for c in objects), "")


def _pledged_by(noun: Token, verbs: Mapping[str, AidVerb]) -> bool:
    """Return whether a delivery noun is only promised: a pledging verb governs or describes it
    ("backed a third tranche", "agreed to a fifth tranche", "a tranche approved this month"), or
    it is the subject of a copula ("the first payment is due in July", "is before ministers")."""
    head = noun.head.head if noun.dep_ == "pobj" else noun.head  # "agreed to a tranche"
    clauses = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
    for verb in (head, *clauses):
        info = verbs.get(verb.lemma_.lower())
        pledging = info is not None and info.stage == "pledged"
        if verb.pos_ in ("VERB", "AUX") and (pledging or verb.lemma_.lower() in _BACKING):
            return True
    return noun.dep_ == "nsubj" and noun.head.lemma_ == "be"


def _without_aid_word(span: Span, verbs: Mapping[str, AidVerb]) -> tuple[str, str]:
    """Return the stage of an amount no aid word governs: delivered when it is described by a
    delivery verb or reaches the recipient, else pledged."""
    root = span.root
    # The clause may describe the amount or what it is of: "the £2.3bn of aid it provided".
    nouns = [root, *(o for p in root.children if p.lower_ == "of" for o in p.children)]
    for child in (c for noun in nouns for c in noun.children):
        info = verbs.get(child.lemma_.lower())
        delivered = info is not None and info.stage == "delivered"
        if child.dep_ == "acl" and child.tag_ == "VBN" and delivered:
            return "delivered", child.lower_  # "the first €1bn, paid in early August"
        if child.dep_ in ("acl", "relcl") and info and info.stage == "pledged":
            return "pledged", child.lower_  # "the $13.6bn approved in March"
    return "pledged", aid_frame(span) or NO_AID_WORD


def _own_delivery(span: Span, verbs: Mapping[str, AidVerb]) -> Token | None:
    """Return the delivery verb of a clause on the amount, or on what it is of or in, that
    says it was paid ("the £2.3bn it provided in 2023", "the C$620m in loans Canada has paid
    out", "matching the £2.3bn delivered in 2022", "€4.5bn in bridge financing paid in
    March"): a simple past, a present perfect or a bare past participle, not negated, not a
    law's ("the $61bn Congress provided" enacts it)."""
    root, doc = span.root, span.doc
    preps = [p for p in root.children if p.lower_ in ("of", "in")]
    # "€2.5bn in bridge financing paid in April", its "in" hung on the verb by the parser
    if span.end < len(doc) and doc[span.end].lower_ in ("of", "in"):
        preps.append(doc[span.end])
    nouns = [root, *(o for p in preps for o in p.children if o.dep_ == "pobj")]
    if root.dep_ in _MEASURES and root.head.pos_ == "NOUN":  # "the ¥740bn package, which"
        nouns.append(root.head)
    clauses = [c for noun in nouns for c in noun.children if c.dep_ in ("relcl", "acl")]
    for clause in (_reported(c) for c in clauses):
        info = verbs.get(clause.lemma_.lower())
        auxes = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass", "neg")}
        if info is None or info.stage != "delivered" or auxes & {"not", "n't", "never"}:
            continue
        if clause.dep_ == "acl":  # "the £2.3bn delivered in 2022"; not "to be paid"
            done = clause.tag_ == "VBN" and not auxes and _handed_over(clause)
        else:
            done = (clause.tag_ == "VBD" and not auxes) or (
                clause.tag_ == "VBN" and bool(auxes & {"has", "have"})
            )
            done = done and not _partitive(clause)
        if done and not _enacted(clause):
            return clause
    return None


def _reported(clause: Token) -> Token:
    """Return what a relative clause of saying reports ("which they said was paid"), or it."""
    said = (c for c in clause.children if c.dep_ == "ccomp")
    return next(said, clause) if clause.lemma_.lower() in REPORTING else clause


def _partitive(clause: Token) -> bool:
    """Return whether a relative clause tells of a part ("$4.5bn, of which the first $3bn has
    been paid", "under which $10.6bn has been disbursed"): its whole was not paid itself."""
    return any(t.lower_ == "which" and t.head.lower_ in ("of", "under") for t in clause.subtree)


def _handed_over(participle: Token) -> bool:
    """Return whether a participle on an amount says it was handed over ("€2bn spent"), not
    arranged ("co-financed with the World Bank", "paid for with savings", "paid through
    contracts"), on a schedule ("paid out at €1.5bn a month") or wanted ("wants €1bn paid")."""
    moving = participle.lemma_.lower() in PAYING | HANDING
    moving &= not any(c.lower_ == "for" and not list(c.children) for c in participle.children)
    moving &= not any(t.lemma_ == "contract" for t in participle.subtree)
    schedule = any(t.ent_type_ == "MONEY" or t.lower_ in SCHEDULES for t in participle.subtree)
    wanted = participle.head.head.lemma_.lower() in INTENT_VERBS | {"want", "need"}
    return moving and not schedule and not wanted


def _enacted(clause: Token) -> bool:
    """Return whether a clause's subject or agent is a law or a house ("Congress provided")."""
    agents = (o for c in clause.children if c.dep_ == "agent" for o in c.children)
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    return any(t.lemma_.lower() in _ENACTING | LEGISLATURES for t in (*subjects, *agents))


def _paid_out(word: Token, verbs: Mapping[str, AidVerb]) -> Token | None:
    """Return the delivery verb the noun an amount measures is the passive subject of ('The
    EU's €18bn programme has been paid out': its owner, found first, left no aid word), or None."""
    head = word.head
    if word.pos_ == "VERB" or word.dep_ != "nsubjpass" or head.pos_ != "VERB":
        return None
    info = verbs.get(head.lemma_.lower())
    if info is None or info.stage != "delivered" or _being(head):
        return None
    return head


def _being(verb: Token) -> bool:
    """Return whether a passive verb goes on ("is being paid out in instalments")."""
    return any(c.dep_ == "auxpass" and c.lower_ == "being" for c in verb.children)


def _named_subject(verb: Token) -> bool:
    """Return whether a verb's subject is a name ('Germany sends'), not a law or a pronoun."""
    actors = ("GPE", "ORG", "NORP", "PERSON")
    return any(c.dep_ == "nsubj" and c.ent_type_ in actors for c in verb.children)


def _in_subject(span: Span, verb: Token) -> bool:
    """Return whether the amount is in the active subject of `verb` (the giver, not the gift)."""
    return any(
        c.dep_ == "nsubj" and c.left_edge.i <= span.root.i <= c.right_edge.i for c in verb.children
    )
