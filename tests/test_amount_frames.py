"""General cues of the dependency frame, tuned on two corpora by different writers.

Original sentences: coordinated verbs, blocking and pushing verbs, frozen money described by a
verb, quantity words, running totals of a perfect verb over a period, a group's own pledge,
a model span trimmed past a name (parts and wholes: test_amount_parts.py; bare institutions
as donors: test_donors.py).
"""

from __future__ import annotations

from tests.amount_helpers import stage_test

# (sentence, amount, stage, a word of the reason)
STAGES = [
    # One house of a legislature passing a bill leaves it pending: the other and a signature.
    (
        "The House passes a $39.8 billion version by 368 votes to 57, well above the request.",
        "$39.8 billion",
        "requested",
        "house passes",
    ),
    (
        "The House of Representatives voted 368 to 57 to approve a $39.8 billion aid package "
        "for Ukraine, sending the bill to the Senate.",
        "$39.8 billion",
        "requested",
        "house approve",
    ),
    # A lender's staff agreeing leaves the programme to its board: requested.
    (
        "The International Monetary Fund said its staff had reached agreement with Ukraine on "
        "a four-year Extended Fund Facility worth about $15.6 billion.",
        "about $15.6 billion",
        "requested",
        "staff reached",
    ),
    (
        "The IMF and Ukraine reached a staff-level agreement on a $15.6 billion programme.",
        "$15.6 billion",
        "requested",
        "staff-level agreement",
    ),
    (
        "The IMF's executive board approved a $15.6 billion programme on Friday.",
        "$15.6 billion",
        "pledged",
        "approved",
    ),
    # ... but the whole legislature, or both houses, passed it.
    ("Congress passed $40 billion for Ukraine in May.", "$40 billion", "pledged", "passed"),
    (
        "Both chambers passed the $40 billion package for Ukraine in May.",
        "$40 billion",
        "pledged",
        "passed",
    ),
    # A coordinated verb sharing the subject says where the money stands now.
    (
        "The measure carries $8 billion for Kyiv, cleared the upper house on Monday and now "
        "awaits a final vote.",
        "$8 billion",
        "requested",
        "awaits",
    ),
    # ... but not a modal on something else ("might add more"), nor a verb with its own subject.
    (
        "Oslo was setting aside NOK 900 million for Kyiv and might add more in the spring.",
        "NOK 900 million",
        "pledged",
        "",
    ),
    (
        "Austria approved €300 million for Ukraine and its neighbours still await a decision.",
        "€300 million",
        "pledged",
        "approved",
    ),
    (
        "Slovakia used its veto to stop a €6 billion loan package for Kyiv.",
        "€6 billion",
        "blocked",
        "stop",
    ),
    (
        "The Commission pushed a €20 billion loan plan for Ukraine all autumn.",
        "€20 billion",
        "requested",
        "pushed",
    ),
    # Money described by a verb of freezing; a quantity word beside the amount.
    (
        "The loan would draw on the roughly €180 billion of central bank money immobilised in "
        "Belgium.",
        "roughly €180 billion",
        "",
        "frozen",
    ),
    (
        "Most of those reserves, about $250 billion, are held in Europe.",
        "about $250 billion",
        "",
        "frozen",
    ),
    (
        "The new assessment identifies $9 billion of repairs to the power grid.",
        "$9 billion",
        "",
        "estimate",
    ),
    (
        "Destruction of ports and rail lines accounts for more than $20 billion of that sum.",
        "more than $20 billion",
        "",
        "estimate",
    ),
    # A perfect aid verb over a period sums what was given; a new approval does not.
    (
        "Norway has provided NOK 20 billion in aid to Ukraine in 2023.",
        "NOK 20 billion",
        "",
        "running total",
    ),
    (
        "Canada had sent C$3 billion in weapons since she took office.",
        "C$3 billion",
        "",
        "running total",
    ),
    (
        "Canada has committed C$1 billion to Kyiv in a single month.",
        "C$1 billion",
        "",
        "running total",
    ),
    (
        "Germany has given Ukraine €1 billion in aid since the spring.",
        "€1 billion",
        "",
        "running total",
    ),
    # ... but a bare "since" means afterwards: "has since followed with".
    (
        "The European Investment Bank has since followed with €668 million for Ukraine's energy "
        "aid.",
        "€668 million",
        "pledged",
        "",
    ),
    ("Norway has approved NOK 5 billion in new aid for Ukraine.", "NOK 5 billion", "pledged", ""),
    ("Norway will provide NOK 20 billion to Ukraine in 2025.", "NOK 20 billion", "pledged", ""),
    # A delivery verb stating what a law does, or a delivery an approving verb governs, is a
    # pledge; an amount described as paid, or reaching the recipient, is delivered.
    (
        "The Act provides about $30 billion in aid for Ukraine through September.",
        "about $30 billion",
        "pledged",
        "present",
    ),
    ("Poland sent $2 billion in arms to Ukraine.", "$2 billion", "delivered", "sent"),
    (
        "On Monday ministers authorised a payout of €2.1 billion to Kyiv.",
        "€2.1 billion",
        "pledged",
        "authorised",
    ),
    (
        "Only the first €2 billion, paid in early May, is in Kyiv's accounts.",
        "€2 billion",
        "delivered",
        "paid",
    ),
    ("The first €2 billion reached Kyiv in March.", "€2 billion", "delivered", "reached"),
    # Money reaching the recipient is delivered, even when the parser hangs the verb under the
    # amount, or an aid word above it goes on; unless it is yet to come.
    (
        "The loan programme is paying out: the first €2 billion reached Kyiv in May.",
        "€2 billion",
        "delivered",
        "reached",
    ),
    ("The second €2 billion will reach Kyiv in June.", "€2 billion", "pledged", "will reach"),
    # The whole a delivered part is taken from is a pledge, not a delivery.
    (
        "Brussels paid the first €1 billion of its €6 billion loan to Kyiv in June.",
        "€6 billion",
        "pledged",
        "whole of a part",
    ),
    (
        "Brussels paid €1 billion to Kyiv on Monday, the first slice of the €6 billion loan "
        "programme.",
        "€6 billion",
        "pledged",
        "whole of a part",
    ),
    # What befell the part is not the whole's: the whole stays pledged.
    (
        "Of the €9 billion leaders promised in May, the last €3 billion was never put forward "
        "as a law.",
        "€9 billion",
        "pledged",
        "",
    ),
    # ... but a tranche "of" an amount is that tranche's own size.
    (
        "The EU sent a first tranche of €1.2 billion to Kyiv.",
        "€1.2 billion",
        "delivered",
        "tranche",
    ),
    # A perfect progressive has paid some already; a plain progressive only goes on.
    (
        "The World Bank has been paying out $2 billion to Ukraine since March.",
        "$2 billion",
        "delivered",
        "paying",
    ),
    # A present verb coordinated with a named subject's verb is a report, not a law's terms.
    (
        "The IMF finishes its fourth review of the programme and releases about $700 million.",
        "about $700 million",
        "delivered",
        "releases",
    ),
    # A bill the amount describes, with no verb saying it passed, is before a vote.
    (
        "The Senate voted 48 to 52 on a $70 billion bill drafted on the White House plan.",
        "$70 billion",
        "requested",
        "bill",
    ),
    (
        "The $70 billion bill signed in May sends weapons to Kyiv.",
        "$70 billion",
        "pledged",
        "",
    ),
    # Aid passing a mark is a running total.
    (
        "Dutch military support for the year will top €4 billion.",
        "€4 billion",
        "",
        "running total",
    ),
    # Money for the giver's own needs is no aid; money from its own stocks for Ukraine is.
    (
        "France is setting up a €40 billion fund to rebuild its own navy, officials said.",
        "€40 billion",
        "",
        "own spending",
    ),
    (
        "France sent €1 billion of shells from its own stocks to Ukraine.",
        "€1 billion",
        "delivered",
        "sent",
    ),
    # "according to Defence Minister ..." names a source, not money spent "to defence".
    (
        "The Dutch contribution, €500m, includes Patriot missiles, according to Defence "
        "Minister Ruben Brekelmans.",
        "€500m",
        "pledged",
        "contribution",
    ),
    (
        "Germany will add $9bn to defence next year, according to the finance ministry.",
        "$9bn",
        "",
        "own spending",
    ),
    # A group acting as one gives; many givers of their own money do not.
    (
        "The plan is for G7 countries to lend Ukraine about $40 billion next year.",
        "about $40 billion",
        "pledged",
        "lend",
    ),
    (
        "The payment opens the G7's reconstruction loans, which together are worth about "
        "€40 billion.",
        "about €40 billion",
        "pledged",
        "",
    ),
    (
        "Allies together pledged $30 billion at the summit.",
        "$30 billion",
        "",
        "several givers",
    ),
    # A named group acting together is one giver; assembling a package is no sum of givers;
    # weapons "from its own stocks" are aid, not the giver's own spending.
    (
        "Together, the G7 partners will lend $50 billion to Ukraine.",
        "$50 billion",
        "pledged",
        "lend",
    ),
    ("Together, allies will lend $50 billion to Ukraine.", "$50 billion", "", "several givers"),
    # The Union's 27 members decide as one: what they agree is the Union's.
    (
        "All 27 governments agreed the package: €50 billion for 2024 to 2027.",
        "€50 billion",
        "pledged",
        "agreed",
    ),
    ("Some 50 countries pledged $10 billion for Ukraine.", "$10 billion", "", "several givers"),
    # A joint package is no one giver's, even when the parser loses its givers; a group's is.
    (
        "On 5 August Denmark, Norway and Sweden announced a joint $500 million package.",
        "$500 million",
        "",
        "several givers",
    ),
    ("The G7's joint $50 billion loan was agreed in June.", "$50 billion", "pledged", "loan"),
    # A figure bracketed after its giver's name is that giver's own, in a list of several.
    (
        "Canada (C$5bn), Japan (¥471.9bn) and Britain (£2.26bn) make up the rest of the loans.",
        "¥471.9bn",
        "pledged",
        "",
    ),
    (
        "Pledges came from Germany (€500m), France (€300m) and Italy (€200m).",
        "€500m",
        "pledged",
        "",
    ),
    (
        "The World Bank is putting together a package of $3 billion for Ukraine.",
        "$3 billion",
        "pledged",
        "package",
    ),
    (
        "The White House authorised the Pentagon to hand over up to $350 million of weapons "
        "from its own stocks.",
        "up to $350 million",
        "pledged",
        "to hand",  # yet to be handed over
    ),
    # What the amount measures, paid out, is delivered, even when its owner is named first;
    # yet to be paid, it is a pledge.
    (
        "Sweden's SEK 4 billion credit line for 2024 has been paid out in full.",
        "SEK 4 billion",
        "delivered",
        "paid",
    ),
    (
        "Denmark's share of the fund, DKK 2.1 billion, has now been disbursed.",
        "DKK 2.1 billion",
        "delivered",
        "disbursed",
    ),
    (
        "Sweden's SEK 4 billion credit line will be paid out next year.",
        "SEK 4 billion",
        "pledged",
        "",
    ),
    # A paying participle of a past event happened; a providing one says what a package holds.
    (
        "The Fund's board completed its review on Monday, releasing $700 million.",
        "$700 million",
        "delivered",
        "releasing",
    ),
    (
        "The Treasury sent the money on Friday, disbursing $2 billion to Kyiv.",
        "$2 billion",
        "delivered",
        "disbursing",
    ),
    (
        "Germany unveiled a new package on Tuesday, providing €500 million in air defence.",
        "€500 million",
        "pledged",
        "",
    ),
    # A clause in the simple past describing the money says it moved.
    (
        "The EU loan programme, which sent €3 billion to Kyiv in January, is on schedule.",
        "€3 billion",
        "delivered",
        "sent",
    ),
    (
        "Under the new window, the Fund's board gave Kyiv about $1.1 billion on Friday.",
        "about $1.1 billion",
        "delivered",
        "gave",
    ),
    # A decision still to be taken is pending; a giver's promise is a pledge.
    (
        "The €20 billion fund for Kyiv will be approved by ministers next week.",
        "€20 billion",
        "requested",
        "will approved",
    ),
    (
        "Sweden will send SEK 2 billion in air defence to Ukraine.",
        "SEK 2 billion",
        "pledged",
        "will send",
    ),
    # Declining to pay blocks the money; aid declining to a level does not.
    (
        "The finance minister declined to release the €4 billion for Ukraine.",
        "€4 billion",
        "blocked",
        "declined",
    ),
    ("Aid to Ukraine declined to €2 billion last year.", "€2 billion", "pledged", ""),
    (
        "This year's sum matches the €1.4 billion it sent in 2023.",
        "€1.4 billion",
        "delivered",
        "sent",
    ),
    (
        "The €900 million of military aid it provided in 2023 comes to €90 a head.",
        "€900 million",
        "delivered",
        "provided",
    ),
    # An amount compared with the clause's subject keeps its own participle's stage.
    (
        "Unlike the $61 billion approved by Congress in April, the fund would not depend on a "
        "future vote.",
        "$61 billion",
        "pledged",
        "approved",
    ),
    # A lender's programme that goes to, or is before, its board still awaits the decision.
    (
        "The IMF's new programme of about $8.1 billion goes to its board next week.",
        "about $8.1 billion",
        "requested",
        "goes to board",
    ),
    (
        "A $530 million loan is before the Bank's board this month.",
        "$530 million",
        "requested",
        "before board",
    ),
    # Not one member's contribution: the others' decision on the noun stands.
    (
        "Slovakia will not contribute to the €90 billion loan that the other member states "
        "agreed to give Ukraine.",
        "€90 billion",
        "pledged",
        "agreed",
    ),
    (
        "Hungary did not approve the €50 billion the Commission proposed.",
        "€50 billion",
        "blocked",
        "not",
    ),
]

test_stage_and_reason = stage_test(STAGES)


def test_a_model_span_is_trimmed_past_a_leading_name(amount_rows):
    rows = amount_rows("The EU agreed on Friday to lend Ukraine €60 billion over two years.")
    assert "€60 billion" in rows
