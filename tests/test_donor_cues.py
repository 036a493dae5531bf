"""Donors read from where a sentence is set, its dateline, its full names, and restatements."""

from __future__ import annotations

import pandas as pd
import pytest

from aidlens.amounts.extractor import AmountExtractor
from aidlens.amounts.lexicon import role_name
from aidlens.amounts.subjects import in_dateline
from aidlens.amounts.table import carried_donors, main_countries, same_value_donors
from aidlens.corpus.canonical import load_aliases

ALIASES = load_aliases()


@pytest.fixture(scope="module")
def rows(nlp):
    """Return text -> {amount text: row}, with the real pipeline's amount rules alone."""
    amounts = AmountExtractor(nlp.vocab, aid_model=None)
    return lambda text: {r["text"]: r for r in amounts(nlp(text))}


US, DE, IMF, EU = "United States", "Germany", "International Monetary Fund", "European Union"
# (text, amount, donor: canonical, '' leaves it to the article's other amounts; blockers)
DONORS = [
    # The setting a sentence opens on, when no other name gives.
    (
        "In Washington, the president's request for $61.4 billion remains stuck.",
        "$61.4 billion",
        US,
        "",
    ),
    ("In Berlin, the government announced a package worth €1.1 billion.", "€1.1 billion", DE, ""),
    ("In Washington, Republicans blocked the $61 billion.", "$61 billion", US, ""),
    ("In Budapest, the government vetoed the €50 billion.", "€50 billion", "", ""),
    ("The loans were agreed at the summit in Italy, worth $50 billion.", "$50 billion", "", ""),
    ("In Kyiv, officials welcomed the $61 billion.", "$61 billion", "", ""),
    # A dateline's place is where the piece was filed.
    (
        "SEOUL, Oct. 3 (HRW) — The United States approved another $12.3 billion.",
        "$12.3 billion",
        US,
        "",
    ),
    (
        "TOKYO (KPS) — The IMF agreed a programme of about $8.1 billion.",
        "about $8.1 billion",
        IMF,
        "",
    ),
    # A known name cut short by the model; the Commission.
    ("It is the $50 billion loan the Group of Seven agreed to give.", "$50 billion", "G7", ""),
    # ... or run into the word before it ("Apulia the Group of" as one ORG).
    (
        "At their summit in Apulia the Group of Seven leaders agreed to raise about $50 bn.",
        "about $50 bn",
        "G7",
        "",
    ),
    # A name inside a longer entity stays the entity's: the fund is not Canada.
    ("The Canada Pension Plan agreed to lend $2 billion.", "$2 billion", "", ""),
    ("The Commission repeated that it wants to lend up to €9 billion.", "up to €9 billion", EU, ""),
    # A vetoing state the parser put in the date's phrase.
    (
        "On 6 December Hungary blocked an €18 billion loan package for Kyiv.",
        "€18 billion",
        "",
        "Hungary",
    ),
    # ... or withheld its vote on it.
    (
        "On 6 December ministers failed to adopt the EUR 18 billion package because Hungary "
        "withheld its vote.",
        "EUR 18 billion",
        "",
        "Hungary",
    ),
    # A bare ministry names no country.
    ("Then the defence ministry announced a package worth €2.7 billion.", "€2.7 billion", "", ""),
    # A leader's surname, once the article has named the leader in full; another article's
    # Johnson is not Boris Johnson.
    (
        "For years Pedro Sánchez said little about it. In Kyiv on 24 February, the anniversary of "
        "the invasion, Sánchez announced €1bn in military aid for 2025.",
        "€1bn",
        "Spain",
        "",
    ),
    ("On the anniversary, Sánchez announced €1bn in military aid.", "€1bn", "", ""),
    (
        "Boris Johnson spoke first. Then Johnson promised €1bn in military aid.",
        "€1bn",
        "United Kingdom",
        "",
    ),
    ("Mike Johnson spoke first. Then Johnson promised €1bn in military aid.", "€1bn", "", ""),
    # The last word of a body's name is no surname: "the Facility" is what is given.
    (
        "Kyiv thanked the European Peace Facility. The Facility's support for Ukraine now totals "
        "€3.6 billion.",
        "€3.6 billion",
        "",
        "",
    ),
    # One the money is for.
    (
        "It holds $45 billion for Ukraine and NATO allies, as the White House asked.",
        "$45 billion",
        US,
        "",
    ),
]


