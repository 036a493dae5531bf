"""Part and whole read from the dependency frame: original sentences.

Parts listed 'with' or 'made up of' their whole, shares pointing back at an earlier sum ('of
that', 'the remaining'), a clause's own subject, rates of their own giver's sum, and a whole
mostly for others, whose part named for Ukraine is the aid.
"""

from __future__ import annotations

import pytest

from aidlens.amounts.lexicon import is_country
from tests.amount_helpers import part_test

# (sentence, the part, the whole or '' when it points to none, the stage of the whole)
PARTS = [
    (
        "Spain approved €800 million for Ukraine, with €300 million for air defence.",
        "€300 million",
        "€800 million",
        "pledged",
    ),
    (
        "Brussels asked capitals to back a €30 billion fund, made up of €20 billion in loans and "
        "€10 billion in grants.",
        "€20 billion",
        "€30 billion",
        "requested",
    ),
    (
        "Brussels asked capitals to back a €30 billion fund, made up of €20 billion in loans and "
        "€10 billion in grants.",
        "€10 billion",
        "€30 billion",
        "requested",
    ),
    # The clause calls the amount a share of another.
    (
        "Ottawa signed a loan of C$4.1 billion as its share of the G7's $45 billion scheme.",
        "C$4.1 billion",
        "$45 billion",
        "pledged",
    ),
    ("Ottawa signed a C$4.1 billion loan, its largest share so far.", "C$4.1 billion", "", ""),
    # A slice of a larger sum by 'of', before or after it.
    (
        "Washington would provide $20 billion of the G7's $50 billion loan to Ukraine.",
        "$20 billion",
        "$50 billion",
        "pledged",
    ),
    (
        "Of the $50 billion, the United States will provide $20 billion.",
        "$20 billion",
        "$50 billion",
        "pledged",
    ),
    ("The EU paid €4.2 billion of the first tranche to Kyiv.", "€4.2 billion", "", ""),
    # An 'of' after the verb lists the parts of the whole before it: not a slice of the first.
    (
        "The plan offers €1.9 billion, made up of €1.5 billion in loans and €400 million in "
        "grants.",
        "€400 million",
        "€1.9 billion",
        "pledged",
    ),
    # 'with' a clause, not a list of parts.
    (
        "Donors pledged $2 billion, with the Dutch government unveiling a €700 million plan.",
        "€700 million",
        "",
        "",
    ),
    # 'combines X with Y': the parts of an earlier whole, not of each other.
    (
        "The package combines $600 million of loans with $400 million of grants.",
        "$400 million",
        "",
        "",
    ),
    # A share pointing back at a sum written before it: "of that", "of it", "the remaining".
    (
        "Finland approved a €900 million package for Ukraine. Of that, €600 million buys air "
        "defence.",
        "€600 million",
        "€900 million",
        "pledged",
    ),
    (
        "Britain announced a £2.5 billion package for Ukraine and said £200 million of it would "
        "buy drones.",
        "£200 million",
        "£2.5 billion",
        "pledged",
    ),
    (
        "Washington announced a $1 billion package for Ukraine. About $350 million comes from "
        "stocks. The remaining $650 million will buy drones from industry.",
        "$650 million",
        "$1 billion",
        "pledged",
    ),
    # A clause conjoined with its own subject says something new, not what the whole includes.
    (
        "The $2.5 billion package announced by Washington included armoured vehicles, and "
        "Estonia alone had committed €113 million.",
        "€113 million",
        "",
        "",
    ),
    # ... unless its subject is the amount: a list of the parts.
    (
        "Of the money for Ukraine, about $23 billion is for weapons stocks and close to $14 "
        "billion goes to the Ukraine Security Assistance Initiative.",
        "close to $14 billion",
        "",
        "",
    ),
    # A yearly rate is a share of its own giver's sum, not another giver's larger one.
    (
        "Germany approved €13.4 billion for Ukraine. France had provided €2.5 billion last "
        "year and was committed to €3 billion a year for as long as it takes.",
        "€3 billion",
        "",
        "",
    ),
    # ... but a first, next or last slice of it is a tranche, a commitment of its own.
    (
        "USAID will give $4.5 billion to Kyiv, and the first $3 billion of it will be paid this "
        "month.",
        "$3 billion",
        "",
        "",
    ),
]


