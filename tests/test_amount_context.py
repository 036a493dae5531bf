"""Aid commitments against context figures (estimates, budgets, assets, totals, requests)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from aidlens.amounts.context import context_cues
from aidlens.amounts.extractor import AmountExtractor

# sentence | the amount's text: a context figure, kept with no stage
CONTEXT = """
The ministry counts $41 billion in assistance committed since February. | $41 billion
Finance ministers lined up $19.8 billion in budget support between them. | $19.8 billion
Congress approved about $113 billion for Ukraine across four bills in 2022. | about $113 billion
Congress has approved about $175 billion in five laws since 2022. | about $175 billion
Congress prepared to pass a $1.7 trillion government spending bill. | $1.7 trillion
The aid was part of a revision of the EU's budget, which amounts to more than €1tn. | more than €1tn
The World Bank estimated that recovery would cost $411 billion over a decade. | $411 billion
The assessment put reconstruction needs at $411 billion. | $411 billion
The principal, estimated at roughly $280 billion, would stay frozen. | roughly $280 billion
Euroclear holds the roughly €210 billion in Russian central bank assets. | roughly €210 billion
It anchors a support package of $115 billion from the IMF, other lenders and donors. | $115 billion
Congress has passed four packages for Ukraine totalling around $113 billion. | around $113 billion
That would lift the total approved by Congress to more than $100 billion. | more than $100 billion
The new law brings the total voted by Congress for Ukraine to more than $53bn. | more than $53bn
The government has put its external financing gap for 2023 at some $38 billion. | some $38 billion
Canada has committed more than C$19 billion to Ukraine since 2022. | more than C$19 billion
The tranche brings US security assistance since the start of the war to $13 billion. | $13 billion
Ukraine's GDP shrank to about $160 billion last year. | about $160 billion
Russia destroyed $2bn of equipment, Kyiv said. | $2bn
Germany has given €28 billion since the invasion. | €28 billion
The war has caused $152 billion in damage. | $152 billion
Allies pledged €40 billion in military support for Ukraine next year. | €40 billion
Altogether the three packages are worth about $12 billion. | about $12 billion
The requirement for the winter stands at $1.9 billion. | $1.9 billion
Pledges for the fund so far add up to about €2.2 billion. | about €2.2 billion
The minister promised an extra £9 billion a year on defence. | £9 billion
Russia's central bank reserves of $300 billion stay frozen. | $300 billion
The central bank reserves, $300 billion in all, stay frozen in Europe. | $300 billion
The budget includes $300 billion in defence spending. | $300 billion
The spending bill includes €2 billion in development aid. | €2 billion
Ottawa will add $6 billion to defence next year to meet the NATO target. | $6 billion
The packages announced since February total $13.5 billion. | $13.5 billion
US aid to Ukraine now totals more than $75 billion. | more than $75 billion
The law totals about $95 billion, and $61 billion of it is for Ukraine. | about $95 billion
The loan adds to the federal deficit, which reached C$61.9 billion last year. | C$61.9 billion
Turkey's trade with Russia exceeded 60 billion dollars last year. | 60 billion dollars
Russia's military spent about $66 billion last year, independent estimates say. | about $66 billion
The €50 billion defence budget pays for missiles that replace what Ukraine gets. | €50 billion
He put Canada's support for Ukraine since early 2022 at around C$9 billion. | around C$9 billion
Analysts put the cost of the programme at $3 billion. | $3 billion
The draft budget for 2026 puts defence at more than PLN 200bn. | more than PLN 200bn
The three packages are worth €650 million in total. | €650 million
The remaining $500 million goes to European partners that sent arms to Kyiv. | $500 million
Germany budgeted €52 billion for defence this year. | €52 billion
Berlin has raised its aid since the invasion to €28 billion. | €28 billion
The assets, worth €210 billion, earn windfall profits. | €210 billion
Canada's military support to Ukraine now stands at about C$2.4 billion. | about C$2.4 billion
The law gives the armed forces €41.2bn, an increase of €2.5bn on 2023. | €2.5bn
The $1.2 billion is for Ukraine and other partners in the region. | $1.2 billion
The law carried eleven billion dollars, sorry, ten point five billion. | eleven billion dollars
Norway, Sweden and Finland put up $600m together, and Poland $400m of its own. | $600m
The UK spends about £50bn a year on its own defence. | about £50bn
"""
# sentence | the amount's text: a request or a vote still to come, kept with the stage
# 'requested' (never charted)
REQUESTED = """
President Joe Biden asked Congress to approve about $106 billion in spending. | about $106 billion
The measure is larger than the $33 billion that Biden asked Congress for. | $33 billion
Republicans are resisting the White House's request for roughly $24 billion. | roughly $24 billion
Biden's original request included about $20 billion for military aid. | about $20 billion
Congress will pass a spending bill containing about $45 billion in assistance. | about $45 billion
The House voted to approve a $39.8 billion aid package for Ukraine. | $39.8 billion
The government has entered 2.2 billion euros for Ukraine in the draft budget. | 2.2 billion euros
Next year's line for Ukraine in the draft budget is four billion euros. | four billion euros
The government's draft had set aside €4 billion for it next year. | €4 billion
The White House request stands at $6.4 billion in emergency money. | $6.4 billion
"""
# sentence | the amount's text: an aid commitment, pledged or delivered
AID = """
The EU will pay out the €18 billion loan in twelve monthly tranches. | €18 billion
Germany pledged €1 billion in aid, split between two packages. | €1 billion
Biden signed a $95 billion bill that includes roughly $61 billion for Ukraine. | roughly $61 billion
The G7 agreed a loan of about $50 billion, repaid from frozen Russian assets. | about $50 billion
EU leaders approved the €50 billion Ukraine Facility on Thursday. | €50 billion
The EU completed approval of an €18bn financial assistance package for Ukraine. | €18bn
The IMF approved a $15.6 billion lending programme for Ukraine. | $15.6 billion
Japan disbursed $1bn in budget support. | $1bn
Germany plans to send about €500m of air defence systems to Kyiv. | about €500m
The Pentagon will send $400 million in ammunition. | $400 million
Berlin pledged €500m in humanitarian aid. | €500m
Congress passed roughly $40 billion in aid for Ukraine in May. | roughly $40 billion
Washington announced a package for Kyiv. The package totals $1.85 billion. | $1.85 billion
The IMF board approved the programme, which totals $15.6 billion over four years. | $15.6 billion
The new package amounts to $2.5 billion, the Pentagon said. | $2.5 billion
Ottawa tabled a budget that sets aside C$500 million for military aid to Ukraine. | C$500 million
The Pentagon has sent nothing since a $300 million drawdown in March. | $300 million
The Dutch have €3.5 billion budgeted for Ukraine this year. | €3.5 billion
Germany's budget for 2024, adopted in February, sets aside €7bn for help to Ukraine. | €7bn
Norway put its share at about NOK 1.5 billion. | about NOK 1.5 billion
Parliament approved the budget, which includes a €4 billion line for Ukraine. | €4 billion
The security agreement puts Belgian military aid at €977 million this year. | €977 million
The first payment, expected in July, is estimated at €1.5 billion. | €1.5 billion
Officials welcomed the $12.3 billion in the September stopgap. | $12.3 billion
The new package is worth €650 million in total. | €650 million
Congress approved about $45 billion for Ukraine and NATO allies. | about $45 billion
Berlin's aid to Ukraine, about €8 billion budgeted for 2025, comes on top. | about €8 billion
Oslo raised its support for Ukraine this year to NOK 85 billion. | NOK 85 billion
Berlin's Ukraine line, raised during the year to €5.4 billion, is fully committed. | €5.4 billion
Brussels paid a tranche of profits earned on Russian assets, worth €2.1bn, to Kyiv. | €2.1bn
The new loan package stands at $2 billion, the ministry said. | $2 billion
The United States will lend $20 billion of the total. | $20 billion
The total is split into €33 billion in loans and €17 billion in grants. | €17 billion
The total is split into €33 billion in loans and €17 billion in grants. | €33 billion
The March spending bill included $13.6 billion in Ukraine aid. | $13.6 billion
The cabinet reserves €2 billion for military support to Ukraine. | €2 billion
Norway, Sweden and Finland put up $600m together, and Poland $400m of its own. | $400m
The European Parliament and EU governments gave final approval to €12bn in loans. | €12bn
Germany announced an increase of €3 billion in military aid for Ukraine. | €3 billion
Germany sent €500m to Kyiv, sorry to say, and nothing more. | €500m
Germany sent $2.2 billion to Ukraine, and France and other partners sent tanks. | $2.2 billion
The law carried eleven billion dollars, sorry, ten point five billion. | ten point five billion
Washington sent $275 million in May, a drawdown with its own list. | $275 million
The ammunition plan agreed in March was worth €2 billion on its own. | €2 billion
The Netherlands had announced a separate package of €500m a day earlier. | €500m
Canada's C$5 billion and Japan's share make up the rest, each lent on its own terms. | C$5 billion
"""


def _table(text: str) -> list[tuple[str, ...]]:
    """Return the rows of a '|'-separated case table."""
    return [tuple(c.strip() for c in line.split("|")) for line in text.strip().splitlines()]


# Longer aid sentences: a list of what a package holds ("among them") is no set of givers,
# and "so far" after a superlative is no running total.
LONG_AID = [
    (
        "Spain will send 30 more trucks to Ukraine, among them 10 fuel tankers, in a €40 "
        "million package agreed on Monday.",
        "€40 million",
    ),
    (
        "The United States has released up to $200 million in arms from its stocks for Kyiv, "
        "the Pentagon said, the largest such drawdown so far.",
        "up to $200 million",
    ),
]
# An amount a bill holds is a line of it, whatever a clause on the bill says of other money;
# each item of a list of counted laws is one of them, and the list's total a running total.
LISTED = "Lawmakers approved about €9 billion across three laws: €2 billion in March, €3.5 billion"
LONG_AID += [
    (
        "Officials welcomed the $12.3 billion in the September stopgap, where the White House "
        "had asked for $11.7 billion.",
        "$12.3 billion",
    ),
    (f"{LISTED} in June and €3.4 billion in a December omnibus.", "€2 billion"),
    (f"{LISTED} in June and €3.4 billion in a December omnibus.", "€3.4 billion"),
    (
        "The Senate cleared $30 billion over two bills: $18 billion in a spring supplemental and "
        "$12 billion in the autumn stopgap.",
        "$12 billion",
    ),
]
# The parser hangs "since 2023" on the verb, not on "three bills": the colon still closes them.
SINCE = (
    "Parliament has approved about €7 billion for Kyiv in three bills since 2023: €2 billion in "
    "April, €1.5 billion in July and €3.5 billion in the budget."
)
LONG_AID += [(SINCE, "€2 billion"), (SINCE, "€3.5 billion")]
# "reserves" read as a noun, the first amount its apposition and the second its conjunct.
RESERVES = (
    "The Dutch budget reserves EUR 3.5 billion for Ukraine in 2025 and a separate EUR 3 billion "
    "for 2026."
)
LONG_AID += [(RESERVES, "EUR 3.5 billion"), (RESERVES, "EUR 3 billion")]
LONG_CONTEXT = [
    (
        "The administration had notified Congress of $1.8 billion in long-term foreign military "
        "financing for Ukraine and 15 neighbouring countries.",
        "$1.8 billion",
    ),
    (
        "The package covers part of the $2 billion to $3 billion a month that Kyiv says it needs.",
        "$2 billion to $3 billion",
    ),
    (f"{LISTED} in June and €3.4 billion in a December omnibus.", "about €9 billion"),
    (SINCE, "about €7 billion"),
]
CASES = [
    *[(s, a, ("",)) for s, a in [*_table(CONTEXT), *LONG_CONTEXT]],
    *[(s, a, ("requested",)) for s, a in _table(REQUESTED)],
    *[(s, a, ("pledged", "delivered")) for s, a in [*_table(AID), *LONG_AID]],
]


@pytest.fixture(scope="module")
def extract(nlp):
    """Return the amount extractor of the real pipeline, built once for this module."""
    amounts = AmountExtractor(nlp.vocab, aid_model=None)  # the rules alone
    return lambda text: amounts(nlp(text))


@pytest.mark.parametrize(("sentence", "amount", "stages"), CASES)
def test_context_or_commitment(extract, sentence, amount, stages):
    rows = {r["text"]: r for r in extract(sentence)}
    assert rows[amount]["stage"] in stages
    assert rows[amount]["reason"]  # every stage says which cue decided it


def test_enough_cases():
    assert len(_table(CONTEXT)) >= 15 and len(_table(AID)) >= 10


def test_every_cue_place_is_known():
    cues = context_cues()
    assert cues.head.search("government spending bill")
    assert not cues.head.search("budget support")  # a modifier is not the head
    assert cues.adverbial.search("since the invasion began")


def test_results_are_built_without_spacy():
    code = (
        "import sys, aidlens.processing, aidlens.analysis, aidlens.amounts;"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# sentence | the amount | whether it is a rate per person or item (a price, not a sum given)
PER_UNIT = [
    ("The launchers cost about €90 million a unit.", "about €90 million", True),
    ("Brent traded near $90 a barrel last week.", "$90", True),
    ("Hosts are paid 40 zloty a day per guest.", "40 zloty", True),
    ("The city pays 300 zloty per person.", "300 zloty", True),
    ("Is $40 billion a lot?", "$40 billion", False),
    ("Norway gives NOK 15 billion a year.", "NOK 15 billion", False),
    ("Germany gave €2 billion a month later.", "€2 billion", False),
]


@pytest.mark.parametrize(("sentence", "amount", "rate"), PER_UNIT)
def test_a_rate_per_item_is_no_sum_given(extract, sentence, amount, rate):
    row = {r["text"]: r for r in extract(sentence)}[amount]
    assert (row["reason"] == "rate per person or item") is rate
    assert row["stage"] == "" if rate else row["stage"] in ("pledged", "delivered")
