"""Hostile text in a real browser: no payload runs, each shows as text, links only for http(s)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser import driver

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

# Elements or attributes that exist only if a payload's markup was parsed as HTML.
INJECTED = "img[src='x'], svg[onload], [onerror], [onload], a[href^='javascript:' i]"


def assert_nothing_ran(page) -> None:
    """Fail when a payload ran or its markup became elements, in the page or any frame."""
    assert page.dialogs == []
    for frame in page.frames:
        assert frame.evaluate("() => typeof window.__xss") == "undefined", frame.url
        assert frame.locator(INJECTED).count() == 0, frame.url
        scripts = frame.eval_on_selector_all("script", "els => els.map(e => e.textContent)")
        assert not [s for s in scripts if "__xss" in s or "alert(" in s], frame.url


def text_of(locator) -> str:
    """Return the text the DOM holds (textContent: CSS such as text-transform does not apply)."""
    return locator.evaluate("e => e.textContent")


def test_hostile_article_is_shown_as_text(page, app_server) -> None:
    driver.open_app(page, app_server.url, "/?article=" + quote(driver.XSS_ID))
    expect(page.get_by_test_id("stHeading")).to_have_text(driver.XSS_TITLE)
    caption = page.get_by_test_id("stCaptionContainer").filter(has_text="December 2022")
    expect(caption).to_have_text(f"01 December 2022 · {driver.XSS_SOURCE}")
    body = page.locator(".aidlens-article")
    expect(body).to_be_visible()
    text = text_of(body)
    assert "<script>window.__xss='body'</script>" in text
    assert "<a href=\"javascript:window.__xss='link'\">details</a>" in text
    assert "\"><svg onload=window.__xss='svg'>" in text
    # The hostile entity keeps its hostile label, both as text.
    mark = page.locator("mark.entity").filter(has_text=driver.XSS_ENTITY)
    assert text_of(mark) == driver.XSS_ENTITY + driver.XSS_LABEL
    # A canonical name lands in the mark's title: escaped, it stays one attribute value, which
    # st.html's sanitizer (DOMPurify) drops whole because it holds "</script"; never cut short.
    warsaw = page.locator("mark.entity").filter(has_text="Warsaw").first
    assert warsaw.get_attribute("title") in (None, driver.XSS_CANONICAL)
    legend = page.get_by_test_id("stHtml").first
    assert driver.XSS_LABEL in text_of(legend)
    toggles = page.get_by_role("toolbar", name="Highlight")
    expect(toggles.get_by_role("button", name=driver.XSS_LABEL)).to_be_visible()
    labels = page.get_by_test_id("stMultiSelect").filter(has_text="Entity labels to show")
    expect(labels).to_contain_text(driver.XSS_LABEL[:20])  # chips are cut short with an ellipsis
    picker = page.get_by_label("Open article")
    expect(picker).to_have_value(f"{driver.XSS_TITLE} ({driver.XSS_ID})")
    # The url is javascript:, so there is no link to the original.
    expect(page.get_by_role("link", name="Open the original")).to_have_count(0)
    driver.screenshot(page, "read-hostile")
    assert_nothing_ran(page)


def test_hostile_names_in_sidebar_options_are_text(page, app_server) -> None:
    driver.open_app(page, app_server.url)
    page.get_by_label("Mentions (articles naming all of these)").click()
    page.keyboard.type("Warsaw")
    expect(page.get_by_role("option", name=driver.XSS_CANONICAL + " (")).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_label("Source").click()
    expect(page.get_by_role("option", name=driver.XSS_SOURCE, exact=True)).to_be_visible()
    page.keyboard.press("Escape")
    assert_nothing_ran(page)


def test_alert_payloads_never_open_a_dialog(page, app_server) -> None:
    driver.open_app(page, app_server.url, "/?article=s4")
    expect(page.get_by_test_id("stHeading")).to_have_text("Hostile <script>alert('title')</script>")
    text = text_of(page.locator(".aidlens-article"))
    assert "<script>alert('body')</script>" in text
    assert "<b>€1 billion</b>" in text
    expect(page.get_by_role("link", name="Open the original")).to_have_count(0)
    assert_nothing_ran(page)


def test_only_http_urls_become_links(page, app_server) -> None:
    driver.open_app(page, app_server.url, "/?article=s2")
    link = page.get_by_role("link", name="Open the original")
    expect(link).to_have_attribute("href", "https://example.org/s2")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs


def test_every_page_is_safe_with_hostile_data(page, app_server) -> None:
    driver.open_app(page, app_server.url)
    paths = driver.page_paths(page)
    assert len(paths) >= 2
    for path in paths:
        driver.open_app(page, app_server.url, path)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        assert_nothing_ran(page)
