"""`export`: the gold set (touched articles) as CSV, JSONL or a spaCy DocBin, or the ledger."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aidlens.analysis import (
    FORMATS,
    amounts_with_reviews,
    export,
    gold_set,
    ledger_csv,
    model_amounts,
    open_workspace,
    write_export,
)
from aidlens.atomic import write_bytes_atomic
from aidlens.commands._annotation import add_data_argument, data_dir
from aidlens.errors import AidLensError

HELP = (
    "Export the corrected spans of every touched article as CSV, JSONL or a spaCy DocBin, "
    "or (--ledger) the reviewed commitments as CSV."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the options of `export`."""
    add_data_argument(p)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--format", choices=FORMATS, help="csv, jsonl or spacy")
    what.add_argument("--ledger", action="store_true", help="the commitments, one row each, as CSV")
    p.add_argument("--out", required=True, type=Path, help="the file to write")
    p.add_argument(
        "--raw",
        action="store_true",
        help="CSV only: keep cells starting with = + - @ as they are (no leading ')",
    )
    p.add_argument("--done-only", action="store_true", help="only articles marked done")
    p.add_argument(
        "--all", action="store_true", help="--ledger: also the commitments not yet reviewed"
    )


def run(args: argparse.Namespace) -> int:
    """Write the export; return 0."""
    if args.ledger:
        return _ledger(args)
    if args.all:
        raise AidLensError("--all goes with --ledger; leave it out for --format")
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


def _ledger(args: argparse.Namespace) -> int:
    """Write the ledger CSV; return 0."""
    if args.format or args.raw or args.done_only:
        raise AidLensError("--ledger takes only --data, --out and --all; leave out the others")
    ws = open_workspace(data_dir(args), strict=False)
    for problem in ws.amount_store.problems if ws.amount_store else ():
        print(f"warning: {problem}", file=sys.stderr)
    amounts = amounts_with_reviews(ws, model_amounts(ws))
    data, count = ledger_csv(amounts, ws.corpus.frame, reviewed_only=not args.all)
    path = write_bytes_atomic(args.out, data)
    which = "commitment(s)" if args.all else "reviewed commitment(s)"
    print(f"wrote {path}: {count} {which}")
    return 0
