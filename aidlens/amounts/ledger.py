"""The ledger: one row per commitment (commitments.csv, the Ledger page, `export --ledger`).

Built from the amounts table as extracted, or with analysts' reviews applied (their values win,
and a mention carries `reviewed`). Parts of a whole that is aid are left out (`in_aid_whole`):
such a part is never charted, so it is neither a commitment of its own nor a mention of its
whole. A part of a context figure ("about $61 billion for Ukraine" in a $95bn bill mostly for
others, a country's share of a sum of several givers) is the aid, and a row. A
commitment is dated by its first pledged or delivered mention (a request that later passes is
charted when it was pledged); its value, currency and donor are that mention's, a reviewed one
first. Its stage is pledged when any mention pledges it (a package blocked then adopted), else
delivered when any delivers it, else the latest stage its mentions write (a context figure
restating it writes none). It is reviewed when every one of its mentions is.
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
ORDER = ["published", "article_id", "start"]


def _text(rows: pd.DataFrame, column: str) -> pd.Series:
    """Return a text column as strings ('' where empty or absent)."""
    if column not in rows:
        return pd.Series("", index=rows.index, dtype=object)
    return rows[column].fillna("").astype(str)


def in_aid_whole(rows: pd.DataFrame) -> pd.Series:
    """Return which mentions are parts (part_of, ARTICLE:START) of a whole that is aid itself.

    The chart never sums a whole and its parts, at any stage, so it leaves these out. A whole
    that is a context figure (no stage) is not counted, so its part for Ukraine is: the issue's
    "includes about $61 billion for Ukraine" in a bill mostly for others. A whole that `rows`
    lack counts as aid: its part stays out.
    """
    parts, stages = _wholes(rows)
    out = parts.copy()
    if parts.any():
        out[parts] = stages.ne("").to_numpy()  # a whole not found (NaN) is not "": aid
    return out


def whole_stages(rows: pd.DataFrame) -> pd.Series:
    """Return each part's whole's stage ('' for a context figure), NaN where `rows` lack the
    whole or the mention is no part."""
    parts, stages = _wholes(rows)
    out = pd.Series(float("nan"), index=rows.index, dtype=object)
    if parts.any():
        out[parts] = stages.to_numpy()
    return out


def _wholes(rows: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Return which mentions are parts, and the stage of each part's whole, in their order
    (NaN where `rows` lack it)."""
    part = _text(rows, "part_of")
    parts = part.ne("")
    if not parts.any():
        return parts, pd.Series(dtype=object)
    wanted = part[parts].str.rpartition(":")
    whole = pd.DataFrame(
        {"article_id": wanted[0], "start": pd.to_numeric(wanted[2], errors="coerce")}
    )
    # A join on (article, start), not key strings: Trends recounts the whole corpus, and a
    # string per row cost half a second at 100,000 articles.
    starts = pd.to_numeric(rows["start"], errors="coerce")
    near = starts.isin(set(whole["start"].dropna()))
    cand = pd.DataFrame(
        {
            "article_id": _text(rows, "article_id")[near],
            "start": starts[near],
            "stage": _text(rows, "stage")[near],
        }
    ).drop_duplicates(["article_id", "start"], keep="last")
    return parts, whole.merge(cand, on=["article_id", "start"], how="left")["stage"]


def _first_nonempty(rows: pd.DataFrame, column: str) -> pd.Series:
    """Return commitment_id -> the first non-empty value of a column ('' when none)."""
    values = _text(rows, column)
    return values[values.ne("")].groupby(rows["commitment_id"], sort=False).first()


def commitment_rows(amounts: pd.DataFrame) -> pd.DataFrame:
    """Return one row per commitment of the amounts table (COMMITMENT_COLUMNS), by first date."""
    rows = amounts[_text(amounts, "commitment_id").ne("") & ~in_aid_whole(amounts)]
    if rows.empty:
        return pd.DataFrame(columns=list(COMMITMENT_COLUMNS))
    rows = rows.sort_values(ORDER, kind="stable")
    cid = rows["commitment_id"]
    later = ~rows["stage"].isin(CHARTED)
    reviewed = pd.Series(False, index=rows.index)  # as extracted: nothing reviewed
    if "reviewed" in rows:
        reviewed = rows["reviewed"].fillna(False).astype(bool)
    # The first pledged or delivered mention dates the commitment; a reviewed one speaks for it.
    first = rows.assign(_later=later).sort_values(["_later", *ORDER], kind="stable")
    first = first.drop_duplicates("commitment_id").set_index("commitment_id")
    lead = rows.assign(_later=later, _unreviewed=~reviewed)
    lead = lead.sort_values(["_later", "_unreviewed", *ORDER], kind="stable")
    lead = lead.drop_duplicates("commitment_id").set_index("commitment_id")
    groups = rows.groupby(cid, sort=False)
    staged = _text(rows, "stage")
    stage = staged.where(staged.ne("")).groupby(cid, sort=False).last().fillna("")
    for stage_of in reversed(CHARTED):  # pledged wins over delivered, both over the latest
        stage = stage.mask(rows["stage"].eq(stage_of).groupby(cid, sort=False).any(), stage_of)
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
            "first_date": pd.to_datetime(first["published"]).dt.strftime("%Y-%m-%d"),
            "mentions": groups.size(),
            "article_ids": groups["article_id"].agg(lambda a: ";".join(dict.fromkeys(map(str, a)))),
            "reviewed": reviewed.groupby(cid, sort=False).all(),
        },
        index=stage.index,
    )
    out[["parent_id", "instrument"]] = out[["parent_id", "instrument"]].fillna("")
    out = out.rename_axis("commitment_id").reset_index()[list(COMMITMENT_COLUMNS)]
    return out.sort_values(["first_date", "commitment_id"], kind="stable", ignore_index=True)
