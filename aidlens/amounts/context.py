"""Tell aid commitments from context figures (estimates, budgets, assets, totals, requests).

A context figure is money the news mentions around aid without anyone giving it: "recovery
would cost $411 billion", "€210 billion in Russian central bank assets", "four packages
totalling $113 billion", "asked Congress to approve $106 billion". Its row stays in
amounts.csv, with no stage and no commitment_id, so no chart counts it.

The cues are data (aidlens/data/context_cues.csv: cue,where,reason), matched as whole words
against the amount's frame, read from the dependency parse:
- head: a phrase of the frame ends with the cue. The frame holds the words from the amount
  up to its clause's verb (a noun with its modifiers, "government spending bill"; a verb
  with the preposition or 'to' below it, "bring to", "put at", "ask to"), the nouns the
  amount is 'in'/'of' ("in Russian central bank assets"), the clause's subject and object
  unless its verb gives ("Biden's request included..."), and a relative clause's verb on
  the amount ("the $33 billion that Biden asked for"). A relative pronoun subject stands for
  its noun when the verb measures it ("the deficit, which reached C$62bn": 'deficit').
- word: the cue is any word of those phrases ("a wider support package").
- adverbial: the cue is in an adverbial of the clause verb ("since the invasion", "to date").
Also an amount 'from' several givers at once ("from the IMF, other lenders and donors") is an
aggregate. Where a cue matches, aid_lines.py may find one giver's aid all the same: a sizing
verb with one instrument as its subject gives that instrument's size, not a running total ("The
package totals $1.85bn", not "The packages total" or "US aid totals"); so does a raise of one
line ("raised its support this year to NOK 85bn"); a budget's line for Ukraine is aid, and a
tranche of the profits of frozen assets is no frozen asset, nor is a part of a total a running
total ("$20bn of the total", "the total is split into €33bn and €17bn"). A level reached ("stands
at") is a running total only when no other cue of the frame says what the figure is.
Editing the cues changes extraction: bump aidlens.processing.extract.EXTRACTOR_VERSION.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from aidlens.amounts.aid_lines import (
    IN_SUM,
    RAISING,
    VALUING,
    budgeted_aid,
    line_for_ukraine,
    of_profits,
    one_instrument,
    part_of_total,
    raised_line,
    share_for_ukraine,
    sizing_phrases,
    values_aid,
)
from aidlens.amounts.alternation import word_pattern
from aidlens.amounts.bare import money_word
from aidlens.amounts.clause import antecedent, beside_its_giver, clause_path
from aidlens.amounts.lexicon import aid_verbs, gives
from aidlens.errors import InputError, Problem

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

CONTEXT_CUES = Path(__file__).with_name("data") / "context_cues.csv"
WHERE = ("head", "word", "adverbial")
_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})
_ADVERBIALS = frozenset({"prep", "advmod", "npadvmod"})
_CLAUSES = frozenset({"relcl", "acl"})
_VERBS = frozenset({"VERB", "AUX"})
MOSTLY_FOR_OTHERS = "total mostly for others"  # a bill's total, whose Ukraine share is aid
# Cues that say only that a figure is a level reached, so any other cue of the frame says more.
LAST_CUES = frozenset({"stand at"})
_QUANTITY = frozenset({"ADJ", "DET", "PRON", "NUM"})  # "most", "all", "much", "half"


@dataclass(frozen=True)
class ContextCues:
    """Compiled cues: one regex per place in the frame, and the reason of each cue."""

    head: re.Pattern[str]
    word: re.Pattern[str]
    adverbial: re.Pattern[str]
    reasons: dict[str, str]


def _pattern(cues: list[str], suffix: str) -> re.Pattern[str]:
    """Return a regex of whole-word cues, longest first, followed by `suffix`."""
    return word_pattern(cues, suffix=suffix)


@lru_cache(maxsize=1)
def context_cues() -> ContextCues:
    """Return the shipped context cues; raise InputError on a missing column or bad place."""
    with open(CONTEXT_CUES, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if {"cue", "where", "reason"} - set(reader.fieldnames or ()):
            raise InputError([Problem(str(CONTEXT_CUES), "needs the columns cue,where,reason")])
        rows = [{k: (v or "").strip() for k, v in rec.items() if k} for rec in reader]
    bad = [
        Problem(str(CONTEXT_CUES), f"where '{r['where']}' is not one of {WHERE}", i, "where")
        for i, r in enumerate(rows, start=2)
        if r["where"] not in WHERE
    ]
    if bad:
        raise InputError(bad)
    by_where = {w: [r["cue"].lower() for r in rows if r["where"] == w] for w in WHERE}
    return ContextCues(
        head=_pattern(by_where["head"], r"$"),
        word=_pattern(by_where["word"], r"\b"),
        adverbial=_pattern(by_where["adverbial"], r"\b"),
        reasons={r["cue"].lower(): r["reason"] for r in rows},
    )


def _noun_phrases(tok: Token, span: Span) -> list[str]:
    """Return a word with its modifiers, as written and with its lemma ('aid bills', 'aid bill')."""
    mods = [c for c in tok.lefts if c.dep_ in _MODIFIERS and not span.start <= c.i < span.end]
    # A modifier's own modifiers too: "foreign aid package" ("foreign" hangs on "aid").
    words = [w.lower_ for m in mods for w in [*(c for c in m.lefts if c.dep_ == "amod"), m]]
    return [" ".join([*words, tok.lower_]), " ".join([*words, tok.lemma_.lower()])]


def _holds(tok: Token, span: Span) -> bool:
    """Return whether `tok` says what the amount is made of: the amount itself, or a quantity
    word it stands beside ("Most of those assets, about €210 billion, ...")."""
    return tok.i == span.root.i or (tok.pos_ in _QUANTITY and tok.dep_ != "pobj")


def _of_phrases(tok: Token, span: Span) -> list[str]:
    """Return the phrases of a noun the amount is 'of'/'in', with the verbs that describe it
    ('of Russian central bank money immobilised in the EU': 'immobilise')."""
    clauses = [c for c in tok.children if c.dep_ in _CLAUSES and c.pos_ in _VERBS]
    # Not a clause about another amount: "the stopgap, where the White House had asked for
    # $11.7bn" asks for the $11.7bn, not for the $12.3bn in the stopgap.
    verbs = [c.lemma_.lower() for c in clauses if not _other_money(c, span)]
    return [*_noun_phrases(tok, span), *verbs]


def _other_money(verb: Token, span: Span) -> bool:
    """Return whether a clause's verb has an amount of its own below it (not `span`)."""
    return any(t.ent_type_ == "MONEY" and not span.start <= t.i < span.end for t in verb.subtree)


