"""Find every money amount in a processed Doc: the model's MONEY spans plus Matcher rules.

The small English model tags "£2.5bn" as "2.5bn", "$325m" as "325", "NOK 75 billion" as a
CARDINAL and misses "2 billion euros". Rules built once per pipeline (from its vocab) take in
the adjacent currency symbol, code or word and the magnitude; the model's spans are extended
the same way; overlaps are resolved longest-first, then ranges and qualifiers are attached.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from aidlens.amounts.bare import CONTEXT_TOKENS, MONEY_NOUNS, bare_money, paid_role
from aidlens.amounts.currencies import (
    ADJECTIVES,
    BARE_MAGNITUDES,
    CODES,
    MAGNITUDES,
    QUALIFIERS,
    SYMBOLS,
    VAGUE_MAGNITUDES,
    WORDS,
)
from aidlens.amounts.parse import NUMBER_WORDS, TENS, UNITS
from aidlens.amounts.seeds import (
    GLUED_RE,
    NUM_MAG_RE,
    NUM_RE,
    RANGE_TOKEN_RE,
    seed_kinds,
    seeded_windows,
)

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab


CUR = {"TEXT": {"IN": [*SYMBOLS, *CODES]}}
CODE = {"TEXT": {"IN": list(CODES)}}
NUM = {"TEXT": {"REGEX": NUM_RE}}
NUM_MAG = {"TEXT": {"REGEX": NUM_MAG_RE}}
# At a sentence end the tokenizer keeps the full stop on one-letter forms: "£100m." -> "m."
DOTTED_MAGNITUDES = ("m.", "b.", "k.")
MAG = {"LOWER": {"IN": [*MAGNITUDES, *DOTTED_MAGNITUDES]}}
FULL_MAG = {"LOWER": {"IN": ["thousand", "million", "billion", "trillion"]}}
VAGUE_MAG = {"LOWER": {"IN": list(VAGUE_MAGNITUDES)}}
BARE_MAG = {"LOWER": {"IN": list(BARE_MAGNITUDES)}}
ADJ = {"LOWER": {"IN": list(ADJECTIVES)}, "OP": "?"}
WORD = {"LOWER": {"IN": list(WORDS)}}
WORD_NUM = {"LOWER": {"IN": [*NUMBER_WORDS, "a", "an", "hundred"]}, "OP": "+"}
# A figure read out: "three point eight five billion"
POINT = {"LOWER": "point"}
DIGIT_WORDS = {"LOWER": {"IN": [*UNITS, "zero"]}, "OP": "+"}
# "seventy-five billion": the tokenizer splits the hyphen off, and "five billion" alone matched
TENS_UNIT = [{"LOWER": {"IN": TENS}}, {"TEXT": "-"}, {"LOWER": {"IN": UNITS}}]
GLUED = {"TEXT": {"REGEX": GLUED_RE}}
RANGE_TOKEN = {"TEXT": {"REGEX": RANGE_TOKEN_RE}}
DASH = {"TEXT": {"IN": ["-", "–", "—"]}}
TO = {"LOWER": {"IN": ["to", "-", "–", "—"]}}
OF = {"LOWER": "of"}
AID_NOUNS = ["aid", "assistance", "support", "funding", "funds", "loans", "grants", "help"]
AID_NOUN = {"LOWER": {"IN": AID_NOUNS}}
AID_ADJ = {"LOWER": {"IN": ["military", "humanitarian", "financial", "economic", "new"]}, "OP": "?"}
SEVERAL = {"LOWER": {"IN": ["several", "few", "many"]}}
LAKH_CRORE = [{"LOWER": "lakh"}, {"LOWER": "crore"}]  # "₹5.25 lakh crore": 5.25e12
# "Rs. 500 crore", "Fr. 5 billion": the tokenizer splits the stop off these symbols.
DOTTED = [{"TEXT": {"IN": ["Rs", "Fr", "SFr"]}}, {"TEXT": "."}]

# Each pattern has a currency or, for vague amounts, a plural magnitude; a bare number never
# (BARE has a full magnitude, and a currency written before it).
PATTERNS: dict[str, list[list[dict]]] = {
    "AMOUNT": [
        [CUR, NUM],
        [CUR, NUM, MAG],
        [CUR, NUM, DASH, MAG],
        [CUR, NUM, *LAKH_CRORE],
        [*DOTTED, NUM],
        [*DOTTED, NUM, MAG],
        [*DOTTED, NUM, *LAKH_CRORE],
        [CUR, NUM_MAG],
        [CUR, NUM, TO, NUM, MAG],
        [CUR, NUM, TO, NUM_MAG],
        [CUR, RANGE_TOKEN],
        [GLUED],
        [GLUED, MAG],
        [NUM, ADJ, WORD],
        [NUM, MAG, ADJ, WORD],
        [NUM, MAG, DASH, WORD],
        [NUM, *LAKH_CRORE, ADJ, WORD],
        [NUM_MAG, ADJ, WORD],
        [NUM_MAG, DASH, WORD],
        [RANGE_TOKEN, ADJ, WORD],
        [NUM, TO, NUM, MAG, ADJ, WORD],
        [{"LOWER": "between"}, NUM, {"LOWER": "and"}, NUM, MAG, ADJ, WORD],
        [NUM, MAG, CODE],
        [NUM_MAG, CODE],
        [WORD_NUM, FULL_MAG, ADJ, WORD],
        [{"LOWER": "half"}, {"LOWER": {"IN": ["a", "an"]}}, FULL_MAG, ADJ, WORD],
        [*TENS_UNIT, FULL_MAG, ADJ, WORD],
        [WORD_NUM, {"LOWER": "hundred"}, {"LOWER": "and"}, WORD_NUM, FULL_MAG, ADJ, WORD],
        [{"LOWER": {"IN": ["a", "one"]}}, {"LOWER": "quarter"}]
        + [OF, {"LOWER": {"IN": ["a", "an"]}}, FULL_MAG, ADJ, WORD],
        [WORD_NUM, {"LOWER": "and"}, {"LOWER": "a"}, {"LOWER": "half"}, FULL_MAG, ADJ, WORD],
        [WORD_NUM, POINT, DIGIT_WORDS, FULL_MAG, ADJ, WORD],
        [*TENS_UNIT, POINT, DIGIT_WORDS, FULL_MAG, ADJ, WORD],
    ],
    # A figure with no currency ("and 17 billion in grants", "eight hundred million"): kept
    # only where a currency was written shortly before it, whose currency it then takes.
    "BARE": [
        [NUM, BARE_MAG],
        [WORD_NUM, BARE_MAG],
        [*TENS_UNIT, BARE_MAG],
        [WORD_NUM, {"LOWER": "hundred"}, {"LOWER": "and"}, WORD_NUM, BARE_MAG],
        [WORD_NUM, {"LOWER": "and"}, {"LOWER": "a"}, {"LOWER": "half"}, BARE_MAG],
        [WORD_NUM, POINT, DIGIT_WORDS, BARE_MAG],
        [*TENS_UNIT, POINT, DIGIT_WORDS, BARE_MAG],
    ],
    "VAGUE": [
        [{"LOWER": {"IN": ["tens", "hundreds", "dozens"]}}, OF, VAGUE_MAG, OF, ADJ, WORD],
        [VAGUE_MAG, OF, ADJ, WORD],
        [CUR, VAGUE_MAG],
        [SEVERAL, FULL_MAG, ADJ, WORD],
        [{"LOWER": {"IN": ["multibillion", "multimillion"]}}, DASH, WORD],
        [{"LOWER": "multi"}, DASH, FULL_MAG, DASH, WORD],
    ],
    # Matched with the aid noun after them, which is then trimmed off: "billions (in aid)".
    "VAGUE_AID": [
        [{"LOWER": {"IN": ["tens", "hundreds", "dozens"]}}, OF, VAGUE_MAG, {"LOWER": "in"}]
        + [AID_ADJ, AID_NOUN],
        [VAGUE_MAG, {"LOWER": {"IN": ["in", "of"]}}, AID_ADJ, AID_NOUN],
    ],
}
_PREFIXES = frozenset([*SYMBOLS, *CODES])
_MAG_WORDS = frozenset(MAG["LOWER"]["IN"])
_GLUED = re.compile(GLUED_RE)
_NUM_MAG = re.compile(NUM_MAG_RE)
# A model span is cut at these; "to" and dashes too, as ranges are re-joined after the cut
# only when both ends are amounts ("2024/25 to £3bn" is a year and an amount).
_SPLITTERS = {"and", "or", ",", ";", "while", "plus", "to", "-", "–", "—"}
_MAX_QUALIFIER_WORDS = max(len(q.split()) for q in QUALIFIERS)


class AmountFinder:
    """Finds money spans in Docs; build once per pipeline (patterns compile from its vocab)."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        # Built on first use per kinds of seed in a window: spaCy loads then, not at import
        # (building results from the cache never needs it).
        self._matchers: dict[frozenset[str], Matcher] = {}

    def __call__(self, doc: Doc, ents: tuple[Span, ...] | None = None) -> list[Span]:
        """Return the amount spans of `doc`, sorted, non-overlapping, ranges and qualifiers in
        (`ents`: doc.ents, when the caller has them)."""
        candidates = list(self._rule_spans(doc))
        ents = doc.ents if ents is None else ents
        candidates += [p for e in ents if e.label_ == "MONEY" for p in _model_pieces(e)]
        from spacy.util import filter_spans  # lazily, as in __init__; cached after the first call

        spans = [s for s in filter_spans(candidates) if _keep(s)]  # longest first, then earliest
        return [_with_qualifier(doc, s) for s in _join_ranges(doc, spans)]

    def _rule_spans(self, doc: Doc) -> Iterable[Span]:
        """Yield the spans matched by the rules, vague 'billions in aid' trimmed to 'billions'."""
        for start, end, kinds in seeded_windows(doc):
            for span in self._matcher(kinds)(doc[start:end], as_spans=True):
                if span.label_ == "VAGUE_AID":
                    last = next(t.i for t in span if t.lower_ in VAGUE_MAGNITUDES)
                    span = doc[span.start : last + 1]
                if span.label_ == "BARE" and not _bare_money(doc, span):
                    continue
                yield span

    def _matcher(self, kinds: frozenset[str]) -> Matcher:
        """Return a Matcher of the patterns that may match around seeds of `kinds`, in the
        order of PATTERNS: one with a symbol's patterns alone runs in a third of the time."""
        if kinds not in self._matchers:
            from spacy.matcher import Matcher

            matcher = Matcher(self.vocab)
            for key, patterns in PATTERNS.items():
                mine = [p for p in patterns if not seed_kinds(p) or seed_kinds(p) & kinds]
                if mine:
                    matcher.add(key, mine)
            self._matchers[kinds] = matcher
        return self._matchers[kinds]


