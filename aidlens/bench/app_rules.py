"""Time the Read page's rerun after a new rule is saved; run in its own process by `bench`.

`python -m aidlens.bench.app_rules --data DIR --rules '[["Kyiv", "GPE"]]' --json OUT` starts a
Read page session under Streamlit's AppTest, reruns it once (warm), then for each rule saves it
to patterns.jsonl with `aidlens.rules.add_rule` and times the rerun that shows it. Streamlit is
imported inside a function only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aidlens.bench.app import APP, TIMEOUT_S
from aidlens.rules import add_rule


def _run(at: Any) -> dict[str, Any]:
    """Return the wall and CPU seconds of one AppTest run, and its exception if any."""
    start, cpu = time.perf_counter(), time.process_time()
    at.run(timeout=TIMEOUT_S)
    timing = {"s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu}
    if at.exception:
        timing["error"] = "; ".join(str(e.value) for e in at.exception)[:300]
    return timing


def measure_rules(folder: Path, rules: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Return the Read page's first run, a warm rerun and the rerun after each rule's save."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    first, warm = _run(at), _run(at)
    reruns = []
    for text, label in rules:
        add_rule(folder, text, label)
        reruns.append({"rule": [text, label], **_run(at)})
    return {"first_run": first, "warm_rerun": warm, "reruns": reruns}


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the reruns and write the JSON report; return 0."""
    parser = argparse.ArgumentParser(prog="python -m aidlens.bench.app_rules")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rules", required=True, help='JSON: [["text", "LABEL"], ...]')
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    os.environ["AIDLENS_DATA"] = str(args.data)
    os.environ["AIDLENS_PASSWORD"] = ""
    result = measure_rules(args.data, [tuple(r) for r in json.loads(args.rules)])
    args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
