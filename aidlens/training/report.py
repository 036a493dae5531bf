"""The training report: held-out scores side by side, as text, Markdown, JSON and a table."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from aidlens.atomic import write_bytes_atomic
from aidlens.training.scores import COLUMNS

REPORT_JSON = "report.json"
REPORT_MD = "report.md"
SUMMARY_KEYS = ("base", "rules", "trained", "per_label", "held_out", "model")


def summary(report: dict) -> dict:
    """Return what `train --json` prints: the three columns, per label, the held-out ids."""
    return {k: report[k] for k in SUMMARY_KEYS}


def _rows(report: dict) -> list[tuple[str, dict, int]]:
    """Return (name, {column: scores}, support) for every label, then overall."""
    rows = [(label, cols, cols["base"]["support"]) for label, cols in report["per_label"].items()]
    overall = {c: report[c] for c in COLUMNS}
    return [*rows, ("overall (micro)", overall, report["base"]["support"])]


def score_table(report: dict) -> pd.DataFrame:
    """Return one row per label (and overall): support, then P, R, F of each column."""
    records = []
    for name, cols, support in _rows(report):
        record: dict = {"label": name, "support": support}
        for c in COLUMNS:
            record.update({f"{c}_p": cols[c]["p"], f"{c}_r": cols[c]["r"], f"{c}_f": cols[c]["f"]})
        records.append(record)
    return pd.DataFrame.from_records(records)


def _about(report: dict) -> list[str]:
    """Return the lines saying what was trained, on what, and how it was scored."""
    rules = report["rules_file"] or "none (no patterns.jsonl: the rules column equals base)"
    return [
        f"model: {report['model']}",
        f"base: {report['base_model']}; rules: {rules}",
        f"trained on {len(report['train'])} done article(s) ({report['gold_spans']} gold spans, "
        f"{report['misaligned_spans']} inside a token left out), rehearsing on "
        f"{report['rehearsal_articles']} untouched article(s); {report['epochs']} epoch(s), "
        f"seed {report['seed']}, {report['seconds']:.0f} s",
        f"held out: {len(report['held_out'])} done article(s), never trained on: "
        + ", ".join(report["held_out"]),
    ]


def format_text(report: dict) -> str:
    """Return the report as a plain-text table for the terminal: F1 per column, then P and R."""
    head = f"{'label':<16}{'support':>8}" + "".join(f"{c + ' F1':>12}" for c in COLUMNS)
    lines = [head]
    for name, cols, support in _rows(report):
        lines.append(f"{name:<16}{support:>8}" + "".join(f"{cols[c]['f']:>12.3f}" for c in COLUMNS))
    lines.append("")
    for c in COLUMNS:
        s = report[c]
        lines.append(f"{c:<8} precision {s['p']:.3f}  recall {s['r']:.3f}  F1 {s['f']:.3f}")
    return "\n".join([*lines, "", *_about(report)])


def _cell(text: str) -> str:
    """Return text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def format_markdown(report: dict) -> str:
    """Return the report as Markdown: a table of P / R / F1 per label for the three columns."""
    head = "| label | support | " + " | ".join(f"{c} P / R / F1" for c in COLUMNS) + " |"
    lines = ["# Training report", "", head, "| --- | ---: |" + " ---: |" * len(COLUMNS)]
    for name, cols, support in _rows(report):
        cells = [f"{cols[c]['p']:.3f} / {cols[c]['r']:.3f} / {cols[c]['f']:.3f}" for c in COLUMNS]
        lines.append(f"| {_cell(name)} | {support} | " + " | ".join(cells) + " |")
    return "\n".join([*lines, "", *(f"- {_cell(line)}" for line in _about(report)), ""])


def write_report(report: dict, folder: Path) -> None:
    """Write report.json and report.md into the model folder, each atomically."""
    data = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    write_bytes_atomic(Path(folder) / REPORT_JSON, data.encode("utf-8"))
    write_bytes_atomic(Path(folder) / REPORT_MD, format_markdown(report).encode("utf-8"))


def read_report(folder: Path) -> dict | None:
    """Return a model folder's report, or None when it has none or it cannot be read."""
    try:
        return json.loads((Path(folder) / REPORT_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
