"""Many words matched fast: regexes that skip the places where none can begin, and the string
ids of every spelling of a few words, to find them among a Doc's lemmas at once.

Python's `re` tries every alternative of `\\b(?:a|b|...)` in turn at every word boundary of a
text: a pattern of two hundred names spends most of its time on words that start with none of
them. Written as a trie ("dollar(?:s)?|euro(?:s)?") behind a lookahead on the first characters,
it rejects those places at once and matches exactly what the plain alternation, longest word
first, matches: where the words part, the text follows one branch at most, and where one word
goes on from another the longer is tried first (the names of every country of a text: a fifth
of the time).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import product

import numpy as np


def first_chars(words: Iterable[str], ignore_case: bool = False) -> str:
    """Return a character class of the first characters of `words` ('[$A-Z€]' style)."""
    chars = {w[0] for w in words if w}
    if ignore_case:
        chars |= {c.swapcase() for c in chars}
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]" if chars else "(?!)"


def trie(words: Iterable[str], ignore_case: bool = False) -> str:
    """Return an alternation of `words` as a trie, for a pattern compiled with re.IGNORECASE
    when `ignore_case` (the words are then lowercased, so that no two branches match alike)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word.lower() if ignore_case else word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _branches(root) or "(?!)"


def _branches(node: dict[str, dict]) -> str:
    """Return the regex of a trie node: its branches, optional where a word ends on it."""
    alts = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not alts:
        return ""
    if "" in node:  # greedy: the longer words first, then the one ending here
        return "(?:" + "|".join(alts) + ")?"
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def word_pattern(words: Iterable[str], *, suffix: str = r"\b", flags: int = 0) -> re.Pattern[str]:
    """Return a regex of the whole words followed by `suffix`, longest first, skipping fast
    where no word can start; `flags` as for re.compile."""
    words = [w for w in set(words) if w]
    if not words:
        return re.compile(r"(?!)")
    fold = bool(flags & re.IGNORECASE)
    ahead = f"(?={first_chars(words, fold)})"
    # Both conditions hold at one place, in either order; `re` tests a character class faster
    # than a word boundary (the names of every country of a text: a third faster), but not
    # when it folds case.
    start = rf"\b{ahead}" if fold else rf"{ahead}\b"
    return re.compile(rf"{start}(?:{trie(words, fold)}){suffix}", flags)


@lru_cache(maxsize=8)
def spelling_ids(words: frozenset[str]) -> np.ndarray:
    """Return the string ids (hashes) of every spelling of `words` that lowercases to one of
    them ('veto', 'Veto', 'VETO', ...): a Doc's lemmas are then matched all at once, as
    `lemma_.lower() in words` would match them one by one."""
    from spacy.strings import get_string_id

    # The Kelvin sign is the one character besides 'K' that lowercases to an ASCII letter.
    cases = {"k": "kK\u212a"}
    spellings = (
        "".join(chars)
        for word in words
        for chars in product(*(cases.get(c, c + c.upper()) for c in word))
    )
    return np.array(sorted({get_string_id(s) for s in spellings}), dtype=np.uint64)


def among(values: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Return which of `values` are in the sorted `ids` (np.isin sorts both on every call)."""
    at = np.minimum(np.searchsorted(ids, values), len(ids) - 1)
    return ids[at] == values