def _model_pieces(ent: Span) -> list[Span]:
    """Return a model MONEY span split at list joints and extended to currency and magnitude."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    is_range = "between" in (ent[0].lower_, before)
    pieces, start = [], ent.start
    for tok in ent:
        if tok.lower_ in _SPLITTERS and not (is_range and tok.lower_ == "and" or _compound(tok)):
            pieces.append((start, tok.i))
            start = tok.i + 1
    pieces.append((start, ent.end))
    pieces = [(_trim_left(doc, s, e), _trim_right(doc, s, e)) for s, e in pieces]
    return [_extend(doc, s, e) for s, e in pieces if e > s and _has_number(doc[s:e])]


def _compound(tok: Token) -> bool:
    """Return whether a token is the hyphen of a spelled number ("seventy-five")."""
    doc = tok.doc
    return (
        tok.text == "-"
        and 0 < tok.i < len(doc) - 1
        and doc[tok.i - 1].lower_ in TENS
        and doc[tok.i + 1].lower_ in UNITS
    )


_KEEP_FIRST = frozenset({"between", "half", "several", "few", "tens", "hundreds", "dozens"})
_QUALIFIER_WORDS = tuple(q.split() for q in QUALIFIERS)
_QUALIFIER_SET = frozenset(QUALIFIERS)


def _trim_left(doc: Doc, start: int, end: int) -> int:
    """Return where a model span's amount begins: past 'an additional', 'its', 'a further',
    a verb ('committed €250m')."""
    if start < end and doc[start].dep_ == "prt":
        start += 1  # "handed over €1.5bn": the verb's particle, not "more than"
    while start < end and doc[start].pos_ in ("DET", "ADJ", "PRON", "PUNCT", "PROPN", "VERB"):
        if doc[start].text in _PREFIXES:
            break  # "NOK 75 billion"
        tok = doc[start]
        if tok.like_num or tok.lower_ in _KEEP_FIRST or tok.lower_ in VAGUE_MAGNITUDES:
            break
        ahead = [doc[i].lower_ for i in range(start, min(start + _MAX_QUALIFIER_WORDS, len(doc)))]
        if any(ahead[: len(q)] == q for q in _QUALIFIER_WORDS):
            break  # "an estimated $3bn", "some $44 billion"
        if tok.lower_ in ("a", "an") and start + 1 < end and doc[start + 1].lower_ in _MAG_WORDS:
            break  # "a billion dollars"
        start += 1
    return start


def _trim_right(doc: Doc, start: int, end: int) -> int:
    """Return where a model span's amount ends: before an adverb or a noun the model ran on
    ("five billion later", "the sixty-one billion bill")."""
    while end - 1 > start and _run_on(doc[end - 1]):
        end -= 1
    return end


def _run_on(tok: Token) -> bool:
    """Return whether a word at a model span's end is past its amount."""
    lower = tok.lower_
    if lower in _MAG_WORDS or lower in WORDS or lower in VAGUE_MAGNITUDES or tok.like_num:
        return False
    return tok.is_alpha and (tok.pos_ == "ADV" or lower in MONEY_NOUNS)


