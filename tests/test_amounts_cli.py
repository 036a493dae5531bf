"""End to end: `python -m aidlens process` writes amounts.csv with exact offsets and ids."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from tests.conftest import ROOT

ARTICLES = [
    (
        "a1",
        "2024-03-01",
        "Germany pledged 2 billion euros ($2.2 billion) in air defence for Ukraine.\n\n"
        "The package also includes €500m for demining. Officials said billions in aid would "
        "follow, and 155-millimeter shells, 15 Bradley vehicles and 4 percent of GDP in 2023.",
    ),
    ("a2", "2024-03-20", "Berlin confirmed the 2 billion euros for Kyiv on Tuesday."),
    ("a3", "2025-06-30", "Germany pledged 2 billion euros in military aid to Ukraine."),
]
HEADER = (
    "article_id,published,start,end,text,value,value_high,currency,value_usd,qualifier,vague,"
    "donor,recipient,aid_type,stage,commitment_id,sentence,reason,part_of,parent_id,reviewed"
)


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    """Return (articles by id, amounts.csv rows) after running the CLI on a small CSV."""
    folder = tmp_path_factory.mktemp("amounts")
    with open(folder / "articles.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "title", "published", "text"])
        writer.writerows((i, f"title {i}", day, text) for i, day, text in ARTICLES)
    # The data folder's rates.csv replaces the shipped 2024 euro rate.
    (folder / "rates.csv").write_text("year,currency,usd_per_unit\n2024,EUR,1.5\n", "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "aidlens", "process", str(folder / "articles.csv")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert f"wrote {folder / 'amounts.csv'}" in run.stdout
    with open(folder / "amounts.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert ",".join(reader.fieldnames or ()) == HEADER
        rows = list(reader)
    return {i: text for i, _, text in ARTICLES}, rows


def test_text_is_the_article_slice(processed):
    texts, rows = processed
    assert rows
    for row in rows:
        assert texts[row["article_id"]][int(row["start"]) : int(row["end"])] == row["text"]
        assert row["text"] in row["sentence"]


def test_amounts_found_and_negatives_skipped(processed):
    _, rows = processed
    assert [(r["article_id"], r["text"]) for r in rows] == [
        ("a1", "2 billion euros"),
        ("a1", "$2.2 billion"),
        ("a1", "€500m"),
        ("a1", "billions"),
        ("a2", "2 billion euros"),
        ("a3", "2 billion euros"),
    ]


def test_values_currency_and_usd_from_the_folder_rates(processed):
    _, rows = processed
    first = rows[0]
    assert (first["value"], first["currency"], first["published"]) == (
        "2000000000.0",
        "EUR",
        "2024-03-01",
    )
    assert float(first["value_usd"]) == pytest.approx(3e9)  # 2024,EUR,1.5 from rates.csv
    assert float(rows[1]["value_usd"]) == pytest.approx(2.2e9)


def test_vague_amount_has_no_value_and_no_commitment(processed):
    _, rows = processed
    vague = rows[3]
    assert (vague["vague"], vague["value"], vague["value_usd"], vague["commitment_id"]) == (
        "True",
        "",
        "",
        "",
    )


def test_donors_with_main_donor_filling_the_gap(processed):
    _, rows = processed
    assert [r["donor"] for r in rows] == ["Germany"] * 6  # "€500m" names no one: main donor
    assert {r["recipient"] for r in rows} == {"Ukraine"}
    assert [r["aid_type"] for r in rows][:3] == ["military", "military", "humanitarian"]


def test_commitments_within_and_across_articles(processed):
    _, rows = processed
    ids = [r["commitment_id"] for r in rows]
    # Restated in dollars, and repeated 19 days later: one commitment; a year later: another.
    assert ids[0] == ids[1] == ids[4]
    assert ids[5] not in ("", ids[0])
    assert ids[2] not in ("", ids[0])
