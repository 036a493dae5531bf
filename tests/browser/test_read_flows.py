"""The Read page in a real browser: read an article with highlights, filter, open by link."""

from __future__ import annotations

import re

import pytest

from tests.browser import driver

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def match_count(page):
    """Return the '**N** of M articles match' line."""
    return page.get_by_test_id("stMarkdown").filter(has_text="articles match")


def heading(page):
    """Return the opened article's title."""
    return page.get_by_test_id("stHeading")


def article_labels(page) -> list[str]:
    """Return the label written on each entity mark of the article, as the DOM holds it."""
    return page.locator("mark.entity > span").all_text_contents()


def pick(page, widget_label: str, option: str) -> None:
    """Open the select box or multiselect named `widget_label`, click `option`, wait for the run."""
    page.get_by_label(widget_label).click()
    driver.rerun_by(page, page.get_by_role("option", name=option, exact=True).click)


def open_options(page, widget_label: str) -> list[str]:
    """Return the option texts a select box offers, closing it again."""
    page.get_by_label(widget_label).click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    texts = options.all_text_contents()
    page.keyboard.press("Escape")
    return texts


def test_open_the_app_and_read_an_article_with_highlights(page, app_server) -> None:
    driver.open_app(page, app_server.url, "/?article=s1")
    expect(heading(page)).to_have_text("US approves new package for Kyiv")
    blinken = page.locator("mark.entity", has_text="Antony Blinken")
    expect(blinken).to_be_visible()
    expect(blinken.locator("span")).to_have_text("PERSON")
    assert {"GPE", "PERSON"} <= set(article_labels(page))
    # The legend chips and the per-label toggles name the labels shown.
    legend = page.get_by_test_id("stHtml").first
    expect(legend).to_contain_text("PERSON")
    toggles = page.get_by_role("toolbar", name="Highlight")
    expect(toggles.get_by_role("button", name="PERSON", pressed=True)).to_be_visible()
    expect(page.locator("mark.amount", has_text="$300 million")).to_be_visible()
    link = page.get_by_role("link", name="Open the original")
    expect(link).to_have_attribute("href", "https://example.org/s1")
    driver.screenshot(page, "read-s1")


def test_newest_article_opens_first_and_the_picker_switches(page, app_server) -> None:
    driver.open_app(page, app_server.url)
    expect(heading(page)).to_have_text("Hostile <script>alert('title')</script>")
    expect(match_count(page)).to_have_text("5 of 5 articles match")
    pick(page, "Open article", "US approves new package for Kyiv (s1)")
    expect(heading(page)).to_have_text("US approves new package for Kyiv")
    expect(page).to_have_url(re.compile(r"\?article=s1$"))


def test_article_opened_from_the_picker_is_highlighted(page, app_server) -> None:
    driver.open_app(page, app_server.url)
    pick(page, "Open article", "US approves new package for Kyiv (s1)")
    expect(heading(page)).to_have_text("US approves new package for Kyiv")
    expect(page.locator("mark.entity", has_text="Antony Blinken")).to_be_visible(timeout=2_000)


def test_article_opened_by_a_filter_is_highlighted(page, app_server) -> None:
    driver.open_app(page, app_server.url)
    page.get_by_label("Search title and text").fill("Sunak")
    driver.rerun_by(page, lambda: page.keyboard.press("Enter"))
    expect(heading(page)).to_have_text("UK aid for winter")
    expect(page.locator("mark.entity", has_text="Rishi Sunak")).to_be_visible(timeout=2_000)


def test_filter_by_date(page, app_server) -> None:
    driver.open_app(page, app_server.url)
    page.get_by_role("spinbutton", name="year, Published between start date").click()
    page.keyboard.type("20230101")
    page.get_by_role("spinbutton", name="year, Published between end date").click()
    page.keyboard.type("20230228")
    page.keyboard.press("Escape")  # closes the calendar the typing opened
    driver.rerun_by(page, lambda: page.keyboard.press("Enter"))  # commits the typed range
    expect(match_count(page)).to_have_text("2 of 5 articles match")
    assert open_options(page, "Open article") == [
        "Germany sends air defence (s2)",
        "US approves new package for Kyiv (s1)",
    ]
    driver.screenshot(page, "read-filter-date")


def test_filter_by_label(page, app_server) -> None:
    driver.open_app(page, app_server.url, "/?article=s1")
    expect(page.locator("mark.entity", has_text="Antony Blinken")).to_be_visible()
    labels = page.get_by_test_id("stMultiSelect").filter(has_text="Entity labels to show")
    driver.rerun_by(page, labels.get_by_role("button", name="Clear all").click)
    expect(page.locator("mark.entity")).to_have_count(0)
    pick(page, "Entity labels to show", "GPE")
    shown = article_labels(page)
    assert shown and set(shown) == {"GPE"}
    expect(page.locator("mark.entity", has_text="Antony Blinken")).to_have_count(0)
    driver.screenshot(page, "read-filter-label")


def test_filter_by_entity(page, app_server) -> None:
    driver.open_app(page, app_server.url)
    page.get_by_label("Mentions (articles naming all of these)").click()
    page.keyboard.type("United Kingdom")
    uk = page.get_by_role("option", name=re.compile(r"^United Kingdom \(\d+\)$"))
    driver.rerun_by(page, uk.click)
    page.keyboard.press("Escape")
    expect(match_count(page)).to_have_text("1 of 5 articles match")
    expect(heading(page)).to_have_text("UK aid for winter")
    assert open_options(page, "Open article") == ["UK aid for winter (s3)"]


def test_open_by_query_parameter(page, app_server) -> None:
    driver.open_app(page, app_server.url, "/?article=s3")
    expect(heading(page)).to_have_text("UK aid for winter")
    expect(page.locator("mark.entity", has_text="Rishi Sunak")).to_be_visible()
    expect(page.get_by_label("Open article")).to_be_visible()
