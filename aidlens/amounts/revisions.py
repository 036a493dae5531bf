"""Which earlier figure an amount revises in its own sentence: "enlarged the NOK 75bn programme
to NOK 135bn", "first sought $6.4bn, then raised its ask to $10bn", "$13.6bn, up from the $10bn
requested". The two are one commitment however far apart their values (linking.py).

Read from the dependency frame: the new figure is the object of "to" under a verb of change
(raise, cut, enlarge...), the old one is that verb's object, its passive subject or its "from",
or else the object or subject of the verb the change is conjoined to ("sought $6.4bn, then
raised its ask to $10bn"); or "up from" / "down from" follows the new figure; or the new
figure is the subject of "replace" and the old one its object ("The £3bn replaces the
£2.5bn"). The reviewers code such a revision as one commitment (a request that passed
larger, a programme enlarged), and the linker, which compares values within 30%, never sees
them as candidates.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from aidlens.amounts.clause import UKRAINE
from aidlens.amounts.rates import reference_rate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from aidlens.amounts.wholes import Mention

CHANGE_VERBS = frozenset(
    {
        "raise",
        "increase",
        "enlarge",
        "expand",
        "boost",
        "lift",
        "grow",
        "hike",
        "up",
        "bump",
        "top",
        "cut",
        "reduce",
        "trim",
        "lower",
        "scale",
        "slash",
        "pare",
        "shrink",
        "revise",
        "adjust",
        "double",
        "triple",
        "rise",
        "climb",
        "swell",
    }
)
REPLACING = frozenset({"replace", "supersede"})  # "the £3bn replaces the £2.5bn"
OLD_DEPS = frozenset({"dobj", "nsubjpass", "nsubj"})  # "raised the $10bn", "the fund was cut"
CHAIN_DEPS = frozenset({"advcl", "xcomp", "acl", "conj", "dep"})  # a verb between "to" and change
CONJOINED = frozenset({"conj", "dep", "advcl"})
DIRECTIONS = frozenset({"up", "down"})
STOPS = frozenset({",", ";", ":", "(", "—", "–", "."})
YEAR_WORDS = frozenset({"this", "last", "previous", "next", "prior", "the", "that"})
# The object of a change that names the figure written before: "then raised its ask to $10bn".
REFERRING = frozenset(
    {"it", "this", "that", "ask", "request", "figure", "sum", "amount", "offer", "proposal", "bid"}
)
MAX_HOPS = 2
COMPARED = frozenset({"above", "below", "beyond", "than", "over", "under"})
FIRST = frozenset({"first", "initially", "originally"})
ASKS = frozenset({"ask", "request", "seek"})
SENTENCES = 1  # how far an earlier ask may stand from what became of it
# How far what passed may stand from what was first asked ($6.4bn asked, $13.6bn passed)
APART = math.log(2.2)


def revisions(spans: list[Span]) -> dict[int, int]:
    """Return, for each amount that revises another of its sentence, the index of that one."""
    found: dict[int, int] = {}
    for b, span in enumerate(spans):
        old = _old_figure(span, spans, b)
        if old is not None:
            found[b] = old
    return found


def _old_figure(span: Span, spans: list[Span], b: int) -> int | None:
    """Return the index of the figure `span` is the revised value of, or None."""
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "to" and (verb := _change_verb(head)) is not None:
        # "to NOK 85bn from the NOK 35bn": the parser may hang "from" on the new figure
        froms = [c for t in (root, head) for c in t.children if c.lower_ == "from"]
        # "sought $6.4bn, then raised its ask to $10bn": a verb with no subject of its own
        # changes the figure of the verb it is conjoined to.
        for _ in range(MAX_HOPS + 1):
            old = _nearest(spans, b, _old_places(verb, head) + froms)
            if old is not None or _has_subject(verb) or verb.dep_ not in CONJOINED:
                return old
            if not _refers_back(verb):  # "doubling the facility's support to €1bn": a total
                return None
            verb = verb.head
    if root.dep_ == "pobj" and head.lower_ == "from" and _range_to(span):
        # "raised it from €2.2bn to €5.4bn": the parser may read "X to Y" as a range, both
        # figures under "from" and "to" on the new one
        return _nearest(spans, b, [head]) if _change_verb(head) is not None else None
    if root.dep_ == "nsubj" and head.lemma_.lower() in REPLACING:
        # "The £3bn replaces the £2.5bn announced in January": the same line, revised
        return _nearest(spans, b, [c for c in head.children if c.dep_ == "dobj"])
    return _up_from(span, spans, b)


def _range_to(span: Span) -> bool:
    """Return whether a "to" just before the amount hangs on it, as in a range."""
    return any(c.lower_ == "to" and c.i == span.start - 1 for c in span.root.children)


def _refers_back(verb: Token) -> bool:
    """Return whether the verb's object, if any, names the figure before it ("raised it",
    "raised its ask", "raised the figure")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return all(o.lower_ in REFERRING or o.lemma_.lower() in REFERRING for o in objects)


