"""The Trends aid chart under AppTest: stage switch, filters, donors as Other, money, reviewed."""

from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pytest

from aidlens.amounts import in_aid_whole
from aidlens.analysis import OTHER, candidates_copy, money
from tests.conftest import ROOT, copy_without
from tests.test_trends_page import bars, evidence_table, open_trends


@pytest.fixture
def trends(sample_data_dir, monkeypatch):
    """Return an AppTest showing the Trends page of the processed sample corpus."""
    return open_trends(sample_data_dir, monkeypatch)


def distinct_total(amounts: pd.DataFrame, stage: str) -> float:
    """Return the US$ of the distinct commitments of one stage, counted by hand from amounts.csv."""
    rows = amounts[amounts["stage"].eq(stage) & amounts["value_usd"].notna()]
    rows = rows[rows["commitment_id"].notna() & ~in_aid_whole(amounts).loc[rows.index]]
    rows = rows.sort_values(["published", "article_id", "start"], kind="stable")
    return rows.drop_duplicates("commitment_id")["value_usd"].sum()


def captions(at) -> list[str]:
    """Return the page's captions as a reader sees them (Markdown escapes removed)."""
    return [re.sub(r"\\(.)", r"\1", c.value).replace("\u2060", "") for c in at.caption]


@pytest.mark.parametrize("stage", ["pledged", "delivered"])
def test_each_stage_is_charted_alone(trends, sample_data_dir, stage) -> None:
    amounts = pd.read_csv(sample_data_dir / "amounts.csv", parse_dates=["published"])
    trends.radio(key="trends_stage").set_value(stage).run()
    assert not trends.exception
    total = bars(trends)["usd"].sum()
    assert total == pytest.approx(distinct_total(amounts, stage))
    other = "delivered" if stage == "pledged" else "pledged"
    assert total != pytest.approx(distinct_total(amounts, stage) + distinct_total(amounts, other))


@pytest.mark.parametrize("stage", ["requested", "blocked"])
def test_requests_and_blocked_are_listed_never_charted(trends, sample_data_dir, stage) -> None:
    amounts = pd.read_csv(sample_data_dir / "amounts.csv")
    charts = len(trends.get("vega_lite_chart"))
    trends.radio(key="trends_stage").set_value(stage).run()
    assert not trends.exception
    assert len(trends.get("vega_lite_chart")) == charts - 1  # the aid chart is gone
    assert any("never charted" in c for c in captions(trends))
    listed = amounts[amounts["stage"].eq(stage) & amounts["value_usd"].notna()]
    listed = listed[listed["commitment_id"].notna() & ~in_aid_whole(amounts).loc[listed.index]]
    if len(listed):
        table = next(d.value for d in trends.dataframe if "commitment_id" in d.value.columns)
        assert set(table["stage"]) == {stage}
        assert set(table["commitment_id"]) == set(listed["commitment_id"])


def test_gold_reviews_show_in_the_caption_and_filter(tmp_path, sample_data_dir, monkeypatch):
    folder = copy_without(sample_data_dir, tmp_path / "data", candidates_copy.COPY_NAME)
    # Without reviews the page keeps the candidates as extracted; with them it must not read them.
    open_trends(folder, monkeypatch)
    assert (folder / "cache" / "dataset" / candidates_copy.COPY_NAME).is_file()
    shutil.copy(ROOT / "sample_data" / "gold" / "amount_reviews.csv", folder)
    at = open_trends(folder, monkeypatch)
    rows = bars(at)
    done, total = rows["reviewed_usd"].sum(), rows["usd"].sum()
    assert 0 < done <= total
    expected = f"{money(done)} of {money(total)} shown reviewed"
    assert any(c.startswith(expected) for c in captions(at))
    at.radio(key="trends_reviewed").set_value("reviewed").run()
    assert not at.exception, at.exception
    assert bars(at)["usd"].sum() == pytest.approx(done)
    assert bars(at)["reviewed_usd"].sum() == pytest.approx(done)


