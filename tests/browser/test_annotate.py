"""The Annotate page in a real browser: label by mouse, find it saved, conflicts, hostile names."""

from __future__ import annotations

import csv
import re

import pytest

from tests.browser import driver
from tests.browser.test_hostile import assert_nothing_ran

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def picker_text(page):
    """Return the text area of the span picker (the st.components.v2 component)."""
    return page.locator(".aidlens-picker .text")


def label_button(page, label: str):
    """Return the picker's button for `label` (shown as 'N · LABEL' for the first nine)."""
    name = re.compile(rf"^(\d · )?{re.escape(label)}$")
    return page.locator(".aidlens-picker .labels button").filter(has_text=name)


def mark(page, text: str):
    """Return the picker's highlighted span whose text is exactly `text`."""
    return picker_text(page).locator("mark").filter(has_text=re.compile(rf"^{re.escape(text)}$"))


def label_by_mouse(page, phrase: str, label: str) -> None:
    """Select `phrase` with the mouse and click the label button, waiting for the save run."""
    driver.select_text(page, picker_text(page), phrase)
    button = label_button(page, label)
    expect(button).to_be_enabled()
    driver.rerun_by(page, button.click)


def saved_rows(data_dir, article_id: str) -> list[dict[str, str]]:
    """Return the rows of annotations.csv for one article."""
    with open(data_dir / "annotations.csv", encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if row["article_id"] == article_id]


def test_label_by_mouse_accept_and_find_it_after_reload(page, editing_server) -> None:
    url = editing_server.url
    driver.open_annotate(page, url, "s2", "Ann", driver.EDIT_PASSWORD)
    expect(page.get_by_text("To do · revision 0 · model entities")).to_be_visible()
    expect(mark(page, "IRIS")).to_have_attribute("data-label", "ORG")  # the model's guess
    label_by_mouse(page, "IRIS-T systems", "PRODUCT")
    expect(
        page.get_by_text("This edit replaces 1 overlapping span(s): “IRIS” (ORG)")
    ).to_be_visible()
    driver.rerun_by(page, page.get_by_role("button", name="Apply").click)
    expect(page.get_by_text("Saved.")).to_be_visible()
    expect(mark(page, "IRIS-T systems")).to_have_attribute("data-label", "PRODUCT")
    driver.rerun_by(page, page.get_by_role("button", name="Accept and next").click)
    expect(page.get_by_text("Marked done.")).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"article=s2\b"))
    driver.screenshot(page, "annotate-saved")

    # A new session: nothing is remembered but what was saved.
    driver.open_app(page, url, "/annotate?article=s2&annotator=Ann")
    driver.unlock_editing(page, driver.EDIT_PASSWORD)
    expect(page.get_by_text("Done · revision 2 · last saved by Ann")).to_be_visible()
    expect(mark(page, "IRIS-T systems")).to_have_attribute("data-label", "PRODUCT")
    expect(mark(page, "IRIS")).to_have_count(0)
    rows = saved_rows(editing_server.data_dir, "s2")
    assert {(r["start"], r["end"], r["text"], r["label"]) for r in rows} >= {
        ("27", "41", "IRIS-T systems", "PRODUCT")
    }
    assert all(r["annotator"] == "Ann" for r in rows)


def test_second_editor_is_shown_the_conflict(new_page, editing_server) -> None:
    url = editing_server.url
    first, second = new_page(), new_page()
    driver.open_annotate(first, url, "s3", driver.XSS_ANNOTATOR, driver.EDIT_PASSWORD)
    driver.open_annotate(second, url, "s3", "Bea", driver.EDIT_PASSWORD)
    label_by_mouse(first, "humanitarian aid", "PRODUCT")
    expect(first.get_by_text("Saved.")).to_be_visible()

    label_by_mouse(second, "announced", "EVENT")  # on revision 0, which is no longer the last
    warning = second.get_by_test_id("stAlertContentWarning")
    expect(warning).to_contain_text(
        f"{driver.XSS_ANNOTATOR} saved this article (revision 1) after you opened it."
    )
    expect(second.get_by_text(f"Theirs ({driver.XSS_ANNOTATOR})")).to_be_visible()
    driver.screenshot(second, "annotate-conflict")
    assert_nothing_ran(second)

    driver.rerun_by(second, second.get_by_role("button", name="Keep theirs").click)
    expect(mark(second, "humanitarian aid")).to_have_attribute("data-label", "PRODUCT")
    expect(mark(second, "announced")).to_have_count(0)
    expect(second.get_by_text(f"last saved by {driver.XSS_ANNOTATOR}")).to_be_visible()
    rows = saved_rows(editing_server.data_dir, "s3")
    assert ("humanitarian aid", "PRODUCT") in {(r["text"], r["label"]) for r in rows}
    assert "announced" not in {r["text"] for r in rows}  # the refused save wrote nothing
    assert_nothing_ran(first)
    assert_nothing_ran(second)


def test_hostile_article_in_the_span_picker(page, editing_server) -> None:
    driver.open_annotate(page, editing_server.url, driver.XSS_ID, "Ann", driver.EDIT_PASSWORD)
    expect(page.get_by_test_id("stHeading").filter(has_text="Hostile title")).to_have_text(
        driver.XSS_TITLE
    )
    text = picker_text(page).evaluate("e => e.textContent")
    assert text == driver.XSS_BODY  # labels are CSS content, not text: offsets stay the text's
    expect(mark(page, driver.XSS_ENTITY)).to_have_attribute("data-label", driver.XSS_LABEL)
    assert_nothing_ran(page)


def test_locked_without_the_password(page, editing_server) -> None:
    driver.open_app(page, editing_server.url, "/annotate?article=s1&annotator=Ann")
    expect(page.get_by_text("Read-only: unlock editing in the sidebar.")).to_be_visible()
    expect(page.locator(".aidlens-picker")).to_have_count(0)
    page.get_by_label("Password", exact=True).fill("not the password")
    driver.rerun_by(page, page.get_by_role("button", name="Unlock").click)
    expect(page.get_by_text("Wrong password; the pages stay read-only.")).to_be_visible()
    expect(page.locator(".aidlens-picker")).to_have_count(0)


def test_annotator_name_is_shown_as_typed(page, editing_server) -> None:
    driver.open_annotate(page, editing_server.url, "s1", driver.MD_ANNOTATOR, driver.EDIT_PASSWORD)
    label_by_mouse(page, "artillery rounds", "PRODUCT")
    expect(page.get_by_text("Saved.")).to_be_visible()
    caption = page.get_by_test_id("stCaptionContainer").filter(has_text="last saved by")
    expect(caption).to_be_visible(timeout=2_000)
    seen = caption.inner_text().replace("\u2060", "")  # invisible joiners that stop autolinks
    assert f"last saved by {driver.MD_ANNOTATOR}" in seen
    expect(page.locator("a[href*='evil.example']")).to_have_count(0)
