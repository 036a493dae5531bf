"""Aggregates behind the Trends charts: aid by month and donor, mentions by period.

Everything is aggregated here with pandas, so a chart never carries more rows than it draws
(st.altair_chart skips Altair's 5,000-row guard and would ship every row to the browser).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from aidlens.amounts import in_aid_whole

FREQS = {"week": "W-MON", "month": "MS"}


CHARTED_STAGES = ("pledged", "delivered")  # aid given or promised; never summed together
STAGES = ("requested", "blocked", *CHARTED_STAGES)
OTHER = "Other donors"  # the donors past the largest few, drawn as one grey series
UNKNOWN = "unknown"  # a counted amount whose donor was not found
REVIEWED_CHOICES = ("all", "reviewed", "not reviewed")


@dataclass(frozen=True)
class AidFilter:
    """Which amounts the aid chart counts."""

    distinct: bool = True  # one row per commitment, else every mention
    aid_types: tuple[str, ...] = ()
    donors: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()  # empty: the charted stages
    reviewed: str = "all"  # one of REVIEWED_CHOICES
    instruments: tuple[str, ...] = ()


def period_start(published: pd.Series, freq: str) -> pd.Series:
    """Return the first day of each date's week (Monday) or month."""
    if freq == "week":
        days = published.dt.normalize()
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    return published.dt.to_period("M").dt.start_time


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """Return a text column with missing values (or a missing column) as ""."""
    if column not in frame.columns:
        return pd.Series("", index=frame.index, dtype="object")
    return frame[column].fillna("").astype(str).str.strip()


def reviewed_flags(frame: pd.DataFrame) -> pd.Series:
    """Return the `reviewed` column as booleans (False where absent, "True"/"1" read as True)."""
    if "reviewed" not in frame.columns:
        return pd.Series(False, index=frame.index)
    col = frame["reviewed"]
    if col.dtype == bool:
        return col
    return col.fillna("").astype(str).str.strip().str.lower().isin(("true", "1", "yes"))


def _aid_rows(amounts: pd.DataFrame) -> pd.Series:
    """Return which amounts may be counted at some stage: valued, whole, in the ledger."""
    return (
        amounts["value_usd"].notna()
        & _text(amounts, "commitment_id").ne("")
        & ~in_aid_whole(amounts)
    )


def aid_candidates(amounts: pd.DataFrame) -> pd.DataFrame:
    """Return the amounts any AidFilter can count (a stage, valued, whole, in the ledger),
    prepared for counting: text columns cleaned, `reviewed` as booleans, and their `month`.

    Counting them with `prepared=True` equals counting all amounts: a page keeps this smaller
    table and counts it on each change instead of the whole one.
    """
    if amounts.empty:
        return amounts
    rows = amounts[_text(amounts, "stage").isin(STAGES) & _aid_rows(amounts)]
    cleaned = {c: _text(rows, c) for c in _CLEANED if c in rows.columns}
    return rows.assign(
        **cleaned,
        reviewed=reviewed_flags(rows),
        month=period_start(rows["published"], "month"),
        **_codes(rows),
    )


def _codes(rows: pd.DataFrame) -> dict[str, pd.Series]:
    """Return the columns aid_view groups and counts by, as codes made once: grouping 270,000
    strings again on every filter change was most of the "all mentions" switch at 100,000."""
    donor = rows["donor"].fillna(UNKNOWN)
    return {
        "_donor": donor.astype(pd.CategoricalDtype(sorted(donor.unique()))),
        "_commitment": pd.Series(pd.factorize(rows["commitment_id"])[0], index=rows.index),
        "_article": pd.Series(pd.factorize(rows["article_id"], sort=True)[0], index=rows.index),
    }


_CLEANED = ("stage", "commitment_id", "part_of", "instrument")


def counted_amounts(
    amounts: pd.DataFrame,
    flt: AidFilter,
    *,
    prepared: bool = False,
    columns: Collection[str] | None = None,
) -> pd.DataFrame:
    """Return the amounts the chart counts: aid (a stage), valued, whole, once per commitment.

    `prepared`: `amounts` are `aid_candidates` already (cleaned once, counted many times).
    `columns`: only these are wanted (with what counting reads); taking every column of every
    kept row was a third of a recount at 100,000 articles.
    """
    if amounts.empty:
        return amounts.assign(reviewed=pd.Series(dtype=bool), month=pd.Series(dtype="M8[us]"))
    # No stage: a context figure (estimate, budget, total...). A part is never summed with its
    # whole, and a mention without a commitment id is not in the ledger.
    rows = amounts if prepared else aid_candidates(amounts)
    keep = rows["stage"].isin(flt.stages or CHARTED_STAGES)
    if flt.aid_types:
        keep &= rows["aid_type"].isin(flt.aid_types)
    if flt.donors:
        keep &= rows["donor"].isin(flt.donors)
    if flt.instruments:
        keep &= _text(rows, "instrument").isin(flt.instruments)
    wanted = None if columns is None else {*columns, *_COUNTING_READS}
    taken = rows.columns if wanted is None else [c for c in rows.columns if c in wanted]
    rows = rows.loc[keep.to_numpy(), taken]
    if flt.distinct:
        # A commitment is reviewed when every mention of it is.
        rows = rows.assign(reviewed=rows.groupby("_commitment")["reviewed"].transform("all"))
    if flt.reviewed != "all":
        rows = rows[rows["reviewed"] == (flt.reviewed == "reviewed")]
    if flt.distinct:
        # The first mention dates a commitment; later restatements are not counted again.
        # Only the keys are sorted, as codes (`_article` sorts as the ids do).
        keys = rows[["published", "_article", "start", "_commitment"]].reset_index(drop=True)
        keys = keys.sort_values(["published", "_article", "start"], kind="stable")
        rows = rows.iloc[keys.drop_duplicates("_commitment", keep="first").index.to_numpy()]
    return rows


