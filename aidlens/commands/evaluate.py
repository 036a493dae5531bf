"""`evaluate`: the model's entities against the gold set, per label and overall."""

from __future__ import annotations

import argparse
import json

from aidlens.analysis import evaluate, format_table, gold_states, open_workspace
from aidlens.commands._annotation import add_data_argument, data_dir, entities_with_progress
from aidlens.errors import StoreError

HELP = "Score the model against the articles marked done: precision, recall, F1, support."


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the options of `evaluate`."""
    add_data_argument(p)
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument(
        "--all-touched",
        action="store_true",
        help="score every touched article, not only those marked done",
    )


def run(args: argparse.Namespace) -> int:
    """Print the evaluation; return 0."""
    ws = open_workspace(data_dir(args))
    only_done = not args.all_touched
    gold = gold_states(ws.store, only_done=only_done)
    if not gold:
        which = "marked done" if only_done else "touched"
        raise StoreError(
            f"no article is {which} yet, so there is nothing to score against; accept articles "
            "on the Annotate page (or `correct --status done`), or pass --all-touched"
        )
    result = evaluate(entities_with_progress(ws, rules=False), ws.store, only_done=only_done)
    print(json.dumps(result, indent=2) if args.json else format_table(result, len(gold)))
    return 0
