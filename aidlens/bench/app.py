"""Time the app's pages under Streamlit's AppTest; run in its own process by `bench`.

`python -m aidlens.bench_app --data DIR --pages read,trends --json OUT` runs each page in a new
session (first run, plain reruns, then a widget change), and writes the timings and the
process's peak memory as JSON. Streamlit is imported inside functions only: the domain package
never imports it at import time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from aidlens.settings import PROJECT_DIR

APP = PROJECT_DIR / "app.py"
PAGES = {
    "read": "app_pages/read.py",
    "trends": "app_pages/trends.py",
    "annotate": "app_pages/annotate.py",
}
PLAIN_RERUNS = 3
SAVES = 5  # "Accept and next" clicks timed on the Annotate page
ANNOTATOR = "bench"
TIMEOUT_S = 600.0


def existing_pages(names: Sequence[str]) -> tuple[list[str], list[str]]:
    """Return (pages whose script exists, pages skipped because it does not)."""
    found = [n for n in names if (PROJECT_DIR / PAGES[n]).exists()]
    return found, [n for n in names if n not in found]


def _timed_run(at: Any, what: str) -> dict[str, Any]:
    """Return the wall and CPU seconds of one AppTest run; raise RuntimeError if it failed."""
    start, cpu = time.perf_counter(), time.process_time()
    at.run(timeout=TIMEOUT_S)
    timing = {"what": what, "s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu}
    if at.exception:
        raise RuntimeError("; ".join(str(e.value) for e in at.exception)[:500])
    return timing


def _poke_read(at: Any) -> list[tuple[str, Callable[[], None]]]:
    """Return the Read page's widget changes to time: another article, a search."""
    pokes: list[tuple[str, Callable[[], None]]] = []
    if at.selectbox and len(at.selectbox[0].options) > 1:
        pokes.append(("open another article", lambda: at.selectbox[0].select_index(1)))
    query = [w for w in at.text_input if w.key == "read_query"]
    if query:
        pokes.append(("search 'aid'", lambda: query[0].set_value("aid")))
    return pokes


def _change(kind: str, widget: Any) -> Callable[[], None] | None:
    """Return a change of `widget` to another value, or None when it has no other value."""
    if kind in ("toggle", "checkbox"):
        return lambda: widget.set_value(not widget.value)
    options = list(getattr(widget, "options", []))
    if len(options) < 2:
        return None
    other = options[1] if str(widget.value) == options[0] else options[0]
    if kind == "selectbox":
        return lambda: widget.select_index(options.index(other))
    return lambda: widget.set_value(other)


def _poke_by_prefix(at: Any, prefix: str, most: int = 2) -> list[tuple[str, Callable[[], None]]]:
    """Return changes of the page's first radios, toggles or checkboxes (keys with `prefix`)."""
    pokes: list[tuple[str, Callable[[], None]]] = []
    for kind in ("radio", "toggle", "checkbox"):
        for widget in getattr(at, kind, []):
            change = _change(kind, widget) if (widget.key or "").startswith(prefix) else None
            if change is not None and len(pokes) < most:
                pokes.append((f"change {widget.key}", change))
    return pokes


def _pokes(page: str, at: Any) -> list[tuple[str, Callable[[], None]]]:
    """Return the widget changes to time on `page`."""
    return _poke_read(at) if page == "read" else _poke_by_prefix(at, page + "_")


def _saves(at: Any) -> list[dict[str, Any]]:
    """Return the timings of "Accept and next" clicks: each saves an article and opens one."""
    timings = []
    for i in range(SAVES):
        buttons = [b for b in at.button if b.key == "ann_accept"]
        if not buttons:
            raise RuntimeError("the Annotate page shows no 'Accept and next' button (ann_accept)")
        buttons[0].click()
        timings.append(_timed_run(at, f"accept and next #{i + 1}"))
    return timings


def measure_page(page: str) -> dict[str, Any]:
    """Return the first run, reruns and widget-change reruns of `page` in a new session."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    if page != "read":
        at.switch_page(PAGES[page])
    if page == "annotate":
        at.query_params["annotator"] = ANNOTATOR
    first = _timed_run(at, "first run")
    spacy_imported = "spacy" in sys.modules
    pipeline_loaded = os.environ.get("AIDLENS_MODEL", "") in sys.modules
    reruns = [_timed_run(at, "rerun") for _ in range(PLAIN_RERUNS)]
    for what, change in _pokes(page, at):
        change()
        reruns.append(_timed_run(at, what))
    return {
        "first_run": first,
        "reruns": reruns,
        "saves": _saves(at) if page == "annotate" else [],
        "spacy_imported": spacy_imported,
        "pipeline_loaded": pipeline_loaded,
    }


def peak_rss_mb() -> float:
    """Return this process's peak resident memory in MB, from VmHWM in /proc/self/status.

    Not ru_maxrss: Linux carries the forking parent's peak across exec into it.
    """
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the pages asked for and write the JSON report; return 0."""
    parser = argparse.ArgumentParser(prog="python -m aidlens.bench_app")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--pages", default="read")
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    os.environ["AIDLENS_DATA"] = str(args.data)
    os.environ["AIDLENS_PASSWORD"] = ""  # the Annotate page opens for editing
    pages, skipped = existing_pages([p for p in args.pages.split(",") if p])
    report: dict[str, Any] = {"pages": {}, "skipped": skipped}
    for page in pages:
        try:
            report["pages"][page] = measure_page(page)
        except RuntimeError as exc:
            report["pages"][page] = {"error": str(exc)}
    report["maxrss_mb"] = peak_rss_mb()
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
