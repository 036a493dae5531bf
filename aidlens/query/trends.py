"""What the Trends page asks of the entity rows: each answer equals the pandas path's.

The aid section reads the amounts (one row per money mention, a few per article) in pandas,
reviewed values applied, with `analysis.trends` (`components/trends_aid.py`); only the entity
rows, the large table, are asked of DuckDB here.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from aidlens.analysis import mentions_behind, period_start
from aidlens.processing import months_between
from aidlens.query.engine import DataQuery


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
