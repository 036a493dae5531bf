"""The shipped sample corpus meets what the README promises of it."""

from __future__ import annotations

import pytest

from aidlens.corpus.articles import load_corpus
from tests.conftest import SAMPLE_CSV


@pytest.fixture(scope="module")
def frame():
    return load_corpus(SAMPLE_CSV).frame


def test_size_and_lengths(frame) -> None:
    assert len(frame) >= 40
    words = frame["text"].str.split().str.len()
    assert words.between(150, 600).all(), frame.loc[~words.between(150, 600), "id"].tolist()


def test_spread_over_time(frame) -> None:
    months = frame["published"].dt.to_period("M").nunique()
    assert months >= 18
    assert frame["published"].dt.year.min() == 2022 and frame["published"].dt.year.max() == 2025


@pytest.mark.parametrize(
    "donor",
    [
        "United States",
        "European Union",
        "Germany",
        "Britain",
        "Poland",
        "Norway",
        "Sweden",
        "Denmark",
        "Estonia",
        "Lithuania",
        "Japan",
        "Canada",
        "World Bank",
    ],
)
def test_many_donors(frame, donor) -> None:
    assert frame["text"].str.contains(donor).any()


@pytest.mark.parametrize(
    "written",
    [
        "$",
        "US$",
        "€",
        "£",
        "C$",
        "bn",
        "million",
        "kroner",
        "kronor",
        "zloty",
        "yen",
        "about",
        "up to",
        "more than",
        "billions of dollars",
    ],
)
def test_amounts_written_many_ways(frame, written) -> None:
    assert frame["text"].str.contains(written, regex=False).any()
