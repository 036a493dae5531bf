"""Money amounts found in real parsed sentences, and the parser on its own."""

from __future__ import annotations

import pytest

from aidlens.amounts.extractor import AmountExtractor, parse_amount
from aidlens.amounts.sketch import SKETCH_COLUMNS, sentence_sketch

M = 1e6

# sentence | amount text | value ("vague": none) | value_high | currency | qualifier
CASE_TABLE = """
Britain pledged £2.5bn in military aid to Ukraine. | £2.5bn | 2.5e+09 |  | GBP |
The US announced $325m in new weapons. | $325m | 3.25e+08 |  | USD |
Norway will give NOK 75 billion over five years. | NOK 75 billion | 7.5e+10 |  | NOK |
Germany approved 2 billion euros for Kyiv. | 2 billion euros | 2e+09 |  | EUR |
Washington sent half a billion dollars in aid. | half a billion dollars | 5e+08 |  | USD |
Oslo set a seventy-five billion kroner plan. | seventy-five billion kroner | 7.5e+10 |  | NOK |
Congress passed sixty-one billion dollars for Kyiv. | sixty-one billion dollars | 6.1e+10 |  | USD |
The Dutch put in a quarter of a billion euros. | a quarter of a billion euros | 2.5e+08 |  | EUR |
It sent two hundred and fifty million yen. | two hundred and fifty million yen | 2.5e+08 |  | JPY |
The package is worth between $1bn and $1.5bn. | between $1bn and $1.5bn | 1e+09 | 1.5e+09 | USD |
Canada gave C$500 million to Ukraine. | C$500 million | 5e+08 |  | CAD |
Australia committed A$100m to the fund. | A$100m | 1e+08 |  | AUD |
Japan offered ¥500 billion in loans. | ¥500 billion | 5e+11 |  | JPY |
Switzerland set aside CHF 1.5 billion for recovery. | CHF 1.5 billion | 1.5e+09 |  | CHF |
Bern added CHF1.5bn for demining. | CHF1.5bn | 1.5e+09 |  | CHF |
The Fund approved an arrangement of SDR 4.2 billion. | SDR 4.2 billion | 4.2e+09 |  | XDR |
The EU pledged €50bn for the Ukraine Facility. | €50bn | 5e+10 |  | EUR |
The bank lent about US$54 billion last year. | about US$54 billion | 5.4e+10 |  | USD | about
Poland spent 3.5 billion zloty on refugees. | 3.5 billion zloty | 3.5e+09 |  | PLN |
Warsaw paid 200 million zlotys for housing. | 200 million zlotys | 2e+08 |  | PLN |
Poland has sent 4.5 billion złoty in arms. | 4.5 billion złoty | 4.5e+09 |  | PLN |
Warsaw added 300m zł for housing. | 300m zł | 3e+08 |  | PLN |
Seoul pledged ₩3 trillion in support. | ₩3 trillion | 3e+12 |  | KRW |
Prague gave 1 billion Czech crowns in aid. | 1 billion Czech crowns | 1e+09 |  | CZK |
Prague added 500 million Kč for shells. | 500 million Kč | 5e+08 |  | CZK |
Sweden announced SEK 6.5bn in support. | SEK 6.5bn | 6.5e+09 |  | SEK |
Denmark gave DKK 10 billion to the fund. | DKK 10 billion | 1e+10 |  | DKK |
Kyiv paid out 1,000,000 hryvnias to families. | 1,000,000 hryvnias | 1e+06 |  | UAH |
The budget gap is UAH 2.5 trillion this year. | UAH 2.5 trillion | 2.5e+12 |  | UAH |
Frozen Russian assets are worth $1.2tn, officials said. | $1.2tn | 1.2e+12 |  | USD |
Denmark gave 7.5 billion Danish kroner. | 7.5 billion Danish kroner | 7.5e+09 |  | DKK |
Norway gave 75 billion Norwegian kroner. | 75 billion Norwegian kroner | 7.5e+10 |  | NOK |
Sweden approved 2bn kronor in new aid. | 2bn kronor | 2e+09 |  | SEK |
Stockholm added 300 million Swedish kronor. | 300 million Swedish kronor | 3e+08 |  | SEK |
Denmark pledged 300 million kroner in humanitarian aid. | 300 million kroner | 3e+08 |  | DKK |
Oslo pledged 500 million kroner for energy. | 500 million kroner | 5e+08 |  | NOK |
Congress approved $61 billion for Ukraine. | $61 billion | 6.1e+10 |  | USD |
The Pentagon can send up to $2 billion in arms. | up to $2 billion | 2e+09 |  | USD | up to
The charity raised at least $500,000 for medicine. | at least $500,000 | 500000 |  | USD | at least
Washington has provided some $44 billion in weapons. | some $44 billion | 4.4e+10 |  | USD | some
The IMF agreed a loan of $5 b with Kyiv. | $5 b | 5e+09 |  | USD |
Britain has given more than $4.2bn in aid. | more than $4.2bn | 4.2e+09 |  | USD | more than
The fund paid nearly USD 40mn to contractors. | nearly USD 40mn | 4e+07 |  | USD | nearly
Japan offered $5.5bn in financial support. | $5.5bn | 5.5e+09 |  | USD |
Tokyo will provide 20 billion yen for generators. | 20 billion yen | 2e+10 |  | JPY |
Donors gave 30k dollars to the hospital. | 30k dollars | 30000 |  | USD |
A local group donated $10k to the shelter. | $10k | 10000 |  | USD |
The US will send $1-1.5 billion in ammunition. | $1-1.5 billion | 1e+09 | 1.5e+09 | USD |
Officials expect $1bn-$1.5bn in new loans. | $1bn-$1.5bn | 1e+09 | 1.5e+09 | USD |
France will give 1 to 1.5 billion euros. | 1 to 1.5 billion euros | 1e+09 | 1.5e+09 | EUR |
Italy sent between 1 and 2 billion euros. | between 1 and 2 billion euros | 1e+09 | 2e+09 | EUR |
Germany gave €2 billion in air defence. | €2 billion | 2e+09 |  | EUR |
The bank signed EUR 2bn of guarantees. | EUR 2bn | 2e+09 |  | EUR |
Spain allocated 2bn euros for reconstruction. | 2bn euros | 2e+09 |  | EUR |
Britain gave £500,000 to demining teams. | £500,000 | 500000 |  | GBP |
The US sent $ 5 million in medical supplies. | $ 5 million | 5e+06 |  | USD |
Japan gave 5 million US dollars to UNICEF. | 5 million US dollars | 5e+06 |  | USD |
Seoul pledged a billion dollars in loans. | a billion dollars | 1e+09 |  | USD |
The loan totals USD40mn over two years. | USD40mn | 4e+07 |  | USD |
London added 3m pounds for refugees. | 3m pounds | 3e+06 |  | GBP |
Kyiv received 50 million hryvnias from donors. | 50 million hryvnias | 5e+07 |  | UAH |
The bank lent US$2bn to Naftogaz. | US$2bn | 2e+09 |  | USD |
The $1.7-billion package includes HIMARS. | $1.7-billion | 1.7e+09 |  | USD |
Washington unveiled a $400 million package. | $400 million | 4e+08 |  | USD |
Brussels released a 5 billion euro tranche. | 5 billion euro | 5e+09 |  | EUR |
Canada gave 500 million Canadian dollars in loans. | 500 million Canadian dollars | 5e+08 |  | CAD |
Australia gave 100 million Australian dollars. | 100 million Australian dollars | 1e+08 |  | AUD |
Britain gave £2.3 billion in 2022. | £2.3 billion | 2.3e+09 |  | GBP |
Paris will provide one and a half billion euros. | one and a half billion euros | 1.5e+09 |  | EUR |
Rome offered two hundred million euros for energy. | two hundred million euros | 2e+08 |  | EUR |
The EU sent around €300m in humanitarian aid. | around €300m | 3e+08 |  | EUR | around
Germany pledged roughly €7bn for 2024. | roughly €7bn | 7e+09 |  | EUR | roughly
Canada gave approximately $500m in aid. | approximately $500m | 5e+08 |  | USD | approximately
The US has sent almost $50 billion in weapons. | almost $50 billion | 5e+10 |  | USD | almost
Britain spent over £4bn on military aid. | over £4bn | 4e+09 |  | GBP | over
Prague gave CZK 3 billion in ammunition. | CZK 3 billion | 3e+09 |  | CZK |
New Zealand sent NZ$10 million for training. | NZ$10 million | 1e+07 |  | NZD |
Seoul offered KRW 100 billion for demining. | KRW 100 billion | 1e+11 |  | KRW |
The Netherlands gave €2.5 bn in F-16 support. | €2.5 bn | 2.5e+09 |  | EUR |
The US gave $1.5 trillion in total? | $1.5 trillion | 1.5e+12 |  | USD |
Japan sent 3.5 trillion yen to the fund. | 3.5 trillion yen | 3.5e+12 |  | JPY |
The State Department approved $250,000,000 in sales. | $250,000,000 | 2.5e+08 |  | USD |
Berlin gave €1,200 to each family. | €1,200 | 1200 |  | EUR |
Britain pledged £2.5 billion, Sunak said. | £2.5 billion | 2.5e+09 |  | GBP |
The US has provided tens of billions of dollars. | tens of billions of dollars | vague |  | USD |
The EU has given billions in aid since 2022. | billions | vague |  |  |
Europe has spent billions of euros on gas. | billions of euros | vague |  | EUR |
Donors raised hundreds of millions of dollars. | hundreds of millions of dollars | vague |  | USD |
Japan will give several billion dollars more. | several billion dollars | vague |  | USD |
Congress passed a multibillion-dollar package. | multibillion-dollar | vague |  | USD |
Allies promised millions of pounds in aid. | millions of pounds | vague |  | GBP |
The IMF approved about Rs 10,700 crore for Kyiv. | about Rs 10,700 crore | 1.07e+11 |  | INR | about
The G7 lent roughly Rs 4.2 lakh crore. | roughly Rs 4.2 lakh crore | 4.2e+12 |  | INR | roughly
New Delhi set aside ₹5.25 lakh crore for defence. | ₹5.25 lakh crore | 5.25e+12 |  | INR |
India sent 300 crore rupees in medicines. | 300 crore rupees | 3e+09 |  | INR |
India pledged Rs. 250 crore for Kyiv. | Rs. 250 crore | 2.5e+09 |  | INR |
The bank lent INR 500 crore to exporters. | INR 500 crore | 5e+09 |  | INR |
India gave 2 lakh Indian rupees to each family. | 2 lakh Indian rupees | 200000 |  | INR |
Switzerland pledged Fr. 5 billion to 2036. | Fr. 5 billion | 5e+09 |  | CHF |
Bern added about SFr. 20 million. | about SFr. 20 million | 2e+07 |  | CHF | about
"""
CASES = [tuple(c.strip() for c in line.split("|")) for line in CASE_TABLE.strip().splitlines()]


