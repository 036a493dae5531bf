"""The aid ledger: reviewed values laid over the extracted amounts, and one row per commitment.

- `apply_amount_reviews(amounts, reviews)`: reviewed values win (stage, reason, donor,
  recipient, value, currency, aid_type, part_of, commitment_id; value_usd recomputed with the
  row's rate); `reviewed` is True on those rows; a reviewed mention the extractor missed is added,
  replacing any unreviewed extracted mention it overlaps (the analyst's bounds win).
- `commitments_frame(amounts)`: aidlens.amounts' commitment_rows (the rows of commitments.csv,
  parts left out), largest US$ first, first_date a Timestamp.
- `review_weights(amounts)`: the needs-review queue, unreviewed charted commitments by US$.
- `reviewed_by_stage(amounts)`: (reviewed US$, total US$) of the charted commitments, per stage.
- `review_from_amounts(amounts, key, text)`: the review that confirms a mention as it is.

A mention is charted when its stage is pledged or delivered, it has a commitment_id and it is
no part of a whole that is aid (a part of a context figure is the aid). A commitment is reviewed
when every one of its mentions is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

import numpy as np
import pandas as pd

from aidlens.amounts import (
    AMOUNTS_CSV_COLUMNS,
    commitment_rows,
    load_rates,
    parse_amount,
    rates_on,
)
from aidlens.analysis.amount_scores import is_charted
from aidlens.annotations import AMOUNT_REVIEW_COLUMNS, AmountReview

LEDGER_COLUMNS = ("reason", "part_of", "parent_id", "reviewed")
# What a review sets: its columns but the mention it is about and who saved it when.
REVIEWED_FIELDS = tuple(
    col
    for col in AMOUNT_REVIEW_COLUMNS
    if col not in ("article_id", "start", "end", "text", "annotator", "updated_at")
)
CHARTED_STAGES = ("pledged", "delivered")


def with_ledger_columns(amounts: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with reason, part_of, parent_id and reviewed added where missing, dated."""
    out = amounts.copy()
    for col in LEDGER_COLUMNS:
        if col not in out.columns:
            out[col] = False if col == "reviewed" else ""
    for col in LEDGER_COLUMNS[:3]:
        out[col] = out[col].fillna("").astype(str)
    out["reviewed"] = out["reviewed"].fillna(False).astype(bool)
    if "published" in out.columns and not pd.api.types.is_datetime64_any_dtype(out["published"]):
        out["published"] = pd.to_datetime(out["published"], errors="coerce")  # a CSV's strings
    return out


