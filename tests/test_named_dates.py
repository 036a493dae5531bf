"""The date a sentence names for its amount, read against the article's date."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from aidlens.amounts.extractor import AmountExtractor
from aidlens.amounts.named_dates import EPOCH, named_dates, named_days, told_of

PUBLISHED = dt.date(2024, 6, 10)

# sentence | the dates it names, read on 10 June 2024
CASES = [
    ("The $1bn drawdown of 24 April began arriving within days.", [dt.date(2024, 4, 24)]),
    ("The €400 million approved in January last year is the largest.", [dt.date(2023, 1, 15)]),
    ("It started with a $350 million drawdown in February 2022.", [dt.date(2022, 2, 15)]),
    ("Biden signed it in Seoul on May 21, 2022.", [dt.date(2022, 5, 21)]),
    ("The €50bn Facility was agreed on 1 February.", [dt.date(2024, 2, 1)]),
    ("Leaders meet on 27 June to sign it.", [dt.date(2024, 6, 27)]),  # ahead, but within 20 days
    ("Payments are due from September.", [dt.date(2023, 9, 15)]),  # ahead: last year's
    ("Sept. 5, 2023 and Jan 3 were the dates.", [dt.date(2023, 9, 5), dt.date(2024, 1, 3)]),
    ("Lawmakers may march on; Mayor Klitschko spoke in Marseille.", []),  # no month
    ("The law of 31 April is a typo.", [dt.date(2024, 4, 15)]),  # no such day: the month
    ("Ukraine got $61bn in 2024.", []),  # a year alone is too coarse to tell packages apart
]


@pytest.mark.parametrize(("sentence", "dates"), CASES)
def test_named_dates(sentence: str, dates: list[dt.date]) -> None:
    assert [d for _, d in named_dates(sentence, PUBLISHED)] == dates


def test_an_amount_keeps_the_date_phrase_named_nearest_to_it() -> None:
    text = "Intro. The €400m of January 2023 and the €188m of April 2024 are the largest."
    sentence = (8, len(text))
    assert told_of(text, *sentence, text.index("€400m")) == "January 2023"
    assert told_of(text, *sentence, text.index("€188m")) == "April 2024"
    assert told_of(text, 0, 7, 0) == ""  # "Intro." names no date


def test_the_table_reads_each_phrase_against_its_article_date() -> None:
    days = named_days(
        pd.Series(["January 2023", "January", "", "January", "24 April", "May last year"]),
        pd.Series(["2024-06-10", "2024-06-10", "2024-06-10", None, "2024-03-01", "2024-06-10"]),
    )
    expected = [dt.date(2023, 1, 15), dt.date(2024, 1, 15), None, None, dt.date(2023, 4, 24)]
    expected.append(dt.date(2023, 5, 15))
    got = [None if np.isnan(d) else EPOCH + dt.timedelta(int(d)) for d in days]
    assert got == expected  # none named; a month alone in an undated article; April ahead


def test_the_extractor_keeps_each_amounts_date_phrase(nlp) -> None:
    text = "Berlin sent €2bn in January 2023. The €400m agreed on 24 April went out in May."
    rows = AmountExtractor(nlp.vocab, aid_model=None)(nlp(text), text)
    assert [(r["text"], r["told"]) for r in rows] == [
        ("€2bn", "January 2023"),
        ("€400m", "24 April"),
    ]
