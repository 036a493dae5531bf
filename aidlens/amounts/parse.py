"""Parse the text of one money amount ("about £2.5bn", "between $1bn and $1.5bn") into numbers.

Hand-written on purpose: no library at hand reads news money phrases. spaCy finds the spans but
gives no values; price parsers read one price and no magnitudes ("2.5bn"), word numbers
("half a billion"), ranges or vague amounts. The regular expressions below are built from the
vocabulary in aidlens.currencies, so the rules and the parser agree on what they accept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from aidlens.amounts.alternation import trie
from aidlens.amounts.currencies import (
    ADJECTIVES,
    CODES,
    KRONE_BY_COUNTRY,
    MAGNITUDES,
    QUALIFIERS,
    SYMBOLS,
    VAGUE_MAGNITUDES,
    WORDS,
    krone_currency,
)

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_TENS = "thirty forty fifty sixty seventy eighty ninety"
NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS.split())}
NUMBER_WORDS |= {w: 10 * i for i, w in enumerate(_TENS.split(), start=3)}
TENS = ("twenty", *_TENS.split())  # the words before a hyphen: "seventy-five"
UNITS = tuple(_UNITS.split()[1:10])  # and after it: one to nine
FULL_MAGNITUDES = ("thousand", "million", "billion", "trillion")


def _alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of `words`, longer first so that 'mn' wins over 'm', as a
    trie (alternation.py): it matches what the plain alternation matches, faster."""
    return trie(words)


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DIGITS = re.compile(
    rf"(?P<num>{_NUM})(?:\s*-?\s*(?P<mag>{_alternation(MAGNITUDES)})(?![a-z]))?", re.IGNORECASE
)
_JOINERS = "hundred|and|a|an|half|quarter|of|point"  # "three point eight five billion"
_WORD_NUMBER = re.compile(
    rf"\b(?P<words>(?:(?:{_alternation(NUMBER_WORDS)}|{_JOINERS})[\s-]+)+)"
    rf"(?P<mag>{_alternation(FULL_MAGNITUDES)})\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    rf"\b(?:{_alternation(VAGUE_MAGNITUDES)})\b"
    rf"|\b(?:several|few|many|multi)[\s-]*(?:{_alternation(FULL_MAGNITUDES)})"
    r"|\bmulti(?:million|billion|trillion)",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(rf"^(?:{_alternation(QUALIFIERS)})\b", re.IGNORECASE)


def _symbol_alternation(symbols: Iterable[str]) -> str:
    """Return an alternation of currency symbols, longest first, where a symbol made of letters
    must stand as a word of its own: "Fr. 5 billion" is francs, "From $5bn" is dollars."""
    parts = []
    for symbol in sorted(symbols, key=len, reverse=True):
        pattern = re.escape(symbol)
        if symbol[0].isalpha():
            pattern = rf"(?<![A-Za-z]){pattern}"
        if symbol[-1].islower():  # "Rs", "Fr"; "SDRs" still reads as "SDR" plural
            pattern = rf"{pattern}(?![a-z])"
        parts.append(pattern)
    return "|".join(parts)


_SYMBOL = re.compile(_symbol_alternation(SYMBOLS))
_CODE = re.compile(rf"(?<![A-Za-z])(?:{_alternation(CODES)})(?![A-Za-z])")
_WORD = re.compile(
    rf"(?:\b(?P<adj>{_alternation(ADJECTIVES)})\s+)?\b(?P<word>{_alternation(WORDS)})\b",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"^[^\d]*?(?:-|\bto\b|\band\b)[^\d]*$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_FOLD = str.maketrans({"–": "-", "—": "-", "\u2212": "-", "\xa0": " ", "\u202f": " "})


@dataclass(frozen=True)
class ParsedAmount:
    """An amount's numbers: value (None when vague), range end, ISO currency ('' unknown)."""

    value: float | None
    value_high: float | None
    currency: str
    qualifier: str
    vague: bool


def parse_amount(text: str, country: str | None = None) -> ParsedAmount:
    """Return the value(s), currency, qualifier and vagueness of a money phrase.

    `country` (a donor's canonical name) only decides what 'kroner' means.
    """
    text = _SPACES.sub(" ", text.translate(_FOLD)).strip()
    qualifier = _qualifier(text)
    currency = find_currency(text, country)
    numbers = _numbers(text)
    if not numbers:
        vague = bool(_VAGUE.search(text))
        return ParsedAmount(None, None, currency, qualifier, vague)
    value, value_high = _range(text, numbers)
    return ParsedAmount(value, value_high, currency, qualifier, False)


def _qualifier(text: str) -> str:
    """Return the leading qualifier of a phrase, lower case and single-spaced ('' if none)."""
    match = _QUALIFIER.match(text)
    return match.group(0).lower() if match else ""


def find_currency(text: str, country: str | None = None) -> str:
    """Return the ISO code of the first currency symbol, code or word in `text` ('' if none)."""
    found: list[tuple[int, str]] = []
    if m := _SYMBOL.search(text):
        found.append((m.start(), SYMBOLS[m.group(0)]))
    if m := _CODE.search(text):
        found.append((m.start(), m.group(0)))
    if m := _WORD.search(text):
        found.append((m.start(), _word_currency(m.group("adj"), m.group("word"), country)))
    return min(found)[1] if found else ""


def _word_currency(adjective: str | None, word: str, country: str | None) -> str:
    """Return the ISO code of a currency noun, told apart by its adjective or the country."""
    code = WORDS[word.lower()]
    hinted = ADJECTIVES.get((adjective or "").lower())
    if code is None:  # kroner, krone, crowns: Norwegian, Danish, Swedish or Czech
        return hinted if hinted in KRONE_BY_COUNTRY.values() else krone_currency(country)
    if hinted and word.lower().startswith("dollar"):
        return hinted
    return code


def _numbers(text: str) -> list[tuple[float, bool, int, int]]:
    """Return each number in `text` as (value, has_magnitude, start, end), in order."""
    found = []
    for m in _DIGITS.finditer(text):
        value = float(m.group("num").replace(",", ""))
        mag = m.group("mag")
        if mag:
            value *= MAGNITUDES[mag.lower()]
        found.append((value, bool(mag), m.start(), m.end()))
    for m in _WORD_NUMBER.finditer(text):
        base = _words_value(m.group("words"))
        if base is not None:
            found.append((base * MAGNITUDES[m.group("mag").lower()], True, m.start(), m.end()))
    return sorted(found, key=lambda n: n[2])


def _words_value(words: str) -> float | None:
    """Return the number spelled by words before a magnitude ('one and a half' -> 1.5,
    'three point eight five' -> 3.85, as a figure is read out)."""
    whole, point, fraction = words.lower().partition("point")
    total = _whole_value(whole) if whole.strip() else 0.0
    if not point:
        return total or None
    digits = [NUMBER_WORDS.get(w) for w in re.split(r"[\s-]+", fraction) if w]
    if total is None or not digits or any(d is None or d > 9 for d in digits):
        return None
    return total + float("0." + "".join(str(d) for d in digits))


def _whole_value(words: str) -> float | None:
    """Return the whole number spelled by words ('seven hundred and fifty' -> 750)."""
    total = 0.0
    for part in re.split(r"\band\b", words):
        tokens = [w for w in re.split(r"[\s-]+", part) if w and w != "of"]
        if not tokens:
            continue
        if "half" in tokens or "quarter" in tokens:
            total += 0.5 if "half" in tokens else 0.25
            continue
        number = 0
        for w in tokens:
            if w == "hundred":
                number = max(number, 1) * 100
            elif w in ("a", "an"):
                number += 1
            elif w in NUMBER_WORDS:
                number += NUMBER_WORDS[w]
            else:
                return None
        total += number
    return total or None


def _range(text: str, numbers: list[tuple[float, bool, int, int]]) -> tuple[float, float | None]:
    """Return (value, value_high): the two ends of a range, or the first number alone."""
    (low, low_mag, _, low_end), rest = numbers[0], numbers[1:]
    if not rest or not _RANGE_JOIN.match(text[low_end : rest[0][2]]):
        return low, None
    high, high_mag, _, _ = rest[0]
    # "$1-1.5 billion": the magnitude written once applies to both ends.
    if high_mag and not low_mag:
        low *= _first_magnitude(text)
    elif low_mag and not high_mag:
        high *= _first_magnitude(text)
    return (low, high) if low <= high else (low, None)


def _first_magnitude(text: str) -> float:
    """Return the first magnitude written in `text` (1 when none)."""
    for m in _DIGITS.finditer(text):
        if m.group("mag"):
            return MAGNITUDES[m.group("mag").lower()]
    for m in _WORD_NUMBER.finditer(text):
        return MAGNITUDES[m.group("mag").lower()]
    return 1.0