# Sentences with no money amount at all.
NEGATIVES = [
    "It sent 155-millimeter shells to the front.",
    "The army received 15 Bradley vehicles in March.",
    "Defence spending rose to 4 percent of GDP.",
    "The war began in 2022 and escalated in 2023.",
    "About 10 million people have fled their homes.",
    "Ukraine needs 155mm shells and 1,000 drones.",
    "The 500-pound bombs were dropped near Kharkiv.",
    "Inflation reached 26% in Ukraine last year.",
    "The convoy of 300 trucks crossed into Poland on 24 February.",
    "Over 40 countries attended the Ramstein meeting.",
    "Millions of people lost power after the strikes.",
    "The F-16 jets flew 2,000 kilometres.",
    "Some 3,500 soldiers were trained in Britain.",
    "The howitzers fire 155 mm rounds at 30 km.",
]


@pytest.fixture(scope="module")
def extract(nlp):
    """Return the amount extractor of the real pipeline, built once for this module."""
    amounts = AmountExtractor(nlp.vocab, aid_model=None)  # the rules alone
    return lambda text: amounts(nlp(text))


@pytest.mark.parametrize(("sentence", "text", "value", "high", "currency", "qualifier"), CASES)
def test_amount_in_sentence(extract, sentence, text, value, high, currency, qualifier):
    rows = extract(sentence)
    assert [r["text"] for r in rows] == [text]
    row = rows[0]
    assert sentence[row["start"] : row["end"]] == text
    assert row["currency"] == currency
    assert row["qualifier"] == qualifier
    if value == "vague":
        assert row["vague"] is True and row["value"] is None
    else:
        assert row["vague"] is False
        assert row["value"] == pytest.approx(float(value))
        assert row["value_high"] == (pytest.approx(float(high)) if high else None)


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_no_amount_in_sentence(extract, sentence):
    assert extract(sentence) == []


