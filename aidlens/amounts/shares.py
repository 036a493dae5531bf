"""One member's share of a group's commitment: "The United States will lend $20 billion" after
"the G7 agreed a loan package of about $50 billion" in the same article.

A mention is a member's share of a group's pledged whole when, in the same article and after
it (within NEAR characters), its donor is a member of the whole's group (data/groups.csv), its
US$ value is smaller, and the shares so far add up to no more than the whole (with some slack).
A mention that shares a commitment with a share is a share of the same whole too (the United
Kingdom's £2.26bn signed months later is still its part of the G7 loans).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pandas as pd

GROUPS = Path(__file__).with_name("data") / "groups.csv"
SLACK = 1.1  # shares are rounded and converted at other days' rates
NEAR = 800  # characters: the shares follow the whole within a few sentences


@lru_cache(maxsize=1)
def group_members() -> dict[str, frozenset[str]]:
    """Return group -> its members, from data/groups.csv."""
    with open(GROUPS, encoding="utf-8", newline="") as fh:
        rows = [(r["group"].strip(), r["member"].strip()) for r in csv.DictReader(fh)]
    return {g: frozenset(m for gg, m in rows if gg == g) for g, _ in rows}


def member_shares(amounts: pd.DataFrame) -> pd.Series:
    """Return part_of with members' shares of a group's pledged whole filled in, on the index."""
    part = amounts["part_of"].copy()
    members = group_members()
    wholes = amounts[amounts["donor"].isin(members) & amounts["stage"].eq("pledged")]
    for article, group in wholes.groupby("article_id", sort=False):
        rows = amounts[amounts["article_id"].eq(article)].sort_values("start")
        for _, whole in group.iterrows():
            if whole["part_of"] or pd.isna(whole["value_usd"]):
                continue
            total = 0.0
            near = rows["start"].between(whole["start"] + 1, whole["start"] + NEAR)
            after = rows[near]
            for i, m in after.iterrows():
                mine = m["donor"] in members[whole["donor"]] and not m["part_of"]
                if not mine or m["stage"] not in ("pledged", "delivered", "requested"):
                    continue
                if m["restates"] or not m["value_usd"] < whole["value_usd"]:
                    continue
                total += m["value_usd"]
                if total > whole["value_usd"] * SLACK:
                    break
                part.loc[i] = f"{article}:{whole['start']}"
    return part


def shared_parts(part_of: pd.Series, commitment_ids: pd.Series) -> pd.Series:
    """Return part_of with every mention of a commitment that is a part pointing to its whole."""
    known = pd.DataFrame({"part_of": part_of, "cid": commitment_ids})
    known = known[known["part_of"].ne("") & known["cid"].ne("")]
    whole_of = known.drop_duplicates("cid").set_index("cid")["part_of"]
    filled = commitment_ids.map(whole_of).astype(object).fillna("")
    return part_of.where(part_of.ne("") | commitment_ids.eq(""), filled)