def _idiom(prep: Token) -> str:
    """Return a preposition's phrase when it is an idiom of counting ("in total"), else ''."""
    if prep.dep_ != "prep" or prep.lower_ != "in" or prep.n_rights != 1 or prep.n_lefts:
        return ""
    word = next(iter(prep.rights))
    said = f"in {word.lower_}"
    return said if said in IN_SUM and not word.n_lefts + word.n_rights else ""


def _budget(phrase: str) -> bool:
    """Return whether a phrase names a budget or a bill ('the september stopgap')."""
    cues = context_cues()
    match = cues.head.search(phrase)
    return match is not None and cues.reasons.get(match.group(0)) == "budget"


def _particles(tok: Token) -> list[Token]:
    """Return a verb's particles ("add up to": "up")."""
    return [c for c in tok.children if c.dep_ == "prt"]


def frame(span: Span) -> tuple[list[str], list[str]]:
    """Return (phrases, adverbials) that say what an amount is, from the dependency parse."""
    path = clause_path(span)
    phrases: list[str] = []
    for below, tok in zip(path, path[1:], strict=False):
        # A giving verb's own word is no context cue ("reserved €3.5bn for military support").
        phrases += [] if gives(tok) else _noun_phrases(tok, span)
        if below.dep_ == "prep" or (below.dep_ == "xcomp" and tok.pos_ in _VERBS):
            link = below.lower_ if below.dep_ == "prep" else "to"
            phrases.append(f"{tok.lemma_.lower()} {link}")  # "bring to", "put at", "ask to"
            phrases += [f"{tok.lemma_.lower()} {p.lower_} {link}" for p in _particles(tok)]
    verb = path[-1]
    on_path = {t.i for t in path}
    idioms: list[str] = []
    # "Germany's draft budget earmarks €8.5bn": the subject of an aid verb is a giver, not a cue.
    aid_verb = verb.lemma_.lower() in aid_verbs()
    for tok in [t for t in path if t.pos_ not in _VERBS] + [verb]:
        for child in tok.children:
            if child.i in on_path:
                continue
            said = _idiom(child)
            if said:
                idioms.append(said)  # "€500m in total" says how it is counted, not what it is
            elif child.dep_ == "prep" and child.lower_ in ("in", "of") and _holds(tok, span):
                held = [p for c in child.children for p in _of_phrases(c, span)]
                # "$12.3bn in the September stopgap" is a line of the bill, not the bill.
                phrases += [p for p in held if child.lower_ == "of" or not _budget(p)]
            elif child.dep_ in _CLAUSES and child.pos_ in _VERBS and not gives(child):
                phrases.append(child.lemma_.lower())  # "the $33 billion that Biden asked for"
            elif tok.i == verb.i and child.dep_ in _ARGUMENTS and not aid_verb:
                phrases += _noun_phrases(antecedent(child), span)
    # "The programme of $15.6bn has disbursed $9.8bn to date": "to date" is not the subject's.
    in_subject = any(
        c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i <= span.root.i <= c.right_edge.i
        for c in verb.children
    )
    adverbials = [
        " ".join(t.lower_ for t in c.subtree)
        for c in verb.children
        if c.dep_ in _ADVERBIALS and (c.i not in on_path or c.dep_ == "prep") and not in_subject
    ]
    return phrases, [*adverbials, *idioms]


