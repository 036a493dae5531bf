"""The Read page under Streamlit's AppTest, on a real processed data folder."""

from __future__ import annotations

import re
import shutil
from html import escape as html_escape
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from aidlens.annotations import AmountReview, AmountReviewStore
from aidlens.corpus import load_corpus
from tests.conftest import ROOT
from tests.test_annotate_page import shown as md_shown


@pytest.fixture
def app(small_data_dir, monkeypatch):
    """Return an AppTest of the app on the small processed corpus (not yet run)."""
    monkeypatch.setenv("AIDLENS_DATA", str(small_data_dir))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def bodies(at) -> list[str]:
    """Return the HTML given to st.html on the page."""
    return [h.proto.body for h in at.get("html")]


def article_html(at) -> str:
    return next(b for b in bodies(at) if "aidlens-article" in b)


def test_opens_newest_article_first(app) -> None:
    at = app.run()
    assert not at.exception
    assert "**4** of 4 articles match" in [m.value for m in at.markdown]
    assert at.selectbox[0].value == "s4"  # newest first
    assert at.query_params["article"] == "s4"


def test_pick_an_article(app) -> None:
    at = app.run()
    at.selectbox[0].set_value("s1").run()
    assert md_shown(at.subheader[0].value) == "US approves new package for Kyiv"
    assert "Antony Blinken" in article_html(at)
    assert at.query_params["article"] == "s1"


def test_open_by_query_parameter(app) -> None:
    app.query_params["article"] = "s3"
    at = app.run()
    assert md_shown(at.subheader[0].value) == "UK aid for winter"
    assert "Rishi Sunak" in article_html(at)


def test_filter_by_label(app) -> None:
    app.query_params["article"] = "s1"
    at = app.run()
    assert 'class="entity"' in article_html(at)
    at.multiselect(key="read_labels").set_value(["GPE"]).run()
    html = article_html(at)
    assert ">GPE</span>" in html
    assert ">PERSON</span>" not in html and ">MONEY</span>" not in html
    table = at.dataframe[1].value  # [0] is the article list
    assert set(table["label"]) == {"GPE"}


def test_filter_by_canonical_entity(app) -> None:
    at = app.run()
    at.multiselect(key="read_mentions").set_value(["United Kingdom"]).run()
    assert "**1** of 4 articles match" in [m.value for m in at.markdown]
    assert at.selectbox[0].options == ["UK aid for winter (s3)"]


def test_filter_by_text_and_source(app) -> None:
    at = app.run()
    at.text_input(key="read_query").set_value("iris-t").run()
    assert "**1** of 4 articles match" in [m.value for m in at.markdown]
    at.text_input(key="read_query").set_value("").run()
    at.multiselect(key="read_sources").set_value(["Capital Desk", "AidLens Wire"]).run()
    assert "**2** of 4 articles match" in [m.value for m in at.markdown]


def test_broken_corpus_shows_error_and_keeps_last_good(small_data_dir, tmp_path, monkeypatch):
    import shutil

    data = tmp_path / "d"
    shutil.copytree(small_data_dir, data)
    monkeypatch.setenv("AIDLENS_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.error
    (data / "articles.csv").write_text("id,title\n1,x\n", encoding="utf-8")
    at.run()
    assert "missing required column(s) published, text" in md_shown(at.error[0].value)
    assert "last good version" in at.error[0].value
    assert at.subheader  # still showing an article from the last good corpus
    assert not at.exception


def test_missing_corpus_is_an_error_not_a_traceback(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("AIDLENS_DATA", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert "No articles file" in at.error[0].value
    assert not at.exception


@pytest.fixture
def big_folder(sample_data_dir, tmp_path) -> Path:
    """Return 250 articles reusing the processed sample's texts (no NLP), with its cache."""
    from aidlens.bench.synthetic import repeated_articles
    from aidlens.corpus import load_corpus

    folder = tmp_path / "big"
    folder.mkdir()
    frame = repeated_articles(load_corpus(sample_data_dir / "articles.csv").frame, 250, seed=2)
    frame.to_csv(folder / "articles.csv", index=False)
    shutil.copytree(sample_data_dir / "cache", folder / "cache")
    return folder


@pytest.mark.parametrize(("page", "rows"), [(1, 100), (2, 100), (3, 50)])
def test_the_list_is_paged(big_folder, monkeypatch, page, rows) -> None:
    monkeypatch.setenv("AIDLENS_DATA", str(big_folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception
    assert "**250** of 250 articles match" in [m.value for m in at.markdown]
    at.number_input(key="read_page").set_value(page).run()
    listed = at.dataframe[0].value
    assert len(listed) == rows
    assert at.selectbox[0].options[0].endswith(f"({listed['link'].iloc[0].split('=')[1]})")
    assert listed["published"].is_monotonic_decreasing


def test_reviewed_amounts_show_and_an_undo_shows_the_extracted_again(
    sample_data_dir, tmp_path, monkeypatch
) -> None:
    # Without reviews the page reads an article's amounts from the dataset; with one it must
    # read the reviewed table, and after the last review is undone the extracted values again.
    folder = tmp_path / "data"
    shutil.copytree(sample_data_dir, folder)
    amounts = pd.read_csv(folder / "amounts.csv")
    row = amounts[amounts["donor"].notna()].iloc[0]
    texts = dict(zip(*(load_corpus(folder / "articles.csv").frame[c] for c in ("id", "text"))))
    store = AmountReviewStore(folder, texts, amounts=amounts)
    monkeypatch.setenv("AIDLENS_DATA", str(folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["article"] = row["article_id"]
    at.run()
    assert not at.exception, at.exception
    assert "donor: Testland" not in article_html(at)
    review = AmountReview(
        row["article_id"], int(row["start"]), int(row["end"]), stage="pledged", donor="Testland"
    )
    store.save(row["article_id"], [review], annotator="bob", base_revision=0)
    at.run()
    assert not at.exception, at.exception
    assert "donor: Testland" in article_html(at)
    store.undo(row["article_id"], "bob")
    at.run()
    assert not at.exception, at.exception
    assert "donor: Testland" not in article_html(at)


def test_an_amount_s_hover_says_its_rate_and_the_cue_of_its_stage(
    sample_data_dir, monkeypatch
) -> None:
    amounts = pd.read_csv(sample_data_dir / "amounts.csv")
    euro = amounts[amounts["currency"].eq("EUR") & amounts["stage"].eq("pledged")].iloc[0]
    monkeypatch.setenv("AIDLENS_DATA", str(sample_data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["article"] = euro["article_id"]
    at.run()
    assert not at.exception, at.exception
    html = article_html(at)
    assert re.search(r"≈ US\$[\d,]+ at 1 EUR = 1\.\d+ US\$, ECB reference rate of 20\d\d-", html)
    assert f"stage: pledged ({html_escape(euro['reason'])})" in html
    context = amounts[amounts["article_id"].eq(euro["article_id"]) & amounts["stage"].isna()]
    for reason in context["reason"].dropna():  # a figure that is no aid says why
        assert f"not aid: {html_escape(reason)}" in html
