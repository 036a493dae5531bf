"""`bench`: measure process speed against raw spaCy and the app at scale; write BENCHMARKS.md."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from aidlens.bench import QUICK, BenchConfig, default_source, render, run_bench, write_report
from aidlens.errors import AidLensError
from aidlens.settings import PROJECT_DIR

HELP = "Benchmark process and the app on synthetic corpora; write the figures to BENCHMARKS.md."


def sizes(text: str) -> tuple[int, ...]:
    """Return the comma-separated positive sizes in `text`."""
    try:
        values = tuple(int(v) for v in text.split(",") if v.strip())
    except ValueError:
        msg = f"'{text}' is not a list of numbers like 1000,10000"
        raise argparse.ArgumentTypeError(msg) from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"'{text}': give positive sizes like 1000,10000")
    return values


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the options of `bench`."""
    p.add_argument(
        "--sizes", type=sizes, help="app corpus sizes (default 1000,10000; --quick: 12,30)"
    )
    p.add_argument(
        "--process-size",
        type=int,
        help="distinct texts for the process ratios (default 1000; --quick: 12)",
    )
    p.add_argument("--annotated", type=int, help="annotated articles for the save latency")
    p.add_argument("--saves", type=int, help="timed saves for the save latency")
    p.add_argument("--source", type=Path, help="articles CSV the corpora are built from")
    p.add_argument("--out", type=Path, default=PROJECT_DIR / "BENCHMARKS.md")
    p.add_argument("--workdir", type=Path, help="keep the corpora here (default: a temp folder)")
    p.add_argument(
        "--max-wait",
        type=float,
        help="seconds to wait for other processes to quieten before each measurement (90)",
    )
    p.add_argument("--quick", action="store_true", help="tiny corpora: checks that it runs")
    p.add_argument(
        "--million",
        action="store_true",
        help="also measure the app on 1,000,000 articles (repeated texts; takes long, needs RAM)",
    )


def config(args: argparse.Namespace) -> BenchConfig:
    """Return the benchmark configuration the options ask for."""
    cfg = BenchConfig(source=args.source or default_source(), workdir=args.workdir)
    if args.quick:
        cfg = replace(cfg, **QUICK)
    chosen = {
        "app_sizes": args.sizes,
        "process_size": args.process_size,
        "annotated": args.annotated,
        "saves": args.saves,
        "max_wait": args.max_wait,
    }
    cfg = replace(cfg, **{k: v for k, v in chosen.items() if v is not None})
    if getattr(args, "million", False) and 1_000_000 not in cfg.app_sizes:
        cfg = replace(cfg, app_sizes=(*cfg.app_sizes, 1_000_000))
    if cfg.process_size < 2:
        raise AidLensError(f"--process-size {cfg.process_size}: give at least 2 texts")
    return cfg


def run(args: argparse.Namespace) -> int:
    """Run the benchmark, print the report and write it to --out; return 0."""
    cfg = config(args)
    report = run_bench(cfg, log=lambda msg: print(f"bench: {msg}", file=sys.stderr, flush=True))
    command = "python -m aidlens bench " + " ".join(sys.argv[2:])
    section = render(report, command.strip())
    print(section)
    print(f"wrote {write_report(args.out, section)}")
    return 0
