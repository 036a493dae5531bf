"""Broken uploads on the Data page, in a real browser: refused, named, nothing on disk changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import driver
from tests.browser.test_hostile import assert_nothing_ran

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

HEADER = b"id,title,published,source,url,text\n"
# name, content, what the refusal must say. The editing server allows 1 MB uploads.
BROKEN = [
    ("empty.csv", b"", "the file is empty"),
    ("binary.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    ("columns.csv", b"id,title\nn1,No text\n", "missing required column(s) published, text"),
    (
        "dupes.csv",
        HEADER + b"n1,A,2024-01-01,,,One\nn1,B,2024-01-02,,,Two\n",
        "duplicate",
    ),
    ("dates.csv", HEADER + b"n1,A,yesterday,,,Some text\n", "yesterday"),
    ("texts.csv", HEADER + b"n1,A,2024-01-01,,,\n", "text"),
    # Chromium sends a file name's '"' as %22 (multipart encoding); the rest arrives as typed.
    (driver.XSS_FILE_NAME, b"", driver.XSS_FILE_NAME.replace('"', "%22")),
]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder` with its bytes (lock files aside: they hold nothing)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.fixture
def data_page(page, editing_server):
    """Return the Data page, unlocked for editing."""
    driver.open_app(page, editing_server.url, "/data")
    driver.unlock_editing(page, driver.EDIT_PASSWORD)
    expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_be_attached()
    return page


def upload(page, name: str, content: bytes) -> None:
    """Drop a file on the uploader and wait for the run that reads it."""
    files = {"name": name, "mimeType": "text/csv", "buffer": content}
    uploader = page.get_by_test_id("stFileUploaderDropzoneInput")
    driver.rerun_by(page, lambda: uploader.set_input_files(files=[files]))


@pytest.mark.parametrize(("name", "content", "says"), BROKEN, ids=[b[0][:8] for b in BROKEN])
def test_broken_upload_is_refused_and_nothing_changes(
    data_page, editing_server, name, content, says
) -> None:
    before = snapshot(editing_server.data_dir)
    upload(data_page, name, content)
    error = data_page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text("The upload was refused")
    expect(error).to_contain_text(says)
    expect(data_page.get_by_role("button", name="Confirm", exact=False)).to_have_count(0)
    expect(data_page.get_by_test_id("stException")).to_have_count(0)
    assert_nothing_ran(data_page)
    assert snapshot(editing_server.data_dir) == before


def test_upload_over_the_size_limit_is_refused(data_page, editing_server) -> None:
    before = snapshot(editing_server.data_dir)
    row = b"n1,Big,2024-01-01,,," + b"x" * (1024 * 1024 + 10) + b"\n"
    files = {"name": "big.csv", "mimeType": "text/csv", "buffer": HEADER + row}
    data_page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(files=[files])
    expect(data_page.get_by_text("File must be 1.0MB or smaller.")).to_be_visible()
    expect(data_page.get_by_role("button", name="Confirm", exact=False)).to_have_count(0)
    assert snapshot(editing_server.data_dir) == before
