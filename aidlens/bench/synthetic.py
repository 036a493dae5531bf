"""Synthetic corpora for the benchmark, built deterministically from a real articles CSV."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

import pandas as pd

from aidlens.corpus import text_hash

# Names swapped for one another, so that recombined texts differ in their entities too.
SWAPPABLE = (
    "Germany",
    "France",
    "Poland",
    "Canada",
    "Japan",
    "Norway",
    "Sweden",
    "Denmark",
    "Italy",
    "Spain",
    "Finland",
    "Estonia",
    "Latvia",
    "Lithuania",
    "Belgium",
    "Portugal",
)
_SWAP = re.compile(r"\b(?:" + "|".join(SWAPPABLE) + r")\b")
_NUMBER = re.compile(r"\d+")
_PARAGRAPHS = re.compile(r"\n\s*\n")
FIRST_DAY = date(2022, 2, 24)
SPAN_DAYS = 3 * 365


def paragraphs(text: str) -> list[str]:
    """Return the non-empty paragraphs of a text."""
    return [p.strip() for p in _PARAGRAPHS.split(text) if p.strip()]


def _vary_number(match: re.Match[str], rng: random.Random) -> str:
    """Return a different number of the same width; years (1900-2099) are kept."""
    digits = match.group(0)
    if len(digits) == 4 and digits[:2] in ("19", "20"):
        return digits
    if len(digits) == 1:
        return str(rng.randint(1, 9))
    return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))


def vary(text: str, rng: random.Random) -> str:
    """Return `text` with its numbers and swappable country names replaced at random."""
    text = _NUMBER.sub(lambda m: _vary_number(m, rng), text)
    return _SWAP.sub(lambda _m: rng.choice(SWAPPABLE), text)


def _recombine(base: list[list[str]], main: int, rng: random.Random) -> str:
    """Return a text with the shape of article `main`, half its paragraphs from others."""
    pool = [p for paras in base for p in paras]
    out = [p if rng.random() < 0.5 else rng.choice(pool) for p in base[main]]
    return vary("\n\n".join(out), rng)


def unique_articles(base: pd.DataFrame, n: int, *, seed: int) -> pd.DataFrame:
    """Return `n` articles with pairwise distinct texts, recombined and varied from `base`."""
    rng = random.Random(seed)
    paras = [paragraphs(t) or [t] for t in base["text"]]
    seen: set[str] = set()
    texts, mains = [], []
    for i in range(n):
        main = i % len(base)
        text = _recombine(paras, main, rng)
        for _attempt in range(20):
            if text_hash(text) not in seen:
                break
            text = _recombine(paras, main, rng)
        else:
            # A text with nothing to vary: a numbered closing line makes it distinct.
            text += f"\n\nReport {i + 1}."
        seen.add(text_hash(text))
        texts.append(text)
        mains.append(main)
    return _frame(base, mains, texts, prefix=f"u{n}", rng=rng)


def repeated_articles(unique: pd.DataFrame, n: int, *, seed: int) -> pd.DataFrame:
    """Return `n` articles whose texts cycle through those of `unique` (ids and dates vary)."""
    rng = random.Random(seed)
    picks = [i % len(unique) for i in range(n)]
    texts = [unique["text"].iat[i] for i in picks]
    return _frame(unique, picks, texts, prefix=f"r{n}", rng=rng)


def _frame(
    base: pd.DataFrame, mains: list[int], texts: list[str], *, prefix: str, rng: random.Random
) -> pd.DataFrame:
    """Return an articles table: titles, sources and urls from `base`, fresh ids and dates."""
    days = [FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS)) for _ in texts]
    sources = base["source"] if "source" in base.columns else pd.Series([""] * len(base))
    return pd.DataFrame(
        {
            "id": [f"{prefix}-{i:06d}" for i in range(len(texts))],
            "title": [vary(str(base["title"].iat[m]), rng) for m in mains],
            "published": [d.isoformat() for d in days],
            "source": [str(sources.iat[m]) for m in mains],
            "url": [f"https://example.org/{prefix}/{i}" for i in range(len(texts))],
            "text": texts,
        }
    )
