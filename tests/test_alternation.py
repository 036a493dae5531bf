"""Whole-word regexes written as tries behind a first-character lookahead match exactly what
the plain alternation, longest word first, matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidlens.amounts.alternation import first_chars, word_pattern


def _plain(words: list[str], suffix: str = r"\b", flags: int = 0) -> re.Pattern[str]:
    """Return the regex the module replaces: the alternation alone, longest first."""
    alts = "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return re.compile(rf"\b(?:{alts}){suffix}", flags)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Return the spans of every match."""
    return [m.span() for m in pattern.finditer(text)]


# words | flags | text | the matches
CASES = [
    (["Kyiv", "Kyiv Oblast", "EU"], 0, "The EU and Kyiv Oblast; eu", ["EU", "Kyiv Oblast"]),
    (["aid", "military aid"], re.IGNORECASE, "Military aid, AID and raid", ["Military aid", "AID"]),
    (["bn", "b"], 0, "bn or b, not bnb or 5bn", ["bn", "b"]),
    (["Élysée"], 0, "the Élysée said", ["Élysée"]),
    ([], 0, "anything at all", []),
]


@pytest.mark.parametrize(("words", "flags", "text", "found"), CASES)
def test_word_pattern_finds(words, flags, text, found):
    assert [m.group(0) for m in word_pattern(words, flags=flags).finditer(text)] == found


def test_first_chars_with_and_without_case():
    assert first_chars(["Kyiv", "aid"]) == "[Ka]"
    assert first_chars(["Kyiv", "aid"], ignore_case=True) == "[AKak]"
    assert first_chars([]) == "(?!)"


WORDS = st.lists(st.text(alphabet="abAB $€-", min_size=1, max_size=5), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(words=WORDS, text=st.text(alphabet="abAB $€-.", max_size=40), fold=st.booleans())
def test_same_matches_as_the_plain_alternation(words, text, fold):
    flags = re.IGNORECASE if fold else 0
    assert _spans(word_pattern(words, flags=flags), text) == _spans(
        _plain(words, flags=flags), text
    )
