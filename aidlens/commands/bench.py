"""`bench`: measure process speed against raw spaCy and the app at scale; write BENCHMARKS.md."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from aidlens.bench import (
    EXTRA_STAGES,
    QUICK,
    QUICK_EXTRAS,
    BenchConfig,
    default_source,
    render,
    render_extras,
    run_bench,
    run_extras_only,
    write_extras,
    write_report,
)
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


def stages(text: str) -> tuple[str, ...]:
    """Return the comma-separated stage names in `text`, each one of EXTRA_STAGES."""
    names = tuple(v.strip() for v in text.split(",") if v.strip())
    if not names or any(v not in EXTRA_STAGES for v in names):
        raise argparse.ArgumentTypeError(f"'{text}': give stages of {','.join(EXTRA_STAGES)}")
    return names


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
        "--only",
        type=stages,
        help=f"run only these of {','.join(EXTRA_STAGES)} (new rules, training), not the rest",
    )
    p.add_argument(
        "--million",
        action="store_true",
        help="also measure the app on 1,000,000 articles (repeated texts; takes long, needs RAM)",
    )


def config(args: argparse.Namespace) -> BenchConfig:
    """Return the benchmark configuration the options ask for."""
    cfg = BenchConfig(source=args.source or default_source(), workdir=args.workdir)
    if args.quick:
        cfg = replace(cfg, **QUICK, **QUICK_EXTRAS)
    if args.only:
        cfg = replace(cfg, stages=args.only)
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


def _log(message: str) -> None:
    """Print a progress line of the benchmark on stderr."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    """Run the benchmark, print the report and write it to --out; return 0."""
    cfg = config(args)
    command = ("python -m aidlens bench " + " ".join(sys.argv[2:])).strip()
    if "core" in cfg.stages:
        section = render(run_bench(cfg, log=_log), command)
        print(section)
        print(f"wrote {write_report(args.out, section)}")
    else:
        section = render_extras(run_extras_only(cfg, log=_log), command)
        print(section)
        print(f"wrote {write_extras(args.out, section)}")
    return 0