def _from_many(span: Span) -> bool:
    """Return whether the amount or a noun above it comes 'from' several givers at once, not
    one of theirs beside its name ("from Germany (€500m), France (€300m) and Italy")."""
    if beside_its_giver(span):
        return False
    path = clause_path(span)
    # The clause verb's object too: "counting grants and loans from other lenders and donors".
    objects = [c for c in path[-1].children if c.dep_ == "dobj" and c.i not in {t.i for t in path}]
    for tok in [*path, *objects]:
        if tok.dep_ == "conj":
            break  # "tanks from Poland and Sweden and a pledge of $5.5bn from Japan"
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                givers = [c for c in prep.children if c.dep_ == "pobj"]
                if any(g.dep_ in ("conj", "appos") for c in givers for g in c.children):
                    return True  # the model often makes "the IMF, other lenders" an apposition
    return False


def context_reason(span: Span) -> str:
    """Return why an amount is a context figure, not an aid commitment ('' when it is aid)."""
    cues = context_cues()
    phrases, adverbials = frame(span)
    sizing = sizing_phrases(span)
    phrases = [p for p in phrases if p not in sizing]
    line = valued = one = None  # each read once, and only when its kind of cue matches
    last = ""  # a cue that yields to any other: "the request stands at $6.4bn" is a request
    for text, pattern in [
        *((p, cues.head) for p in phrases),
        *((p, cues.word) for p in phrases),
        *((a, cues.adverbial) for a in adverbials),
    ]:
        match = pattern.search(text)
        if not match:
            continue
        reason = cues.reasons.get(match.group(0), match.group(0))
        if match.group(0) in IN_SUM:  # "the package is worth €500m in total": its size
            one = one_instrument(clause_path(span)[-1]) if one is None else one
            if one:
                continue
        if match.group(0) in RAISING and raised_line(span):
            continue
        if reason == "frozen assets" and (of_profits(span) or _reserves_verb(span)):
            continue
        if match.group(0) == "total" and part_of_total(span):
            continue  # "$20bn of the total", "the total is split into €33bn and €17bn"
        if reason == "budget":
            line = line_for_ukraine(span) or budgeted_aid(span) if line is None else line
            if line and match.group(0).endswith("request"):
                return "request"  # "a budget request for $6bn in Ukraine aid" asks for aid
            if line:
                continue
        if _ukraine_share(reason, span):
            continue
        if match.group(0) in VALUING:
            valued = values_aid(span) if valued is None else valued
            if valued:
                continue
        if match.group(0) in LAST_CUES:
            last = last or reason
            continue
        return reason
    if not last and _needed(span):
        return "estimate"
    return last or ("aggregate" if _from_many(span) else "")


def _needed(span: Span) -> bool:
    """Return whether a clause on the amount says someone needs it ("the $3bn to $4bn a month
    that Kyiv says it needs"): a need, not aid."""
    # The clause may hang on the rate after the amount: "$3bn a month that Kyiv says it needs".
    nouns = [span.root, *(c for c in span.root.children if c.dep_ == "npadvmod")]
    for clause in (c for n in nouns for c in n.children if c.dep_ == "relcl"):
        verbs = [clause, *(c for c in clause.children if c.dep_ == "ccomp")]
        if any(v.lemma_.lower() in ("need", "require") for v in verbs):
            return True
    return False


def _reserves_verb(span: Span) -> bool:
    """Return whether "reserves" just before the amount is a verb the parser read as a noun
    ("The Dutch budget reserves EUR 3.5bn": the amount its apposition), not central bank
    reserves, which are "of" or "worth" a sum."""
    verb = span.root.head
    if verb.lower_ != "reserves":
        return False
    # The misreading hangs the first amount right after the word on it as its apposition.
    return any(c.dep_ == "appos" and c.left_edge.i == verb.i + 1 for c in verb.children)


def noun_reason(span: Span) -> str:
    """Return the cue of the noun the amount itself describes ('a $1.7tn spending bill'), or ''."""
    head = span.root.head
    if (
        head.i == span.root.i
        or head.pos_ not in ("NOUN", "PROPN")
        or span.start <= head.i < span.end
    ):
        return ""
    cues = context_cues()
    for phrase in _noun_phrases(head, span):
        match = cues.head.search(phrase)
        if match:
            reason = cues.reasons.get(match.group(0), match.group(0))
            misread = reason == "frozen assets" and _reserves_verb(span)
            return "" if _ukraine_share(reason, span) or misread else reason
    return ""


