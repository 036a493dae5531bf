"""The amount Matcher runs only on windows around seeds: it must find what it finds on the
whole Doc, for every pattern (finder.REACH says how far each kind of seed reaches)."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from aidlens.amounts.currencies import VAGUE_MAGNITUDES
from aidlens.amounts.finder import PATTERNS, AmountFinder, _bare_money
from aidlens.amounts.seeds import REACH, SEED_WORDS
from aidlens.amounts.seeds import windows as _windows
from tests.test_amounts import CASES, NEGATIVES

# Amounts at the reach of their seeds, and sentences dense with digits that are not money.
FAR_REACHING = [
    "Rome pledged between 5 and 6 billion Swiss francs for energy.",
    "It sent one hundred and twenty five billion US dollars in all.",
    "Kyiv was promised two and a half billion US dollars.",
    "Oslo gave a quarter of a billion Norwegian kroner.",
    "The fund lent 5 billion USD and 3bn EUR to Naftogaz.",
    "Allies pledged tens of billions of US dollars and billions in military aid.",
    "Congress passed a multi-billion-dollar bill and a multibillion-dollar loan.",
    "The US will send $5 to 6 billion, or 1bn-$1.5bn, in 2025.",
    "On 24 February 2022, 190,000 troops crossed; by 2023, 8 million had fled and 155 shells fell.",
    "usd40mn and Usd 5 billion and US$ 3bn and CHF1.5bn were signed on 3 March 2024.",
    "They gave one hundred and twenty-five billion US dollars and two hundred million euros.",
    "Donors sent tens of billions in military aid, and millions of Swiss francs.",
    "The Europeans, the EUR-denominated bonds and EUR 5bn (SDR 2bn) were on the table.",
    "The EU gave €9bn. Of it, three point eight five billion and seventy-five billion were paid.",
    "Kyiv got $2bn, then eight hundred and fifty million, then two and a half billion.",
]
SENTENCES = [c[0] for c in CASES] + NEGATIVES + FAR_REACHING


@pytest.fixture(scope="module")
def finder(nlp):
    """Return the amount finder of the real pipeline."""
    return AmountFinder(nlp.vocab)


@pytest.fixture(scope="module")
def every_pattern(nlp):
    """Return one Matcher of every pattern: what the windows' Matchers must find together."""
    matcher = Matcher(nlp.vocab)
    for key, patterns in PATTERNS.items():
        matcher.add(key, patterns)
    return matcher


def _whole_doc(matcher: Matcher, doc) -> set[tuple[int, int, str]]:
    """Return the Matcher's spans over the whole Doc, as _rule_spans yields them."""
    found = set()
    for span in matcher(doc, as_spans=True):
        if span.label_ == "VAGUE_AID":
            last = next(t.i for t in span if t.lower_ in VAGUE_MAGNITUDES)
            span = doc[span.start : last + 1]
        if span.label_ == "BARE" and not _bare_money(doc, span):
            continue
        found.add((span.start, span.end, span.label_))
    return found


@pytest.mark.parametrize("sentence", SENTENCES)
def test_windows_find_what_the_whole_doc_finds(nlp, finder, every_pattern, sentence):
    doc = nlp(sentence)
    windowed = {(s.start, s.end, s.label_) for s in finder._rule_spans(doc)}
    assert windowed == _whole_doc(every_pattern, doc)


def test_digits_alone_open_no_window(nlp):
    doc = nlp("On 24 February 2022, 190,000 European troops crossed and 8 people fled.")
    assert _windows(doc) == []  # no currency, no magnitude: no window
    doc = nlp("On 24 February 2022, 190,000 European troops crossed; 8 million people fled.")
    assert _windows(doc) == [(3, 12)]  # "million" (a bare figure): eight tokens before it
    doc = nlp("By 2023, 8 million people had fled and $5bn had been sent.")
    assert _windows(doc) == [(0, 5), (7, 14)]  # "million"; "$": two tokens before, four after


def test_each_kind_of_seed_has_a_reach():
    assert set(REACH) == set(SEED_WORDS) == {"currency", "word", "magnitude", "multi", "bare"}
    assert all(before >= 0 and after >= 0 for before, after in REACH.values())
    words = [w for kind in SEED_WORDS.values() for w in kind]
    assert len(words) == len(set(words))  # one kind per word
