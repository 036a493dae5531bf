"""The Trends page under AppTest on the processed sample corpus: charts, drill-down, sizes."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def open_trends(data_dir, monkeypatch) -> AppTest:
    """Return an AppTest showing the Trends page of a processed data folder."""
    monkeypatch.setenv("AIDLENS_DATA", str(data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("app_pages/trends.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def trends(sample_data_dir, monkeypatch) -> AppTest:
    """Return an AppTest showing the Trends page of the processed sample corpus."""
    return open_trends(sample_data_dir, monkeypatch)


def chart_rows(at) -> list[int]:
    """Return, for each chart on the page, how many data rows it ships to the browser."""
    sizes = []
    for chart in at.get("vega_lite_chart"):
        inline = json.loads(chart.proto.spec).get("datasets", {})
        rows = sum(len(v) for v in inline.values())
        rows += sum(
            len(dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data))
            for d in chart.proto.datasets
        )
        sizes.append(rows)
    return sizes


def chart_frames(at) -> list[pd.DataFrame]:
    """Return the data frames of the first chart on the page (the aid chart: bars, line)."""
    chart = at.get("vega_lite_chart")[0]
    inline = [pd.DataFrame(v) for v in json.loads(chart.proto.spec).get("datasets", {}).values()]
    return inline + [
        dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets
    ]


def bars(at) -> pd.DataFrame:
    """Return the rows of the aid chart's bars."""
    return next(f for f in chart_frames(at) if "donor" in f.columns)


def evidence_table(at) -> pd.DataFrame:
    """Return the table listing the articles and sentences behind the picked mark."""
    return next(d.value for d in at.dataframe if "sentence" in d.value.columns)


def test_three_charts_draw_from_aggregated_rows(trends, sample_data_dir) -> None:
    sizes = chart_rows(trends)
    assert len(sizes) == 3  # aid bars + cumulative, mentions, top per label
    amounts = pd.read_csv(sample_data_dir / "amounts.csv")
    entities = pd.read_csv(sample_data_dir / "entities.csv")
    months = pd.to_datetime(amounts["published"]).dt.to_period("M")
    bars_max = months.nunique() * amounts["donor"].nunique()
    assert 0 < sizes[0] <= bars_max + months.nunique()  # bars plus one cumulative row a month
    assert sizes[0] < len(amounts)
    assert 0 < sizes[1] < len(entities) and 0 < sizes[2] <= 3 * 8


def test_picking_a_bar_lists_articles_and_sentences(trends) -> None:
    box = trends.selectbox(key="trends_aid_bar")
    label = next(o for o in box.options if "United States" in o)
    trends.selectbox(key="trends_aid_bar").select_index(box.options.index(label)).run()
    assert not trends.exception
    evidence = evidence_table(trends)
    assert len(evidence) >= 1
    assert evidence["open"].str.startswith("/?article=A").all()
    assert evidence["sentence"].str.len().gt(20).all()
    assert any("Behind" in m.value and "United States" in m.value for m in trends.markdown)
    # Each figure says which rate and date gave its US$: dollars need none.
    rates = evidence["US$ rate"]
    converted = rates.str.fullmatch(
        r"1 [A-Z]{3} = [\d.]+ US\$, (ECB reference rate|AidLens .+) of \d{4}.*"
    )
    assert (rates.eq("US dollars") | converted).all(), rates.tolist()


def test_all_mentions_count_more_than_distinct(trends) -> None:
    distinct = bars(trends)["usd"].sum()
    trends.radio(key="trends_count").set_value("all mentions").run()
    assert not trends.exception
    assert bars(trends)["usd"].sum() >= distinct


def test_mentions_drill_down_and_share(trends) -> None:
    picked = trends.multiselect(key="trends_entities").value
    assert len(picked) == 5  # the five most mentioned by default
    trends.radio(key="trends_share").set_value("share of articles").run()
    trends.radio(key="trends_freq").set_value("week").run()
    box = trends.selectbox(key="trends_mention_point")
    box.select_index(0).run()
    rows = evidence_table(trends)
    assert len(rows) >= 1 and rows["open"].str.startswith("/?article=").all()