def test_table_is_large_enough():
    assert len(CASES) + len(NEGATIVES) >= 80
    assert len(NEGATIVES) >= 10


def test_several_amounts_in_one_sentence_keep_their_own_currency(extract):
    rows = extract("Canada gave C$500 million, Japan ¥500 billion and Britain £100m on Monday.")
    assert [(r["text"], r["currency"]) for r in rows] == [
        ("C$500 million", "CAD"),
        ("¥500 billion", "JPY"),
        ("£100m", "GBP"),
    ]


def test_each_row_carries_the_sketch_of_its_own_sentence(extract):
    first = "Germany pledged €2bn for air defence."
    second = "Later, Japan lent $3bn from windfall profits."
    rows = extract(f"{first} {second}")
    got = [tuple(r[c] for c in SKETCH_COLUMNS) for r in rows]
    assert got == [sentence_sketch(first), sentence_sketch(second)]
    assert got[0] != got[1]


def test_one_letter_magnitude_at_sentence_end_leaves_out_the_full_stop(extract):
    # The tokenizer makes "m." one token there; the row ends before the stop, as a reviewer
    # marks the figure.
    text = "Britain pledged £100m. It arrived in May."
    rows = extract(text)
    assert [(r["text"], r["value"], r["currency"]) for r in rows] == [("£100m", 100 * M, "GBP")]
    assert text[rows[0]["start"] : rows[0]["end"]] == "£100m"


