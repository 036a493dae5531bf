"""`review-amount`, `export --ledger` and `process` with amount reviews, on a processed sample."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from aidlens import cli
from aidlens.annotations.amount_reviews import REVIEWS_CSV
from tests.store_helpers import ROOT, folder_hash

GOLD = ROOT / "sample_data" / "gold" / REVIEWS_CSV
# The sample's first amount: "up to $350 million", extracted as pledged by the United States.
AMOUNT = ["--article", "A001", "--start", "28", "--end", "46"]


@pytest.fixture
def data(tmp_path, sample_data_dir):
    dest = tmp_path / "data"
    shutil.copytree(sample_data_dir, dest)
    return dest


def run(*args: object) -> int:
    return cli.main([str(a) for a in args])


def saved(folder) -> dict[tuple[str, int, int], dict[str, str]]:
    """Return the rows of amount_reviews.csv by key."""
    with open(folder / REVIEWS_CSV, encoding="utf-8", newline="") as fh:
        return {(r["article_id"], int(r["start"]), int(r["end"])): r for r in csv.DictReader(fh)}


CHANGES = [
    (["--not-aid", "a running total"], dict(stage="", reason="a running total", commitment_id="")),
    (["--stage", "requested", "--reason", "awaits a vote"], dict(stage="requested")),
    (["--donor", "Germany"], dict(donor="Germany", stage="pledged")),
    (["--recipient", "Moldova"], dict(recipient="Moldova")),
    (["--aid-type", "humanitarian"], dict(aid_type="humanitarian")),
    (["--value", "400000000", "--currency", "eur"], dict(value="400000000", currency="EUR")),
    (["--part-of", "646"], dict(part_of="A001:646")),
    (["--commitment", "us-pda-1"], dict(commitment_id="us-pda-1")),
    (["--commitment", "new"], dict(commitment_id="A001:28")),
    (["--confirm"], dict(stage="pledged", donor="United States", value="350000000")),
]


@pytest.mark.parametrize(("option", "expect"), CHANGES, ids=[c[0][0] for c in CHANGES])
def test_review_amount_saves_one_change(data, capsys, option, expect) -> None:
    assert run("review-amount", "--data", data, *AMOUNT, *option, "--annotator", "ana") == 0
    row = saved(data)[("A001", 28, 46)]
    for col, value in expect.items():
        assert row[col] == value, col
    assert (row["annotator"], row["revision"], row["text"]) == ("ana", "1", "up to $350 million")
    assert "saved revision 1" in capsys.readouterr().out


REFUSALS = [
    (["--stage", "maybe"], "stage 'maybe'"),
    (["--value", "-5", "--currency", "USD"], "value '-5'"),
    (["--value", "lots"], "value 'lots'"),
    (["--value", "5", "--currency", "ZZZ"], "currency 'ZZZ'"),
    (["--part-of", "28"], "part_of 'A001:28' points to the mention itself"),
    (["--currency", "EUR", "--confirm"], "--currency goes with --value"),
    (["--reason", "x", "--confirm"], "--reason goes with --stage"),
    (["--commitment", " "], "--commitment '' is empty"),
]


@pytest.mark.parametrize(("option", "message"), REFUSALS, ids=[r[1][:20] for r in REFUSALS])
def test_bad_input_exits_2_and_changes_nothing(data, capsys, option, message) -> None:
    before = folder_hash(data)
    assert run("review-amount", "--data", data, *AMOUNT, *option, "--annotator", "ana") == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert folder_hash(data) == before


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (["--article", "A001", "--start", "0", "--end", "5"], "'The U' (article 'A001' at 0-5)"),
        (["--article", "NOPE", "--start", "0", "--end", "5"], "unknown article 'NOPE'"),
        (["--article", "A001", "--start", "46", "--end", "28"], "46-28 is not a span"),
    ],
)
def test_a_span_that_is_not_an_amount_is_refused(data, capsys, where, message) -> None:
    before = folder_hash(data)
    assert run("review-amount", "--data", data, *where, "--confirm", "--annotator", "ana") == 2
    assert message in capsys.readouterr().err
    assert folder_hash(data) == before


def test_an_empty_annotator_and_bad_rows_are_refused(data, capsys) -> None:
    before = folder_hash(data)
    assert run("review-amount", "--data", data, *AMOUNT, "--confirm", "--annotator", " ") == 2
    assert "no annotator name" in capsys.readouterr().err
    shutil.copy(GOLD, data / REVIEWS_CSV)
    with open(data / REVIEWS_CSV, "a", encoding="utf-8") as fh:
        fh.write("A001,28,46,up to $350 million,maybe,r,US,Ukraine,1,USD,military,,c,g,t\n")
    before = folder_hash(data)
    assert run("review-amount", "--data", data, *AMOUNT, "--confirm", "--annotator", "ana") == 2
    err = capsys.readouterr().err
    assert "row 233, column 'stage'" in err and "fix or delete the rows" in err
    assert folder_hash(data) == before


@pytest.mark.parametrize(
    "args",
    [
        ["--confirm", "--stage", "pledged"],  # two changes at once
        [],  # no change
        ["--confirm", "--annotator"],
    ],
)
def test_usage_errors_exit_2(data, args) -> None:
    before = folder_hash(data)
    with pytest.raises(SystemExit) as caught:
        run("review-amount", "--data", data, *AMOUNT, *args, "--annotator", "ana")
    assert caught.value.code == 2
    assert folder_hash(data) == before


def read_ledger(path) -> pd.DataFrame:
    """Return a ledger CSV as strings."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_export_ledger_writes_reviewed_commitments(data, tmp_path, capsys) -> None:
    out = tmp_path / "ledger.csv"
    assert run("export", "--data", data, "--ledger", "--out", out) == 0
    assert read_ledger(out).empty and "0 reviewed commitment(s)" in capsys.readouterr().out
    assert run("export", "--data", data, "--ledger", "--all", "--out", out) == 0
    every = read_ledger(out)
    assert len(every) > 10 and set(every["reviewed"]) == {"False"}
    assert (
        run("review-amount", "--data", data, *AMOUNT, "--donor", "Germany", "--annotator", "a") == 0
    )
    assert run("export", "--data", data, "--ledger", "--out", out) == 0
    [row] = read_ledger(out).to_dict("records")
    assert (row["donor"], row["value"], row["currency"], row["reviewed"]) == (
        "Germany",
        "350000000",
        "USD",
        "True",
    )
    assert row["first_date"] == "2022-02-26" and row["sources"].startswith("https://example.org/")
    shutil.copy(GOLD, data / REVIEWS_CSV)
    assert run("export", "--data", data, "--ledger", "--out", out) == 0
    ledger = read_ledger(out)
    assert ledger["commitment_id"].is_unique and "eu-ukraine-facility" in set(
        ledger["commitment_id"]
    )


