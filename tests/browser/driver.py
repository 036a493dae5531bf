"""Drive the real app in a real browser: start `streamlit run`, find Chromium, wait for reruns."""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from aidlens.pipeline import load_pipeline
from tests.conftest import ROOT, SMALL_CSV

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DOCS = ROOT / "docs"
START_TIMEOUT_S = 60.0
EDIT_PASSWORD = "browser-test passphrase"  # AIDLENS_PASSWORD of the editing server
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOW_TO_GET_CHROMIUM = (
    "install Debian's Chromium with `apt-get install -y chromium` (or set AIDLENS_CHROMIUM "
    "to a Chromium binary) and the `playwright` package from requirements-dev.txt"
)

# Payloads that would set window.__xss (or open a dialog) if any of them ever ran.
XSS_ID = "h1\"><svg onload=window.__xss='id'>"
XSS_TITLE = "Hostile title <img src=x onerror=window.__xss='title'>"
XSS_SOURCE = "\"><svg onload=window.__xss='source'>"
XSS_URL = "javascript:window.__xss='url'"
XSS_ENTITY = "<img src=x onerror=window.__xss='entity'>"
XSS_LABEL = "<svg onload=window.__xss='label'>"
XSS_CANONICAL = "Warsaw<script>window.__xss='canonical'</script>"
XSS_ANNOTATOR = "<img src=x onerror=window.__xss='annotator'>"
MD_ANNOTATOR = "[Ann](https://evil.example/phish) **Lee**"  # Markdown, to be shown as typed
XSS_FILE_NAME = "\"><img src=x onerror=window.__xss='file'> ``` [f](javascript:alert(1)).csv"
XSS_BODY = (
    "<script>window.__xss='body'</script> Poland and Estonia sent tanks to Ukraine from "
    f"Warsaw. {XSS_ENTITY} was reported. Warsaw pledged $5 million in military aid to Ukraine. "
    "<a href=\"javascript:window.__xss='link'\">details</a> \"><svg onload=window.__xss='svg'>"
)
HOSTILE_ROWS = [
    {
        "id": XSS_ID,
        "title": XSS_TITLE,
        "published": "2022-12-01",
        "source": XSS_SOURCE,
        "url": XSS_URL,
        "text": XSS_BODY,
    }
]
# `Warsaw` is named in the body; its canonical name comes from the data folder's aliases.csv.
HOSTILE_ALIASES = [{"alias": "Warsaw", "canonical": XSS_CANONICAL}]
# Entity label for the hostile entity text, given by an entity ruler in a custom pipeline.
HOSTILE_RULER = [{"label": XSS_LABEL, "pattern": XSS_ENTITY}]


def chromium_path() -> str | None:
    """Return the Chromium binary to drive: AIDLENS_CHROMIUM, else `chromium` on PATH."""
    wanted = os.environ.get("AIDLENS_CHROMIUM", "").strip()
    if wanted:
        return wanted if Path(wanted).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write `rows` as a UTF-8 CSV with their keys as header; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def hostile_rows() -> list[dict[str, str]]:
    """Return the small test corpus's rows followed by the hostile article."""
    with open(SMALL_CSV, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh)) + HOSTILE_ROWS


def hostile_pipeline(model_name: str, dest: Path):
    """Return the real pipeline plus an entity ruler giving hostile labels, saved to `dest`."""
    nlp = load_pipeline(model_name)  # a fresh copy: the session's shared one stays as it is
    nlp.add_pipe("entity_ruler", name="hostile_ruler", before="ner").add_patterns(HOSTILE_RULER)
    nlp.meta["name"] = "aidlens_hostile"
    nlp.to_disk(dest)
    return nlp


