"""The amount scorer on a tiny hand-made gold, the gold file's checks, and `evaluate --amounts`."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pandas as pd
import pytest

from aidlens.analysis.amount_scores import GOLD_COLUMNS, read_gold_amounts, score_amounts
from aidlens.errors import InputError
from tests.conftest import ROOT

TEXTS = {"a": "x" * 400, "b": "y" * 400}
PUBLISHED = pd.Series(pd.to_datetime(["2024-01-10", "2024-03-01"]), index=["a", "b"])
RATES = pd.DataFrame({"year": [2024], "currency": ["EUR"], "usd_per_unit": [1.1]})

# article, start, end, stage, donor, value, currency, part_of, commitment_id
GOLD = [
    ("a", 10, 20, "pledged", "Germany", 1e9, "EUR", "", "de-1"),  # found, donor right
    ("a", 30, 40, "pledged", "France", 2e9, "USD", "", "fr-1"),  # found as not aid
    ("a", 50, 60, "", "", 5e11, "USD", "", ""),  # a budget: not aid, extracted as not aid
    ("a", 70, 80, "pledged", "Germany", 4e8, "EUR", "a:10", "de-1-part"),  # a part
    ("b", 5, 15, "pledged", "Germany", 1e9, "EUR", "", "de-1"),  # a restatement of de-1
    ("b", 100, 110, "delivered", "Japan", 3e8, "USD", "", "jp-1"),  # missed by extraction
]
# article, start, end, stage, donor, value, currency, part_of, commitment_id, value_usd
EXTRACTED = [
    ("a", 12, 22, "pledged", "Germany", 1e9, "EUR", "", "C1", 1.1e9),
    ("a", 30, 40, "", "France", 2e9, "USD", "", "", 2e9),
    ("a", 50, 60, "", "", 5e11, "USD", "", "", 5e11),
    ("a", 70, 80, "pledged", "Germany", 4e8, "EUR", "", "C2", 4.4e8),  # the part charted: FP
    ("b", 5, 15, "delivered", "Poland", 1e9, "EUR", "", "C1", 1.1e9),  # wrong donor and stage
    ("b", 200, 210, "pledged", "Italy", 9e9, "USD", "", "C3", 9e9),  # not in gold: FP
]


def gold_frame() -> pd.DataFrame:
    """Return the hand-made gold as read_gold_amounts returns it."""
    cols = ["article_id", "start", "end", "stage", "donor", "value", "currency"]
    out = pd.DataFrame(GOLD, columns=[*cols, "part_of", "commitment_id"])
    return out.assign(text="", reason="", recipient="", aid_type="", annotator="g", updated_at="")


def extracted_frame() -> pd.DataFrame:
    """Return the hand-made extraction with the amounts table's columns the scorer reads."""
    cols = ["article_id", "start", "end", "stage", "donor", "value", "currency", "part_of"]
    out = pd.DataFrame(EXTRACTED, columns=[*cols, "commitment_id", "value_usd"])
    return out.assign(published=out["article_id"].map(PUBLISHED))


@pytest.fixture(scope="module")
def scores() -> dict:
    return score_amounts(gold_frame(), extracted_frame(), PUBLISHED, RATES)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("mentions", "gold"), 6),
        (("mentions", "extracted"), 6),
        (("mentions", "matched"), 5),
        # Gold aid (no part): de-1, fr-1, de-1 in b, jp-1 = 4; extracted aid: C1, C2, C1 b, C3 = 4.
        (("aid", "tp"), 2),
        (("aid", "fp"), 2),
        (("aid", "fn"), 2),
        (("aid", "p"), 0.5),
        (("aid", "r"), 0.5),
        (("aid", "f"), 0.5),
        (("donor", "of"), 3),  # gold aid found: a:10, a:30, b:5
        (("donor", "right"), 2),  # France is right even as not aid; Poland is wrong
        (("stage", "right"), 1),
        # Gold linked pairs among matched: (a:10, b:5). Extracted: (a:12, b:5). One, right.
        (("linking", "tp"), 1),
        (("linking", "fp"), 0),
        (("linking", "fn"), 0),
        (("linking", "f"), 1.0),
        # Pledged, no part, each commitment once at its first mention: C1 1.1bn, C2 0.44bn
        # (the extraction missed that it is a part), C3 9bn.
        (("pledged_total", "extracted_usd"), 10.54e9),
        # Gold: de-1 at 1.1 (EUR 1bn) + fr-1 2bn.
        (("pledged_total", "gold_usd"), 3.1e9),
    ],
)
def test_scores_on_a_hand_made_gold(scores, path, expected):
    section, key = path
    assert scores[section][key] == pytest.approx(expected)