def _has_subject(verb: Token) -> bool:
    """Return whether the verb has a subject of its own ("France raised its aid to €3bn")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _change_verb(to: Token) -> Token | None:
    """Return the verb of change "to" hangs on, directly or through a verb or two."""
    tok = to.head
    for _ in range(MAX_HOPS + 1):
        if tok.lemma_.lower() in CHANGE_VERBS:
            return tok
        if tok.dep_ == "pobj" and tok.head.lower_ == "from":
            # "rose from the NOK 75bn agreed last year to NOK 135bn": "to" hangs on the clause
            # of the old figure, under the "from" of the change
            tok = tok.head.head
            continue
        if tok.dep_ not in CHAIN_DEPS or tok.head == tok:
            return None
        tok = tok.head
    return None


def _old_places(verb: Token, to: Token) -> list[Token]:
    """Return the subtrees where the old figure may stand: the verb's object, passive subject
    or "from"."""
    places = [
        c for c in verb.children if c.dep_ in OLD_DEPS or (c.dep_ == "prep" and c.lower_ == "from")
    ]
    # "proposed to lend up to €35bn": the object of the verb it proposes
    xcomps = (c for c in verb.children if c.dep_ == "xcomp")
    places += [o for c in xcomps for o in c.children if o.dep_ == "dobj"]
    # The old figure comes before "to" ("cut the €20bn plan to €5bn"); only "from" may follow.
    return [p for p in places if p.right_edge.i < to.i or p.dep_ == "prep"]


def _up_from(span: Span, spans: list[Span], b: int) -> int | None:
    """Return the figure of "up from" / "down from" written after the amount, or None."""
    root = span.root
    near = [root, root.head, root.head.head] if root.head.dep_ == "prep" else [root, root.head]
    for tok in near:
        for adv in tok.children:
            if adv.lower_ not in DIRECTIONS or adv.i < span.end:
                continue
            froms = [c for c in adv.children if c.dep_ == "prep" and c.lower_ == "from"]
            if froms:
                return _nearest(spans, b, froms)
    return None


def compared_figure(span: Span) -> bool:
    """Return whether the amount is the old figure of "up from" / "down from" ("$60.8bn for
    Ukraine, down from the $61.4bn requested"): no summand of what the sentence lists."""
    root = span.root
    return (
        root.dep_ == "pobj" and root.head.lower_ == "from" and root.head.head.lower_ in DIRECTIONS
    )


def _dated(place: Token) -> bool:
    """Return whether a "from" phrase names a year ("down from more than €7bn this year", "up
    from the €2bn set aside for 2024"): last year's figure and this year's are two budget
    lines, two commitments, where a figure first set and then raised is one."""
    doc, end = place.doc, place.sent.end
    words = []  # the phrase as written, to the first comma: the parser may hang its date anywhere
    for tok in doc[place.i + 1 : end]:
        if tok.is_punct and tok.text in STOPS:
            break
        words.append(tok)
    for tok in words:
        if _agreed_then(tok, place):
            continue
        if tok.like_num and len(tok.text) == 4 and tok.text[:2] in ("19", "20"):
            return True
        if tok.lower_ in ("year", "years") and tok.i > 0 and tok.nbor(-1).lower_ in YEAR_WORDS:
            return True
    return False


def _agreed_then(tok: Token, place: Token) -> bool:
    """Return whether a date tells when the old figure was agreed ("the NOK 75bn agreed last
    year", "agreed in 2023"), not which year's money it is ("set aside for 2024")."""
    head = tok.head.head if tok.head.lower_ in ("in", "on") else tok.head
    clause = tok.dep_ == "npadvmod" or tok.head.lower_ in ("in", "on")
    return clause and head.pos_ == "VERB" and head.i > place.i


def _nearest(spans: list[Span], b: int, places: list[Token]) -> int | None:
    """Return the index of the amount nearest `spans[b]` whose root lies in one of `places`,
    a "from" phrase that names a year left out."""
    places = [p for p in places if not (p.lower_ == "from" and _dated(p))]
    inside = [
        (abs(other.start - spans[b].start), a)
        for a, other in enumerate(spans)
        if a != b and any(p.left_edge.i <= other.root.i <= p.right_edge.i for p in places)
    ]
    return min(inside)[1] if inside else None


def earlier_asks(mentions: list[Mention]) -> dict[int, int]:
    """Return, for each request written as the earlier version of a figure near it ("Congress
    passed $13.6bn. The White House had asked for $10bn"), the index of that figure: the
    nearest pledge of the same giver within a sentence, of a value near enough."""
    found: dict[int, int] = {}
    for a, m in enumerate(mentions):
        if m.stage == "requested" and not m.restates and _earlier_version(m.span):
            other = _nearest_outcome(mentions, a)
            if other is not None:
                found[a] = other
    return found


def _earlier_version(span: Span) -> bool:
    """Return whether the amount is told as what was first asked: its asking verb in the past
    perfect ("had asked for") or first, initially or originally ("first requested"), or the
    figure something is compared with ("well above the $10bn requested")."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in COMPARED and _definite(root):
        return True
    verb = next((t for t in root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or not _asks(verb) or _ukraine_asks(verb):
        return False
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "advmod")}
    return "had" in words or bool(words & FIRST)


def _ukraine_asks(verb: Token) -> bool:
    """Return whether Ukraine is the one asking ("Kyiv had asked for €800m"): a need, which no
    giver's pledge near it answers in full."""
    return any(c.dep_ == "nsubj" and c.lower_ in UKRAINE for c in verb.children)


def _asks(verb: Token) -> bool:
    """Return whether the verb asks for money ("had asked for", "first sought"; "its request
    had been"): a plan first floated or proposed may give way to another instrument (the
    €140bn reparations loan to the €90bn loan), what was asked for becomes what passed."""
    if verb.lemma_.lower() in ASKS:
        return True
    subjects = (c for c in verb.children if c.dep_ == "nsubj")
    return verb.lemma_.lower() == "be" and any(c.lemma_.lower() in ASKS for c in subjects)


def _definite(root: Token) -> bool:
    """Return whether the amount is written as one already known ("the $10bn")."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in root.children)


def _nearest_outcome(mentions: list[Mention], a: int) -> int | None:
    """Return the nearest pledge of the same giver, a whole of its own, in the sentence of
    mention `a` or the next one with an amount on either side, when its value is near enough
    (APART), else None."""
    m = mentions[a]
    order = sorted(range(len(mentions)), key=lambda k: (abs(k - a), k > a))
    sentences = sorted({x.sent_start for x in mentions})
    at = sentences.index(m.sent_start)
    near = set(sentences[max(0, at - SENTENCES) : at + SENTENCES + 1])
    for k in order:
        o = mentions[k]
        if k == a or o.sent_start not in near or o.restates or o.part_of is not None:
            continue
        if o.stage == "pledged" and (not m.donor or not o.donor or o.donor == m.donor):
            return k if _near_in_value(m, o) else None
    return None


def _near_in_value(a: Mention, b: Mention) -> bool:
    """Return whether two figures are within APART of each other at the reference rates."""
    rates = reference_rate(a.currency), reference_rate(b.currency)
    if a.value is None or b.value is None or None in rates:
        return False
    return abs(math.log(a.value * rates[0] / (b.value * rates[1]))) <= APART
