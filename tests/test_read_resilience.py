"""One article failing to render costs that article only: the list and other pages still work."""

from __future__ import annotations

import logging

import pytest
from streamlit.testing.v1 import AppTest

import components.read_page as read_page
from tests.conftest import ROOT


@pytest.fixture
def app_with_a_broken_article(small_data_dir, monkeypatch):
    """Return the app (not yet run) where rendering article s2 raises inside the view."""
    real = read_page.segments

    def segments(text, *args, **kwargs):
        if "IRIS-T" in text:  # only s2's text
            raise RuntimeError("simulated rendering bug")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(read_page, "segments", segments)
    monkeypatch.setenv("AIDLENS_DATA", str(small_data_dir))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def test_failing_article_shows_an_error_and_is_logged(app_with_a_broken_article, caplog) -> None:
    at = app_with_a_broken_article
    at.query_params["article"] = "s2"
    with caplog.at_level(logging.ERROR, logger="components.read_page"):
        at.run()
    assert not at.exception
    assert len(at.error) == 1
    assert "Article 's2' could not be shown (RuntimeError" in at.error[0].value
    assert not at.subheader  # the half-drawn view was replaced by the error
    assert "**4** of 4 articles match" in [m.value for m in at.markdown]
    assert len(at.selectbox[0].options) == 4  # the list and the picker still work
    record = next(r for r in caplog.records if r.name == "components.read_page")
    assert "s2" in record.getMessage() and record.exc_info[0] is RuntimeError


def test_other_articles_and_pages_still_work(app_with_a_broken_article) -> None:
    at = app_with_a_broken_article
    at.query_params["article"] = "s2"
    at.run()
    assert at.error
    at.selectbox[0].set_value("s1").run()
    assert not at.exception and not at.error
    assert at.subheader[0].value == "US approves new package for Kyiv"
    at.switch_page("app_pages/trends.py").run()
    assert not at.exception
    at.switch_page("app_pages/read.py").run()
    at.selectbox[0].set_value("s2").run()
    assert "Article 's2' could not be shown" in at.error[0].value
    assert not at.exception
