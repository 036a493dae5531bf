"""One member's share of a group's commitment: "The United States will lend $20 billion" after
"the G7 agreed a loan package of about $50 billion" in the same article.

A mention is a member's share of a group's pledged whole when, in the same article and after
it (within NEAR characters), its donor is a member of the whole's group (data/groups.csv), its
US$ value is smaller, and the shares so far add up to no more than the whole (with some slack).
A member gives one share: its next figure ("on top of the £3bn a year it promised") is its
own aid (leaving one of thirty-four sets out, aid-or-not F1 0.858 -> 0.860).
A mention that shares a commitment with a share is a share of the same whole too (the United
Kingdom's £2.26bn signed months later is still its part of the G7 loans).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from aidlens.amounts.ledger import CHARTED

GROUPS = Path(__file__).with_name("data") / "groups.csv"
SLACK = 1.1  # shares are rounded and converted at other days' rates
NEAR = 800  # characters: the shares follow the whole within a few sentences
SHARE_WORDS = re.compile(r"(?i)\b(?:share|part|portion|contribution|lend|lends|lent|loan)\b")


@lru_cache(maxsize=1)
def group_members() -> dict[str, frozenset[str]]:
    """Return group -> its members, from data/groups.csv."""
    with open(GROUPS, encoding="utf-8", newline="") as fh:
        rows = [(r["group"].strip(), r["member"].strip()) for r in csv.DictReader(fh)]
    return {g: frozenset(m for gg, m in rows if gg == g) for g, _ in rows}


_FIELDS = ("article_id", "start", "donor", "stage", "part_of", "value_usd", "restates", "sentence")


def member_shares(amounts: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Return (part_of, tranche_of) with members' shares of a group's pledged whole filled in:
    a share pledged or asked is a part, a share paid a delivery out of the whole (its own
    commitment, whose parent is the whole, as the Kiel Tracker keeps disbursements)."""
    members = group_members()
    is_whole = amounts["donor"].isin(members) & amounts["stage"].eq("pledged")
    # Plain tuples per article, and one write at the end: pandas calls per whole or per share
    # cost milliseconds, and a corpus of 100,000 articles holds tens of thousands of wholes.
    rows = amounts[amounts["article_id"].isin(set(amounts.loc[is_whole, "article_id"]))]
    rows = rows.sort_values(["article_id", "start"], kind="stable")
    by_article: dict[str, list[tuple]] = {}
    for rec in zip(rows.index, *(rows[f].tolist() for f in _FIELDS), strict=True):
        by_article.setdefault(rec[1], []).append(rec)
    wholes = amounts[is_whole]
    found: dict = {}
    for rec in zip(*(wholes[f].tolist() for f in _FIELDS[:6]), strict=True):
        article, start, donor, _, whole_part, usd = rec
        if whole_part or pd.isna(usd):
            continue
        after = [r for r in by_article[article] if start < r[2] <= start + NEAR]
        for j in _shares(usd, donor, after, members[donor]):
            found[j] = f"{article}:{start}"
    return _filled(amounts, "part_of", found, False), _filled(amounts, "tranche_of", found, True)


def _filled(amounts: pd.DataFrame, column: str, found: dict, delivered: bool) -> pd.Series:
    """Return the column with the found wholes written in, for deliveries or for the others."""
    out = amounts[column].astype(object).copy()
    mine = [i for i in found if (amounts.at[i, "stage"] == "delivered") == delivered]
    if mine:
        out.loc[mine] = [found[i] for i in mine]
    return out.astype(amounts[column].dtype)


def _shares(whole_usd: float, group: str, after: list[tuple], members: frozenset[str]) -> list:
    """Return the index of the mentions after a group's whole that are its members' shares.

    `after` holds (index, *_FIELDS) tuples. The first share says so (a share word, the group's
    name, a list of members); the members' amounts right after it follow the list ("The US will
    lend $20bn. Canada will provide C$5bn.").
    """
    out: list = []
    total, chained = 0.0, False
    sharing: set[str] = set()  # a member gives one share: its next figure is its own aid
    for i, _, _, donor, stage, part_of, usd, restates, sentence in after:
        mine = donor in members and not part_of and donor not in sharing
        if not mine or stage not in ("pledged", "delivered", "requested"):
            chained = False
            continue
        if restates or not usd < whole_usd:
            continue
        listed = {r[3] for r in after if r[8] == sentence and r[3] in members}
        if not (chained or len(listed) > 1 or _says_share(sentence, group)):
            continue  # "Japan will provide $4.5bn this year": its own aid, not a share
        total += usd
        if total > whole_usd * SLACK:
            break
        out.append(i)
        sharing.add(donor)
        chained = True
    return out


def _says_share(sentence: str, group: str) -> bool:
    """Return whether a sentence presents its amount as a share: it names the group, a share
    word, or lends (the members of a group's pledge lend their shares). A sentence listing
    several members' amounts is a list of shares too (checked by the caller)."""
    return bool(SHARE_WORDS.search(sentence)) or group in sentence


def shared_parts(amounts: pd.DataFrame) -> pd.Series:
    """Return part_of with every mention of a commitment that is a part pointing to its whole,
    when the whole was published no later than the mention (a law of March 2022 is no part of
    a bill of 2024 that restates it), and is not a request or a blocked plan while the mention
    is pledged or delivered (leaving one of thirty-four sets out, 4 mentions right, 1 wrong)."""
    part_of, commitment_ids = amounts["part_of"], amounts["commitment_id"]
    known = pd.DataFrame({"part_of": part_of, "cid": commitment_ids})
    known = known[known["part_of"].ne("") & known["cid"].ne("")]
    whole_of = known.drop_duplicates("cid").set_index("cid")["part_of"]
    filled = commitment_ids.map(whole_of).astype(object).fillna("")
    if not filled.ne("").any():
        return part_of
    day_of = amounts.drop_duplicates("article_id").set_index("article_id")["published"]
    whole_day = filled.str.split(":").str[0].map(day_of)
    later = whole_day.notna() & (whole_day > amounts["published"])
    # A request's part passed is no part of the request: "the $61bn enacted in April" is not
    # inside the $106bn the White House asked for.
    wholes = filled[filled.ne("")].str.rpartition(":")[0]
    holders = amounts[amounts["article_id"].isin(set(wholes))]
    keys = holders["article_id"].astype(str) + ":" + holders["start"].astype(str)
    whole_stage = filled.map(dict(zip(keys, holders["stage"], strict=True))).fillna("")
    asked = whole_stage.isin(("requested", "blocked")) & amounts["stage"].isin(CHARTED)
    filled = filled.where(~later & ~asked & amounts["stage"].ne("delivered"), "")
    return part_of.where(part_of.ne("") | commitment_ids.eq(""), filled)