def test_pledged_total_ratio(scores):
    assert scores["pledged_total"]["ratio"] == pytest.approx(10.54 / 3.1)


def write_gold(path, rows: list[dict], header=GOLD_COLUMNS) -> None:
    """Write a gold file with `header`, each row filled from a good default."""
    good = {
        "article_id": "a",
        "start": "10",
        "end": "20",
        "stage": "pledged",
        "value": "1000000000",
        "currency": "EUR",
    }
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(header), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(good | r for r in rows)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"article_id": "zz"}, "row 2, column 'article_id': article 'zz' is not in articles.csv"),
        ({"start": "30", "end": "20"}, "row 2, column 'start': '30'-'20' is not a span"),
        ({"end": "900"}, "row 2, column 'end': end 900 is past the article's 400 characters"),
        ({"stage": "promised"}, "row 2, column 'stage': stage 'promised' is not one of"),
        ({"value": "-5"}, "row 2, column 'value': value '-5' is not a number"),
        ({"value": "lots"}, "row 2, column 'value': value 'lots' is not a number"),
    ],
)
def test_bad_gold_rows_are_named(tmp_path, row, message):
    path = tmp_path / "gold.csv"
    write_gold(path, [row])
    with pytest.raises(InputError) as err:
        read_gold_amounts(path, TEXTS)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_gold_without_a_column_is_refused(tmp_path):
    path = tmp_path / "gold.csv"
    write_gold(path, [{}], header=[c for c in GOLD_COLUMNS if c != "part_of"])
    with pytest.raises(InputError, match="lacks the column"):
        read_gold_amounts(path, TEXTS)


def test_gold_files_shipped_read_as_they_are():
    for folder in ("sample_data", "dev_data"):
        with open(ROOT / folder / "articles.csv", encoding="utf-8", newline="") as fh:
            texts = {r["id"]: r["text"] for r in csv.DictReader(fh)}
        gold = read_gold_amounts(ROOT / folder / "gold" / "amount_reviews.csv", texts)
        assert len(gold) > 100
        for row in gold.itertuples():
            assert texts[row.article_id][row.start : row.end] == row.text


ARTICLES = [
    ("g1", "2024-02-01", "Germany pledged €2 billion in military aid to Ukraine on Monday."),
    ("g2", "2024-02-03", "The budget of Ruritania is $500 billion, officials said."),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Return a data folder with two articles and a gold amount_reviews.csv of both."""
    path = tmp_path_factory.mktemp("scores")
    with open(path / "articles.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "title", "published", "text"])
        writer.writerows((i, i, d, t) for i, d, t in ARTICLES)
    rows = [
        {
            "article_id": "g1",
            "start": "16",
            "end": "26",
            "donor": "Germany",
            "value": "2000000000",
            "commitment_id": "de",
        },
        {"article_id": "g2", "start": "27", "end": "39", "stage": "", "reason": "budget"},
    ]
    write_gold(path / "amount_reviews.csv", rows)
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Run `python -m aidlens` with `args`."""
    cmd = [sys.executable, "-m", "aidlens", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_evaluate_amounts_json_shape(folder):
    run = run_cli("evaluate", "--amounts", "--json", "--data", str(folder))
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert set(result) == {"mentions", "aid", "donor", "stage", "linking", "pledged_total"}
    assert result["mentions"] == {"gold": 2, "extracted": 2, "matched": 2}
    assert set(result["aid"]) == {"p", "r", "f", "tp", "fp", "fn"}
    assert result["aid"]["f"] == 1.0
    assert result["donor"]["accuracy"] == 1.0
    assert set(result["pledged_total"]) == {"extracted_usd", "gold_usd", "ratio"}
    assert result["pledged_total"]["ratio"] == pytest.approx(1.0)


def test_evaluate_amounts_bad_gold_exits_2_and_writes_nothing(folder, tmp_path):
    bad = tmp_path / "bad.csv"
    write_gold(bad, [{"article_id": "g1", "stage": "maybe"}, {"article_id": "nope"}])
    before = sorted(p.name for p in folder.iterdir())
    run = run_cli("evaluate", "--amounts", "--gold", str(bad), "--data", str(folder))
    assert run.returncode == 2
    assert run.stderr.startswith("error: ")
    assert "row 2, column 'stage'" in run.stderr and "row 3, column 'article_id'" in run.stderr
    assert "Traceback" not in run.stderr
    assert sorted(p.name for p in folder.iterdir()) == before


def test_evaluate_gold_without_amounts_is_refused(folder):
    run = run_cli("evaluate", "--gold", "x.csv", "--data", str(folder))
    assert run.returncode == 2
    assert "add --amounts" in run.stderr