@pytest.mark.parametrize(("text", "amount", "donor", "blockers"), DONORS)
def test_donor_from_setting_dateline_and_names(rows, text, amount, donor, blockers):
    row = rows(text)[amount]
    assert (role_name(row["donor"], ALIASES) if row["donor"] else "") == donor
    assert row["blockers"] == blockers


@pytest.mark.parametrize(
    ("text", "place", "dateline"),
    [
        ("SEOUL, Oct. 3 (HRW) — The United States approved $1bn.", "SEOUL", True),
        ("STRASBOURG / WASHINGTON — The Parliament approved a loan.", "WASHINGTON", True),
        ("BERLIN — The cabinet approved €4bn.", "BERLIN", True),
        # Capitals that open a sentence are no dateline unless a dash follows before any word.
        ("NATO, the EU and Britain pledged $1bn.", "NATO", False),
        ("Berlin — not Paris — pledged €1bn.", "Berlin", False),
        ("The money reached KYIV - at last.", "KYIV", False),
    ],
)
def test_in_dateline(nlp, text, place, dateline):
    doc = nlp(text)
    start = text.index(place)
    span = doc.char_span(start, start + len(place))
    assert in_dateline(span) is dateline


def _amounts(donors: list[str], values: list[float], currencies: list[str]) -> pd.DataFrame:
    """Return one article's amounts in order, 20 characters apart."""
    n = len(donors)
    return pd.DataFrame(
        {
            "article_id": ["a"] * n,
            "start": [20 * i for i in range(n)],
            "donor": donors,
            "value": values,
            "currency": currencies,
        }
    )


@pytest.mark.parametrize(
    ("donors", "values", "currencies", "expected"),
    [
        # "The request of $61.4bn ... the EU's €50bn ... the $61.4 billion it contained":
        # the figure written again is the request's, not the Union's just before it.
        (
            ["United States", "European Union", ""],
            [61.4e9, 50e9, 61.4e9],
            ["USD", "EUR", "USD"],
            ["United States", "European Union", "United States"],
        ),
        # Within rounding ("about $61 billion"), before or after.
        (
            ["", "Canada", "United States"],
            [61e9, 5e9, 61.4e9],
            ["USD", "CAD", "USD"],
            ["United States", "Canada", "United States"],
        ),
        # The nearest of two.
        (["", "Japan", "Canada"], [3e9] * 3, ["USD"] * 3, ["Japan", "Japan", "Canada"]),
        # Another currency, or a value more than rounding apart, is another figure: carried
        # from the amount just before.
        (
            ["Germany", "European Union", "", ""],
            [3e9, 10e9, 3.5e9, 3e9],
            ["EUR", "EUR", "EUR", "USD"],
            ["Germany", "European Union", "European Union", "European Union"],
        ),
    ],
)
def test_a_figure_written_again_keeps_its_donor(donors, values, currencies, expected):
    amounts = _amounts(donors, values, currencies)
    main = pd.Series("European Union", index=amounts.index)
    assert carried_donors(amounts, main).tolist() == expected


def test_same_value_donors_leave_named_rows_and_lone_figures_alone():
    amounts = _amounts(["Japan", "", ""], [3e9, 3e9, 7e9], ["USD", "USD", "USD"])
    assert same_value_donors(amounts).tolist() == ["", "Japan", ""]


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("The government committed €20 million in humanitarian funding.", True),
        ("The prime minister promised just over $3 billion in support this year.", True),
        ("The government's draft had set aside €4 billion for it next year.", True),
        ("Then the defence ministry announced a package worth €2.7 billion.", True),
        # A named organ gives by its name; a subject that is no organ says nothing.
        ("Germany's government pledged €1 billion.", False),
        ("Officials say €1 billion arrived.", False),
    ],
)
def test_an_unnamed_organ_gives(rows, text, organ):
    (row,) = rows(text).values()
    assert row["organ"] is organ


