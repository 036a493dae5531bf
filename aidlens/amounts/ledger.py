"""The ledger: one row per commitment (commitments.csv), built from the amounts table.

A commitment is dated by its first pledged or delivered mention (a request that later passes
is charted when it was pledged); its value, currency and donor are that mention's. Its stage is
pledged when any mention pledges it (a package blocked then adopted), else the latest one's.
"""

from __future__ import annotations

import pandas as pd

COMMITMENT_COLUMNS = (
    "commitment_id",
    "parent_id",
    "donor",
    "recipient",
    "instrument",
    "aid_type",
    "stage",
    "value",
    "currency",
    "value_usd",
    "first_date",
    "mentions",
    "article_ids",
    "reviewed",
)
CHARTED = ("pledged", "delivered")


def _first_nonempty(rows: pd.DataFrame, column: str) -> pd.Series:
    """Return commitment_id -> the first non-empty value of a column ('' when none)."""
    if column not in rows:
        return pd.Series(dtype=object)
    values = rows[column].fillna("").astype(str)
    return values[values.ne("")].groupby(rows["commitment_id"], sort=False).first()


def commitment_rows(amounts: pd.DataFrame) -> pd.DataFrame:
    """Return one row per commitment_id of the amounts table (COMMITMENT_COLUMNS)."""
    rows = amounts[amounts["commitment_id"].fillna("").ne("")]
    if rows.empty:
        return pd.DataFrame(columns=list(COMMITMENT_COLUMNS))
    rows = rows.sort_values(["published", "article_id", "start"], kind="stable")
    cid = rows["commitment_id"]
    # The lead mention: the first pledged or delivered one, else the first.
    charted = rows["stage"].isin(CHARTED)
    lead = (
        rows.assign(_later=~charted)
        .sort_values(["_later", "published", "article_id", "start"], kind="stable")
        .drop_duplicates("commitment_id")
        .set_index("commitment_id")
    )
    groups = rows.groupby(cid, sort=False)
    stage = groups["stage"].last()
    for later in reversed(CHARTED):  # pledged wins over delivered, both over the latest
        stage = stage.mask(rows["stage"].eq(later).groupby(cid, sort=False).any(), later)
    reviewed = rows["reviewed"].astype(bool) if "reviewed" in rows else pd.Series(False, rows.index)
    out = pd.DataFrame(
        {
            "parent_id": _first_nonempty(rows, "parent_id"),
            "donor": lead["donor"],
            "recipient": lead["recipient"],
            "instrument": _first_nonempty(rows, "instrument"),
            "aid_type": lead["aid_type"],
            "stage": stage,
            "value": lead["value"],
            "currency": lead["currency"],
            "value_usd": lead["value_usd"],
            "first_date": pd.to_datetime(lead["published"]).dt.strftime("%Y-%m-%d"),
            "mentions": groups.size(),
            "article_ids": groups["article_id"].agg(lambda a: ";".join(dict.fromkeys(map(str, a)))),
            "reviewed": reviewed.groupby(cid, sort=False).all(),
        },
        index=stage.index,
    )
    out[["parent_id", "instrument"]] = out[["parent_id", "instrument"]].fillna("")
    out = out.rename_axis("commitment_id").reset_index()[list(COMMITMENT_COLUMNS)]
    return out.sort_values(["first_date", "commitment_id"], kind="stable", ignore_index=True)
