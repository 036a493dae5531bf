"""`evaluate`: the model's entities against the gold set, or (--amounts) the amount ledger."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from aidlens.amounts import load_rates
from aidlens.analysis import (
    Workspace,
    evaluate,
    format_amount_scores,
    format_table,
    gold_states,
    open_workspace,
    read_gold_amounts,
    score_amounts,
)
from aidlens.commands._annotation import (
    add_data_argument,
    data_dir,
    entities_with_progress,
    results_with_progress,
)
from aidlens.errors import StoreError

HELP = "Score the model against the articles marked done (or --amounts: the amounts reviewed)."
AMOUNT_REVIEWS = "amount_reviews.csv"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the options of `evaluate`."""
    add_data_argument(p)
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument(
        "--all-touched",
        action="store_true",
        help="score every touched article, not only those marked done",
    )
    p.add_argument(
        "--amounts",
        action="store_true",
        help="score amount extraction (aid or not, donor, stage, linking, pledged total)",
    )
    p.add_argument(
        "--gold",
        type=Path,
        help=f"with --amounts: the reviewed amounts (default: DIR/{AMOUNT_REVIEWS})",
    )


def run(args: argparse.Namespace) -> int:
    """Print the evaluation; return 0."""
    if args.gold is not None and not args.amounts:
        raise StoreError(f"--gold {args.gold} scores amounts; add --amounts")
    ws = open_workspace(data_dir(args), strict=not args.amounts)
    if args.amounts:
        return _run_amounts(ws, args)
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


def _run_amounts(ws: Workspace, args: argparse.Namespace) -> int:
    """Print the amount scores against the reviewed mentions; return 0."""
    frame = ws.corpus.frame
    texts = dict(zip(frame["id"], frame["text"], strict=True))
    gold = read_gold_amounts(args.gold or ws.data_dir / AMOUNT_REVIEWS, texts)
    if gold.empty:
        raise StoreError(f"{args.gold or ws.data_dir / AMOUNT_REVIEWS} has no reviewed amount")
    amounts = results_with_progress(ws, article_ids=set(gold["article_id"])).amounts
    published = frame.set_index("id")["published"]
    result = score_amounts(gold, amounts, published, load_rates(ws.data_dir))
    print(json.dumps(result, indent=2) if args.json else format_amount_scores(result))
    return 0
