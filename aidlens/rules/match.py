"""Where a rule's phrase occurs: on spaCy token boundaries, without tokenising whole texts.

spaCy's tokenizer first cuts a text at whitespace and then tokenises each whitespace-free chunk
on its own (prefixes, suffixes, infixes, exceptions), so the tokens of a chunk never depend on
the text around it. A phrase is therefore found by a substring search, and each occurrence is
checked by tokenising only the window of whole chunks around it with `spacy.blank("en")` (the
tokenizer the `en_core_web_*` pipelines use) and matching with a `PhraseMatcher`: the same
matches as a `PhraseMatcher` over the whole text ("Kyiv" in "Kyiv's", not in "Kyivstar"), at a
cost that grows with the occurrences, not with the length of the texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher

Hit = tuple[int, int, str, str]  # start, end, label, rule text
Spans = tuple[tuple[int, int], ...]


@cache
def blank_english() -> Language:
    """Return a blank English pipeline (the tokenizer only), made once per process."""
    import spacy

    return spacy.blank("en")


def phrase_matcher(phrase: str) -> PhraseMatcher:
    """Return a PhraseMatcher for one phrase, tokenised as the texts are."""
    from spacy.matcher import PhraseMatcher

    nlp = blank_english()
    matcher = PhraseMatcher(nlp.vocab)
    matcher.add("RULE", [nlp.make_doc(phrase)])
    return matcher


def chunk_window(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the whitespace-delimited chunks that `start`-`end` falls in."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def window_matches(window: str, matcher: PhraseMatcher) -> Spans:
    """Return the (start, end) of the matches in one window of whole chunks."""
    doc = blank_english().make_doc(window)
    return tuple((doc[s:e].start_char, doc[s:e].end_char) for _id, s, e in matcher(doc))


def phrase_in_text(
    phrase: str, text: str, matcher: PhraseMatcher, memo: dict[str, Spans] | None = None
) -> Spans:
    """Return the sorted (start, end) of every token-aligned occurrence of `phrase` in `text`.

    `memo` keeps each window's matches: the same few windows ("Kyiv,", "Kyiv's") recur across
    a corpus, so most occurrences are not tokenised at all.
    """
    memo = {} if memo is None else memo
    found: set[tuple[int, int]] = set()
    windows: set[tuple[int, int]] = set()
    at = text.find(phrase)
    while at >= 0:
        windows.add(chunk_window(text, at, at + len(phrase)))
        at = text.find(phrase, at + 1)
    for lo, hi in windows:
        window = text[lo:hi]
        if window not in memo:
            memo[window] = window_matches(window, matcher)
        found.update((lo + s, lo + e) for s, e in memo[window])
    return tuple(sorted(found))


def find_phrase(phrase: str, texts: Mapping[str, str]) -> dict[str, Spans]:
    """Return hash -> (start, end) of every token-aligned occurrence of `phrase` in `texts`."""
    matcher = phrase_matcher(phrase)
    memo: dict[str, Spans] = {}
    found = {}
    for h, text in texts.items():
        if phrase in text:
            spans = phrase_in_text(phrase, text, matcher, memo)
            if spans:
                found[h] = spans
    return found


def keep_longest(hits: Iterable[Hit]) -> list[Hit]:
    """Return the hits that do not overlap a longer (or as long and earlier) one, by start."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
            kept.append(hit)
    return sorted(kept)
