"""Part and whole: an amount that is a share of another points to it (`part_of`).

"a €50bn facility that combines €33bn of loans with €17bn of grants", "the package includes $6bn
for ...", "of which $2bn ...", "Of the money for Ukraine, $23bn is for ...", "about 25 billion
kronor a year" of a three-year framework. The frame shows the inclusion (a governing word such
as include, contain, combine, consist of, of which); the whole is the amount before it in the
same sentence, else the nearest earlier amount in the article that is larger and in the same
currency; a slice of a larger sum by "of" ("$20bn of the G7's $50bn loan") points to it,
wherever it stands (wholes.py). So is a share that points back at a sum written before it ("Of
that, €600m ...", "£200m of it", "the remaining $650m"), but not a first or next slice of it (a
tranche is a commitment of its own). Nor is a delivery out of a whole, or a yearly or monthly
instalment of it ("€1.5bn a month" of an €18bn loan): each is a commitment of its own whose
parent is the whole (`tranche_of`), charted as the hand-coded ledgers chart it. A rate is a
share only of its own giver's sum, and a clause conjoined with a subject of its own ("..., and
Tallinn had committed €113m") is not what a whole includes. Amounts right after a whole that add
up to it are its parts too, whatever words join them ("$2.6bn: $500m from stocks and $2.1bn in
contracts"). Charts never sum a whole with its parts.

One exception: a whole that holds money for others with a part named for Ukraine ("a $95bn
package that includes $61bn for Ukraine") is a context figure, and the part is the aid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.aid_stage import NO_AID_WORD
from aidlens.amounts.clause import UKRAINE
from aidlens.amounts.context import MOSTLY_FOR_OTHERS
from aidlens.amounts.inclusion import inclusion, points_back
from aidlens.amounts.periods import is_rate
from aidlens.amounts.recipients import covers_others, names_ukraine, several_recipients
from aidlens.amounts.revisions import compared_figure
from aidlens.amounts.stage import frame_stage
from aidlens.amounts.wholes import (
    Mention,
    container_whole,
    kind_of_whole,
    named_whole,
    partitive_whole,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# A share that points back at its whole: "£200m of it", "the other $2.4bn", "the remaining $650m".
OF_PRONOUNS = frozenset({"it", "that", "this", "them"})
REST_WORDS = frozenset({"other", "remaining"})
INSIDE = frozenset({"inside", "in", "within"})
ORDINALS = frozenset({"first", "second", "third", "next", "last", "final"})
RECIPIENT = "Ukraine"
# Parts that add up to the whole just before them, as written: rounded ("nearly $2.5bn" of
# $1.25bn and $1.22bn), and within a few lines of it.
SUM_SLACK = 0.03
RUNNING_TOTAL = "running total"  # the reason context_cues.csv and clause.py give a running total
KIND_OF_TOTAL = "part of a running total"  # "of which A$610m is military"
SUM_REACH = 60  # tokens from the whole's end to the last part's start


def _larger_before(
    mentions: list[Mention], i: int, start: int, same_giver: bool = False
) -> int | None:
    """Return the nearest mention before i (from index `start`) larger, same currency, a whole;
    with `same_giver`, not one whose written giver differs from the amount's."""
    this = mentions[i]
    for j in range(i - 1, start - 1, -1):
        m = mentions[j]
        if m.part_of is not None or m.restates or m.value is None or this.value is None:
            continue
        if same_giver and m.donor and this.donor and m.donor != this.donor:
            continue
        if m.currency == this.currency and m.value > this.value:
            return j
    return None


def _whole_of(mentions: list[Mention], i: int) -> tuple[int | None, bool]:
    """Return the index of the whole mention i is a share of (None: none), and whether it is
    a slice of it by 'of' (partitive_whole)."""
    if mentions[i].restates:
        return None, False
    named = named_whole(mentions, i)
    if named is not None:
        return named, False
    sliced = partitive_whole(mentions, i)
    if sliced is not None:
        return sliced, True
    contained = container_whole(mentions, i)
    if contained is not None:
        return contained, False
    return _framed_whole(mentions, i), False


def _framed_whole(mentions: list[Mention], i: int) -> int | None:
    """Return the index of the whole the amount's frame includes it in, or None."""
    m = mentions[i]
    word = inclusion(m.span)
    if word is not None:
        same = [
            j
            for j in range(i)
            if mentions[j].sent_start == m.sent_start
            and mentions[j].span.end <= word.i + 1
            and mentions[j].part_of is None
            and not mentions[j].restates
        ]
        if same:
            return same[-1]
        if not points_back(word):
            return None
        # The whole is in an earlier sentence: not another item of this sentence's list.
        earlier = sum(1 for j in range(i) if mentions[j].sent_start < m.sent_start)
        return _larger_before(mentions[:earlier] + [m], earlier, 0)
    if is_rate(m.span):  # "committed to £3bn a year": of its own giver's sum, if any
        return _larger_before(mentions, i, 0, same_giver=True)
    if _share_of_earlier(m.span):
        return _larger_before(mentions, i, 0)
    return None


