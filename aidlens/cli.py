"""The `python -m aidlens` command line: one sub-command per module in aidlens.commands."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from aidlens.errors import AidLensError

# Sub-command name -> module in aidlens.commands exposing HELP, add_arguments(p) and run(args).
COMMANDS = (
    "process",
    "bench",
    "correct",
    "relabel",
    "export",
    "evaluate",
    "train",
    "train-amounts",
    "review-amount",
    "rules",
)

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every sub-command registered."""
    # Options are written whole: abbreviated, `process --data DIR` (process has no --data) was
    # read as `--dataset DIR` and the error asked for Dask.
    parser = argparse.ArgumentParser(
        prog="python -m aidlens", description=__doc__, allow_abbrev=False
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"aidlens.commands.{name.replace('-', '_')}")
        sub = subparsers.add_parser(
            name, help=module.HELP, description=module.HELP, allow_abbrev=False
        )
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (2 for bad input, with a message and no traceback)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except AidLensError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}; nothing was changed", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