# What counting reads besides the filters' own columns.
_COUNTING_READS = ("published", "start", "reviewed", "_commitment", "_article")


def donor_ranking(amounts: pd.DataFrame, flt: AidFilter) -> list[str]:
    """Return the donors of the counted amounts, the largest US$ total first."""
    rows = counted_amounts(amounts, flt)
    return _ranking(rows) if len(rows) else []


def _ranking(rows: pd.DataFrame) -> list[str]:
    """Return the donors of counted rows (aid_candidates' codes), the largest US$ total first."""
    totals = rows.groupby("_donor", observed=True)["value_usd"].sum()
    return sorted(totals.index, key=lambda d: (-totals[d], d))


def _lumped(donor: pd.Series, others: Collection[str]) -> pd.Series:
    """Return the donor codes with `others` as one OTHER category (categories kept sorted)."""
    names = list(donor.cat.categories)
    merged = sorted({OTHER, *(n for n in names if n not in others)})
    position = {n: i for i, n in enumerate(merged)}
    remap = np.array([position[OTHER if n in others else n] for n in names], dtype="int64")
    codes = remap[donor.cat.codes.to_numpy()]
    return pd.Series(pd.Categorical.from_codes(codes, categories=merged), index=donor.index)


def split_donors(ranking: list[str], top: int) -> tuple[list[str], list[str]]:
    """Return (the `top` largest donors, the others)."""
    if len(ranking) <= top:
        return list(ranking), []
    return ranking[:top], ranking[top:]


def aid_by_month(amounts: pd.DataFrame, flt: AidFilter, *, top: int | None = None) -> pd.DataFrame:
    """Return USD per month and donor (past the `top` largest: OTHER), with counts."""
    return aid_view(amounts, flt, top=top)[0]


_VIEW_READS = ("month", "_donor", "value_usd")


def aid_view(
    amounts: pd.DataFrame, flt: AidFilter, *, top: int | None = None, prepared: bool = False
) -> tuple[pd.DataFrame, list[str]]:
    """Return `aid_by_month` and the donors grouped as OTHER, counting the amounts once."""
    cols = ["month", "donor", "usd", "reviewed_usd", "commitments", "mentions", "articles"]
    rows = counted_amounts(amounts, flt, prepared=prepared, columns=_VIEW_READS)
    if rows.empty:
        return pd.DataFrame(columns=cols), []
    donor, others = rows["_donor"], []
    if top is not None:
        _, others = split_donors(_ranking(rows), top)
        donor = _lumped(donor, set(others)) if others else donor
    rows = rows.assign(donor=donor, reviewed_usd=rows["value_usd"].where(rows["reviewed"], 0.0))
    out = (
        rows.groupby(["month", "donor"], observed=True)
        .agg(
            usd=("value_usd", "sum"),
            reviewed_usd=("reviewed_usd", "sum"),
            commitments=("_commitment", "nunique"),
            mentions=("start", "size"),
            articles=("_article", "nunique"),
        )
        .reset_index()
    )
    out["donor"] = out["donor"].astype(str)
    return out[cols], others


def reviewed_total(by_month: pd.DataFrame) -> tuple[float, float]:
    """Return (reviewed US$, all US$) of what a chart shows."""
    if by_month.empty:
        return 0.0, 0.0
    return float(by_month["reviewed_usd"].sum()), float(by_month["usd"].sum())


def cumulative_by_month(by_month: pd.DataFrame) -> pd.DataFrame:
    """Return the running total of USD over all donors, one row per month."""
    if by_month.empty:
        return pd.DataFrame(columns=["month", "usd", "cumulative_usd"])
    total = by_month.groupby("month", as_index=False)["usd"].sum().sort_values("month")
    return total.assign(cumulative_usd=total["usd"].cumsum())


COMMITMENT_COLUMNS = [
    "commitment_id",
    "first_published",
    "donor",
    "text",
    "value_usd",
    "aid_type",
    "stage",
    "instrument",
    "reviewed",
    "mentions",
    "articles",
]


# The columns of a counted row that the table reads: its own, and what dates and counts them.
_TABLE_READS = (
    *(c for c in COMMITMENT_COLUMNS if c not in ("first_published", "mentions", "articles")),
    "published",
    "start",
    "article_id",
)


