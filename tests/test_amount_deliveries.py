"""Delivered or only pledged: what the amount's own words say (original sentences)."""

from __future__ import annotations

from tests.amount_helpers import stage_test

# (sentence, amount, stage, a word of the reason)
STAGES = [
    # Money arriving, even where the small model hangs the verb under the amount as a participle.
    (
        "Budget support has flowed steadily: another €1.5 billion reached Kyiv in March.",
        "€1.5 billion",
        "delivered",
        "reached",
    ),
    # Paying that goes on has not yet delivered the whole.
    (
        "The UK's £1.1 billion share is being paid out in instalments.",
        "£1.1 billion",
        "pledged",
        "",
    ),
    (
        "The EU's €18 billion programme has been paid out in full.",
        "€18 billion",
        "delivered",
        "paid",
    ),
    # A payment noun over another noun is not the amount's own: the programme is pledged.
    (
        "The last payments under the €9 billion loan programme are due in December.",
        "€9 billion",
        "pledged",
        "programme",
    ),
    ("The EU made a payment of €1.5 billion to Kyiv.", "€1.5 billion", "delivered", "payment"),
    # A clause with a subject of its own does not take the first clause's verb.
    (
        "The EU pays the first €2 billion this month, and Ottawa buys a radar for Ukraine for "
        "C$90 million.",
        "C$90 million",
        "pledged",
        "",
    ),
]

test_stage_and_reason = stage_test(STAGES)
