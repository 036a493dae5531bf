"""Requests read from words that only describe the amount or share its verb (original sentences).

A participle on the amount ("the $61bn sought for Ukraine") and a verb conjoined to one that a
request governs ("proposed extending ... and enlarging it to NOK 135bn") say the money is not
given yet; the counter-cases keep their stage.
"""

from __future__ import annotations

from tests.amount_helpers import stage_test

# (sentence, amount, stage, a word of the reason)
STAGES = [
    (
        "The roughly $61 billion sought for Ukraine remains unapproved.",
        "roughly $61 billion",
        "requested",
        "sought",
    ),
    (
        "A €9 billion loan proposed by the Commission would keep Kyiv's budget afloat.",
        "€9 billion",
        "requested",
        "proposed",
    ),
    (
        "Oslo proposed extending the programme by three years and enlarging it to NOK 135 billion.",
        "NOK 135 billion",
        "requested",
        "proposed",
    ),
    (
        "Brussels floated up to €9 billion in new loans for Ukraine in May.",
        "up to €9 billion",
        "requested",
        "floated",
    ),
    # A participle of when, not whether: the EU decided, the first payment comes in July.
    (
        "The EU decided to pass the profits to Kyiv, with a first transfer of €1.5 billion "
        "expected in July.",
        "€1.5 billion",
        "pledged",
        "pass",
    ),
    # A relative clause tells the facility's past; the leaders' endorsement is its stage now.
    (
        "EU leaders endorsed the €50 billion Ukraine Facility that Hungary had vetoed in December.",
        "€50 billion",
        "pledged",
        "facility",
    ),
    # The conjoined verb with a subject of its own is a clause of its own.
    (
        "Oslo proposed a larger programme, and parliament then approved NOK 135 billion for "
        "Ukraine.",
        "NOK 135 billion",
        "pledged",
        "approved",
    ),
    ("The $13.6 billion approved in March reached Kyiv.", "$13.6 billion", "delivered", "reach"),
]

test_stage_and_reason = stage_test(STAGES)