def test_model_span_listing_two_amounts_is_split(extract):
    # The model tags "2bn kronor and 300 million" as one MONEY span.
    rows = extract("Sweden 2bn kronor and 300 million krone were agreed.")
    assert [r["text"] for r in rows] == ["2bn kronor", "300 million krone"]


def test_a_verb_tagged_with_the_amount_is_left_out(extract):
    rows = extract("The Netherlands has committed €250 million (about CZK 6.3bn), Canada C$30m.")
    assert [r["text"] for r in rows][:1] == ["€250 million"]


def test_from_to_is_two_amounts_not_a_range(extract):
    rows = extract("Germany raised its aid from $1bn to $2bn this year.")
    assert [(r["value"], r["value_high"]) for r in rows] == [(1e9, None), (2e9, None)]


def test_restatement_in_brackets_is_flagged(extract):
    rows = extract("Germany pledged 2 billion euros ($2.2 billion) in air defence.")
    assert [(r["text"], r["restates"]) for r in rows] == [
        ("2 billion euros", False),
        ("$2.2 billion", True),
    ]


# A figure written with no currency: text | (amount, currency) of every row, ";"-separated.
# It takes the currency written before it, unless that is another country's own money and
# its sentence names a country with money of its own (the dollars of the United States).
BARE_TABLE = """
The EU promised €9bn. One billion was paid in August. | €9bn EUR; One billion EUR
It is €50bn: €33bn in loans and 17 billion in grants. | €50bn EUR; €33bn EUR; 17 billion EUR
Oslo set NOK 75bn. Some 15 billion a year goes to Kyiv. | NOK 75bn NOK; Some 15 billion NOK
Biden asked $33bn. The request was thirty-seven point seven billion. | $33bn USD; \
thirty-seven point seven billion USD
The US sent $2bn, then eight hundred million in shells. | $2bn USD; eight hundred million USD
The US gave $5bn. It then agreed a loan of 3 billion. | $5bn USD; 3 billion USD
Brussels approved €50 billion. The package is 60 billion in all. | €50 billion EUR; 60 billion EUR
The IMF approved $15.6bn. Ukraine's population is 38 million. | $15.6bn USD
The US sent $2bn. About 6 million fled abroad. | $2bn USD
Lithuania raised €5m, in a country of some 2.8 million. | €5m EUR
The US sent $2bn as 1.5 billion people watched. | $2bn USD
Kyiv got $300bn; Russia budgeted 13.5 trillion roubles. | $300bn USD; 13.5 trillion
Ukraine's population is 38 million and 6 million have fled. |
Estonia put 4 billion euros up for a million 155mm shells. | 4 billion euros EUR
The scheme cost €3bn; about 1.5 million large-calibre rounds arrived. | €3bn EUR
The plan seeks $2.63 billion to reach six million people. | $2.63 billion USD
It seeks $2.6bn to reach six million of the 12.7 million people. | $2.6bn USD
The EU gave €9bn. Two billion of the money was spent on arms. | €9bn EUR; Two billion EUR
The US gave $5bn, then 2 billion in new loans. | $5bn USD; 2 billion USD
Sweden pledged SEK 3bn. The United States gave twenty-seven billion. | SEK 3bn SEK; \
twenty-seven billion USD
Norway pledged €1.5bn. Norway then gave another 2 billion. | €1.5bn EUR; 2 billion EUR
"""
BARE_CASES = [tuple(c.strip() for c in line.split("|")) for line in BARE_TABLE.strip().splitlines()]