def test_money_axis_and_tooltips(trends) -> None:
    spec = json.dumps(json.loads(trends.get("vega_lite_chart")[0].proto.spec))
    assert "labelExpr" in spec and "'bn'" in spec
    assert "$.2s" not in spec  # d3's SI prefix would read $220G
    rows = bars(trends)
    # A bar sums several dates and currencies: its tooltip says how they were converted.
    assert '"title": "US$ at"' in spec and rows["rates"].str.contains("ECB reference rate").all()
    assert rows["usd_text"].tolist() == [money(u) for u in rows["usd"]]
    assert rows["usd_text"].str.fullmatch(r"\$[\d.]+(tn|bn|m|k)?").all()


def test_caption_says_how_much_is_reviewed(trends) -> None:
    total = bars(trends)["usd"].sum()
    done = bars(trends)["reviewed_usd"].sum()
    expected = f"{money(done)} of {money(total)} shown reviewed"
    assert any(c.startswith(expected) for c in captions(trends)), captions(trends)


def test_reviewed_filter_splits_the_total(trends) -> None:
    totals = {}
    for choice in ("all", "reviewed", "not reviewed"):
        trends.radio(key="trends_reviewed").set_value(choice).run()
        assert not trends.exception
        charted = len(trends.get("vega_lite_chart")) == 3
        totals[choice] = bars(trends)["usd"].sum() if charted else 0.0
    assert totals["reviewed"] + totals["not reviewed"] == pytest.approx(totals["all"])


def test_small_donors_are_other_and_can_be_expanded(trends) -> None:
    trends.number_input(key="trends_top").set_value(2).run()
    assert not trends.exception
    rows = bars(trends)
    shown = set(rows["donor"])
    assert OTHER in shown and len(shown - {OTHER}) == 2
    listed = next(c for c in captions(trends) if c.startswith(OTHER))
    others = listed.split(": ", 1)[1].rstrip(".").split(", ")
    assert len(others) >= 2 and not set(others) & shown
    # Drill into an Other bar: its sentences are those of the grouped donors.
    box = trends.selectbox(key="trends_aid_bar")
    label = next(o for o in box.options if f"· {OTHER} ·" in o)
    box.select_index(box.options.index(label)).run()
    assert not trends.exception
    evidence = evidence_table(trends)
    assert len(evidence) >= 1 and {"US$", "stage", "reason", "reviewed"} <= set(evidence.columns)
    assert evidence["US$"].str.fullmatch(r"\$[\d.]+(tn|bn|m|k)?|").all()
    total = 2 + len(others)
    trends.number_input(key="trends_top").set_value(18).run()
    expanded = set(bars(trends)["donor"])
    assert len(expanded - {OTHER}) == min(total, 18)
    assert (OTHER in expanded) == (total > 18)


def test_donor_filter_keeps_one_donor(trends) -> None:
    trends.multiselect(key="trends_donors").select("United States").run()
    assert not trends.exception
    assert set(bars(trends)["donor"]) == {"United States"}


def test_the_commitments_table_is_built_once_opened(trends, sample_data_dir) -> None:
    def table_shown() -> bool:
        return any("commitment_id" in d.value.columns for d in trends.dataframe)

    assert not table_shown()  # closed: not built
    trends.session_state["trends_commits_box"] = True
    trends.run()
    assert not trends.exception
    amounts = pd.read_csv(sample_data_dir / "amounts.csv")
    pledged = amounts[amounts["stage"].eq("pledged") & amounts["value_usd"].notna()]
    pledged = pledged[pledged["commitment_id"].notna() & pledged["part_of"].isna()]
    table = next(d.value for d in trends.dataframe if "commitment_id" in d.value.columns)
    assert set(table["commitment_id"]) == set(pledged["commitment_id"])
