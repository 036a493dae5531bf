"""Which mentions keep a commitment once linked, and which are context figures.

A doubted pledge that no pledge backs is a context figure; a doubted part of a context figure
goes with its whole, and one of a staged whole takes its stage (one the rules found paid stays a
delivery); a context figure that may restate a commitment keeps its id where one stands.
"""

from __future__ import annotations

import pandas as pd

from aidlens.amounts.aid_model import CHARTED, DOUBTED
from aidlens.amounts.aid_stage import NO_AID_WORD
from aidlens.amounts.clause import SEVERAL_GIVERS
from aidlens.amounts.ledger import in_aid_whole, whole_stages

PART_OF_CONTEXT = "part of a context figure"
TOO_LARGE = "too large for aid to one country"
# Context reasons that judge a figure's size or its givers, not what it is for: a commitment
# restated as a pooled sum ("the G7's $50bn") or the blocked €140bn loan charted too large is
# still that commitment. Leaving one of thirty-four sets out, linked with the staged mentions
# and kept where a commitment stands: linking F1 0.844 -> 0.849 (23 more pairs right, 2 more
# wrong); adding "total mostly for others" linked 14 more right and 14 more wrong, and estimates,
# budgets, running totals and frozen assets linked more wrong than right (BENCHMARKS.md).
RESTATING = frozenset({SEVERAL_GIVERS, TOO_LARGE})


def restating_context(amts: pd.DataFrame) -> pd.Series:
    """Return the context figures that may restate a commitment (RESTATING), parts aside."""
    return amts["stage"].eq("") & amts["reason"].isin(RESTATING) & amts["part_of"].eq("")


def keep_standing(amts: pd.DataFrame, rows: pd.Series) -> None:
    """Clear the commitment of each of `rows` whose commitment has no staged mention, in place:
    a context figure keeps only the id of a commitment the ledger holds."""
    standing = set(amts.loc[amts["stage"].ne(""), "commitment_id"])
    amts.loc[rows & ~amts["commitment_id"].isin(standing), "commitment_id"] = ""


def unbacked_to_context(amts: pd.DataFrame) -> None:
    """Make the doubted mentions that no pledge backs context figures, in place.

    One written before its commitment's pledge is still of that commitment (the request, the
    bill); so is one no pledge backs at all, when a request or a blocked plan of its commitment
    stands, so that the ledger has that commitment. Any other is no commitment.
    """
    lone, early = doubted_alone(amts), doubted_alone(amts, before=True)
    amts.loc[lone | early, "stage"] = ""
    keep_standing(amts, lone)


def parts_of_context(amts: pd.DataFrame) -> None:
    """Make the doubted parts whose whole is a context figure context figures too, in place.

    A part of a context figure is the aid (`in_aid_whole`: "$61bn for Ukraine" in a bill
    mostly for others), so it is charted alone, unless the learned check doubts it (the aid
    model marks it): then it goes with its whole. Leaving one of thirty-four sets out, judging
    them so against making them all context: aid-or-not F1 0.839 -> 0.846, stage 0.815 ->
    0.826 (BENCHMARKS.md).
    """
    doubted = amts["reason"].str.startswith(DOUBTED)
    lone = amts["part_of"].ne("") & amts["stage"].ne("") & ~in_aid_whole(amts) & doubted
    amts.loc[lone, "stage"] = ""
    amts.loc[lone, "reason"] = PART_OF_CONTEXT
    keep_standing(amts, lone)


def parts_take_their_whole(amts: pd.DataFrame, ruled: pd.Series | None = None) -> None:
    """Give each doubted part of a staged whole the whole's stage, in place: "$13.8bn for the
    USAI" in a law that passed is pledged with it. Such a part is never charted apart
    (`in_aid_whole`) and keeps no commitment; its stage is what the Ledger and the Read page
    say of it. Leaving one of thirty-four sets out: stage 0.8599 -> 0.8618 (31 parts, 5 more
    right, none less), every other figure unchanged (BENCHMARKS.md). A part the rules found
    paid (`ruled`, the stages before the doubted were cleared) stays a delivery of an aid
    whole ("the United States paid its $20bn share").
    """
    unstaged = amts["part_of"].ne("") & amts["stage"].eq("")
    doubted = amts.loc[unstaged, "reason"].str.startswith(DOUBTED)
    if not doubted.any():
        return
    whole = whole_stages(amts)[doubted.index[doubted]].fillna("")
    pick = whole.index[whole.ne("")]
    amts.loc[pick, "stage"] = whole[pick]
    amts.loc[pick, "reason"] = "part of a " + whole[pick] + " whole"
    if ruled is not None:
        paid = pick[ruled[pick].eq("delivered") & whole[pick].isin(CHARTED)]
        amts.loc[paid, "stage"] = "delivered"
        amts.loc[paid, "reason"] = "paid part of a " + whole[paid] + " whole"


def doubted_alone(amts: pd.DataFrame, before: bool = False) -> pd.Series:
    """Return the doubted mentions (no aid word, or the learned check says no) that no other
    pledge of their commitment backs: they are context figures. Parts are not among them: a
    part stands or falls with its whole, and a doubted part of a context figure is
    parts_of_context's.

    With `before`, the doubted mentions that only later pledges back: a figure
    written before its commitment was pledged is the request or the bill the pledge passed."""
    staged = amts["stage"].isin(CHARTED) & amts["part_of"].eq("")
    doubted = staged & (amts["reason"].eq(NO_AID_WORD) | amts["reason"].str.startswith(DOUBTED))
    ids = amts["commitment_id"]
    # Only a pledge backs a doubted figure: with a full delivery in its pledge's commitment, a
    # delivery backing one too charted more context figures on the tuning sets (BENCHMARKS.md).
    backers = amts[staged & ~doubted & ids.ne("") & amts["stage"].ne("delivered")]
    if not before:
        return doubted & ~ids.isin(set(backers["commitment_id"]))
    published = pd.to_datetime(amts["published"])
    first = published[backers.index].groupby(backers["commitment_id"]).min().to_dict()
    return doubted & pd.to_datetime(ids.map(first)).gt(published)