def test_an_unnamed_organ_is_the_articles_main_country():
    # "Ireland ... The EU paid €1bn ... The government committed €20m, then €5m more": the
    # Government is Ireland's, not the Union's written just before, and so is the €5m after it.
    amounts = _amounts(["European Union", "", ""], [1e9, 20e6, 5e6], ["EUR"] * 3)
    amounts["organ"] = [False, True, False]
    main = pd.Series("European Union", index=amounts.index)
    country = pd.Series("Ireland", index=amounts.index)
    got = carried_donors(amounts, main, country).tolist()
    assert got == ["European Union", "Ireland", "Ireland"]


# The second of three figures has no giver written; the third has none and no name before it.
# organ: the second's giver is an unnamed organ ("the cabinet") | named: the giver named before
# the second | currencies of the second and third | the three donors
GIVEN_THEN_CARRIED = [
    # "Washington: the request is $106bn. Its biggest part is $61.4bn": the part is the US's,
    # not the Union's written before both.
    (False, "United States", "USD", "USD", ["United States", "United States"]),
    # "The Netherlands set its course. The cabinet reserved €3.5bn": the name just read, not
    # the article's main country, is the cabinet's.
    (True, "Netherlands", "EUR", "EUR", ["Netherlands", "Netherlands"]),
    (True, "", "EUR", "EUR", ["Ireland", "Ireland"]),
    # A carried donor must still pay in the currency: the euros after the US's are the EU's.
    (False, "United States", "USD", "EUR", ["United States", "European Union"]),
    (False, "", "USD", "USD", ["European Union", "European Union"]),
]


@pytest.mark.parametrize(("organ", "named", "second", "third", "expected"), GIVEN_THEN_CARRIED)
def test_a_giver_read_for_a_figure_carries_to_the_next(organ, named, second, third, expected):
    amounts = _amounts(["European Union", "", ""], [1e9, 20e9, 5e9], ["EUR", second, third])
    amounts["organ"] = [False, organ, False]
    main = pd.Series("European Union", index=amounts.index)
    country = pd.Series("Ireland", index=amounts.index)
    named_rows = pd.Series(["", named, ""], index=amounts.index)
    got = carried_donors(amounts, main, country, named_rows).tolist()
    assert got == ["European Union", *expected]


def test_main_country_is_the_most_named_place_not_a_group():
    entities = pd.DataFrame(
        {
            "article_id": ["a"] * 5 + ["b"],
            "start": [0, 10, 20, 30, 40, 0],
            "text": ["EU", "Dublin", "EU", "Irish", "EU", "NATO"],
            "label": ["GPE", "GPE", "GPE", "NORP", "ORG", "ORG"],
        }
    )
    amounts = pd.DataFrame({"article_id": ["a", "b"], "start": [0, 0]})
    got = main_countries(amounts, entities, ALIASES)
    assert got.to_dict() == {"a": "Ireland"}


@pytest.mark.parametrize(
    ("text", "amount", "recipient", "stage"),
    [
        # The subject of a receiving verb is the recipient: money for another is context.
        ("Israel would receive $14.3 billion.", "$14.3 billion", "Israel", ""),
        ("Ukraine receives $60.8 billion under the law.", "$60.8 billion", "Ukraine", "delivered"),
        ("Kyiv received $1.2bn from the World Bank.", "$1.2bn", "Kyiv", "delivered"),
    ],
)
def test_a_receiving_subject_is_the_recipient(rows, text, amount, recipient, stage):
    row = rows(text)[amount]
    assert (row["recipient"], row["stage"]) == (recipient, stage)
