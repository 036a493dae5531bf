"""What the Trends page asks of the dataset: each answer equals the pandas path's.

DuckDB selects and counts; where a figure is a sum of US$ values, it returns only the rows
that are counted (aid, valued, filtered) and `analysis.trends` sums them, so the float sums are
those of the pandas path to the last bit.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from aidlens.analysis import (
    AidFilter,
    aid_by_month,
    counted_amounts,
    cumulative_by_month,
    mentions_behind,
    period_start,
)
from aidlens.processing import months_between
from aidlens.query.engine import DataQuery

_AID_COLUMNS = (
    'article_id, published, start, "end", text, value_usd, donor, aid_type, stage, commitment_id'
)
_BAR_COLUMNS = "article_id, published, start, value_usd, donor, aid_type, stage, commitment_id"


def aid_options(q: DataQuery) -> tuple[list[str], list[str]]:
    """Return the aid types and the donors present, each sorted."""
    table = q.amounts()
    if table is None:
        return [], []
    out = []
    for column in ("aid_type", "donor"):
        sql = f"SELECT DISTINCT {column} AS v FROM {table} WHERE {column} IS NOT NULL ORDER BY v"
        out.append(list(q.frame(sql)["v"]))
    return out[0], out[1]


def _aid_where(flt: AidFilter) -> tuple[str, list]:
    """Return the SQL condition (and its parameters) of the amounts the chart counts."""
    where = "value_usd IS NOT NULL AND isnan(value_usd) = false AND coalesce(stage, '') <> ''"
    params: list = []
    for column, values in (
        ("aid_type", flt.aid_types),
        ("donor", flt.donors),
        ("stage", flt.stages),
    ):
        if values:
            where += f" AND list_contains(?, {column})"
            params.append(list(values))
    return where, params


def aid_rows(q: DataQuery, flt: AidFilter, *, columns: str = _AID_COLUMNS) -> pd.DataFrame:
    """Return the valued aid amounts `flt` keeps (every mention), in table order."""
    table = q.amounts()
    if table is None:
        return pd.DataFrame()
    where, params = _aid_where(flt)
    return q.frame(f"SELECT {columns} FROM {table} WHERE {where} ORDER BY filename, seq", params)


def commitments(q: DataQuery, flt: AidFilter) -> pd.DataFrame:
    """Return each commitment's first mention (all its columns), mention and article counts."""
    table = q.amounts()
    if table is None:
        return pd.DataFrame()
    where, params = _aid_where(flt)
    # The first mention as `counted_amounts` orders them; ties never happen (one start per row).
    first = "struct_pack(p := published, a := article_id, s := start)"
    fields = ("article_id", "published", "start", "text", "value_usd", "donor", "aid_type", "stage")
    picks = ", ".join(f"arg_min({f}, {first}) AS {f}" for f in fields)
    sql = (
        f"SELECT commitment_id, {picks}, count(*) AS mentions, "
        f"count(DISTINCT article_id) AS articles FROM {table} WHERE {where} "
        "GROUP BY commitment_id ORDER BY published, article_id, start"
    )
    return q.frame(sql, params)


def aid_chart_data(
    q: DataQuery, flt: AidFilter, *, per_commitment: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, ...]:
    """Return the monthly bars, the cumulative line and the commitments table for `flt`.

    `per_commitment` is `commitments(q, flt)` when the caller kept it (it does not depend on
    `flt.distinct`, so switching between commitments and mentions need not count it again).
    """
    # The bars sum US$ in pandas (the same float sums as the pandas path) over only the rows
    # they count: each commitment's first mention, or every mention, with just their columns.
    if per_commitment is None:
        per_commitment = commitments(q, flt)
    by_month = aid_by_month(per_commitment, flt) if flt.distinct else mention_bars(q, flt)
    return by_month, cumulative_by_month(by_month), commitments_table_of(per_commitment)


def mention_bars(q: DataQuery, flt: AidFilter) -> pd.DataFrame:
    """Return `trends.aid_by_month` counting every mention: counts in DuckDB, sums in pandas."""
    cols = ["month", "donor", "usd", "commitments", "mentions", "articles"]
    table = q.amounts()
    if table is None:
        return pd.DataFrame(columns=cols)
    where, params = _aid_where(flt)
    keys = "date_trunc('month', published) AS month, coalesce(donor, 'unknown') AS donor"
    # Only numbers and the two keys travel: pandas sums each bar's US$ in table order, as the
    # pandas path does (its compensated sum depends on the order), the counts are exact here.
    values = q.frame(
        f"SELECT {keys}, value_usd FROM {table} WHERE {where} ORDER BY filename, seq", params
    )
    if values.empty:
        return pd.DataFrame(columns=cols)
    usd = values.groupby(["month", "donor"])["value_usd"].sum().rename("usd")
    counts = q.frame(
        f"SELECT {keys}, count(DISTINCT commitment_id) AS commitments, count(*) AS mentions, "
        f"count(DISTINCT article_id) AS articles FROM {table} WHERE {where} GROUP BY ALL",
        params,
    )
    out = counts.merge(usd.reset_index(), on=["month", "donor"])
    out["month"] = out["month"].astype(period_start(values["month"].iloc[:1], "month").dtype)
    return out[cols].sort_values(["month", "donor"]).reset_index(drop=True)


