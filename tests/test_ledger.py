"""The ledger over the real extraction of the sample: reviewed values win, commitments, queue."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from aidlens.amounts import AMOUNTS_CSV_COLUMNS, in_aid_whole, load_rates, rates_on
from aidlens.analysis import (
    COMMITMENT_COLUMNS,
    AidFilter,
    aid_by_month,
    apply_amount_reviews,
    charted,
    commitments_frame,
    review_weights,
    reviewed_by_stage,
)
from aidlens.annotations import AmountReview, read_amount_reviews
from aidlens.corpus.articles import load_corpus
from aidlens.corpus.canonical import load_aliases
from aidlens.pipeline import model_id
from aidlens.processing.process import build_results, open_cache
from tests.store_helpers import ROOT

GOLD = ROOT / "sample_data" / "gold" / "amount_reviews.csv"
KEY = ["article_id", "start", "end"]


@pytest.fixture(scope="module")
def extracted(sample_data_dir, model_name) -> pd.DataFrame:
    """Return the amounts the real pipeline extracts from the sample (do not modify)."""
    corpus = load_corpus(sample_data_dir / "articles.csv")
    cache = open_cache(sample_data_dir, model_id(model_name))
    return build_results(corpus, cache, load_aliases(sample_data_dir)).amounts


@pytest.fixture(scope="module")
def gold() -> dict:
    """Return the sample's gold reviews by key."""
    frame = load_corpus(ROOT / "sample_data" / "articles.csv").frame
    texts = dict(zip(frame["id"], frame["text"], strict=True))
    loaded = read_amount_reviews(GOLD, texts)
    return {r.key: r for rs in loaded.reviews.values() for r in rs}


def row_at(amounts: pd.DataFrame, key: tuple[str, int, int]) -> pd.Series:
    """Return the one row of a mention."""
    a, s, e = key
    rows = amounts[amounts["article_id"].eq(a) & amounts["start"].eq(s) & amounts["end"].eq(e)]
    assert len(rows) == 1, key
    return rows.iloc[0]


def test_the_gold_reviews_win_over_extraction(extracted, gold) -> None:
    before = extracted.copy()
    applied = apply_amount_reviews(extracted, gold)
    pd.testing.assert_frame_equal(extracted, before)  # the caller's frame is not changed
    keys = set(zip(extracted["article_id"], extracted["start"], extracted["end"], strict=True))
    missed = [k for k in gold if k not in keys]
    overlapped = {
        k
        for k in keys - set(gold)
        for a, s, e in missed
        if k[0] == a and k[1] < e and s < k[2]  # the gold's bounds replace the extracted ones
    }
    assert ("A034", 1684, 1698) in overlapped  # "less than £3bn" in "no less than £3bn"
    assert len(applied) == len(extracted) + len(missed) - len(overlapped)
    assert int(applied["reviewed"].sum()) == len(gold)
    for key, review in gold.items():
        row = row_at(applied, key)
        got = (row["stage"], row["donor"], row["commitment_id"], row["part_of"], row["reason"])
        want = (review.stage, review.donor, review.commitment_id, review.part_of, review.reason)
        assert got == want, key
        assert (row["value"] == review.value) or (pd.isna(row["value"]) and review.value is None)
    untouched = applied[~applied["reviewed"]]
    merged = untouched.merge(extracted, on=KEY, suffixes=("", "_x"))
    assert (merged["stage"].fillna("") == merged["stage_x"].fillna("")).all()


def first_charted(extracted: pd.DataFrame) -> pd.Series:
    """Return the first extracted mention in euros with a stage and a commitment."""
    rows = extracted[charted(extracted.assign(part_of="")) & extracted["currency"].eq("EUR")]
    return rows.iloc[0]


CASES = [
    ("not aid", dict(stage="", reason="a budget"), dict(stage="", charted=False)),
    ("value, same currency", dict(value=2e9), dict(value=2e9, usd="own rate")),
    ("new currency", dict(value=1e9, currency="GBP"), dict(currency="GBP", usd="date rate")),
    ("part of a whole", dict(part_of="A001:28"), dict(part_of="A001:28", charted=False)),
    ("merged", dict(commitment_id="merged-1"), dict(commitment_id="merged-1", charted=True)),
    ("confirmed", dict(), dict(charted=True)),
]