RUNNING: list[StreamlitServer] = []  # servers started and not yet stopped, for the log check


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StreamlitServer:
    """A `streamlit run app.py` process on a free localhost port, serving one data folder."""

    data_dir: Path
    work_dir: Path
    env: dict[str, str]
    port: int = 0
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """Return the app's base URL."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        """Return the file holding the server's stdout and stderr."""
        return self.work_dir / "streamlit.log"

    def command(self) -> list[str]:
        """Return the command line that starts the server."""
        return [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(self.port),
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            # Only the test's own secrets: a developer's .streamlit/secrets.toml must not leak in.
            "--secrets.files",
            str(self.work_dir / "secrets.toml"),
            "--",
            "--data",
            str(self.data_dir),
        ]

    def start(self) -> StreamlitServer:
        """Start the server and return once its health endpoint answers ok."""
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("AIDLENS_")}
        env.update(self.env)
        log = open(self.log_path, "wb")  # noqa: SIM115 - the process writes it until stop()
        self.proc = subprocess.Popen(
            self.command(), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        self._wait_healthy()
        RUNNING.append(self)
        return self

    def _wait_healthy(self) -> None:
        """Poll /_stcore/health until it answers ok; raise with the log when it never does."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as resp:
                    if resp.status == 200 and resp.read().strip() == b"ok":
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit not healthy after {START_TIMEOUT_S} s:\n{self.log_tail()}")

    def log_size(self) -> int:
        """Return how many bytes the server has logged so far."""
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_since(self, offset: int) -> str:
        """Return what the server logged after byte `offset`."""
        with open(self.log_path, "rb") as fh:
            fh.seek(offset)
            return fh.read().decode("utf-8", errors="replace")

    def log_tail(self, chars: int = 4000) -> str:
        """Return the end of the server's log."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except FileNotFoundError:
            return "(no log)"

    def stop(self) -> None:
        """Stop the server: terminate, then kill when it does not exit in time."""
        if self in RUNNING:
            RUNNING.remove(self)
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def watch_runs(page) -> None:
    """Count the script runs the server reports finished to `page`, read from its websocket."""
    # The frontend can apply "script started" and "finished" in one render, so the DOM may
    # never show the run; the server's ScriptFinished message is the one sure sign of it.
    from google.protobuf.message import DecodeError
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    counter = {"runs": 0}

    def on_frame(payload: str | bytes) -> None:
        if isinstance(payload, str):
            return
        try:
            msg = ForwardMsg.FromString(payload)
        except DecodeError:
            return
        if (
            msg.WhichOneof("type") == "script_finished"
            and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            counter["runs"] += 1

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    page.aidlens_runs = counter


def runs(page) -> int:
    """Return how many script runs (not cut short by a rerun) the page has seen finish."""
    return page.aidlens_runs["runs"]


def wait_for_app(page, *, after: int = 0, timeout_ms: float = 30_000) -> None:
    """Wait until more than `after` runs finished, the app is idle and nothing is stale."""
    deadline = time.monotonic() + timeout_ms / 1000
    while runs(page) <= after:
        if time.monotonic() > deadline:
            raise AssertionError(f"no script run finished after run {after} on {page.url}")
        page.wait_for_timeout(20)  # lets Playwright deliver the websocket frames
    # Two animation frames: the frontend has drawn what the finished run sent.
    page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r())))"
    )
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
        '[data-test-script-state="notRunning"]',
        state="attached",
        timeout=timeout_ms,
    )
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="hidden", timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-stale=\"true\"]')", timeout=timeout_ms
    )


def rerun_by(page, action: Callable[[], object], timeout_ms: float = 30_000) -> None:
    """Do `action` (a widget change) and wait for the script run it starts to finish."""
    before = runs(page)
    action()
    wait_for_app(page, after=before, timeout_ms=timeout_ms)


def open_app(page, base_url: str, path: str = "/") -> None:
    """Load `path` of the app (a new session) and wait until its first run is done."""
    before = runs(page)
    page.goto(base_url + path, wait_until="domcontentloaded")
    wait_for_app(page, after=before, timeout_ms=60_000)


