"""`export`: write the gold set (touched articles) as CSV, JSONL or a spaCy DocBin."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aidlens.analysis import FORMATS, export, gold_set, open_workspace, write_export
from aidlens.commands._annotation import add_data_argument, data_dir

HELP = "Export the corrected spans of every touched article as CSV, JSONL or a spaCy DocBin."


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the options of `export`."""
    add_data_argument(p)
    p.add_argument("--format", required=True, choices=FORMATS, help="csv, jsonl or spacy")
    p.add_argument("--out", required=True, type=Path, help="the file to write")
    p.add_argument(
        "--raw",
        action="store_true",
        help="CSV only: keep cells starting with = + - @ as they are (no leading ')",
    )
    p.add_argument("--done-only", action="store_true", help="only articles marked done")


def run(args: argparse.Namespace) -> int:
    """Write the export; return 0."""
    ws = open_workspace(data_dir(args))
    gold = gold_set(ws.store, statuses=("done",) if args.done_only else None)
    result = export(gold, args.format, raw=args.raw)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    path = write_export(result, args.out)
    print(f"wrote {path}: {result.articles} article(s), {result.spans} span(s)")
    if args.format == "spacy":
        print(
            f"{result.split_tokens} token(s) split at span boundaries, so every span keeps its text"
        )
    return 0
