"""The sentence sketch the linker compares: content words as 128 bits, and a pair's overlap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aidlens.amounts.sketch import SKETCH_COLUMNS, overlap, sentence_sketch, sketches

LOAN = "The EU agreed a reparations loan of €140 billion from frozen Russian assets."


def pair_overlap(first: str, second: str) -> float:
    """Return the overlap of two sentences' sketches, through the frame the linker reads."""
    frame = pd.DataFrame([sentence_sketch(first), sentence_sketch(second)], columns=SKETCH_COLUMNS)
    return float(overlap(sketches(frame), np.array([0]), np.array([1]))[0])


# first sentence | second | overlap
OVERLAPS = [
    (LOAN, LOAN, 1.0),
    (LOAN, LOAN.upper(), 1.0),  # case does not matter
    (LOAN, "Leaders failed to agree the reparations loan backed by frozen assets.", 0.4),
    (LOAN, "Norway gave humanitarian aid worth NOK 2 billion.", 0.0),
    # Stop words, months and money words set no bit: two such sentences share nothing.
    ("It was about 2 billion euros in March.", "It was about 2 billion euros in March.", 0.0),
    ("", "", 0.0),
]


@pytest.mark.parametrize(("first", "second", "share"), OVERLAPS)
def test_the_overlap_of_two_sentences(first, second, share):
    assert pair_overlap(first, second) == pytest.approx(share)


def test_a_sketch_is_the_same_in_every_process_and_fits_signed_64_bit_columns():
    low, high = sentence_sketch(LOAN)
    assert (low, high) == sentence_sketch(LOAN)
    assert all(-(2**63) <= h < 2**63 for h in (low, high))
    # Six content words (agreed, reparations, loan, frozen, russian, assets; "EU" is too short):
    # each sets one bit, fewer when two words share one.
    bits = sketches(pd.DataFrame([(low, high)], columns=SKETCH_COLUMNS))
    assert 1 <= int(np.bitwise_count(bits).sum()) <= 6


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"start": [0, 5]}),  # no sketch columns (rows cached before them)
        pd.DataFrame({"sketch_low": ["", None], "sketch_high": ["", None]}),  # blank cells
    ],
)
def test_rows_without_a_sketch_read_as_empty(frame):
    assert sketches(frame).tolist() == [[0, 0], [0, 0]]