def currency_before(doc: Doc, at: int) -> bool:
    """Return whether a currency is written in the CONTEXT_TOKENS tokens before token `at`
    (read back from `at`: most often it is the word just before, "$" of "$5 billion")."""
    return any(_names_currency(doc[i]) for i in range(at - 1, max(0, at - CONTEXT_TOKENS) - 1, -1))


def _names_currency(tok: Token) -> bool:
    """Return whether a word is a currency: a symbol, a code, a noun, or glued ("CHF1.5bn")."""
    return tok.text in _PREFIXES or tok.lower_ in WORDS or bool(_GLUED.match(tok.text))


def _bare_money(doc: Doc, span: Span) -> bool:
    """Return whether a figure the BARE rules found is money in a currency written before."""
    return bare_money(span) and paid_role(span.root) and currency_before(doc, span.start)


def _has_number(span: Span) -> bool:
    """Return whether a span holds a digit or a number word that can carry a value."""
    return any(t.like_num or t.lower_ in VAGUE_MAGNITUDES or t.lower_ == "half" for t in span)


def _extend(doc: Doc, start: int, end: int) -> Span:
    """Return doc[start:end] grown over an adjacent currency symbol/code, magnitude and noun."""
    if start > 0 and doc[start - 1].text in _PREFIXES:
        start -= 1
    if end < len(doc) and doc[end].lower_ in _MAG_WORDS and doc[end - 1].like_num:
        end += 1
    if end + 1 < len(doc) and doc[end].lower_ in ADJECTIVES and doc[end + 1].lower_ in WORDS:
        end += 2
    if end < len(doc) and (doc[end].lower_ in WORDS or doc[end].text in CODES):
        end += 1
    return doc[start:end]