# Amounts right after a whole that add up to it are its parts, whatever words join them ...
SUMS = [
    # A bare "$" the nationality after it names is that dollar: its parts in A$ add up to it.
    (
        "The latest package is worth $80 million (Australian): A$50 million for drones and "
        "another A$30 million for armoured vehicles.",
        ("A$50 million", "A$30 million"),
        "$80 million",
    ),
    (
        "Ottawa announced C$900 million on Tuesday: C$600 million for air defence and C$300 "
        "million for drones.",
        ("C$600 million", "C$300 million"),
        "C$900 million",
    ),
    (
        "The Dutch cabinet approved €350 million, the sum of a €200 million drone order and "
        "€150 million for demining.",
        ("€200 million", "€150 million"),
        "€350 million",
    ),
    # ... not when they do not add up ...
    (
        "Denmark gave DKK 900 million: DKK 500 million for shells and DKK 300 million for fuel.",
        ("DKK 500 million", "DKK 300 million"),
        "",
    ),
    # ... wherever the list is, after the whole ...
    (
        "The EU agreed a €50 billion facility. What is in it? €33 billion in loans and €17 "
        "billion in grants.",
        ("€33 billion", "€17 billion"),
        "€50 billion",
    ),
    # ... also the commitments a running total counts, listed after it ...
    (
        "Congress has passed four laws for Ukraine, adding up to about $113 billion. They are "
        "the $13.6 billion of March, the $40 billion of May, $12.3 billion in September and "
        "roughly $47 billion in December.",
        ("$13.6 billion", "$40 billion", "$12.3 billion", "roughly $47 billion"),
        "about $113 billion",
    ),
    # ... but not parts scattered over sentences ...
    (
        "Britain expects total support of £4.5 billion this year. The £2.5 billion promised in "
        "January and the £500 million added in April are spent. The £1.6 billion missile deal "
        "is separate.",
        ("£2.5 billion", "£500 million", "£1.6 billion"),
        "",
    ),
    # ... nor when the first of them restates the whole ("roughly $61 billion" of $61.4bn).
    (
        "Congress first asked for $61.4 billion. The roughly $61 billion now enacted came with a "
        "$1 billion drawdown.",
        ("roughly $61 billion", "$1 billion"),
        "",
    ),
]


@pytest.mark.parametrize(("sentence", "parts", "whole"), SUMS)
def test_amounts_that_add_up_to_a_whole(amount_rows, sentence, parts, whole) -> None:
    rows = amount_rows(sentence)
    expected = str(sentence.index(whole)) if whole else ""
    assert [rows[p]["part_of"] for p in parts] == [expected] * len(parts)


# A delivery out of a whole, or a yearly or monthly instalment of it, is no part: it is a
# commitment of its own, charted, whose parent is the whole (tranche_of).
TRANCHES = [
    (
        "London pledged £9 billion for Ukraine over three years, and it has committed to £3 "
        "billion a year.",
        "£3 billion",
        "£9 billion",
    ),
    (
        "Sweden agreed a SEK 30 billion framework, or SEK 10 billion a year.",
        "SEK 10 billion",
        "SEK 30 billion",
    ),
    (
        "The EU agreed an €18 billion loan for 2023, paid out at €1.5 billion a month.",
        "€1.5 billion",
        "€18 billion",
    ),
    (
        "The EU approved €18 billion in loans, of which €3 billion was disbursed in January.",
        "€3 billion",
        "€18 billion",
    ),
    # A slice of a larger sum paid, or the first of it, is a tranche of it.
    (
        "Kyiv has received $20 billion of the $50 billion pledged by the G7.",
        "$20 billion",
        "$50 billion",
    ),
    (
        "The first $3 billion of the $50 billion loan was paid in December.",
        "$3 billion",
        "$50 billion",
    ),
    # A payment out of a proposed sum has been made: it keeps its own stage.
    (
        "The Commission proposed a €5 billion loan. Only €1 billion of it has been paid.",
        "Only €1 billion",
        "€5 billion",
    ),
    # Not of another giver's sum.
    (
        "Germany approved €13.4 billion for Ukraine. France had provided €2.5 billion last "
        "year and was committed to €3 billion a year for as long as it takes.",
        "€3 billion",
        "",
    ),
]


@pytest.mark.parametrize(("sentence", "amount", "whole"), TRANCHES)
def test_a_tranche_is_no_part(amount_rows, sentence: str, amount: str, whole: str) -> None:
    row = amount_rows(sentence)[amount]
    assert row["part_of"] == ""
    assert row["tranche_of"] == (str(sentence.index(whole)) if whole else "")
    assert row["stage"] in ("pledged", "delivered")