def _ukraine_share(reason: str, span: Span) -> bool:
    """Return whether a bill's cue matched an amount that is Ukraine's share of it, not its
    total ("a $95bn foreign aid bill, about $60bn of it for Ukraine")."""
    return reason == MOSTLY_FOR_OTHERS and share_for_ukraine(span)


_COMPARATIVES = frozenset({"more", "less", "larger", "smaller", "higher", "lower", "bigger"})
_PER = frozenset({"per", "each", "apiece"})
# Words a speaker takes a figure back with, besides "sorry": "$50bn, I mean $60bn".
_TAKING_BACK = frozenset({("i", "mean"), ("or", "rather")})
WITHDRAW_WINDOW = 6  # "fourteen billion dollars for Ukraine, sorry,": the words to the slip
WITHDRAWN = "taken back at once"
# Nouns of a change one figure states of itself: "€43.9bn, an increase of €3bn on 2022".
_CHANGES = frozenset({"increase", "rise", "cut", "drop", "decrease", "reduction", "jump", "fall"})
_PERIODS = frozenset({"year", "month", "week", "quarter", "decade", "fortnight", "time"})
# What the sum is to someone, not what it buys one of: "Is $40bn a lot?", "€2bn a boost".
_DEGREES = frozenset({"lot", "bit", "record", "fraction", "start", "boost", "step", "lifeline"})


def difference(span: Span) -> bool:
    """Return whether the amount is a difference ('£200m more than') or an earlier figure
    compared with ('up from £2.3bn last year')."""
    doc = span.doc
    after = [doc[i].lower_ for i in range(span.end, min(span.end + 2, len(doc)))]
    before = [doc[i].lower_ for i in range(max(0, span.start - 2), span.start)]
    if before in (["up", "from"], ["down", "from"], ["compared", "with"], ["compared", "to"]):
        return True
    if len(after) == 2 and after[0] in _COMPARATIVES and after[1] == "than":
        return True
    return _change_of(span)


def _change_of(span: Span) -> bool:
    """Return whether the amount is the change another figure states of itself ("€43.9bn, an
    increase of €3bn on 2022"): a change noun in apposition to money, not "an increase of €3bn
    in aid" a giver announces."""
    of = span.root.head
    noun = of.head
    if span.root.dep_ != "pobj" or of.lower_ != "of" or noun.lemma_.lower() not in _CHANGES:
        return False
    return noun.dep_ == "appos" and money_word(noun.head)


def withdrawn(span: Span) -> bool:
    """Return whether the speaker takes the amount back at once for another ("fourteen billion
    dollars for Ukraine, sorry, thirteen point six billion"): a slip, not a figure."""
    doc = span.doc
    for i in range(span.end, min(span.end + WITHDRAW_WINDOW, len(doc))):
        tok, before = doc[i], doc[i - 1].lower_
        if tok.ent_type_ == "MONEY" or tok.is_sent_start:
            return False
        if tok.lower_ in ("sorry", "pardon") or (before, tok.lower_) in _TAKING_BACK:
            then = (doc[j] for j in range(i + 1, min(i + 3, len(doc))) if not doc[j].is_punct)
            nxt = next(then, None)
            return nxt is not None and money_word(nxt)
    return False


_WHEN_WORDS = frozenset({"earlier", "later", "before", "after", "ago"})


def per_unit(span: Span) -> bool:
    """Return whether the amount is a rate per person or per item ('300 zloty per person')."""
    doc = span.doc  # the words after it, read one by one: slicing a Doc makes a Span
    words = [doc[i] for i in range(span.end, min(span.end + 3, len(doc)))]
    after = [t.lower_ for t in words[:2]]
    if after[:2] == ["a", "day"]:  # "40 zloty a day per guest"; not "€500m a day earlier"
        return len(words) < 3 or words[2].lower_ not in _WHEN_WORDS
    if len(words) >= 2 and after[0] in ("a", "an") and words[1].pos_ == "NOUN":
        # "roughly A$5 million a tank", "$100 a barrel"; not a period ("€1bn a year") nor a
        # noun phrase that goes on ("$2bn a year later", "€5m a new fund")
        ends = len(words) < 3 or words[2].pos_ not in ("NOUN", "PROPN")
        return ends and after[1] not in _PERIODS | _DEGREES
    if not after or after[0] not in _PER:
        return False
    return after[0] != "each" or len(after) == 1 or not after[1].isalpha()