def _join_ranges(doc: Doc, spans: list[Span]) -> list[Span]:
    """Return the spans with 'between A and B', 'A to B' and 'A - B' merged into one range."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and _is_range_joint(doc, prev, span):
            between = prev.start > 0 and doc[prev.start - 1].lower_ == "between"
            start = prev.start - 1 if between else prev.start
            out[-1] = doc[start : span.end]
        else:
            out.append(span)
    return out


def _is_range_joint(doc: Doc, a: Span, b: Span) -> bool:
    """Return whether the words between two amounts make them the two ends of a range."""
    if b.start - a.end != 1:
        return False  # one word joins a range: "and", "to" or a dash
    joint = doc[a.end].lower_
    before = doc[a.start - 1].lower_ if a.start > 0 else ""
    if joint == "and":
        return before == "between"
    return joint in ("to", "-", "–", "—") and before != "from"


def _with_qualifier(doc: Doc, span: Span) -> Span:
    """Return the span grown over a qualifier written just before it ('more than $4bn')."""
    before = [doc[i].lower_ for i in range(max(0, span.start - _MAX_QUALIFIER_WORDS), span.start)]
    for n in range(_MAX_QUALIFIER_WORDS, 0, -1):
        if span.start >= n and " ".join(before[len(before) - n :]) in _QUALIFIER_SET:
            if doc[span.start - n].dep_ == "prt":
                return span  # "handed over €1.5bn": the verb's particle, not "more than"
            return doc[span.start - n : span.end]
    return span


def _keep(span: Span) -> bool:
    """Return whether a candidate is money: a currency or magnitude, never a unit or percent."""
    doc = span.doc
    lowers = [t.lower_ for t in span]
    after = [doc[i].lower_ for i in range(span.end, min(span.end + 2, len(doc)))]
    if after[:1] in (["percent"], ["%"]) or after == ["per", "cent"]:
        return False
    has_currency = any(_names_currency(t) for t in span)
    has_magnitude = any(
        w in _MAG_WORDS or w in VAGUE_MAGNITUDES or w.startswith("multi") or _NUM_MAG.match(w)
        for w in lowers
    )
    # "a 500 pound bomb": a singular currency noun with a bare number is a weight or a unit.
    if lowers[-1] in ("pound", "dollar", "euro") and not has_magnitude:
        return any(t.text in SYMBOLS for t in span)
    return has_currency or has_magnitude