@pytest.mark.parametrize(
    ("sentence", "amount", "rate"),
    [
        (
            "The EU agreed an €18 billion loan, paid out at €1.5 billion a month.",
            "€1.5 billion",
            True,
        ),
        (
            "The EU agreed an €18 billion loan, paid out at €1.5 billion a month.",
            "€18 billion",
            False,
        ),
        ("Sweden agreed SEK 10 billion per year until 2027.", "SEK 10 billion", True),
        (
            "The first payment, about €1.5 billion, is expected in July.",
            "about €1.5 billion",
            False,
        ),
        # The period written as "every", "each", or an adverb; not "a week ago".
        ("Brussels has paid €1.5 billion every month since January.", "€1.5 billion", True),
        ("The loan arrives as €1.5 billion each month.", "€1.5 billion", True),
        ("The Commission pays €1.5 billion monthly from its borrowing.", "€1.5 billion", True),
        ("Denmark sets aside DKK 7 billion annually for the fund.", "DKK 7 billion", True),
        ("The Fund approved $1.4 billion a week ago.", "$1.4 billion", False),
    ],
)
def test_a_yearly_or_monthly_figure_is_marked_a_rate(amount_rows, sentence, amount, rate) -> None:
    assert amount_rows(sentence)[amount]["rate"] is rate


def _part_shares_the_stage(rows, part: str, whole: str) -> None:
    """Assert a part has its whole's stage."""
    assert rows[part]["stage"] == rows[whole]["stage"]


test_part_and_whole = part_test(PARTS, _part_shares_the_stage)


def test_parts_listed_with_a_whole_mostly_for_others(amount_rows):
    rows = amount_rows(
        "Congress passed a $50 billion package, with $30 billion for Ukraine and $20 billion "
        "for Taiwan."
    )
    assert (rows["$50 billion"]["stage"], rows["$50 billion"]["reason"]) == (
        "",
        "total mostly for others",
    )
    assert (rows["$30 billion"]["stage"], rows["$30 billion"]["part_of"]) == ("pledged", "")
    assert rows["$20 billion"]["stage"] == ""


def test_it_provides_is_a_part_of_the_earlier_whole(amount_rows):
    text = (
        "Congress approved a $30 billion law for Ukraine. It provides about $12 billion in "
        "weapons funding."
    )
    rows = amount_rows(text)
    assert rows["about $12 billion"]["part_of"] == str(text.index("$30 billion"))
    # Not when a name gives it, nor after another amount of its own sentence.
    rows = amount_rows("Congress approved a $30 billion law. Canada provides about $12 billion.")
    assert rows["about $12 billion"]["part_of"] == ""


# (text, the whole, its stage and reason): a whole with a part for Ukraine or for another
# country in its own sentence holds money for others; so does an earlier whole that a part
# for Ukraine says it includes. Not a whole that is Ukraine's own, nor one across sentences
# from a part for others (that part's whole is guessed).
WHOLES_FOR_OTHERS = [
    (
        "Lawmakers approved an $80 billion package that includes $20 billion for Israel and $8 "
        "billion for Taiwan.",
        "$80 billion",
        ("", "total mostly for others"),
    ),
    (
        "The White House asked Congress for $106 billion. It includes $61.4 billion for "
        "Ukraine and $14.3 billion for Israel.",
        "$106 billion",
        ("", "total mostly for others"),
    ),
    (
        "Ukraine's share is nearly $60 billion, with about $14 billion for Israel and roughly "
        "$8 billion for partners in Asia.",
        "nearly $60 billion",
        ("pledged", None),
    ),
    # A part is for Ukraine when its clause says so ("is for Ukraine", "for people inside
    # Ukraine"), not when it pays for something in Ukraine.
    (
        "The package is worth $95 billion, of which $60.8 billion is for Ukraine and $26.4 "
        "billion for Israel.",
        "$95 billion",
        ("", "total mostly for others"),
    ),
    # Its parts listed after a colon; the figure a part was cut from adds nothing to the sum.
    (
        "Biden signs the $95 billion package into law: $60.8 billion for Ukraine, down from the "
        "$61.4 billion requested in October, $26.4 billion for Israel and $8.1 billion for Taiwan.",
        "$95 billion",
        ("", "total mostly for others"),
    ),
    # A part for others as what it is ("of it is financing for ..."), common nouns for them.
    (
        "The US announced a $3.75 billion package; $682 million of it is financing for European "
        "partners.",
        "$3.75 billion",
        ("", "total mostly for others"),
    ),
    # "The remaining" share points at the sum before it, here itself a part: no evidence.
    (
        "Of that figure, $2.85 billion is weapons from US stocks for Ukraine and $225 million is "
        "foreign military financing for Kyiv; the remaining $682 million goes to European "
        "countries.",
        "$2.85 billion",
        ("pledged", None),
    ),
    (
        "The Commission announced €90 million in aid: €85 million for people inside Ukraine and "
        "€5 million for Moldova.",
        "€90 million",
        ("", "total mostly for others"),
    ),
    (
        "Bern will double its bilateral aid to CHF 100 million, with CHF 15 million of it set "
        "aside for Ukraine's digital economy.",
        "CHF 100 million",
        ("pledged", None),
    ),
    (
        "The measure is worth €500 million. Of that, €450 million will pay for equipment "
        "delivered to the Ukrainian armed forces.",
        "€500 million",
        ("pledged", None),
    ),
]


