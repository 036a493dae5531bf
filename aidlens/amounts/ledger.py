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


def _first_nonempty(values: pd.Series) -> str:
    """Return the first non-empty string of a column ('' when none)."""
    found = values[values.fillna("").astype(str).ne("")]
    return str(found.iloc[0]) if len(found) else ""


def _stage(stages: pd.Series) -> str:
    """Return a commitment's stage: pledged or delivered when any mention is, else the latest."""
    for stage in CHARTED:
        if stages.eq(stage).any():
            return stage
    return str(stages.iloc[-1])


def commitment_rows(amounts: pd.DataFrame) -> pd.DataFrame:
    """Return one row per commitment_id of the amounts table (COMMITMENT_COLUMNS)."""
    rows = amounts[amounts["commitment_id"].fillna("").ne("")]
    if rows.empty:
        return pd.DataFrame(columns=list(COMMITMENT_COLUMNS))
    rows = rows.sort_values(["published", "article_id", "start"], kind="stable")
    records = []
    for cid, group in rows.groupby("commitment_id", sort=False):
        charted = group[group["stage"].isin(CHARTED)]
        lead = (charted if len(charted) else group).iloc[0]
        reviewed = group["reviewed"] if "reviewed" in group else pd.Series([False])
        records.append(
            {
                "commitment_id": cid,
                "parent_id": _first_nonempty(group.get("parent_id", pd.Series(dtype=str))),
                "donor": lead["donor"],
                "recipient": lead["recipient"],
                "instrument": _first_nonempty(group.get("instrument", pd.Series(dtype=str))),
                "aid_type": lead["aid_type"],
                "stage": _stage(group["stage"]),
                "value": lead["value"],
                "currency": lead["currency"],
                "value_usd": lead["value_usd"],
                "first_date": pd.Timestamp(lead["published"]).date().isoformat(),
                "mentions": len(group),
                "article_ids": ";".join(dict.fromkeys(group["article_id"].astype(str))),
                "reviewed": bool(reviewed.astype(bool).all()),
            }
        )
    out = pd.DataFrame(records, columns=list(COMMITMENT_COLUMNS))
    return out.sort_values(["first_date", "commitment_id"], kind="stable", ignore_index=True)