def commitments_table_of(per_commitment: pd.DataFrame) -> pd.DataFrame:
    """Return the commitments table (as `trends.commitments_table`) from `commitments`' rows."""
    columns = ["commitment_id", "first_published", "donor", "text", "value_usd", "aid_type"]
    columns += ["stage", "mentions", "articles"]
    if per_commitment.empty:
        return pd.DataFrame(columns=columns)
    rows = per_commitment[per_commitment["commitment_id"].notna()]
    out = rows.rename(columns={"published": "first_published"})[columns]
    return out.sort_values("first_published", ascending=False, kind="stable")


def aid_evidence(
    q: DataQuery, flt: AidFilter, *, month: pd.Timestamp, donor: str | None
) -> pd.DataFrame:
    """Return every mention behind one bar, as `trends.amounts_behind` does."""
    rows = commitments(q, flt) if flt.distinct else aid_rows(q, flt, columns=_BAR_COLUMNS)
    counted = counted_amounts(rows, flt)
    if counted.empty:
        return counted
    counted = counted[period_start(counted["published"], "month") == month]
    if donor is not None:
        counted = counted[counted["donor"].fillna("unknown") == donor]
    table = q.amounts()
    if flt.distinct:
        ids = sorted(set(counted["commitment_id"].dropna()))
        sql = (
            f"SELECT * EXCLUDE (seq, filename) FROM {table} "
            "WHERE list_contains(?, commitment_id) ORDER BY filename, seq"
        )
        return q.frame(sql, [ids])
    keys = sorted(zip(counted["article_id"], counted["start"], strict=True))
    months = sorted({pd.Timestamp(month).strftime("%Y-%m")})
    where, params = _aid_where(flt)
    rows = q.frame(
        f"SELECT * EXCLUDE (seq, filename) FROM {q.amounts(months)} WHERE {where} "
        "ORDER BY filename, seq",
        params,
    )
    chosen = pd.MultiIndex.from_frame(rows[["article_id", "start"]]).isin(keys)
    return rows[chosen].reset_index(drop=True)


def period_articles(articles: pd.DataFrame, freq: str) -> pd.Series:
    """Return how many articles each period (week or month) holds."""
    dates = articles[["id", "published"]].assign(period=period_start(articles["published"], freq))
    return dates.groupby("period")["id"].nunique().rename("period_articles")


def mention_series(
    q: DataQuery, articles: pd.DataFrame, canonicals: Collection[str], *, freq: str = "month"
) -> pd.DataFrame:
    """Return mentions and mentioning articles per period and name, as `mentions_by_period`."""
    cols = ["period", "canonical", "mentions", "articles", "period_articles", "share"]
    names = sorted(set(canonicals))
    if not names:
        return pd.DataFrame(columns=cols)
    unit = "week" if freq == "week" else "month"
    sql = (
        f"SELECT date_trunc('{unit}', published) AS period, canonical, count(*) AS mentions, "
        f"count(DISTINCT article_id) AS articles FROM {q.entities()} "
        "WHERE list_contains(?, canonical) GROUP BY ALL"
    )
    counts = q.frame(sql, [names])
    if counts.empty:
        return pd.DataFrame(columns=cols)
    per_period = period_articles(articles, freq)
    counts["period"] = counts["period"].astype(per_period.index.dtype)
    out = counts.merge(per_period, left_on="period", right_index=True)
    out["share"] = out["articles"] / out["period_articles"]
    return out[cols].sort_values(["period", "canonical"]).reset_index(drop=True)


def mention_evidence(
    q: DataQuery,
    articles: pd.DataFrame,
    *,
    canonical: str,
    period: pd.Timestamp,
    freq: str,
) -> pd.DataFrame:
    """Return each mention of `canonical` in one period with its sentence, as `mentions_behind`."""
    span = pd.Timedelta(days=6) if freq == "week" else pd.offsets.MonthEnd()
    last = pd.Timestamp(period) + span
    months = months_between(period, last, q.dataset.partitions)
    sql = (
        'SELECT article_id, start, "end", text, label, canonical '
        f"FROM {q.entities(months)} WHERE canonical = ? ORDER BY article_id, start, seq"
    )
    rows = q.frame(sql, [canonical]).astype({"start": "int64", "end": "int64"})
    return mentions_behind(rows, articles, canonical=canonical, period=period, freq=freq)


def top_names(q: DataQuery, *, n: int = 5, labels: Collection[str] = ()) -> pd.DataFrame:
    """Return the `n` most mentioned names per label, as `trends.top_by_label`."""
    where, params = "true", []
    if labels:
        where, params = "list_contains(?, label)", [sorted(labels)]
    sql = (
        f"SELECT label, canonical, mentions, articles FROM {q.names()} WHERE {where} "
        "QUALIFY row_number() OVER (PARTITION BY label ORDER BY mentions DESC, canonical) <= ? "
        "ORDER BY label, mentions DESC, canonical"
    )
    return q.frame(sql, [*params, int(n)])
