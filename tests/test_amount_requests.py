"""Requests read from words that only describe the amount or share its verb (original sentences).

A participle on the amount ("the $61bn sought for Ukraine") and a verb conjoined to one that a
request governs ("proposed extending ... and enlarging it to NOK 135bn") say the money is not
given yet; the counter-cases keep their stage. So do blocks and decisions the clause states.
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
    # Tabling or putting forward a plan proposes it; the givers still decide.
    (
        "On Wednesday the Commission tabled a €50 billion facility for Ukraine's budget.",
        "€50 billion",
        "requested",
        "tabled",
    ),
    (
        "The Commission will table the remaining €8 billion in loans after the summer.",
        "€8 billion",
        "requested",
        "table",
    ),
    (
        "The Commission put forward a €50 billion facility for Ukraine for 2024 to 2027.",
        "€50 billion",
        "requested",
        "put forward",
    ),
    # The budget's own verb tells the amount's stage: a government tabling its budget
    # announces it.
    (
        "The finance minister tabled a budget that sets aside C$500 million for Ukraine.",
        "C$500 million",
        "pledged",
        "sets aside",
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
    # A lender's staff agree, at staff level or in a staff-level agreement: its board decides.
    (
        "The Fund and Kyiv agreed at staff level on a $5.5 billion arrangement.",
        "$5.5 billion",
        "requested",
        "staff",
    ),
    (
        "Lender and government reached a staff-level agreement on a $2.7 billion programme "
        "last week.",
        "$2.7 billion",
        "requested",
        "staff",
    ),
    # Expected: a decision awaited is pending; money expected is only when, not whether.
    (
        "Ministers are expected to sign off on €400 million from the fund on Monday.",
        "€400 million",
        "requested",
        "expected to sign",
    ),
    (
        "The first payment, about €2 billion, is expected in March.",
        "about €2 billion",
        "pledged",
        "expect",
    ),
    ("The EU expects to send the first €1 billion in July.", "€1 billion", "pledged", "send"),
    # Talks are not yet an agreement.
    (
        "Talks on a loan of about €3 billion resumed in Brussels on Tuesday.",
        "about €3 billion",
        "requested",
        "talks",
    ),
    # One house passing is a request, unless the sentence says the other house passed it too.
    (
        "The Senate passed a $40 billion aid package for Ukraine that the House approved last "
        "week.",
        "$40 billion",
        "pledged",
        "",
    ),
    (
        "The House passed $40 billion for Ukraine on Tuesday; the Senate is expected to approve "
        "it next week.",
        "$40 billion",
        "requested",
        "house passed",
    ),
    # A block the same clause says was followed by a decision is a pledge: the decision is later.
    (
        "The €50 billion facility, blocked by Hungary in December, was agreed by all leaders in "
        "February.",
        "€50 billion",
        "pledged",
        "agreed after blocked",
    ),
    (
        "The €50 billion facility, vetoed in December and agreed in February, starts paying in "
        "March.",
        "€50 billion",
        "pledged",
        "agreed after vetoed",
    ),
    (
        "Budapest vetoed the €50 billion facility in December and lifted its veto in February.",
        "€50 billion",
        "pledged",
        "lifted after vetoed",
    ),
    (
        "Hungary's leader vetoed the €50bn Ukraine Facility in December, then dropped his "
        "objection on 1 February once the other leaders made clear they would go ahead.",
        "€50bn",
        "pledged",
        "dropped after vetoed",
    ),
    (
        "Hungary held up €18 billion of loans for months before agreeing to them.",
        "€18 billion",
        "pledged",
        "after held up",
    ),
    (
        "Hungary vetoed the €50 billion facility and approved €18 billion of loans.",
        "€50 billion",
        "blocked",
        "vetoed",
    ),
    ("The €50 billion facility, blocked by Hungary, was not agreed.", "€50 billion", "blocked", ""),
    # What became of a request, said by the verb over it: stuck or dropped is blocked; a
    # perfect that has not happened yet leaves it pending; a decision that did not come failed.
    (
        "The White House request for $38 billion in new aid remains stuck.",
        "$38 billion",
        "blocked",
        "stuck",
    ),
    (
        "Lawmakers passed the stopgap on Friday night, dropping the president's $24 billion "
        "request.",
        "$24 billion",
        "blocked",
        "dropping",
    ),
    ("The president's $38 billion request has not passed.", "$38 billion", "requested", "request"),
    (
        "The ministers did not approve the Commission's proposal to lend Kyiv €40 billion.",
        "€40 billion",
        "blocked",
        "not approve",
    ),
    # A law is no request, whatever request the sentence sets beside it.
    (
        "The tally adds the $33 billion request to the $40.1 billion law that replaced it.",
        "$40.1 billion",
        "pledged",
        "law",
    ),
    # A request beside money a participle says was decided asks for other money.
    (
        "Kyiv asked for $5 billion more, on top of the $10 billion package signed in June.",
        "$10 billion",
        "pledged",
        "signed",
    ),
    (
        "The Commission proposed a €3 billion loan, the next part of the €8 billion promised by "
        "leaders in March.",
        "€8 billion",
        "pledged",
        "promised",
    ),
    (
        "The Commission proposed a €3 billion loan, the next part of the €8 billion promised by "
        "leaders in March.",
        "€3 billion",
        "requested",
        "proposed",
    ),
    (
        "The White House asked Congress for $24 billion, a package not approved by the House.",
        "$24 billion",
        "requested",
        "asked",
    ),
    (
        "If the vote slips, the €1 billion reserved in the spring could become the only money "
        "Kyiv can count on.",
        "€1 billion",
        "pledged",
        "reserved",
    ),
    (
        "A delegate welcomed the €20 billion agreed by all leaders in March, and asked about the "
        "next package.",
        "€20 billion",
        "pledged",
        "agreed",
    ),
    # What a lender's staff agree to release is requested; the programme it is released under,
    # or the one a new programme replaces, stands.
    (
        "Fund staff agreed to release about $900 million more under the $15 billion programme.",
        "$15 billion",
        "pledged",
        "",
    ),
    (
        "Fund staff agreed to release about $900 million more under the $15 billion programme.",
        "about $900 million",
        "requested",
        "staff agreed",
    ),
    (
        "Staff reached agreement on a new programme of about $8 billion to replace the $12 "
        "billion arrangement of 2021.",
        "$12 billion",
        "pledged",
        "",
    ),
    # A coordinated refusal of something else, or a denied description, blocks nothing.
    (
        "Seoul has pledged $50 million in humanitarian aid and refuses to send weapons.",
        "$50 million",
        "pledged",
        "pledged",
    ),
    (
        "The government promised €2 billion but refuses to release it.",
        "€2 billion",
        "blocked",
        "refuses",
    ),
    (
        "Berlin's €3 billion for this year is not in question, officials said.",
        "€3 billion",
        "pledged",
        "",
    ),
    ("The €9 billion is not approved.", "€9 billion", "blocked", "not approved"),
    (
        "Helsinki says the vote abroad does not affect its plan: €3bn of military support to 2027.",
        "€3bn",
        "pledged",
        "",
    ),
    # Telling two figures apart, or what a sum leaves out, denies nothing of the amount.
    (
        "Readers should not confuse that February loan with the budget's C$500 million for "
        "weapons.",
        "C$500 million",
        "pledged",
        "loan",
    ),
    (
        "That drawdown authority is not counted in the $12.3 billion for Ukraine.",
        "$12.3 billion",
        "pledged",
        "for ukraine",
    ),
    (
        "The C$500 million for weapons should not be mistaken for the February loan.",
        "C$500 million",
        "pledged",
        "for loan",
    ),
    (
        "Analysts should not conflate the February loan with the budget's C$500 million for "
        "weapons.",
        "C$500 million",
        "pledged",
        "no aid word",
    ),
    # Money that never arrived did not arrive.
    ("The first €3 billion never reached Kyiv.", "€3 billion", "blocked", "not reached"),
    ("The first €3 billion reached Kyiv in March.", "€3 billion", "delivered", "reached"),
    # ... nor what never reached a vote.
    (
        "And the $24 billion the administration first sought in August never reached a vote.",
        "$24 billion",
        "pledged",
        "no aid word",
    ),
    # Not saying how much was delivered denies a report, not the promise.
    (
        "Italy, for its part, has not published how much of the up to €2 billion promised for "
        "2025 under the bilateral agreement was delivered.",
        "up to €2 billion",
        "pledged",
        "promised",
    ),
    # Still to be agreed: a plan that needs unanimity, money a proposer puts on the table; not
    # money many givers put forward at a conference, nor a delegation's pledge.
    (
        "The new fund would provide €20bn over four years and needs unanimity.",
        "€20bn",
        "requested",
        "needs unanimity",
    ),
    (
        "The fund of €20bn has paid €3bn and needs a vote on the rest.",
        "€3bn",
        "delivered",
        "paid",
    ),
    (
        "Brussels put €90bn for the next two years on the table and Kyiv welcomed it.",
        "€90bn",
        "requested",
        "on the table",
    ),
    (
        "In March the Commission said it would put up to €5 billion of new grants on the table.",
        "up to €5 billion",
        "requested",
        "on the table",
    ),
    (
        "Washington's delegation put USD 1.1bn on the table, most of it for the power grid.",
        "USD 1.1bn",
        "pledged",
        "",
    ),
    ("The Commission put forward €40bn for Ukraine.", "€40bn", "requested", "put forward"),
    (
        "Governments and institutions put forward more than $15bn over the two days.",
        "more than $15bn",
        "",
        "several givers",
    ),
    # A block that ended before the money was decided: the blocker gave way.
    (
        "The €6 billion package, vetoed by Hungary in May before Budapest relented, is paying out.",
        "€6 billion",
        "pledged",
        "relented after vetoed",
    ),
    (
        "Hungary blocked the €6 billion until Budapest backed down in June.",
        "€6 billion",
        "pledged",
        "backed after blocked",
    ),
    ("Hungary blocked the €6 billion in June.", "€6 billion", "blocked", "blocked"),
    (
        "Hungary blocked the €6 billion after Warsaw relented on the grain ban.",
        "€6 billion",
        "blocked",
        "blocked",
    ),
]

test_stage_and_reason = stage_test(STAGES)
