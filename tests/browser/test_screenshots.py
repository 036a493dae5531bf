"""A screenshot of every page, for CI's artifacts; AIDLENS_UPDATE_DOCS=1 refreshes the README's."""

from __future__ import annotations

import pytest

from tests.browser import driver

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

# Pages the README shows (docs/NAME.png).
DOCS_IMAGES = {"read", "trends", "annotate"}


def test_screenshot_of_every_page(page, showcase) -> None:
    server, read_path = showcase
    driver.open_app(page, server.url)
    paths = driver.page_paths(page)
    assert "/" in paths and len(paths) >= 2
    for path in paths:
        name = driver.page_name(path)
        target = read_path if path == "/" else path
        if name == "annotate":  # with a name given, the page shows its editor
            target += "?annotator=Ann"
        driver.open_app(page, server.url, target)
        driver.wait_for_charts(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_test_id("stMain")).not_to_be_empty()
        shot = driver.screenshot(page, f"page-{name}")
        assert shot.stat().st_size > 10_000  # a drawn page, not a blank one
        if name in DOCS_IMAGES:  # the README's copy: the first screenful only
            first = driver.screenshot(page, f"docs-{name}", whole=False)
            driver.update_docs_image(first, name)
