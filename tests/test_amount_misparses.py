"""Misparses mended before the rules read the parse (misparses.py).

The small parser hangs the second amount of "A for its purpose and B for its purpose" on a noun
of the first amount's purpose, whose words then read as the second amount's frame. Original
sentences, read with the real pipeline.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from aidlens.amounts.misparses import reattach
from tests.amount_helpers import stage_test

SPLIT = (
    "Australia announced a package of A$100 million in April. It was split into A$60 million "
    "(US$40 million) for near-term needs such as drones and A$40 million (US$27 million) for "
    "longer-term priorities."
)
MADE_UP = (
    "Japan pledged a further $4.5 billion in December, made up of $1 billion for humanitarian and "
    "recovery needs and $3.5 billion in guarantees for World Bank lending to Ukraine."
)

# (sentence, amount, stage, a word of the reason)
MENDED = [
    # The first amount's purpose ("needs") is no estimate of the second.
    (SPLIT, "A$40 million", "pledged", ""),
    (SPLIT, "US$27 million", "pledged", ""),
    (MADE_UP, "$3.5 billion", "pledged", ""),
    # A need that is the amount's own frame stays one.
    (
        "Kyiv says it needs $3 billion a month for salaries and pensions.",
        "$3 billion",
        "",
        "estimate",
    ),
]

test_stage_and_reason = stage_test(MENDED)


@pytest.mark.parametrize(
    ("sentence", "second", "first"),
    [(SPLIT, "A$40 million", "A$60 million"), (MADE_UP, "$3.5 billion", "$1 billion")],
)
def test_the_second_amount_is_the_first_ones_conjunct(nlp, sentence, second, first):
    doc = nlp(sentence)
    spans = [e for e in doc.ents if e.label_ == "MONEY"]
    by_text = {s.text: s for s in reattach(spans)}
    assert by_text[second].root.dep_ == "conj"
    assert by_text[second].root.head.i == by_text[first].root.i


def test_a_conjunct_of_two_amounts_is_left_as_parsed(nlp):
    doc = nlp("Germany gave €1 billion and €2 billion for Ukraine's air defence.")
    spans = [e for e in doc.ents if e.label_ == "MONEY"]
    heads = [s.root.head.i for s in spans]
    assert [s.root.head.i for s in reattach(spans)] == heads


def test_an_amount_is_never_hung_under_its_own_descendant(nlp):
    # A made-up tree where the amount before "for" hangs under the second one: moving the
    # second under it would make a cycle, so the parse is left as it is.
    words = ["gave", "$1bn", "for", "needs", "and", "$2bn"]
    heads = [0, 5, 0, 2, 3, 3]
    deps = ["ROOT", "nmod", "prep", "pobj", "cc", "conj"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    spans = [doc[1:2], doc[5:6]]
    reattach(spans)
    assert [t.head.i for t in doc] == heads
