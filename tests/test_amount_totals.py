"""What kind of money some of a running total is, read from the frame (original sentences).

"Of which A$610m is military" sizes part of a running total, so it is one too: never charted.
A package inside a total, a share with a verb of its own, or what Ukraine gets of a package
keeps its own stage.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aidlens.corpus import load_corpus

REPO = Path(__file__).resolve().parent.parent

# (text, whole, part)
KINDS = [
    (
        "Finland says its support since the invasion now stands at €2.9 billion, including "
        "€2.5 billion in military aid.",
        "€2.9 billion",
        "€2.5 billion",
    ),
    (
        "The new package takes Denmark's total support since 2022 to about DKK 70 billion, of "
        "which DKK 60 billion is military.",
        "about DKK 70 billion",
        "DKK 60 billion",
    ),
    (
        "The donation takes Norway's total support for Ukraine to more than NOK 50 billion, "
        "including more than NOK 40 billion in weapons.",
        "more than NOK 50 billion",
        "more than NOK 40 billion",
    ),
]

# (text, part, its stage): shares of a running total that are commitments of their own.
OWN = [
    (
        "The package takes Canada's total support since 2022 to C$4 billion, including C$500 "
        "million announced on Friday.",
        "C$500 million",
        "pledged",
    ),
    (
        "The package takes Canada's total support since 2022 to C$4 billion, including this "
        "year's C$500 million package.",
        "C$500 million",
        "pledged",
    ),
    (
        "Announced on Monday, it totals $3 billion. Of that, $200 million is financing for "
        "Ukraine to buy arms.",
        "$200 million",
        "pledged",
    ),
]


@pytest.mark.parametrize(("text", "whole", "part"), KINDS)
def test_a_kind_of_a_running_total_is_a_running_total(amount_rows, text, whole, part):
    rows = amount_rows(text)
    assert (rows[whole]["stage"], rows[whole]["reason"]) == ("", "running total")
    row = rows[part]
    assert (row["stage"], row["reason"]) == ("", "part of a running total")
    assert row["part_of"] == str(text.index(whole))


@pytest.mark.parametrize(("text", "part", "stage"), OWN)
def test_a_commitment_inside_a_running_total_keeps_its_stage(amount_rows, text, part, stage):
    row = amount_rows(text)[part]
    assert row["stage"] == stage
    assert row["reason"] != "part of a running total"


def test_ukraines_share_of_a_total_spoken_is_no_kind_of_it(amount_rows):
    """tune35_data's podcast: "Ninety-five billion dollars in total. [...] And about sixty-one
    billion dollars of it is for Ukraine": Ukraine's share of the law, charted."""
    frame = load_corpus(REPO / "tune35_data" / "articles.csv").frame
    text = frame.set_index("id").at["TA014", "text"]
    row = amount_rows(text)["about sixty-one billion dollars"]
    assert (row["stage"], row["reason"]) == ("pledged", "for ukraine")