def screenshot(page, name: str, *, whole: bool = True) -> Path:
    """Save a screenshot under test-artifacts/screenshots; `whole`: the full scrolled height."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    # The app scrolls inside stMain, not the document, so full_page alone stops at the viewport.
    height = page.evaluate(
        "() => (document.querySelector('[data-testid=\"stMain\"]') || document.body).scrollHeight"
    )
    tall = whole and size is not None and height > size["height"]
    if tall:
        page.set_viewport_size({"width": size["width"], "height": min(height, 8000)})
        wait_for_charts(page)
    page.screenshot(path=str(path), full_page=True)
    if tall:
        page.set_viewport_size(size)
    return path


def update_docs_image(shot: Path, name: str) -> Path | None:
    """Copy a screenshot to docs/NAME.png when AIDLENS_UPDATE_DOCS=1; return the copy."""
    if os.environ.get("AIDLENS_UPDATE_DOCS", "") != "1":
        return None
    DOCS.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(shot, DOCS / f"{name}.png"))


def page_paths(page) -> list[str]:
    """Return the path of every page in the app's navigation, as the sidebar links them."""
    hrefs = page.eval_on_selector_all(
        '[data-testid="stSidebarNav"] a[href]', "els => els.map(e => e.getAttribute('href'))"
    )
    return ["/" + urlsplit(h).path.rsplit("/", 1)[-1] for h in hrefs]


def page_name(path: str) -> str:
    """Return a file-name-safe name for a page path; the default page '/' is 'read'."""
    return path.strip("/") or "read"


def wait_for_charts(page, timeout_ms: float = 30_000) -> None:
    """Wait until every Vega-Lite chart on the page has drawn its canvas or SVG."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                 .every(c => c.querySelector('canvas, svg.marks'))""",
        timeout=timeout_ms,
    )


# Returns the viewport rectangles of the first and last character of `phrase` in the text of
# `root` (its text nodes joined, so the phrase may cross highlighted spans), or null.
_CHAR_RECTS_JS = """
(root, phrase) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push([node, text.length]);
    text += node.textContent;
  }
  const at = text.indexOf(phrase);
  if (at < 0) return null;
  const rect = (pos) => {
    const [node, base] = nodes.filter(([, b]) => b <= pos).pop();
    const r = document.createRange();
    r.setStart(node, pos - base); r.setEnd(node, pos - base + 1);
    const b = r.getBoundingClientRect();
    return {x: b.x, y: b.y, width: b.width, height: b.height};
  };
  return [rect(at), rect(at + phrase.length - 1)];
}
"""


def select_text(page, root, phrase: str) -> None:
    """Select `phrase` inside the element `root` by dragging the mouse over it, as a user does."""
    root.scroll_into_view_if_needed()
    rects = root.evaluate(_CHAR_RECTS_JS, phrase)
    if rects is None:
        raise AssertionError(f"{phrase!r} is not in the element's text")
    first, last = rects
    page.mouse.move(first["x"] + 1, first["y"] + first["height"] / 2)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] / 2, last["y"] + last["height"] / 2, steps=5)
    page.mouse.move(last["x"] + last["width"] - 1, last["y"] + last["height"] / 2)
    page.mouse.up()


def unlock_editing(page, password: str) -> None:
    """Type the editing password into the sidebar form and wait for the unlocked page."""
    page.get_by_label("Password", exact=True).fill(password)
    rerun_by(page, page.get_by_role("button", name="Unlock").click)
    page.get_by_text("Editing unlocked").wait_for()


def open_annotate(page, base_url: str, article_id: str, annotator: str, password: str) -> None:
    """Open the Annotate page on an article as `annotator`, unlocked for editing."""
    query = urlencode({"article": article_id, "annotator": annotator})
    open_app(page, base_url, f"/annotate?{query}")
    unlock_editing(page, password)
    page.locator(".aidlens-picker .text, [data-testid='stException']").first.wait_for()
    crash = page.get_by_test_id("stException")
    if crash.count():
        raise AssertionError(f"the Annotate page crashed: {crash.first.inner_text()[:2000]}")