def test_export_ledger_refuses_gold_set_options(data, tmp_path, capsys) -> None:
    out = tmp_path / "ledger.csv"
    assert run("export", "--data", data, "--ledger", "--raw", "--out", out) == 2
    assert run("export", "--data", data, "--format", "csv", "--all", "--out", out) == 2
    assert not out.exists()
    with pytest.raises(SystemExit):
        run("export", "--data", data, "--ledger", "--format", "csv", "--out", out)


def test_process_writes_reviewed_values_into_amounts_csv(data) -> None:
    assert (
        run("review-amount", "--data", data, *AMOUNT, "--not-aid", "a total", "--annotator", "a")
        == 0
    )
    assert run("process", data / "articles.csv") == 0
    amounts = pd.read_csv(data / "amounts.csv", dtype=str, keep_default_na=False)
    row = amounts[amounts["article_id"].eq("A001") & amounts["start"].eq("28")].iloc[0]
    assert (row["stage"], row["reason"], row["reviewed"]) == ("", "a total", "True")
    assert list(amounts.columns)[-4:] == ["reason", "part_of", "parent_id", "reviewed"]


def app_with_gold(data, monkeypatch) -> AppTest:
    """Return an AppTest of the app on the folder, with the sample's gold amount reviews."""
    shutil.copy(GOLD, data / REVIEWS_CSV)
    monkeypatch.setenv("AIDLENS_DATA", str(data))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)


def test_the_app_charts_reviewed_values(data, monkeypatch) -> None:
    at = app_with_gold(data, monkeypatch).run()
    at.switch_page("app_pages/trends.py")
    at.session_state["trends_commits_box"] = True  # the commitments table, opened
    at.run()
    assert not at.exception, at.exception
    ids = {c for d in at.dataframe for c in d.value.get("commitment_id", pd.Series()).tolist()}
    assert "eu-ukraine-facility" in ids  # the gold's commitment ids, not the extractor's


def test_the_read_page_marks_reviewed_bounds(data, monkeypatch) -> None:
    at = app_with_gold(data, monkeypatch)
    at.query_params["article"] = "A034"
    at.run()
    assert not at.exception, at.exception
    html = next(h.proto.body for h in at.get("html") if "aidlens-article" in h.proto.body)
    # The analyst's "no less than £3bn" replaces the extracted "less than £3bn".
    assert "donor: United Kingdom · aid type: military · stage: pledged" in html
    assert 'line-height:2.2;">no less than £3bn<span' in html
    assert 'line-height:2.2;">less than £3bn<span' not in html
