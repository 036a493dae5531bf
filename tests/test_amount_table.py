"""The amounts table built from cached rows: canonical donors, USD by year, speed at 10,000."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from aidlens.amounts.commitments import load_rates
from aidlens.amounts.extractor import AMOUNT_COLUMNS
from aidlens.amounts.table import AMOUNTS_TABLE_COLUMNS, amounts_table
from aidlens.corpus.articles import Corpus
from aidlens.corpus.canonical import load_aliases

RATES = pd.DataFrame(
    {
        "year": [2022, 2023, 2023],
        "currency": ["EUR", "EUR", "GBP"],
        "usd_per_unit": [1.05, 1.1, 1.25],
    }
)


def corpus(ids: list[str], days: list[str]) -> Corpus:
    """Return a corpus of articles whose text hash is 'h' + id."""
    frame = pd.DataFrame(
        {"id": ids, "text_hash": [f"h{i}" for i in ids], "published": pd.to_datetime(days)}
    )
    return Corpus(frame=frame, path="test")


def cached(rows: list[dict]) -> pd.DataFrame:
    """Return cache rows with defaults for the columns a test does not care about."""
    base = dict.fromkeys(AMOUNT_COLUMNS, "")
    base |= {"start": 0, "end": 4, "value_high": np.nan, "vague": False, "restates": False}
    return pd.DataFrame([base | r for r in rows])


NO_ENTITIES = pd.DataFrame(columns=["article_id", "start", "end", "text", "label", "canonical"])


def test_columns_usd_by_publication_year_and_canonical_roles():
    rows = cached(
        [
            {"text_hash": "ha", "start": 9, "value": 2e9, "currency": "EUR", "donor": "Berlin"},
            {"text_hash": "hb", "start": 3, "value": 1e9, "currency": "EUR", "donor": "German"},
            {"text_hash": "hb", "start": 40, "value": 5e8, "currency": "GBP", "donor": "UK"},
            {"text_hash": "hb", "start": 80, "value": 7e8, "currency": "", "donor": ""},
            {"text_hash": "hb", "start": 90, "value": np.nan, "vague": True, "donor": ""},
        ]
    )
    rows["recipient"] = "Kyiv"
    out = amounts_table(
        corpus(["a", "b"], ["2022-05-01", "2023-05-01"]), rows, NO_ENTITIES, load_aliases(), RATES
    )
    assert list(out.columns) == list(AMOUNTS_TABLE_COLUMNS)
    assert out["value_usd"].tolist()[:3] == [2.1e9, 1.1e9, 6.25e8]
    assert out["value_usd"][3:].isna().all()  # no currency, and vague
    # "UK" via the shipped aliases, "German" via the donor table; b's main donor fills the gap.
    assert out["donor"].tolist() == ["Germany", "Germany", "United Kingdom", "Germany", "Germany"]
    assert set(out["recipient"]) == {"Ukraine"}
    assert out["commitment_id"].tolist()[4] == ""


def test_text_shared_by_two_articles_gives_rows_to_both():
    rows = cached([{"text_hash": "hx", "value": 1e9, "currency": "USD", "donor": "Japan"}])
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "text_hash": ["hx", "hx"],
            "published": pd.to_datetime(["2024-01-01", "2024-01-02"]),
        }
    )
    out = amounts_table(Corpus(frame, "t"), rows, NO_ENTITIES, load_aliases(), RATES)
    assert out["article_id"].tolist() == ["a", "b"]
    assert out["commitment_id"].nunique() == 1


def test_no_cached_rows_gives_an_empty_table_with_the_columns():
    out = amounts_table(
        corpus(["a"], ["2024-01-01"]), pd.DataFrame(), NO_ENTITIES, load_aliases(), RATES
    )
    assert out.empty and list(out.columns) == list(AMOUNTS_TABLE_COLUMNS)


def test_ten_thousand_articles_build_quickly():
    n, k = 10_000, 6
    rng = np.random.default_rng(0)
    ids = [f"a{i}" for i in range(n)]
    days = (pd.Timestamp("2022-02-24") + pd.to_timedelta(rng.integers(0, 1000, n), "D")).astype(str)
    rows = cached([{}]).iloc[[0] * (n * k)].reset_index(drop=True)
    rows = rows.assign(
        text_hash=np.repeat([f"h{i}" for i in ids], k),
        start=np.tile(np.arange(k) * 100, n),
        value=rng.integers(1, 60, n * k) * 1e8,
        currency=rng.choice(["USD", "EUR", "GBP", ""], n * k),
        donor=rng.choice(["Germany", "the White House", "Berlin", "", "EU"], n * k),
    )
    entities = pd.DataFrame(
        {
            "article_id": np.repeat(ids, 20),
            "start": np.tile(np.arange(20), n),
            "text": rng.choice(["Germany", "Kyiv", "Reuters", "Washington"], n * 20),
            "label": "GPE",
        }
    )
    start = time.perf_counter()
    out = amounts_table(corpus(ids, list(days)), rows, entities, load_aliases(), load_rates())
    assert time.perf_counter() - start < 15  # about 1 s on a developer machine
    assert len(out) == n * k
    assert out["donor"].ne("").all()
