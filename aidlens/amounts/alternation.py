"""Regexes of many whole words or names, compiled to skip the places where none can begin.

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
    return re.compile(rf"\b(?={first_chars(words, fold)})(?:{trie(words, fold)}){suffix}", flags)
