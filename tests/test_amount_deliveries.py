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
    # Money still arriving, or spent only in part, is not delivered yet; money that has been
    # arriving for months is, as reviewers code it.
    ("Britain's £2.26 billion is arriving in instalments.", "£2.26 billion", "pledged", "still"),
    (
        "A second loan of €5 billion has been arriving in instalments since October.",
        "€5 billion",
        "delivered",
        "arriving",
    ),
    (
        "The $60.8 billion law was largely spent before the change of administration.",
        "$60.8 billion",
        "pledged",
        "largely",
    ),
    # The first goods from a package arrived, not the package; goods from it all did.
    (
        "Defence said the first tanks from the A$245 million package had arrived.",
        "A$245 million",
        "pledged",
        "whole of a part",
    ),
    ("Tanks from the A$245 million package arrived in May.", "A$245 million", "delivered", ""),
    # Paying a part "from" a named whole, or of a whole sized "of" an amount, pays the part.
    (
        "The Commission paid €1.5 billion this week from its €18 billion loan package.",
        "€18 billion",
        "pledged",
        "whole of a part",
    ),
    (
        "The Commission paid €1.5 billion this week from its €18 billion loan package.",
        "€1.5 billion",
        "delivered",
        "paid",
    ),
    (
        "The first €600 million of an emergency loan of €1.2 billion was paid to Kyiv this month.",
        "€1.2 billion",
        "pledged",
        "whole of a part",
    ),
    # ... but a tranche sized "of" an amount is the tranche.
    ("The EU paid a first tranche of €1.5 billion.", "€1.5 billion", "delivered", "tranche"),
    # A past relative clause giving the amount is what happened to it, whatever the clause
    # above says of its giver.
    (
        "The IMF, which lent Ukraine $1.4 billion in March, has not started talks on a programme.",
        "$1.4 billion",
        "delivered",
        "lent",
    ),
    # A relative clause of the part paid ("of which") does not pay its whole.
    (
        "The US announced $4.5 billion in August, of which the first $3 billion has been paid.",
        "$4.5 billion",
        "pledged",
        "announced",
    ),
    (
        "The US announced $4.5 billion in August, of which the first $3 billion has been paid.",
        "$3 billion",
        "delivered",
        "paid",
    ),
    # Profits passed to Ukraine are handed over; a bill passed is not.
    (
        "Since July the EU has passed the profits on those assets to Ukraine, beginning with "
        "€1.5 billion.",
        "€1.5 billion",
        "delivered",
        "passed on",
    ),
    ("Congress passed $40 billion in aid to Ukraine in May.", "$40 billion", "pledged", "passed"),
    # Money credited to a budget or invested arrived; an investment planned has not.
    (
        "The first $2.7 billion was credited to Ukraine's budget within days.",
        "$2.7 billion",
        "delivered",
        "credited",
    ),
    (
        "The EBRD invested a record €2.1 billion in Ukraine last year.",
        "record €2.1 billion",
        "delivered",
        "invested",
    ),
    (
        "The EBRD plans to invest €1.5 billion in Ukraine this year.",
        "€1.5 billion",
        "pledged",
        "",
    ),
    # A clause with a subject of its own does not take the first clause's verb.
    (
        "The EU pays the first €2 billion this month, and Ottawa buys a radar for Ukraine for "
        "C$90 million.",
        "C$90 million",
        "pledged",
        "",
    ),
    # The amount is the subject of a relative clause of paying: it was paid itself.
    (
        "Tokyo's share is €3 billion, of which the first €1 billion was paid in March.",
        "€1 billion",
        "delivered",
        "paid",
    ),
    # Money that went to the recipient, or went out, arrived; money that will go has not.
    (
        "About €1.2 billion of the windfall profits went to Ukraine in July.",
        "About €1.2 billion",
        "delivered",
        "went",
    ),
    ("The first £500 million has already gone out.", "£500 million", "delivered", "gone"),
    ("€2 billion will go to Ukraine next year.", "€2 billion", "pledged", ""),
    # Into a fund, or out, whether the amount or the line it measures is the subject.
    (
        "Washington's $20 billion went into a World Bank fund in December.",
        "$20 billion",
        "delivered",
        "went",
    ),
    (
        "Last year's credit line of C$500 million went out through the same channel.",
        "C$500 million",
        "delivered",
        "went",
    ),
    # A delivery noun that a pledging verb governs or describes, or that a copula says is due,
    # is promised; one received, paid or gone is delivered.
    (
        "Ministers backed a fourth tranche of €500 million on Monday.",
        "€500 million",
        "pledged",
        "tranche",
    ),
    (
        "The facility has mobilised €3 billion, including a tranche of €500 million approved "
        "this week.",
        "€500 million",
        "pledged",
        "tranche",
    ),
    (
        "The next payment, about €1.5 billion, is due in July.",
        "about €1.5 billion",
        "pledged",
        "payment",
    ),
    (
        "Kyiv received a disbursement of $900 million on Friday.",
        "$900 million",
        "delivered",
        "disbursement",
    ),
    (
        "A second instalment of €600 million left on Friday.",
        "€600 million",
        "delivered",
        "instalment",
    ),
    # Giving consent approves; a law that gives enacts; a government that gave paid.
    (
        "Parliament gave its consent to the €50 billion facility on Tuesday.",
        "€50 billion",
        "pledged",
        "consent",
    ),
    ("The spring law gave the programme $6 billion.", "$6 billion", "pledged", "law"),
    ("Britain gave £2.3 billion last year.", "£2.3 billion", "delivered", "gave"),
    # Allocating earmarks money; the reviewers never coded an allocation as delivered.
    (
        "The Commission has allocated €20 million in humanitarian aid to Ukraine.",
        "€20 million",
        "pledged",
        "allocated",
    ),
    # An approval whose next clause says the same money was paid or arrived was delivered;
    # not when it is still to come, nor when it was paid in pieces.
    (
        "The board approved $2 billion on Monday, and the money reached Kyiv within days.",
        "$2 billion",
        "delivered",
        "approved, reached",
    ),
    (
        "The Fund approved $900 million and paid it out the same week.",
        "$900 million",
        "delivered",
        "approved, paid",
    ),
    # A participle after a comma, which the small model may tag past tense or hang on the
    # last noun, pays the approved money too; not one that pays over years or in tranches.
    (
        "The IMF approves $1.4 billion of emergency financing, paid out straight away.",
        "$1.4 billion",
        "delivered",
        "approves, paid",
    ),
    (
        "The board approved $1.4 billion under its Rapid Financing Instrument, paid out within"
        " days.",
        "$1.4 billion",
        "delivered",
        "approved, paid",
    ),
    (
        "The board approved $15.6 billion, paid in tranches over four years.",
        "$15.6 billion",
        "pledged",
        "approved",
    ),
    ("The board approved $15.6 billion, paid over four years.", "$15.6 billion", "pledged", ""),
    # A question still open is not a delivery; a relative clause reporting a payment is one.
    (
        "What to watch: how quickly the C$2.3 billion loan is disbursed.",
        "C$2.3 billion",
        "pledged",
        "how",
    ),
    ("Investors ask whether the €5 billion is paid on time.", "€5 billion", "pledged", "whether"),
    ("Nobody knows how the $61 billion was spent.", "$61 billion", "delivered", "spent"),
    (
        "The loan is separate from the ¥740 billion package of 2023, which officials said has"
        " been fully disbursed.",
        "¥740 billion",
        "delivered",
        "disbursed",
    ),
    # Instalments of a whole, or a part disbursed under it, do not pay the whole.
    (
        "The Facility paid €4.5 billion in March, all as instalments of the €50 billion agreed"
        " in February.",
        "€50 billion",
        "pledged",
        "whole of a part",
    ),
    (
        "It will replace the $15.6 billion programme approved in 2023, under which $10.6 billion"
        " has been disbursed.",
        "$15.6 billion",
        "pledged",
        "",
    ),
    # A tranche approved is promised, even where the small model tags the noun a name; money
    # paid for with savings was financed, not paid; a supplemental that gives enacts.
    (
        "Parliament approved the first tranche, CHF 1.5 billion, for 2025 to 2028.",
        "CHF 1.5 billion",
        "pledged",
        "approved",
    ),
    (
        "The administration announced a $325 million package, paid for with savings on earlier"
        " contracts.",
        "$325 million",
        "pledged",
        "announced",
    ),
    (
        "The Pentagon followed with a $2 billion package paid through contracts with industry.",
        "$2 billion",
        "pledged",
        "package",
    ),
    # Money paid for something, or released for a year, was paid: only a stranded "for" says
    # what paid for the package.
    (
        "Officials point to the €2 billion paid for ammunition last year.",
        "€2 billion",
        "delivered",
        "paid",
    ),
    (
        "The ministry counts the €3 billion released for 2025 last spring.",
        "€3 billion",
        "delivered",
        "released",
    ),
    (
        "The supplemental signed on 24 April gave Ukraine $60.8 billion.",
        "$60.8 billion",
        "pledged",
        "law",
    ),
    (
        "The €2 billion, which went to Ukraine in June, was the largest payment.",
        "€2 billion",
        "delivered",
        "went",
    ),
    (
        "The board approved $2 billion, and the money will reach Kyiv next week.",
        "$2 billion",
        "pledged",
        "approved",
    ),
    ("Brussels promised €6 billion and then paid it out in pieces.", "€6 billion", "pledged", ""),
    # A participle on the amount says it was handed over, whatever verb governs the sentence;
    # not one that arranges it, gives its schedule or is only wanted.
    (
        "Oslo has promised NOK 3bn for next year, above the NOK 2.5bn delivered this year.",
        "NOK 2.5bn",
        "delivered",
        "delivered",
    ),
    (
        "The payment follows EUR 2.5bn in exceptional bridge financing paid in April, before "
        "the plan was approved.",
        "EUR 2.5bn",
        "delivered",
        "paid",
    ),
    ("Kyiv also counts €2bn in grants disbursed last year.", "€2bn", "delivered", "disbursed"),
    (
        "Tokyo will lend Kyiv another $400 million, co-financed with the World Bank.",
        "$400 million",
        "pledged",
        "will lend",
    ),
    (
        "The loans were signed last week: €12 billion, paid out at €1 billion a month.",
        "€12 billion",
        "pledged",
        "",
    ),
    (
        "The Commission has proposed up to €6 billion in loans and wants a first €1 billion "
        "paid quickly.",
        "€1 billion",
        "pledged",
        "",
    ),
    # The whole a payment is a slice of, which a clause of its own names.
    (
        "Brussels paid €1 billion of loans in early August, the first slice of up to €9 billion "
        "that EU leaders endorsed in June.",
        "up to €9 billion",
        "pledged",
        "whole of a part",
    ),
    # A house or its budget committee votes money; it never pays it.
    (
        "The budget committee released an extra €2 billion of military aid for Ukraine.",
        "€2 billion",
        "pledged",
        "(house)",
    ),
    ("Parliament provided €900 million for Ukraine in June.", "€900 million", "pledged", "house"),
    (
        "The White House sent $300 million of weapons to Ukraine in May.",
        "$300 million",
        "delivered",
        "sent",
    ),
]

test_stage_and_reason = stage_test(STAGES)
