"""One giver's aid where a context cue matches: a budget's line for Ukraine, a line raised to a
new size, one instrument sized in total, one giver's aid valued ("put at"), a tranche of the
profits of frozen assets, a part of a total ("$20bn of the total", "split into €33bn").

context.py reads these exceptions when a cue of budget, running total or estimate matches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.clause import AID_NOUNS, UKRAINE, VERBS, antecedent, clause_path
from aidlens.amounts.lexicon import RELATIVE_PRONOUNS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_ADVERBIALS = frozenset({"prep", "advmod", "npadvmod"})
_CLAUSES = frozenset({"relcl", "acl"})
# "The package totals $1.85bn" ("stands at") gives one package's size, not a sum over many: a
# sizing verb whose subject is one instrument (a singular noun, not "aid") is no running total.
# Not "bill" or "law": "the law totals $95bn" is mostly an omnibus whose Ukraine share follows.
SIZING_VERBS = frozenset({"total", "amount", "stand"})
ONE_INSTRUMENT = frozenset(
    {"package", "programme", "program", "loan", "facility", "tranche", "grant", "pledge", "deal"}
    | {"agreement", "arrangement", "instalment", "installment", "contribution"}
)
# Verbs that value what they name: an estimate, unless what they value is one giver's aid.
VALUING = frozenset({"put at", "estimate at", "estimate"})
VALUED_AID = AID_NOUNS | {"share", "contribution", "package", "pledge", "grant", "loan", "payment"}
IN_SUM = frozenset({"in total"})  # "in all" on the amount was never a cue ("€18bn in all")
SUMMED = frozenset({"since", "total", "so", "overall", "cumulative", "all"})
# What frozen assets yield, which is given: "a tranche of windfall profits from the assets".
PROFITS = frozenset({"profit", "proceeds", "income", "revenue", "windfall"})
# Verbs that cut a figure into its parts: "The total is split into €33bn in loans and €17bn".
SPLITTING = frozenset({"split", "divide", "break", "separate", "carve"})
# Verbs that raise a figure to a new size: a running total, unless they raise one line.
RAISING = frozenset({"raise to", "lift to", "increase to", "push to", "take to"})
RAISED_LINES = ONE_INSTRUMENT | AID_NOUNS | {"line", "commitment", "that", "it"}


def sizing_phrases(span: Span) -> frozenset[str]:
    """Return the clause verb's own phrases when it sizes one instrument ("The package totals
    $1.85bn", "the loan, which amounts to $20bn"), else nothing."""
    verb = clause_path(span)[-1]
    if verb.lemma_.lower() not in SIZING_VERBS or not one_instrument(verb):
        return frozenset()
    lemma = verb.lemma_.lower()
    return frozenset({verb.lower_, lemma, f"{lemma} to", f"{lemma} at"})


def one_instrument(verb: Token) -> bool:
    """Return whether a verb's subject is one instrument ("the package", "the loan, which")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    subject = None if subject is None else antecedent(subject)  # "the loan, which totals"
    if subject is None or subject.tag_ != "NN":
        return False
    return subject.lemma_.lower() in ONE_INSTRUMENT


def line_for_ukraine(span: Span) -> bool:
    """Return whether the amount is set aside 'for' Ukraine by itself or by its verb ("a budget
    that sets aside €7bn for military help to Ukraine", "€3.5bn budgeted for Ukraine"): a
    budget's line for Ukraine is the giver's aid, the budget around it a context figure."""
    path = clause_path(span)
    holders = [span.root, *(t for t in path if t.pos_ in VERBS)]
    holders += [c for c in span.root.children if c.dep_ in _CLAUSES and c.pos_ in VERBS]
    return any(_for_ukraine(holder) for holder in holders) or _in_ukraine_aid(span.root)


def _in_ukraine_aid(root: Token) -> bool:
    """Return whether the amount is "in" aid named for Ukraine ("included $13.6bn in Ukraine
    aid"): the line for Ukraine a bill or budget holds, not its aid for others ("€2bn in
    development aid")."""
    for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "in"):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            if noun.lemma_.lower() in AID_NOUNS and _names(noun) & UKRAINE:
                return True
    return False


def share_for_ukraine(span: Span) -> bool:
    """Return whether the amount's own phrase gives it to Ukraine alone ("a $95bn foreign aid
    bill, about $60bn of it for Ukraine", "the bill, with $60bn for Ukraine"): Ukraine's share
    of a bill for many, not the bill's total ("$95bn for Ukraine, Israel and Taiwan" is)."""
    return _for_ukraine(span.root, alone=True)


def _for_ukraine(holder: Token, alone: bool = False) -> bool:
    """Return whether a 'for' phrase below `holder` names Ukraine; with `alone`, Ukraine with
    no other recipient coordinated ("for Ukraine and Israel" is not)."""
    for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ == "for"):
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if alone and any(g.dep_ == "conj" for o in objects for g in o.children):
            continue
        if _names(prep) & UKRAINE:
            return True
    return False