def _share_of_earlier(span: Span) -> bool:
    """Return whether the amount says it is a share of a sum written before it: '£200m of it',
    'The other $2.4bn is USAI money', 'the remaining $650m' (not 'another $1bn': new money)."""
    root = span.root
    if any(c.lower_ in ORDINALS for c in root.children):
        return False  # "the first $3bn of it": a tranche, a commitment of its own
    after = (c for c in root.children if c.dep_ == "prep" and c.i >= span.end)
    for prep in (c for c in after if c.lower_ == "of"):
        if any(c.dep_ == "pobj" and c.lower_ in OF_PRONOUNS for c in prep.children):
            return True
    if _the_rest(root) and any(c.dep_ == "det" and c.lower_ == "the" for c in root.children):
        return True
    return root.dep_ in ("nsubj", "attr") and _inside_it(root.head)


def _the_rest(root: Token) -> bool:
    """Return whether the amount is called the rest of a sum ("the remaining $650m")."""
    return any(c.dep_ == "amod" and c.lower_ in REST_WORDS for c in root.children)


def _instalment(span: Span) -> bool:
    """Return whether the amount is an instalment of its whole ("the first €4.5bn of bridge
    financing", "€1bn, the first part of the €9bn"): a commitment of its own, as a tranche."""
    root = span.root
    nouns = [root, *(c for c in root.children if c.dep_ == "appos")]
    return any(c.lower_ in ORDINALS and c.dep_ == "amod" for n in nouns for c in n.children)


def _inside_it(verb: Token) -> bool:
    """Return whether the clause says what is in a whole named before: "Inside it is $13.6bn"."""
    if verb.lemma_ != "be":
        return False
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in INSIDE]
    if any(o.dep_ == "pobj" and o.lower_ in OF_PRONOUNS for p in preps for o in p.children):
        return True
    # The parser often leaves "Inside" bare and makes "it" the subject.
    bare = any(not any(o.dep_ == "pobj" for o in p.children) for p in preps)
    return bare and any(c.dep_ == "nsubj" and c.lower_ in OF_PRONOUNS for c in verb.children)


def _summed_parts(mentions: list[Mention]) -> dict[int, int]:
    """Return part -> whole for the amounts right after a whole that add up to it: "$2.6bn:
    $500m from stocks and $2.1bn in contracts", "£3bn, the £2.5bn of January plus £500m"."""
    found: dict[int, int] = {}
    for w, whole in enumerate(mentions):
        if whole.value is None or whole.restates or w in found:
            continue
        run: list[int] = []
        total = 0.0
        for j in range(w + 1, len(mentions)):
            m = mentions[j]
            if m.restates or compared_figure(m.span):
                continue
            # The parts are listed in one sentence: "£2.5bn and £500m" here and "£1.6bn" two
            # sentences on do not make "£4.5bn".
            apart = bool(run) and m.sent_start != mentions[run[0]].sent_start
            if apart or not _may_add_up(whole, m) or _share_of_earlier(m.span):
                break  # "£200m of it" is a share of the sum before it, whatever it adds up to
            run.append(j)
            total += m.value or 0.0
            if len(run) > 1 and abs(total - whole.value) <= SUM_SLACK * whole.value:
                found.update((k, w) for k in run)
                break
            if total > whole.value:
                break
    return found


def _may_add_up(whole: Mention, m: Mention) -> bool:
    """Return whether a mention may be a summand of the whole: near it, smaller, in its
    currency, and of its giver when both are written."""
    near = m.span.start - whole.span.end <= SUM_REACH
    giver = not (m.donor and whole.donor and m.donor != whole.donor)
    # Not one the whole's size: "the roughly $61bn now enacted" restates the $61.4bn.
    smaller = m.value is not None and whole.value is not None
    smaller = smaller and m.value < whole.value * (1 - SUM_SLACK)
    return near and giver and smaller and m.currency == whole.currency


def _names_others(whole: Mention, part: Mention) -> bool:
    """Return whether a part shows its whole holds money for others: a part for Ukraine in the
    whole's sentence or saying what an earlier whole includes ("It includes $61bn for
    Ukraine"), or one for another recipient in the whole's sentence ("an $80bn package that
    includes $20bn for Israel"), unless the whole is Ukraine's own ("Ukraine's share is $60bn,
    with $14bn for Israel"). Not across sentences for others: "The rest includes $14bn for
    Israel" is of a whole the sentence does not name."""
    if _holds_ukraines_share(whole, part) or covers_others(whole.span):
        return True  # or the whole names others: "a $106bn package that also covers Israel"
    if whole.for_ukraine or _owned_by_ukraine(whole.span):
        return False
    if whole.sent_start == part.sent_start:
        # "$682m of it is financing for ..."; "the remaining $682m" may point at a part instead
        others = several_recipients(part.span) and not _the_rest(part.span.root)
        return part.for_ukraine or part.for_other or others
    return part.for_ukraine and inclusion(part.span) is not None