@pytest.mark.parametrize(("sentence", "found"), BARE_CASES)
def test_a_bare_figure_takes_the_currency_written_before_it(extract, sentence, found):
    rows = extract(sentence)
    assert "; ".join(f"{r['text']} {r['currency']}".strip() for r in rows) == found.strip()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("thirty-seven point seven billion", 37.7e9),
        ("three point eight five billion dollars", 3.85e9),
        ("eight and a half billion", 8.5e9),
        ("seven hundred and ninety million", 790 * M),
        ("two point billion", None),
    ],
)
def test_parse_a_figure_read_out(text, value):
    assert parse_amount(text).value == (None if value is None else pytest.approx(value))


@pytest.mark.parametrize(
    ("sentence", "restates"),
    [
        # An approximation after a phrase of the first amount, the same figure at the rates.
        (
            "The C$500 million package announced in June, roughly €340 million, went to "
            "air defence.",
            True,
        ),
        ("The $40 billion law signed in May, roughly PLN 160 billion, came after a fight.", True),
        # A word that says what the first is worth, the same figure at the rates.
        ("The EU lends €18.1 billion, worth roughly $20 billion, from 2025.", True),
        ("On paper it is £2.26 billion, the equivalent of $2.9 billion.", True),
        # ... not one of another size.
        ("The EU lends €500 million, which is more than $1 billion.", False),
        # Not a figure of another size, nor one with no approximation.
        ("Germany pledged €2 billion in March, some $400 million more than France.", False),
        ("The C$500 million package announced in June, €340 million, went to air defence.", False),
    ],
)
def test_a_restatement_after_a_phrase(extract, sentence, restates):
    assert [r["restates"] for r in extract(sentence)] == [False, restates]


