"""What the annotation commands (correct, relabel, export, evaluate) share: --data and progress."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Collection
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from aidlens import settings
from aidlens.analysis import Workspace, model_results, with_rules
from aidlens.processing import Results


def add_data_argument(p: argparse.ArgumentParser) -> None:
    """Register --data DIR (default: AIDLENS_DATA, else sample_data/)."""
    p.add_argument("--data", help="data folder holding articles.csv (default: AIDLENS_DATA)")


def data_dir(args: argparse.Namespace) -> Path:
    """Return the data folder the command works on."""
    return settings.data_dir(["--data", args.data] if args.data else [])


def entities_with_progress(
    ws: Workspace, *, article_ids: Collection[str] | None = None, rules: bool = True
) -> pd.DataFrame:
    """Return the model's entities (with the folder's rules), processing uncached texts first."""
    entities = results_with_progress(ws, article_ids=article_ids).entities
    return with_rules(ws, entities, article_ids=article_ids) if rules else entities


def results_with_progress(ws: Workspace, *, article_ids: Collection[str] | None = None) -> Results:
    """Return the extracted tables, with a progress bar while uncached texts are processed."""
    bars: list[tqdm] = []

    def progress(done: int, total: int) -> None:
        if not bars:  # made on first use: nothing shows when everything is cached
            bars.append(tqdm(total=total, unit="article", desc="processing", file=sys.stderr))
        bars[0].update(done - bars[0].n)

    try:
        return model_results(ws, article_ids=article_ids, progress=progress)
    finally:
        for bar in bars:
            bar.close()
