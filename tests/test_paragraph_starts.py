"""Each paragraph and list item starts a sentence, so an amount's parse stays on its own line."""

from __future__ import annotations

import pytest
import spacy

from aidlens.amounts.extractor import AmountExtractor
from aidlens.amounts.lexicon import role_name
from aidlens.corpus.canonical import load_aliases
from aidlens.pipeline import PARAGRAPH_STARTS, add_paragraph_starts, load_pipeline

ALIASES = load_aliases()

LEDGER = (
    "Pledges for the coming year, by government:\n\n"
    "- Germany: €4bn for air defence in 2025.\n\n"
    "- Netherlands: €1.5bn set aside for drones.\n\n"
    "- United States: the $8bn announced in September, mostly weapons.\n\n"
    "- Japan: no weapons; its $4.5bn goes to the budget, and it has promised more."
)
# text | does the word after each line break start a sentence
BREAKS = [
    (LEDGER, [True, True, True, True]),
    # Single breaks: a list's items and a line after a full stop start one; a line break
    # inside a hard-wrapped sentence does not.
    ("Donors:\n- Canada: C$500m\n- Spain: €1bn", [True, True]),
    ("The European Union agreed on\nThursday to lend Kyiv €18bn next year.", [False]),
    ("Kyiv welcomed the loan.\nIts first €1.5bn arrives in January.", [True]),
]


@pytest.fixture(scope="module")
def extract(nlp):
    """Return the amount extractor of the real pipeline, built once for this module."""
    amounts = AmountExtractor(nlp.vocab, aid_model=None)  # the rules alone
    return lambda text: amounts(nlp(text))


@pytest.mark.parametrize(("text", "starts"), BREAKS)
def test_paragraphs_and_list_items_start_sentences(nlp, text, starts):
    doc = nlp(text)
    after = [doc[t.i + 1] for t in doc[:-1] if t.is_space and "\n" in t.text]
    assert [bool(t.is_sent_start) for t in after] == starts


def test_each_list_line_gives_its_own_donor(extract):
    # Read as one sentence (without the component), every line's amount took Germany.
    rows = extract(LEDGER)
    donors = {r["text"]: role_name(r["donor"], ALIASES) for r in rows}
    assert donors == {
        "€4bn": "Germany",
        "€1.5bn": "Netherlands",
        "$8bn": "United States",
        "$4.5bn": "Japan",
    }


def test_the_component_runs_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index(PARAGRAPH_STARTS) == names.index("parser") - 1


def test_a_pipeline_to_save_has_no_aidlens_component(model_name):
    nlp = load_pipeline(model_name, paragraphs=False)
    assert PARAGRAPH_STARTS not in nlp.pipe_names
    add_paragraph_starts(nlp)
    add_paragraph_starts(nlp)  # once only, however often it is asked
    assert nlp.pipe_names.count(PARAGRAPH_STARTS) == 1


def test_a_pipeline_that_sets_no_sentences_is_left_as_it_is():
    nlp = spacy.blank("en")
    add_paragraph_starts(nlp)
    assert nlp.pipe_names == []
