"""A figure converted in the sentence after it is that figure: its giver and its stage.

"Hungary vetoed the EU's €50bn package. That is roughly PLN 215bn." The zloty figure is the
EU's blocked package, not Poland's pledge (the zloty's home country). Original sentences.
"""

from __future__ import annotations

import pytest

# (text, amount, stage, donor)
CONVERTED = [
    # A sentence that points back at the figure right before it.
    (
        "Hungary vetoed the EU's €50 billion package for Ukraine. That is roughly PLN 215 billion.",
        "roughly PLN 215 billion",
        "blocked",
        "EU",
    ),
    (
        "The Senate rejected a $24 billion aid bill for Ukraine. The bill, equal to about "
        "SEK 250 billion, failed by six votes.",
        "about SEK 250 billion",
        "blocked",
        "Senate",
    ),
    # "worth" after the figure's own phrase, in its sentence.
    (
        "EU ministers approved €18 billion in loans for Ukraine next year, worth about PLN 84 "
        "billion.",
        "about PLN 84 billion",
        "pledged",
        "EU",
    ),
    # A converting sentence a question after the figure.
    (
        "Congress blocked $24 billion for Ukraine. How much is that? At today's rates, about "
        "NOK 250 billion.",
        "about NOK 250 billion",
        "blocked",
        "Congress",
    ),
]

# (text, amount, donor): no conversion of the figure before.
NOT_CONVERTED = [
    # Not one figure at the reference rates.
    (
        "Hungary vetoed the EU's €50 billion package for Ukraine. That is roughly PLN 40 "
        "billion more than last year.",
        "roughly PLN 40 billion",
        "Poland",
    ),
    # Worth another figure.
    (
        "Sweden approved €500 million in loans for Ukraine, worth about NOK 20 billion to "
        "Norwegian exporters.",
        "about NOK 20 billion",
        "Norway",
    ),
    # A conversion cue too far from the figure.
    (
        "Congress blocked $24 billion for Ukraine. Lawmakers argued for weeks. Voters were "
        "tired. The press moved on. Nobody asked. At today's rates, about NOK 250 billion.",
        "about NOK 250 billion",
        "Norway",
    ),
]

# (text, amount, donor): a figure approximated in the reader's currency converts another
# giver's money; the giver its aid word's frame names stays, a giver carried from before not.
HOME_READER = [
    ("The American package, about PLN 3.4 billion, arrived in Rzeszow last week.", "American"),
    ("EU leaders agreed a four-year package, roughly C$73 billion, for Ukraine.", "EU"),
    ("The Dutch share alone is worth about CZK 6.3 billion.", "Dutch"),
    # No aid word: the frame names no giver, and the NATO of the sentence gives nothing.
    (
        "Canada will reach NATO's spending target this year, adding about C$9 billion to defence.",
        "Canada",
    ),
    # Not approximated: an amount written in the home currency is the home country's.
    ("The Dutch share is SEK 600 million, paid from Sweden's budget.", "Sweden"),
]

# (text, amount, donor): converted in brackets at once, as a paper at home writes others' money,
# the first figure of its sentence keeps the giver its frame names; after another figure, the
# home currency's figure is the home country's, bracketed or not.
BRACKETED = [
    (
        "In December the US Congress approved ¥6 trillion ($45 billion) for Ukraine.",
        "¥6 trillion",
        "the US Congress",
    ),
    (
        "The European Union is lending ¥2.9 trillion (€18.1 billion) to Ukraine.",
        "¥2.9 trillion",
        "The European Union",
    ),
    (
        "Japan will provide a further ¥737 billion ($5.5 billion) to Ukraine.",
        "¥737 billion",
        "Japan",
    ),
    # A frame naming no known giver keeps nothing: Australia's own defence budget.
    (
        "The 2024 National Defence Strategy plans A$330 billion (US$221 billion) in defence "
        "spending over the next decade.",
        "A$330 billion",
        "Australia",
    ),
    (
        "The EU's €18.1 billion, Canada's C$5 billion, the UK's £2.26 billion and Japan's "
        "¥471.9 billion (about $3 billion) make up the rest, each lent on its own schedule.",
        "¥471.9 billion",
        "Japan",
    ),
]


@pytest.mark.parametrize(("text", "amount", "donor"), BRACKETED)
def test_a_figure_bracketed_with_its_conversion(amount_rows, text, amount, donor):
    assert amount_rows(text)[amount]["donor"] == donor


@pytest.mark.parametrize(("text", "donor"), HOME_READER)
def test_a_figure_converted_for_the_reader_keeps_its_giver(amount_rows, text, donor):
    (row,) = amount_rows(text).values()
    assert row["donor"] == donor


@pytest.mark.parametrize(("text", "amount", "stage", "donor"), CONVERTED)
def test_a_figure_converted_after_it_is_that_figure(amount_rows, text, amount, stage, donor):
    row = amount_rows(text)[amount]
    assert (row["stage"], row["donor"]) == (stage, donor)


@pytest.mark.parametrize(("text", "amount", "donor"), NOT_CONVERTED)
def test_no_conversion_without_one_figure_close_by(amount_rows, text, amount, donor):
    assert amount_rows(text)[amount]["donor"] == donor
