"""A sentence's content words as a 128-bit sketch, to tell how much two mentions' sentences share.

Restatements of one package months apart share its words ("reparations", "windfall", "air
defence"); round figures of one donor for different things share fewer. Each word sets one of
128 bits (its CRC-32), so a pair's overlap is a few AND-and-popcounts on integer columns, not a
set intersection per pair in Python: a large corpus scores tens of millions of pairs.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import numpy as np
import pandas as pd

SKETCH_COLUMNS = ("sketch_low", "sketch_high")  # the two halves, as signed 64-bit integers
BITS = 128
_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_MONTHS = "january february march april may june july august september october november december"
_MONEY = "billion billions million millions trillion thousand euros euro dollars dollar pounds"
_HALF = 1 << 64


@lru_cache(maxsize=1 << 16)
def _bit(word: str) -> int:
    """Return the bit a word sets: the same in every process, unlike hash()."""
    return zlib.crc32(word.encode("utf-8")) % BITS


@lru_cache(maxsize=1)
def _skipped() -> frozenset[str]:
    """Return the words that set no bit: English stop words, months and money words, which
    every money sentence has. spaCy's list is read here, not at import: the app builds its
    tables from this package without loading spaCy."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | frozenset(_MONTHS.split()) | frozenset(_MONEY.split())


def sentence_sketch(sentence: str) -> tuple[int, int]:
    """Return the sketch of a sentence's content words as two signed 64-bit integers."""
    skipped, bits = _skipped(), 0
    for word in set(_WORD.findall(sentence.lower())):
        if word not in skipped:
            bits |= 1 << _bit(word)
    return _signed(bits % _HALF), _signed(bits >> 64)


def _signed(half: int) -> int:
    """Return 64 bits as a signed integer, as Parquet and pandas store them."""
    return half - _HALF if half >= _HALF // 2 else half


def sketches(frame: pd.DataFrame) -> np.ndarray:
    """Return the rows' sketches as an (n, 2) unsigned array; zeros where a row has none."""
    if not all(c in frame for c in SKETCH_COLUMNS):
        return np.zeros((len(frame), 2), dtype=np.uint64)
    halves = [
        pd.to_numeric(frame[c], errors="coerce").fillna(0).to_numpy(dtype="int64")
        for c in SKETCH_COLUMNS
    ]
    return np.column_stack(halves).view(np.uint64)


def overlap(sketch: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Return the share of set bits the sketches of pairs (i, j) share (0 when both are empty)."""
    a, b = sketch[i], sketch[j]
    both = np.bitwise_count(a & b).sum(axis=1)
    either = np.bitwise_count(a | b).sum(axis=1)
    return both.astype("float64") / np.maximum(either, 1)
