"""The Trends page in a real browser: the charts draw, a bar lists its articles, names stay text."""

from __future__ import annotations

import json

import pytest

from tests.browser import driver
from tests.browser.test_hostile import assert_nothing_ran

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def aid_bar(page, donor: str):
    """Return the aid chart's bar of `donor` (Vega's SVG marks carry their data as aria-label)."""
    chart = page.get_by_test_id("stVegaLiteChart").first
    return chart.locator(f".mark-rect path[aria-label*={json.dumps(f'Donor: {donor};')}]")


def test_trends_charts_draw(page, app_server) -> None:
    driver.open_app(page, app_server.url, "/trends")
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(3)  # aid by month, mentions over time, most mentioned
    driver.wait_for_charts(page)
    bars = charts.first.locator(".mark-rect path[aria-label]")
    expect(bars).to_have_count(3)  # Dec 2022 (hostile donor), Jan 2023 (US), Mar 2023 (UK)
    label = aid_bar(page, "United States").get_attribute("aria-label")
    assert "Month: Jan 2023" in label and "US$: $300m" in label
    expect(charts.nth(1).locator(".mark-symbol path[aria-label]").first).to_be_visible()
    expect(charts.nth(2).locator(".mark-rect path").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    driver.screenshot(page, "trends")


def test_clicking_a_bar_lists_its_articles(page, app_server) -> None:
    driver.open_app(page, app_server.url, "/trends")
    bar = aid_bar(page, "United States")
    expect(bar).to_be_visible()
    driver.rerun_by(page, bar.click)
    expect(page.get_by_test_id("stException")).to_have_count(0, timeout=2_000)
    expect(page.get_by_text("Behind January 2023 · United States")).to_be_visible()
    expect(page.get_by_text("1 articles, 1 mentions")).to_be_visible()


def test_picking_a_bar_lists_its_articles(page, app_server) -> None:
    driver.open_app(page, app_server.url, "/trends")
    page.get_by_label("Click a bar, or pick one, to list the articles behind it").click()
    option = page.get_by_role("option", name="Jan 2023 · United States · $300m")
    driver.rerun_by(page, option.click)
    expect(page.get_by_text("Behind January 2023 · United States")).to_be_visible()
    expect(page.get_by_text("1 articles, 1 mentions")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_hostile_donor_is_text_in_the_chart_and_its_tooltip(page, app_server) -> None:
    driver.open_app(page, app_server.url, "/trends")
    bar = aid_bar(page, driver.XSS_CANONICAL)
    expect(bar).to_be_visible()
    bar.hover()
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(f"Donor{driver.XSS_CANONICAL}")
    assert tooltip.locator("script, img, svg").count() == 0
    assert_nothing_ran(page)