@pytest.mark.parametrize(("case", "changes", "expect"), CASES, ids=[c[0] for c in CASES])
def test_one_review_wins_on_its_row(extracted, case, changes, expect) -> None:
    row = first_charted(extracted)
    key = (row["article_id"], int(row["start"]), int(row["end"]))
    base = AmountReview(*key, text=row["text"], stage=row["stage"], reason="confirmed")
    base = replace(base, donor=row["donor"], recipient=row["recipient"], value=row["value"])
    base = replace(base, currency=row["currency"], aid_type=row["aid_type"])
    base = replace(base, commitment_id=row["commitment_id"])
    applied = apply_amount_reviews(extracted, [replace(base, **changes)])
    got = row_at(applied, key)
    assert got["reviewed"]
    assert int(applied["reviewed"].sum()) == 1
    for col in ("stage", "value", "currency", "part_of", "commitment_id"):
        if col in expect:
            assert got[col] == expect[col]
    if "charted" in expect:
        assert bool(charted(applied).loc[got.name]) is expect["charted"]
    if expect.get("usd") == "own rate":
        assert got["value_usd"] == pytest.approx(2e9 * row["value_usd"] / row["value"])
    if expect.get("usd") == "date rate":
        # Another currency takes its rate of the article's date, as extraction does: the ECB's
        # fixing, the one its rate note names (rates_on).
        published = pd.Series([got["published"]])
        gbp = rates_on(pd.Series(["GBP"]), published, load_rates()).iloc[0]
        assert gbp["source"] == "ECB reference rate"
        assert got["value_usd"] == pytest.approx(1e9 * gbp["rate"], rel=1e-6)


def test_a_mention_the_extractor_missed_is_added(extracted) -> None:
    review = AmountReview("A001", 28, 34, text="up to ", stage="pledged", reason="r")
    review = replace(review, donor="Canada", value=5.0, currency="CAD", commitment_id="new-1")
    applied = apply_amount_reviews(extracted, [review], published={"A001": pd.Timestamp(0)})
    added = row_at(applied, review.key)
    assert (added["donor"], added["reviewed"], added["sentence"]) == ("Canada", True, "")
    assert (
        added["value_usd"] > 0
        and added["published"] == row_at(extracted, ("A001", 28, 46))["published"]
    )


def test_commitments_review_queue_and_share(extracted, gold) -> None:
    assert all(done == 0.0 for done, _ in reviewed_by_stage(extracted).values())
    queue = review_weights(extracted)
    assert not queue["reviewed"].any()
    assert list(queue["value_usd"]) == sorted(queue["value_usd"], reverse=True)
    # Each share is of its own stage's chart: pledges and deliveries are never summed.
    assert set(queue["stage"]) == {"pledged", "delivered"}
    assert queue.groupby("stage")["share"].sum().to_dict() == pytest.approx(
        {"pledged": 1.0, "delivered": 1.0}
    )
    applied = apply_amount_reviews(extracted, gold)
    frame = commitments_frame(applied)
    assert list(frame.columns) == list(COMMITMENT_COLUMNS)
    assert frame["commitment_id"].is_unique
    counted = applied[applied["commitment_id"].fillna("").ne("") & ~in_aid_whole(applied)]
    assert set(frame["commitment_id"]) == set(counted["commitment_id"])
    assert frame["mentions"].sum() == len(counted)
    reviewed, total = reviewed_by_stage(applied)["pledged"]
    assert 0 < reviewed <= total
    facility = frame.set_index("commitment_id").loc["eu-ukraine-facility"]
    assert (facility["stage"], facility["value"], facility["currency"]) == (
        "pledged",
        50e9,
        "EUR",
    )
    assert len(review_weights(applied)) < len(queue)


@pytest.mark.parametrize("reviewed", [False, True])
def test_each_stage_totals_what_its_chart_shows(extracted, gold, reviewed) -> None:
    amounts = apply_amount_reviews(extracted, gold) if reviewed else extracted
    shares = reviewed_by_stage(amounts)
    assert list(shares) == ["pledged", "delivered"]
    for stage, (done, total) in shares.items():
        shown = aid_by_month(amounts, AidFilter(stages=(stage,)))
        assert total == pytest.approx(shown["usd"].sum())
        assert done == pytest.approx(shown["reviewed_usd"].sum())
        assert (done > 0) == reviewed


@pytest.mark.parametrize("as_csv", [False, True])
def test_reviews_apply_to_an_empty_table_and_to_amounts_csv(sample_data_dir, as_csv) -> None:
    review = AmountReview("A001", 28, 46, text="up to $350 million", stage="pledged")
    review = replace(review, reason="r", donor="US", value=5e9, currency="USD", commitment_id="c")
    if as_csv:
        amounts = pd.read_csv(sample_data_dir / "amounts.csv")
    else:
        amounts = pd.DataFrame(columns=list(AMOUNTS_CSV_COLUMNS))
    applied = apply_amount_reviews(amounts, [review], published={"A001": pd.Timestamp(0)})
    row = row_at(applied, review.key)
    assert (row["donor"], row["value_usd"], row["reviewed"]) == ("US", 5e9, True)
    assert reviewed_by_stage(applied)["pledged"][0] == 5e9
    assert commitments_frame(applied).set_index("commitment_id").loc["c", "reviewed"]