def budgeted_aid(span: Span) -> bool:
    """Return whether the amount is what a giver budgeted as aid to Ukraine ("Germany has
    budgeted more than €7bn for military aid to Ukraine", "Berlin's support for Ukraine, about
    €9bn budgeted for this year"): the verb sets a line aside; a budget's total is a noun."""
    clauses = [c for c in span.root.children if c.dep_ in _CLAUSES]
    if not any(t.lower_ == "budgeted" for t in clause_path(span) + clauses):
        return False
    words = {t.lower_ for t in span.sent}
    return bool(words & UKRAINE) and bool(words & AID_NOUNS)


def raised_line(span: Span) -> bool:
    """Return whether the verb raises one line or figure ("raised its support this year to
    NOK 85bn", "the line, raised during the year to €5.4bn", "raised that to $13.6bn"), not
    a sum over time ("raised its aid since the invasion to")."""
    verb = clause_path(span)[-1]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ in _CLAUSES and not objects:
        objects = [verb.head]
    for obj in objects:
        obj = verb.head if obj.lower_ in RELATIVE_PRONOUNS else obj  # "which it raised to"
        single = obj.tag_ in ("NN", "DT", "PRP") and obj.lower_ not in ("this", "these")
        if single and obj.lemma_.lower() in RAISED_LINES and not _summed(verb, obj):
            return True
    return False


def part_of_total(span: Span) -> bool:
    """Return whether the amount is a part a total is cut into or taken from ("The total is
    split into €33bn in loans and €17bn in grants", "will lend $20bn of the total"), not the
    total itself."""
    root = span.root
    for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"):
        if any(o.lemma_.lower() == "total" for o in prep.children if o.dep_ == "pobj"):
            return True
    while root.dep_ == "conj":  # "into €33bn in loans and €17bn in grants"
        root = root.head
    into = root.head if root.dep_ == "pobj" and root.head.lower_ == "into" else None
    return into is not None and into.head.lemma_.lower() in SPLITTING


def of_profits(span: Span) -> bool:
    """Return whether the amount is a part of the profits or proceeds of frozen assets ("the
    first tranche of profits generated by immobilised assets, worth €1.5bn"): those are given,
    the assets they come from are not."""
    holders = [*clause_path(span), *(c for c in span.root.children if c.dep_ == "appos")]
    preps = (c for t in holders for c in t.children if c.dep_ == "prep" and c.lower_ == "of")
    return any(o.lemma_.lower() in PROFITS for p in preps for o in p.children if o.dep_ == "pobj")


def values_aid(span: Span) -> bool:
    """Return whether a valuing verb's object is one giver's aid ("Norway put its share at NOK
    1.5bn", "the agreement puts Belgian military aid at €977m", "a package the office put at
    $2.3bn"): the figure is that aid, not an estimate. Not a sum over time ("support since
    2022"), which the object's or the verb's own words tell."""
    verb = clause_path(span)[-1]
    # What is valued: the object ("put its share at"), the passive subject ("the first payment
    # is estimated at"), or the noun a relative clause hangs on.
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i != span.root.i]
    if verb.dep_ == "relcl" and not objects:
        objects = [verb.head]  # "a package the presidential office put at $2.3bn"
    return any(o.lemma_.lower() in VALUED_AID and not _summed(verb, o) for o in objects)


def _summed(verb: Token, obj: Token) -> bool:
    """Return whether the object's or the verb's adverbial words make it a sum over time
    ("its aid since the invasion", "support so far")."""
    told = {t.lower_ for c in verb.children if c.dep_ in _ADVERBIALS for t in c.subtree}
    return bool((told | {t.lower_ for t in obj.subtree}) & SUMMED)


def _names(tok: Token) -> set[str]:
    """Return the words of a phrase but for its clauses ("for the missiles that replace what
    Ukraine receives" is not for Ukraine)."""
    words = {tok.lower_}
    for child in tok.children:
        if child.dep_ not in (*_CLAUSES, "ccomp"):
            words |= _names(child)
    return words
