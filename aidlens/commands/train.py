"""`train`: fine-tune the pipeline's NER on the done articles, scored on held-out ones."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tqdm import tqdm

from aidlens.commands._annotation import add_data_argument, data_dir
from aidlens.training import TrainOptions, format_text, summary, train

HELP = "Fine-tune the NER on the articles marked done; report held-out scores side by side."
STEPS = 1000  # the bar counts thousandths of the run


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the options of `train`."""
    add_data_argument(p)
    p.add_argument("--out", type=Path, help="model folder (default: models/<data>-<date>)")
    p.add_argument("--base", help="base spaCy pipeline (default: AIDLENS_MODEL or auto)")
    p.add_argument("--epochs", type=int, help="passes over the training articles (default 10)")
    p.add_argument(
        "--eval-split",
        type=float,
        default=0.2,
        help="share of the done articles held out to score the models (default 0.2)",
    )
    p.add_argument("--seed", type=int, default=0, help="fixes the split and the training")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--quick", action="store_true", help="2 epochs unless --epochs: a smoke run")
    p.add_argument("--force", action="store_true", help="replace an existing output folder")


def run(args: argparse.Namespace) -> int:
    """Train and print the report; return 0."""
    options = TrainOptions(
        data_dir=data_dir(args),
        out=args.out,
        base=args.base,
        epochs=args.epochs,
        eval_split=args.eval_split,
        seed=args.seed,
        quick=args.quick,
        force=args.force,
    )
    bars: list[tqdm] = []

    def progress(fraction: float, what: str) -> None:
        if not bars:  # made on first use, after the refusals: a refused run shows no bar
            bars.append(tqdm(total=STEPS, unit="‰", file=sys.stderr, leave=False))
        bars[0].set_description(what, refresh=False)
        bars[0].update(max(0, round(fraction * STEPS) - bars[0].n))

    try:
        report = train(options, progress=progress)
    finally:
        for bar in bars:
            bar.close()
    print(json.dumps(summary(report), indent=2) if args.json else format_text(report))
    return 0
