"""Requests read from a wish, a modifier or a budget, and requests and bills for several
countries (stage.py, stage_cues.py, recipients.covers_others, context_cues.csv).

"wants to lend €140bn" asks for it, but a wish of the subject of another verb ("adopted
€1.2bn and wants more") does not; "a proposed €50bn" is proposed; a defence budget request
is the giver's own budget; a request or a failed bill that also covers other countries is no
aid to Ukraine, whatever befalls it, while reimbursements "to member states" for weapons sent
to Ukraine stay aid. Original sentences, read with the real pipeline.
"""

from __future__ import annotations

from tests.amount_helpers import stage_test

# (sentence, amount, stage, a word of the reason)
WISHES = [
    (
        "The Commission wants to lend Ukraine €140 billion backed by immobilised Russian "
        "central bank balances.",
        "€140 billion",
        "requested",
        "wants",
    ),
    ("The president wants another $24 billion for Kyiv.", "$24 billion", "requested", "wants"),
    # The wish of the subject of another verb, or a wish that the money be paid, asks nothing.
    (
        "The bank approved €1.2 billion of loans last month and wants faster reforms.",
        "€1.2 billion",
        "pledged",
        "approved",
    ),
    (
        "Donors such as Denmark, whose €250 million helped start it, want it to continue.",
        "€250 million",
        "pledged",
        "",
    ),
    # A commitment already known that someone wants paid is no request.
    (
        "The Treasury wants to pay out the $20 billion before January.",
        "$20 billion",
        "pledged",
        "pay",
    ),
    # The amount's own modifier.
    (
        "The biggest figure on the table was a proposed €50 billion for 2024 to 2027.",
        "€50 billion",
        "requested",
        "proposed",
    ),
    (
        "The pending $61 billion for Ukraine has waited months for a vote.",
        "$61 billion",
        "requested",
        "pending",
    ),
    # "sent a request for": the request asks, the verb sends only the request.
    (
        "On Friday the president sent lawmakers a request for $61 billion for Ukraine.",
        "$61 billion",
        "requested",
        "request",
    ),
    # A budget request is the giver's own budget, unless it holds Ukraine's line.
    (
        "For comparison, the defence ministry's budget request for next year is $850 billion.",
        "$850 billion",
        "",
        "budget",
    ),
    (
        "Tokyo's own defence request for the coming year is a record ¥8.5 trillion.",
        "record ¥8.5 trillion",
        "",
        "budget",
    ),
    # A request or bill that covers other countries too is no aid to Ukraine alone.
    (
        "The White House sent Congress a $106 billion request that bundled Israel and Ukraine "
        "with Taiwan.",
        "$106 billion",
        "",
        "several countries",
    ),
    (
        "A $110.5 billion security bill combining money for Ukraine and Israel with funding for "
        "Taiwan failed a procedural vote.",
        "$110.5 billion",
        "",
        "several countries",
    ),
    (
        "Senators blocked a $110.5 billion bill for Ukraine, Israel and Taiwan.",
        "$110.5 billion",
        "",
        "several countries",
    ),
    (
        "The regional plan seeks $700 million for eleven countries hosting refugees.",
        "$700 million",
        "",
        "",
    ),
    # Reimbursements to member states for weapons sent to Ukraine stay aid, blocked.
    (
        "Budapest is still holding up €6.6 billion in reimbursements to member states for arms "
        "sent to Ukraine.",
        "€6.6 billion",
        "blocked",
        "holding up",
    ),
]

test_stage_and_reason = stage_test(WISHES)


def test_a_request_holding_ukraines_share_is_mostly_for_others(amount_rows):
    rows = amount_rows(
        "The White House asks Congress for $24 billion for Ukraine, inside a request of about "
        "$40 billion."
    )
    assert (rows["about $40 billion"]["stage"], rows["about $40 billion"]["reason"]) == (
        "",
        "total mostly for others",
    )
    assert rows["$24 billion"]["stage"] == "requested"


def test_a_whole_that_also_covers_others_is_mostly_for_others(amount_rows):
    rows = amount_rows(
        "Biden's request for $61.4 billion in Ukraine aid, part of a $106 billion package that "
        "also covers Israel and Taiwan, is still before Congress."
    )
    assert rows["$106 billion"]["reason"] == "total mostly for others"
    assert rows["$61.4 billion"]["stage"] == "requested"
