"""Amounts in lists split by semicolons: each item keeps its own frame (clause.other_item).

The small parser often hangs one item on another's words ("after the White House had asked for
$33bn; $12.3bn in the stopgap"). A word of another item decides nothing for the amount, but the
list's own head before its colon, or the sentence's verb the later items leave out, does.
Original sentences.
"""

from __future__ import annotations

import pytest

from tests.amount_helpers import stage_test

# (sentence, amount, stage, a word of the reason)
LISTED = [
    # A request in a subordinate clause of one item is not the next item's.
    (
        "Congress passed four laws with money for Ukraine in 2022: $13.6 billion in March; $40 "
        "billion in May, after the White House had asked for $33 billion; $12.3 billion in the "
        "September stopgap; and about $45 billion in the year-end omnibus.",
        "$12.3 billion",
        "pledged",
        "passed",
    ),
    (
        "Congress passed four laws with money for Ukraine in 2022: $13.6 billion in March; $40 "
        "billion in May, after the White House had asked for $33 billion; $12.3 billion in the "
        "September stopgap; and about $45 billion in the year-end omnibus.",
        "about $45 billion",
        "pledged",
        "passed",
    ),
    (
        "Congress passed four laws with money for Ukraine in 2022: $13.6 billion in March; $40 "
        "billion in May, after the White House had asked for $33 billion; $12.3 billion in the "
        "September stopgap; and about $45 billion in the year-end omnibus.",
        "$33 billion",
        "requested",
        "asked",
    ),
    # The list's head before its colon governs its items, in a clause of their own or not.
    (
        "Officials said the House had blocked three lines: $5 billion for arms; $3 billion for "
        "energy.",
        "$3 billion",
        "blocked",
        "blocked",
    ),
    # A ledger line: only the item that says so is blocked, or a proposal.
    (
        "LEDGER LINE: Germany at Vilnius, €700m; Ukraine Facility proposal, €50bn; blocked EPF "
        "tranche, €500m; EU loans for 2023, €18bn.",
        "€50bn",
        "requested",
        "proposal",
    ),
    (
        "LEDGER LINE: Germany at Vilnius, €700m; Ukraine Facility proposal, €50bn; blocked EPF "
        "tranche, €500m; EU loans for 2023, €18bn.",
        "€500m",
        "blocked",
        "blocked",
    ),
    (
        "Ukraine Facility, €50bn; Senate's Ukraine money, €56bn; blocked EPF tranche, €500m.",
        "€50bn",
        "pledged",
        "facility",
    ),
    # The verb later items leave out is still theirs: both are prices.
    (
        "An IRIS-T SLM fire unit costs around €140 million; a Patriot system with a first load "
        "of missiles, close to €1 billion.",
        "close to €1 billion",
        "",
        "estimate",
    ),
    # Without a semicolon the parse is read as it stands.
    (
        "The White House asked for $33 billion, and Congress passed $40 billion in May.",
        "$33 billion",
        "requested",
        "asked",
    ),
]

test_stage_and_reason = stage_test(LISTED)


def test_another_items_giver_is_not_the_amounts(amount_rows):
    rows = amount_rows(
        "Berlin's comes with more than €7bn of military aid this year; Paris committed up to €3bn."
    )
    assert rows["more than €7bn"]["donor"] == "Berlin"
    assert rows["€3bn"]["donor"] == "Paris"


@pytest.mark.parametrize(
    ("sentence", "amount"),
    [
        (
            "The other lenders are the European Union, with €18.1 billion; the United Kingdom, "
            "with £2.26 billion; and Canada, with C$5 billion.",
            "£2.26 billion",
        ),
        ("Canada (C$5 billion) and Japan (¥471.9 billion) make up the rest.", "C$5 billion"),
    ],
)
def test_a_giver_named_right_before_its_figure_is_no_sum_of_several(amount_rows, sentence, amount):
    assert "several givers" not in amount_rows(sentence)[amount]["reason"]


def test_money_given_to_ukraine_by_partners_is_still_their_sum(amount_rows):
    rows = amount_rows("International partners provided Ukraine with $41.7 billion last year.")
    assert rows["$41.7 billion"]["reason"] == "sum of several givers"