def commitments_table(
    amounts: pd.DataFrame, flt: AidFilter, *, prepared: bool = False
) -> pd.DataFrame:
    """Return one row per counted commitment: first date, donor, amounts, mention count."""
    rows = counted_amounts(amounts, replace(flt, distinct=False), prepared=prepared)
    if rows.empty:
        return pd.DataFrame(columns=COMMITMENT_COLUMNS)
    # Only the keys are sorted, then the columns the table reads taken in that order.
    keys = rows[["published", "article_id", "start"]].reset_index(drop=True)
    order = keys.sort_values(["published", "article_id", "start"], kind="stable").index
    rows = rows.assign(instrument=_text(rows, "instrument"))[[*_TABLE_READS]]
    rows = rows.iloc[order.to_numpy()]
    out = rows.groupby("commitment_id", sort=False).agg(
        first_published=("published", "first"),
        donor=("donor", "first"),
        text=("text", "first"),
        value_usd=("value_usd", "first"),
        aid_type=("aid_type", "first"),
        stage=("stage", "first"),
        instrument=("instrument", "first"),
        reviewed=("reviewed", "all"),
        mentions=("start", "size"),
        articles=("article_id", "nunique"),
    )
    out = out.reset_index()[COMMITMENT_COLUMNS]
    return out.sort_values("first_published", ascending=False, kind="stable")


def amounts_behind(
    amounts: pd.DataFrame,
    flt: AidFilter,
    *,
    month: pd.Timestamp,
    donor: str | None,
    others: Collection[str] = (),
) -> pd.DataFrame:
    """Return every mention of the commitments counted in one bar (month, donor or OTHER)."""
    counted = counted_amounts(amounts, flt)
    counted = counted[counted["month"] == month]
    if donor is not None:
        wanted = set(others) if donor == OTHER else {donor}
        counted = counted[counted["donor"].fillna(UNKNOWN).isin(wanted)]
    if flt.distinct:
        # A distinct bar stands for whole commitments: show all their mentions.
        return amounts[amounts["commitment_id"].isin(counted["commitment_id"])]
    return counted


def mentions_by_period(
    entities: pd.DataFrame,
    articles: pd.DataFrame,
    canonicals: Collection[str],
    *,
    freq: str = "month",
) -> pd.DataFrame:
    """Return mentions and mentioning articles per period and entity, with their share.

    `share` is the fraction of that period's articles that mention the entity.
    """
    cols = ["period", "canonical", "mentions", "articles", "period_articles", "share"]
    dates = articles[["id", "published"]].rename(columns={"id": "article_id"})
    dates = dates.assign(period=period_start(dates["published"], freq))
    per_period = dates.groupby("period")["article_id"].nunique().rename("period_articles")
    ents = entities[entities["canonical"].isin(canonicals)][["article_id", "canonical"]]
    if ents.empty:
        return pd.DataFrame(columns=cols)
    ents = ents.merge(dates[["article_id", "period"]], on="article_id")
    out = (
        ents.groupby(["period", "canonical"])
        .agg(mentions=("article_id", "size"), articles=("article_id", "nunique"))
        .reset_index()
        .merge(per_period, left_on="period", right_index=True)
    )
    out["share"] = out["articles"] / out["period_articles"]
    return out[cols].sort_values(["period", "canonical"]).reset_index(drop=True)


def top_by_label(
    entities: pd.DataFrame, *, n: int = 5, labels: Collection[str] = ()
) -> pd.DataFrame:
    """Return the `n` most mentioned canonical names per label, with mention and article counts."""
    ents = entities if not labels else entities[entities["label"].isin(labels)]
    counts = (
        ents.groupby(["label", "canonical"])
        .agg(mentions=("article_id", "size"), articles=("article_id", "nunique"))
        .reset_index()
        .sort_values(["label", "mentions", "canonical"], ascending=[True, False, True])
    )
    return counts.groupby("label", sort=False).head(n).reset_index(drop=True)


def mentions_behind(
    entities: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    canonical: str,
    period: pd.Timestamp,
    freq: str,
) -> pd.DataFrame:
    """Return each mention of `canonical` in one period, with its article's date and sentence."""
    meta = articles[["id", "published", "text"]].rename(
        columns={"id": "article_id", "text": "article_text"}
    )
    rows = entities[entities["canonical"] == canonical].merge(meta, on="article_id")
    rows = rows[period_start(rows["published"], freq) == period]
    rows = rows.assign(
        sentence=[
            sentence_around(t, s, e) for t, s, e in rows[["article_text", "start", "end"]].values
        ]
    )
    rows = rows.drop(columns="article_text")
    return rows.sort_values(["published", "article_id", "start"]).reset_index(drop=True)


def sentence_around(text: str, start: int, end: int, *, limit: int = 400) -> str:
    """Return the sentence of `text` holding [start, end), cut to `limit` characters."""
    # Sentence bounds from the text itself: the parse is not kept, and a stop-based cut is
    # enough to show a reader where the mention stands.
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    left = 0 if left < 0 else left + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    sentence = text[left:right].strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