def _holds_ukraines_share(whole: Mention, part: Mention) -> bool:
    """Return whether a whole written after its part holds Ukraine's share and more: "$61bn
    for Ukraine, part of a $95bn package" (not "..., part of a $95bn package for Ukraine")."""
    after = whole.sent_start == part.sent_start and whole.span.start > part.span.start
    alone = names_ukraine(whole.span) and not several_recipients(whole.span)
    return after and names_ukraine(part.span) and not alone


def _owned_by_ukraine(span: Span) -> bool:
    """Return whether the clause calls the amount Ukraine's ("Ukraine's share is $60bn")."""
    verb = span.root.head
    subjects = (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    owners = (p for s in subjects for p in s.children if p.dep_ == "poss")
    return any(p.lower_ in UKRAINE for p in owners)


def link_parts(mentions: list[Mention]) -> None:
    """Set part_of on the shares (tranche_of on deliveries and instalments), and make a whole
    for others a context figure (in place)."""
    summed = _summed_parts(mentions)
    held: dict[int, str] = {}  # a whole -> its pending stage, read before it may become context
    for i, m in enumerate(mentions):
        whole_i, sliced = _whole_of(mentions, i)
        if whole_i is None and not m.restates:
            whole_i = summed.get(i)
        if whole_i is None:
            continue
        whole = mentions[whole_i]
        if sliced:
            _slice_of(mentions, i, whole_i)
        elif _names_others(whole, m):
            asked = _held(held, mentions, whole_i)
            whole.stage, whole.reason = "", MOSTLY_FOR_OTHERS
            if whole_i < i:  # a whole after its share is in the share's clause, whose verb rules
                _share_pending(m, whole, asked)
            for other in mentions[whole_i + 1 : i]:
                if other.restates and other.sent_start == whole.sent_start:
                    other.stage, other.reason = "", whole.reason
        elif whole.stage or whole.reason == NO_AID_WORD:  # a part of an unframed whole is its share
            _attach(m, whole_i)
            # A payment made ("only €1bn of it has been paid") keeps its own stage.
            if m.stage == "pledged" and whole.stage in ("requested", "blocked"):
                m.stage, m.reason = whole.stage, f"part of a {whole.stage} whole"
        elif summed.get(i) == whole_i and whole.reason == RUNNING_TOTAL:
            m.part_of = whole_i  # "four laws adding up to $113bn: the $13.6bn in March, ..."
        elif whole.reason == RUNNING_TOTAL and not m.for_ukraine and kind_of_whole(m.span):
            m.part_of, m.stage, m.reason = whole_i, "", KIND_OF_TOTAL  # a running total too
        else:  # "a $1.7tn spending bill [...] is set to pass; it contains $45bn for Ukraine"
            _share_pending(m, whole, _held(held, mentions, whole_i))


def _slice_of(mentions: list[Mention], i: int, whole_i: int) -> None:
    """Make a slice of a larger sum ('$20bn of the G7's $50bn loan') its part, or its tranche
    when paid or an instalment, in place. The slice keeps its own stage. A slice charted out of
    a requested or blocked sum ("approved $61bn of the $106bn requested") passed at another
    value and is no part of it, nor is a slice of a sum with no stage."""
    m, whole = mentions[i], mentions[whole_i]
    pending = whole.stage in ("requested", "blocked")
    if not whole.stage or (pending and m.stage in ("pledged", "delivered")):
        return
    _attach(m, whole_i)


def _attach(m: Mention, whole_i: int) -> None:
    """Point a share at its whole (in place): a tranche when paid, a rate or an instalment (a
    commitment of its own, parent_id), else a part."""
    if m.stage == "delivered" or is_rate(m.span) or _instalment(m.span):
        m.tranche_of = whole_i
    else:
        m.part_of = whole_i


def _held(held: dict[int, str], mentions: list[Mention], i: int) -> str:
    """Return whole i's pending stage (_pending), read once per whole and before a part for
    others makes it a context figure: its frame is parsed once, whatever its parts."""
    if i not in held:
        held[i] = _pending(mentions[i])
    return held[i]


def _pending(whole: Mention) -> str:
    """Return 'requested' or 'blocked' when the whole is so, or its frame says so although the
    whole is a context figure ("the Senate passed a $95bn foreign aid bill"); else ''."""
    if whole.stage:
        return whole.stage if whole.stage in ("requested", "blocked") else ""
    cue = frame_stage(whole.span)
    return cue.stage if cue is not None and cue.stage in ("requested", "blocked") else ""


def _share_pending(part: Mention, whole: Mention, pending: str) -> None:
    """Make Ukraine's share of a pending whole pending too ("It includes $61bn"), in place;
    not an amount its own giver states ("Tokyo would provide $5.5bn")."""
    own = part.donor not in ("", whole.donor)
    if part.stage == "pledged" and pending and not own:
        part.stage, part.reason = pending, f"part of a {pending} whole"