def test_a_restatement_takes_the_checked_verdict_of_what_it_restates(nlp):
    amounts = AmountExtractor(nlp.vocab)  # with the learned check, which reads each row alone
    rows = amounts(nlp("The Netherlands has committed €250 million (about CZK 6.3 billion)."))
    assert [r["restates"] for r in rows] == [False, True]
    assert {(r["stage"], r["reason"], r["part_of"]) for r in rows} == {
        (rows[0]["stage"], rows[0]["reason"], rows[0]["part_of"])
    }


def test_list_of_amounts_is_not_a_restatement(extract):
    rows = extract("Britain pledged £100m, France €200m and Italy €50m.")
    assert [r["restates"] for r in rows] == [False, False, False]


@pytest.mark.parametrize(
    ("text", "country", "currency"),
    [
        ("75 billion kroner", "Norway", "NOK"),
        ("75 billion kroner", "Denmark", "DKK"),
        ("75 billion kroner", None, "NOK"),
        ("75 billion krone", "Denmark", "DKK"),
        ("75 billion Danish kroner", "Norway", "DKK"),
        ("2 billion kronor", "Denmark", "SEK"),
        ("2 billion crowns", "Czech Republic", "CZK"),
        ("2 billion crowns", "Sweden", "SEK"),
        ("2 billion Danish crowns", "Norway", "DKK"),
        ("2 billion crowns", None, "NOK"),
        ("5 million dollars", "Canada", "USD"),
    ],
)
def test_parse_kroner_by_country(text, country, currency):
    assert parse_amount(text, country).currency == currency


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Fr. 5 billion", "CHF"),
        ("SFr. 20m", "CHF"),
        ("Rs10,700 crore", "INR"),
        ("From $5bn", "USD"),  # a word that begins with a letter symbol is no symbol
        ("Frontier 5bn euros", "EUR"),
        ("Rsvp 2bn euros", "EUR"),
        ("11.6 billion SDRs", "XDR"),  # the plural of an upper-case symbol still reads
        ("HK$5bn", "USD"),
        ("AUS$5bn", "USD"),
    ],
)
def test_letter_symbols_stand_as_words_of_their_own(text, currency):
    assert parse_amount(text).currency == currency


@pytest.mark.parametrize(
    ("text", "value", "high"),
    [
        ("$1bn-1.5", 1e9, 1.5e9),
        ("1.5-2 billion euros", 1.5e9, 2e9),
        ("£1.5BN", 1.5e9, None),
        ("$2.5 mln", 2.5 * M, None),
        ("€3 bln", 3e9, None),
        ("$4 trn", 4e12, None),
        ("a half billion dollars", 0.5e9, None),
        ("half a million euros", 0.5 * M, None),
        ("a quarter of a billion dollars", 0.25e9, None),
        ("twenty million pounds", 20 * M, None),
        ("$1,234.5 million", 1234.5 * M, None),
    ],
)
def test_parse_numbers(text, value, high):
    parsed = parse_amount(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.value_high == (None if high is None else pytest.approx(high))
    assert parsed.vague is False


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("More than  $4bn", "more than"),
        ("just over $1bn", "just over"),
        ("an estimated $3bn", "an estimated"),
        ("Up to €2bn", "up to"),
        ("$5bn", ""),
    ],
)
def test_parse_qualifier_is_normalised(text, qualifier):
    assert parse_amount(text).qualifier == qualifier


def test_parse_vague_keeps_currency_and_no_value():
    parsed = parse_amount("tens of billions of euros")
    assert (parsed.value, parsed.value_high, parsed.currency, parsed.vague) == (
        None,
        None,
        "EUR",
        True,
    )


def test_parse_text_without_a_number_is_not_an_amount():
    parsed = parse_amount("dollars")
    assert parsed.value is None and parsed.vague is False
