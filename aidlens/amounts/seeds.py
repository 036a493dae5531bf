"""Where in a Doc the amount rules may match: windows of tokens around their seeds.

A seed is a token every match of some pattern holds (a currency symbol, code or word, a
magnitude, "multi"): finder.py runs its Matcher only on windows around seeds, and in each only
the patterns that seeds of those kinds can complete. Also the token regexes the patterns use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from aidlens.amounts.currencies import (
    BARE_MAGNITUDES,
    CODES,
    MAGNITUDES,
    SYMBOLS,
    VAGUE_MAGNITUDES,
    WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

_SHORT = "|".join(sorted((m for m in MAGNITUDES if len(m) <= 3), key=len, reverse=True))
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SYM = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
NUM_RE = rf"^{_NUM}$"
NUM_MAG_RE = rf"(?i)^{_NUM}(?:{_SHORT})$"  # one token: "2.5bn", "325m", "10k"
GLUED_RE = rf"(?i)^(?:{'|'.join(CODES)}|{_SYM}){_NUM}(?:{_SHORT})?$"  # "USD40mn", "CHF1.5bn"
RANGE_TOKEN_RE = rf"(?i)^{_NUM}(?:{_SHORT})?[-–—](?:{_SYM})?{_NUM}(?:{_SHORT})?$"  # "1bn-$1.5bn"


# Every pattern holds a currency token (symbol, code or word, or a code glued to its number:
# "USD40mn"), a plural magnitude ("billions in aid") or "multi": the Matcher only runs on
# windows around them, which keeps extraction a small fraction of the parse time. Digits are
# no seed (most are dates, years and counts); "million", "billion" and "trillion" seed only
# the figures written with no currency (BARE). The seeds are found among the tokens'
# lowercase string ids all at once.
SEED_WORDS = {
    "currency": frozenset(s.lower() for s in [*SYMBOLS, *CODES]),
    "word": frozenset(WORDS),
    "magnitude": frozenset(VAGUE_MAGNITUDES),
    "multi": frozenset({"multi", "multibillion", "multimillion"}),
    "bare": frozenset(BARE_MAGNITUDES),
}
# How many tokens the longest pattern reaches before and after each kind of seed: a symbol
# or code opens its pattern ("$5 to 6 billion") or closes it ("5 billion USD"), a currency
# word closes it ("one hundred and twenty five billion US dollars"), a plural magnitude
# stands in "tens of billions" or before "in military aid", "multi" opens
# "multi-billion-dollar".
REACH = {"currency": (2, 4), "word": (8, 0), "magnitude": (2, 3), "multi": (0, 4), "bare": (8, 0)}
_GLUED = re.compile(GLUED_RE)
# Each window runs only the patterns that may match around its seeds, told apart more finely
# than REACH needs: a symbol ("$") completes no pattern of a code's ("5 billion USD") nor of
# one glued to its number ("CHF1.5bn"), so a window around "$" runs a quarter of the patterns.
_CURRENCY = {
    "symbol": frozenset(s.lower() for s in SYMBOLS),
    "code": frozenset(c.lower() for c in CODES),
}
_SEEDS = frozenset().union(*SEED_WORDS.values())


def _fine_kinds(word: str) -> frozenset[str]:
    """Return the kinds of a seed word (lower case): a currency's is a symbol or a code."""
    kinds = {k for k, words in _CURRENCY.items() if word in words}
    return frozenset(kinds or {k for k, words in SEED_WORDS.items() if word in words})


def seed_kinds(pattern: list[dict]) -> frozenset[str]:
    """Return the kinds of seed that the pattern's seed tokens are: a match holds one, so the
    pattern only matches in a window around a seed of one of them."""
    kinds: set[str] = set()
    for spec in pattern:
        if spec.get("OP", "+") != "+":
            continue  # an optional token may be absent from a match
        if spec.get("TEXT") == {"REGEX": GLUED_RE}:
            kinds.add("glued")
        for value in (spec.get("TEXT"), spec.get("LOWER")):
            words = [value] if isinstance(value, str) else (value or {}).get("IN", [])
            if words and all(w.lower() in _SEEDS for w in words):
                kinds = kinds.union(*(_fine_kinds(w.lower()) for w in words))
    return frozenset(kinds)


def windows(doc: Doc) -> list[tuple[int, int]]:
    """Return merged token windows around the seeds of possible amounts in `doc`."""
    return [(start, end) for start, end, _ in seeded_windows(doc)]


def seeded_windows(doc: Doc) -> list[tuple[int, int, frozenset[str]]]:
    """Return merged token windows around the seeds of possible amounts in `doc`, with the
    kinds of the seeds in each."""
    # Lazily: building results from the cache never loads spaCy.
    from spacy.attrs import IS_ALPHA, IS_PUNCT, LENGTH, LIKE_NUM, LOWER

    if not len(doc):
        return []
    lower, alpha, like_num, punct, length = doc.to_array(
        [LOWER, IS_ALPHA, LIKE_NUM, IS_PUNCT, LENGTH]
    ).T
    ids, kinds, fine = _seed_ids()
    at = np.minimum(np.searchsorted(ids, lower), len(ids) - 1)
    seeds = [(int(i), kinds[at[i]], fine[at[i]]) for i in np.flatnonzero(ids[at] == lower)]
    # A code or symbol glued to its number is one token of letters and digits ("CHF1.5bn"):
    # two characters at least, and not all punctuation.
    mixed = np.flatnonzero(~alpha.astype(bool) & ~like_num.astype(bool) & ~punct.astype(bool))
    mixed = mixed[length[mixed] > 1]
    glued = frozenset({"glued"})
    seeds += [(int(i), "currency", glued) for i in mixed if _GLUED.match(doc[int(i)].text)]
    merged: list[tuple[int, int, frozenset[str]]] = []
    for i, kind, kinds in sorted(seeds, key=lambda seed: seed[:2]):
        before, after = REACH[kind]
        start, end = max(0, i - before), min(len(doc), i + 1 + after)
        if merged and start <= merged[-1][1]:
            first, last, held = merged[-1]
            merged[-1] = (first, max(end, last), held | kinds)
        else:
            merged.append((start, end, kinds))
    return merged


@lru_cache(maxsize=1)
def _seed_ids() -> tuple[np.ndarray, list[str], list[frozenset[str]]]:
    """Return the seeds' lowercase words as sorted string ids, each one's kind (SEED_WORDS)
    and its finer kinds (_fine_kinds)."""
    from spacy.strings import get_string_id

    word_of = {get_string_id(w): (kind, w) for kind, words in SEED_WORDS.items() for w in words}
    ids = sorted(word_of)
    kinds = [word_of[i][0] for i in ids]
    return np.array(ids, dtype=np.uint64), kinds, [_fine_kinds(word_of[i][1]) for i in ids]