@pytest.mark.parametrize(("text", "whole", "verdict"), WHOLES_FOR_OTHERS)
def test_a_whole_with_money_for_others(amount_rows, text, whole, verdict) -> None:
    row = amount_rows(text)[whole]
    assert (row["stage"], row["reason"] if verdict[1] else None) == verdict


# (text, amount, its stage and reason): a share whose own phrase gives it to Ukraine alone,
# hung on a bill mostly for others ("a $95bn bill, about $60bn of it for Ukraine"), is
# Ukraine's aid at the bill's stage, not the bill's total; the bill stays a context figure.
SHARES_HUNG_ON_A_BILL = [
    (
        "The Senate passed a $95 billion foreign aid bill on Tuesday, about $60 billion of it "
        "for Ukraine.",
        "about $60 billion",
        ("requested", "senate passed"),
    ),
    (
        "The Senate passed a $95 billion foreign aid bill on Tuesday, about $60 billion of it "
        "for Ukraine.",
        "$95 billion",
        ("", "total mostly for others"),
    ),
    (
        "Congress passed a $95 billion foreign aid package, with $61 billion for Ukraine, in "
        "April.",
        "$61 billion",
        ("pledged", "passed"),
    ),
    (
        "The Senate's foreign aid bill, with roughly $60 billion for Ukraine, still awaits a "
        "vote in the House.",
        "roughly $60 billion",
        ("requested", "awaits"),
    ),
    # Not a sum for Ukraine and others, which is the bill's own total.
    (
        "The $95 billion national security package for Ukraine, Israel and Taiwan passed.",
        "$95 billion",
        ("", "total mostly for others"),
    ),
]


@pytest.mark.parametrize(("text", "amount", "verdict"), SHARES_HUNG_ON_A_BILL)
def test_a_share_for_ukraine_hung_on_a_bill(amount_rows, text, amount, verdict) -> None:
    row = amount_rows(text)[amount]
    assert (row["stage"], row["reason"]) == verdict


def test_an_instalment_of_a_whole_is_a_tranche_not_a_part(amount_rows) -> None:
    """ "The first €4.5bn" of a facility is an instalment: a commitment of its own whose parent
    is the facility (tranche_of), charted; the loans and grants it combines are its parts."""
    text = (
        "The €50 billion facility combines €33 billion in loans with €17 billion in grants, and "
        "the first €4.5 billion of bridge financing is due this month."
    )
    rows = amount_rows(text)
    whole = str(text.index("€50 billion"))
    assert (rows["€4.5 billion"]["part_of"], rows["€4.5 billion"]["tranche_of"]) == ("", whole)
    assert rows["€33 billion"]["part_of"] == whole


def test_a_country_the_model_tags_an_organisation_is_still_a_recipient(amount_rows) -> None:
    """The small model tags "Moldova" ORG here: the ISO 3166 country list still reads it."""
    rows = amount_rows(
        "Brussels also released €60 million in emergency aid: €52 million for Ukraine and €8 "
        "million for neighbouring Moldova, which is taking in refugees."
    )
    assert (rows["€8 million"]["stage"], rows["€8 million"]["reason"]) == ("", "money for Moldova")
    assert rows["€52 million"]["stage"] == "delivered"


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Moldova", True),
        ("The Republic of Moldova", True),
        ("Czechia", True),
        ("Ukraine Facility", False),
        ("the Pentagon", False),
    ],
)
def test_is_country(name: str, country: bool) -> None:
    assert is_country(name) is country


# (text, Ukraine's share, its stage): the share of a bill still pending is pending too, even
# when the bill itself is a context figure (a spending bill, a total mostly for others).
PENDING_SHARES = [
    (
        "In Washington, the House passed a $1.5 trillion spending bill on Wednesday. Inside it "
        "is $13.6 billion for Ukraine.",
        "$13.6 billion",
        "requested",
    ),
    (
        "The Senate passed a $95 billion foreign aid bill on Tuesday. It includes about $60 "
        "billion for Ukraine and about $14 billion for Israel.",
        "about $60 billion",
        "requested",
    ),
    (
        "Congress is trying to pass a $1.7 trillion spending bill, and it contains $45 billion "
        "for Ukraine.",
        "$45 billion",
        "requested",
    ),
    (
        "Congress passed a $1.7 trillion spending bill, and it contains $45 billion for Ukraine.",
        "$45 billion",
        "pledged",
    ),
]


@pytest.mark.parametrize(("text", "share", "stage"), PENDING_SHARES)
def test_a_share_of_a_pending_bill_is_pending(amount_rows, text, share, stage) -> None:
    assert amount_rows(text)[share]["stage"] == stage