def apply_amount_reviews(
    amounts: pd.DataFrame,
    reviews: Mapping[tuple[str, int, int], AmountReview] | Iterable[AmountReview],
    *,
    published: Mapping[str, pd.Timestamp] | None = None,
    rates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return the amounts with reviewed values winning; missed mentions added as rows.

    `published` dates added rows of articles without any extracted amount; `rates` converts
    a value whose currency the review changed (default: the shipped yearly rates).
    """
    items = list(reviews.values() if isinstance(reviews, Mapping) else reviews)
    out = with_ledger_columns(amounts)
    if not items:
        return out
    rates = load_rates() if rates is None else rates
    review = pd.DataFrame([_review_row(r) for r in items]).drop_duplicates(
        ["article_id", "start", "end"], keep="last"
    )
    keys = ["article_id", "start", "end"]
    index = pd.MultiIndex.from_frame(out[keys].astype({"start": "int64", "end": "int64"}))
    at = index.get_indexer(pd.MultiIndex.from_frame(review[keys]))
    found, missed = review[at >= 0], review[at < 0]
    rows = at[at >= 0]
    old_value = out["value"].to_numpy(dtype="float64")[rows]
    old_usd = out["value_usd"].to_numpy(dtype="float64")[rows]
    old_currency = out["currency"].to_numpy(dtype=object)[rows]
    for col in REVIEWED_FIELDS:
        out[col] = out[col].astype("float64" if col == "value" else object)
        out.iloc[rows, out.columns.get_loc(col)] = found[col].to_numpy()
    out.iloc[rows, out.columns.get_loc("reviewed")] = True
    # The row's own rate when the currency stands; else the rate of the article's date, as
    # extraction takes it (the ECB's fixing, a folder's rate, else a yearly one).
    with np.errstate(divide="ignore", invalid="ignore"):
        own_rate = np.where(old_value > 0, old_usd / old_value, np.nan)
    same = found["currency"].to_numpy(dtype=object) == old_currency
    fresh = rates_on(found["currency"], out["published"].iloc[rows], rates)["rate"].to_numpy()
    rate = np.where(same & np.isfinite(own_rate), own_rate, fresh)
    new_usd = (found["value"].to_numpy(dtype="float64") * rate).round(2)
    out.iloc[rows, out.columns.get_loc("value_usd")] = new_usd
    if not missed.empty:
        # A reviewed span that overlaps an unreviewed extracted one corrects its bounds.
        out = out.drop(index=_overlapped(out, missed))
        out = pd.concat([out, _missed_rows(out, missed, published, rates)], ignore_index=True)
        out = out.sort_values(["article_id", "start"], kind="stable", ignore_index=True)
    return out


def _review_row(r: AmountReview) -> dict:
    """Return the reviewed fields of one review as a row (value NaN when empty)."""
    row = {"article_id": r.article_id, "start": int(r.start), "end": int(r.end), "text": r.text}
    row |= {col: getattr(r, col) for col in REVIEWED_FIELDS}
    row["value"] = np.nan if r.value is None else float(r.value)
    return row


def _overlapped(amounts: pd.DataFrame, missed: pd.DataFrame) -> pd.Index:
    """Return the index of unreviewed rows that overlap a reviewed mention of their article."""
    rows = amounts.loc[~amounts["reviewed"], ["article_id", "start", "end"]]
    rows = rows.assign(row=rows.index)
    pairs = rows.merge(missed[["article_id", "start", "end"]], on="article_id", suffixes=("", "_r"))
    hit = (pairs["start"] < pairs["end_r"]) & (pairs["start_r"] < pairs["end"])
    return pd.Index(pairs.loc[hit, "row"].unique())


def _missed_rows(
    amounts: pd.DataFrame,
    missed: pd.DataFrame,
    published: Mapping[str, pd.Timestamp] | None,
    rates: pd.DataFrame,
) -> pd.DataFrame:
    """Return rows for reviewed mentions the extractor did not find."""
    dates = dict(published or {})
    firsts = amounts.drop_duplicates("article_id").set_index("article_id")["published"]
    dates.update(firsts.to_dict())
    rows = missed.assign(
        published=pd.to_datetime(missed["article_id"].map(dates), utc=True),
        value_high=np.nan,
        qualifier="",
        vague=missed["value"].isna(),
        sentence="",
        parent_id="",
        reviewed=True,
    )
    if "published" in amounts.columns and amounts["published"].dt.tz is None:
        rows["published"] = rows["published"].dt.tz_localize(None)
    rate = rates_on(rows["currency"], rows["published"], rates)["rate"].to_numpy()
    rows["value_usd"] = (rows["value"].to_numpy(dtype="float64") * rate).round(2)
    columns = list(dict.fromkeys([*AMOUNTS_CSV_COLUMNS, *LEDGER_COLUMNS]))  # may hold them
    extra = [c for c in amounts.columns if c not in columns]
    return rows.reindex(columns=[*columns, *extra])


def review_from_amounts(
    amounts: pd.DataFrame, key: tuple[str, int, int], text: str
) -> AmountReview:
    """Return the review that confirms the row at `key` as it is (else what its text says)."""
    a, s, e = key
    rows = amounts[amounts["article_id"].eq(a) & amounts["start"].eq(s) & amounts["end"].eq(e)]
    if rows.empty:  # a mention the extractor missed: start from what the text says
        parsed = parse_amount(text[s:e])
        return AmountReview(a, s, e, text[s:e], value=parsed.value, currency=parsed.currency)
    row = rows.iloc[0]

    def cell(col: str) -> str:
        """Return a text column of the row ('' when absent or empty)."""
        value = row.get(col, "")
        return "" if pd.isna(value) else str(value)

    value = None if pd.isna(row["value"]) else float(row["value"])
    strings = ("stage", "reason", "donor", "recipient", "currency", "aid_type")
    strings += ("part_of", "commitment_id")
    review = AmountReview(a, s, e, text[s:e], value=value, **{c: cell(c) for c in strings})
    if not review.stage and not review.reason:  # extracted before reasons were recorded
        review = replace(review, reason="not aid, as extracted")
    return review


def charted(amounts: pd.DataFrame) -> pd.Series:
    """Return whether each mention is charted: pledged or delivered, a commitment, and no part
    of a whole that is aid."""
    return is_charted(amounts) & amounts["commitment_id"].fillna("").ne("")


def commitments_frame(amounts: pd.DataFrame) -> pd.DataFrame:
    """Return one row per commitment (commitment_rows), largest US$ first, dated as Timestamps."""
    out = commitment_rows(with_ledger_columns(amounts))
    out["first_date"] = pd.to_datetime(out["first_date"])
    return out.sort_values(
        ["value_usd", "first_date"],
        ascending=[False, True],
        na_position="last",
        kind="stable",
        ignore_index=True,
    )


def _charted_commitments(amounts: pd.DataFrame) -> pd.DataFrame:
    """Return the commitments the chart counts, with their US$ value."""
    frame = commitments_frame(amounts)
    counted = frame["stage"].isin(CHARTED_STAGES) & frame["value_usd"].notna()
    return frame[counted]


def review_weights(amounts: pd.DataFrame) -> pd.DataFrame:
    """Return the needs-review queue: unreviewed charted commitments, heaviest US$ first.

    Adds `share`, the commitment's part of its stage's total: pledges and deliveries are
    charted apart, so a delivery weighs in the delivered chart, not in a sum with pledges.
    """
    frame = _charted_commitments(amounts)
    totals = frame.groupby("stage")["value_usd"].transform("sum")
    queue = frame.assign(share=(frame["value_usd"] / totals).fillna(0.0))
    queue = queue[~queue["reviewed"].astype(bool)]
    return queue.sort_values("value_usd", ascending=False, kind="stable").reset_index(drop=True)


def reviewed_by_stage(amounts: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Return per charted stage that has commitments (pledged first) its (reviewed US$, total
    US$): never one sum of pledges and deliveries, which would count a delivered pledge twice."""
    frame = _charted_commitments(amounts)
    out = {}
    for stage in CHARTED_STAGES:
        rows = frame[frame["stage"].eq(stage)]
        if len(rows):
            reviewed = rows.loc[rows["reviewed"].astype(bool), "value_usd"].sum()
            out[stage] = (float(reviewed), float(rows["value_usd"].sum()))
    return out
