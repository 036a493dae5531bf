"""End to end: `process` links commitments across articles and writes commitments.csv."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from aidlens.amounts import COMMITMENT_COLUMNS
from tests.conftest import ROOT

ARTICLES = [
    (
        "L1",
        "2024-01-05",
        "The European Commission proposed the €12 billion Danube Recovery Facility for Ukraine.",
    ),
    (
        "L2",
        "2024-09-20",
        "EU ministers adopted the €12 billion Danube Recovery Facility on Friday.",
    ),
    ("L3", "2023-01-10", "Germany pledged €300 million in demining aid to Ukraine."),
    ("L4", "2025-03-01", "Germany pledged €300 million in demining aid to Ukraine."),
    (
        "L5",
        "2024-11-15",
        "The EU disbursed €3 billion from the Danube Recovery Facility to Kyiv on Monday.",
    ),
    (
        "L6",
        "2024-06-14",
        "Leaders of the Group of Seven, meeting at their summit in southern Italy, agreed to "
        "lend Ukraine $50 billion.",
    ),
    (
        "L7",
        "2024-10-25",
        "G7 finance ministers agreed a loan package of about $50 billion for Ukraine. "
        "The United States will lend $20 billion. Canada will provide C$5 billion.",
    ),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    """Return (amounts.csv rows by article, commitments.csv header and rows) after `process`."""
    folder = tmp_path_factory.mktemp("ledger")
    with open(folder / "articles.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "title", "published", "text"])
        writer.writerows((i, i, day, text) for i, day, text in ARTICLES)
    cmd = [sys.executable, "-m", "aidlens", "process", str(folder / "articles.csv")]
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr
    assert f"wrote {folder / 'commitments.csv'}" in run.stdout
    with open(folder / "amounts.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    amounts = {r["article_id"]: r for r in rows if r["article_id"] != "L7"}
    amounts |= {f"L7:{r['start']}": r for r in rows if r["article_id"] == "L7"}
    with open(folder / "commitments.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        commitments = (list(reader.fieldnames or ()), list(reader))
    return amounts, commitments


@pytest.mark.parametrize(
    ("article", "stage", "donor"),
    [
        ("L1", "requested", "European Union"),
        ("L2", "pledged", "European Union"),
        ("L3", "pledged", "Germany"),
        ("L5", "delivered", "European Union"),
        ("L6", "pledged", "G7"),  # the summit's place is no donor
    ],
)
def test_stage_and_donor(ledger, article, stage, donor):
    amounts, _ = ledger
    assert (amounts[article]["stage"], amounts[article]["donor"]) == (stage, donor)
    assert amounts[article]["reviewed"] == "False"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("L1", "L2", True),  # the named facility, proposed then adopted eight months later
        ("L3", "L4", False),  # unnamed and small, two years apart: two pledges
        ("L2", "L5", False),  # a delivery is a commitment of its own
    ],
)
def test_linking_across_articles(ledger, a, b, same):
    amounts, _ = ledger
    assert amounts[a]["commitment_id"] and amounts[b]["commitment_id"]
    assert (amounts[a]["commitment_id"] == amounts[b]["commitment_id"]) is same


def test_a_delivery_points_to_its_pledge(ledger):
    amounts, _ = ledger
    assert amounts["L5"]["parent_id"] == amounts["L2"]["commitment_id"]
    assert amounts["L2"]["parent_id"] == ""


def test_commitments_csv(ledger):
    amounts, (header, rows) = ledger
    assert header == list(COMMITMENT_COLUMNS)
    by_id = {r["commitment_id"]: r for r in rows}
    # Parts (the members' shares of L7) are never charted, so they are no row of their own.
    wholes = {a["commitment_id"] for a in amounts.values() if not a["part_of"]}
    assert len(by_id) == len(rows) == len(wholes)
    facility = by_id[amounts["L2"]["commitment_id"]]
    # Charted at the date it was pledged; the request is one of its mentions.
    assert (facility["stage"], facility["first_date"]) == ("pledged", "2024-09-20")
    assert (facility["mentions"], facility["article_ids"]) == ("2", "L1;L2")
    assert facility["instrument"] == "Danube Recovery Facility"
    assert (facility["value"], facility["currency"]) == ("12000000000.0", "EUR")
    delivery = by_id[amounts["L5"]["commitment_id"]]
    assert (delivery["stage"], delivery["parent_id"]) == ("delivered", facility["commitment_id"])
    assert all(r["reviewed"] == "False" for r in rows)


def test_members_shares_of_a_group_pledge_are_its_parts(ledger):
    amounts, (_, rows) = ledger
    text = ARTICLES[-1][2]
    whole = f"L7:{text.index('about $50 billion')}"
    assert amounts[whole]["stage"] == "pledged" and amounts[whole]["part_of"] == ""
    ids = {r["commitment_id"] for r in rows}
    for share in ("$20 billion", "C$5 billion"):
        assert amounts[f"L7:{text.index(share)}"]["part_of"] == whole
        assert amounts[f"L7:{text.index(share)}"]["commitment_id"] not in ids
