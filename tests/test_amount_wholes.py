"""A part is left out of the chart only when its whole is aid itself, in every view that counts.

The issue's "includes about $61 billion for Ukraine" points to a $95bn bill mostly for others
with part_of: the bill is a context figure, so the $61bn is the aid and counts. The same part
of a pledged or requested whole is never summed with it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from aidlens.amounts import commitment_rows, in_aid_whole
from aidlens.analysis import AidFilter, charted, counted_amounts, is_charted

# key, stage, part_of, commitment_id, counted (charted, and a row of the ledger)
ROWS = [
    ("a:10", "", "", "", False),  # a $95bn bill mostly for others: a context figure
    ("a:40", "pledged", "a:10", "us-61", True),  # Ukraine's $61bn in it: the aid
    ("a:80", "pledged", "", "eu-50", True),  # the €50bn Facility, pledged
    ("a:120", "pledged", "a:80", "eu-33", False),  # its €33bn of loans: a part
    ("a:160", "requested", "", "eu-9", False),  # a request
    ("a:200", "pledged", "a:160", "eu-3", False),  # a part of the request stays out too
    ("a:240", "pledged", "b:5", "x-1", False),  # its whole is in no row: it stays out
    ("b:300", "delivered", "a:10", "us-61", True),  # a delivery of the bill's Ukraine money
]


def frame() -> pd.DataFrame:
    """Return the rows as the amounts table has them."""
    keys = [r[0].split(":") for r in ROWS]
    return pd.DataFrame(
        {
            "article_id": [a for a, _ in keys],
            "start": [int(s) for _, s in keys],
            "end": [int(s) + 5 for _, s in keys],
            "published": pd.Timestamp("2024-04-24"),
            "stage": [r[1] for r in ROWS],
            "part_of": [r[2] for r in ROWS],
            "commitment_id": [r[3] for r in ROWS],
            "donor": "United States",
            "recipient": "Ukraine",
            "aid_type": "military",
            "value": 1e9,
            "currency": "USD",
            "value_usd": 1e9,
        }
    )


EXPECTED = [r[4] for r in ROWS]


def test_a_part_is_in_an_aid_whole_only_when_its_whole_has_a_stage() -> None:
    parts = in_aid_whole(frame()).tolist()
    assert parts == [False, False, False, True, False, True, True, False]


@pytest.mark.parametrize("rule", [is_charted, charted], ids=["scorer", "ledger"])
def test_scorer_and_ledger_chart_the_same_mentions(rule) -> None:
    assert rule(frame()).tolist() == EXPECTED


def test_trends_count_the_part_of_a_context_figure_once() -> None:
    counted = counted_amounts(frame(), AidFilter(distinct=False))
    keys = (counted["article_id"] + ":" + counted["start"].astype(str)).tolist()
    assert sorted(keys) == ["a:40", "a:80", "b:300"]
    distinct = counted_amounts(frame(), AidFilter())
    assert sorted(distinct["commitment_id"]) == ["eu-50", "us-61"]


def test_the_ledger_has_a_row_for_the_part_of_a_context_figure() -> None:
    rows = commitment_rows(frame()).set_index("commitment_id")
    assert {"us-61", "eu-50", "eu-9"} <= set(rows.index)
    assert not {"eu-33", "eu-3", "x-1"} & set(rows.index)
    assert rows.at["us-61", "mentions"] == 2


def test_no_part_of_anywhere_leaves_every_row_out_of_wholes() -> None:
    assert not in_aid_whole(frame().assign(part_of="")).any()
    assert not in_aid_whole(frame().drop(columns="part_of")).any()


def test_a_commitment_takes_the_latest_stage_its_mentions_write() -> None:
    # A blocked plan, then a context figure restating it (no stage): the ledger says blocked.
    rows = frame().iloc[[4, 4, 4]].reset_index(drop=True)
    rows["start"] = [160, 300, 400]
    rows["published"] = pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"])
    rows["stage"] = ["requested", "blocked", ""]
    ledger = commitment_rows(rows).set_index("commitment_id")
    assert (ledger.at["eu-9", "stage"], ledger.at["eu-9", "mentions"]) == ("blocked", 3)
