"""What a bench run measures (sizes, quick mode) and the articles files it writes and reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from aidlens.settings import PROJECT_DIR

SAMPLE_CSV = PROJECT_DIR / "sample_data" / "articles.csv"
SMALL_CSV = PROJECT_DIR / "tests" / "data" / "small_articles.csv"
Log = Callable[[str], None]
EXTRA_STAGES = ("rules", "train")  # issue 10: new rules at scale, training on the sample's gold
# Rules of narrow, middling and wide reach in the sample (7, 28 and 44 of its 44 articles).
NEW_RULES = (("Olaf Scholz", "PERSON"), ("Kyiv", "GPE"), ("Ukraine", "GPE"))


@dataclass(frozen=True)
class BenchConfig:
    """What to measure: corpus sizes, repetitions and where the corpora go."""

    source: Path
    process_size: int = 1000
    app_sizes: tuple[int, ...] = (1000, 10000)
    pages: tuple[str, ...] = ("read", "trends", "annotate")
    # Fresh processes per page: a first run is one sample, and on a shared VM the same code on
    # the same folder read 2.2 s to 5.3 s; each figure is their median, every run listed.
    fresh_runs: int = 3
    annotated: int = 2000
    saves: int = 100
    batch_size: int = 64
    seed: int = 6
    workdir: Path | None = None
    max_wait: float = 90.0  # seconds to wait for a quiet machine before each measurement
    stages: tuple[str, ...] = ("core", *EXTRA_STAGES)  # core: process, store and app figures
    rules_size: int = 10000  # articles of the folder new rules are timed on (or the nearest)
    new_rules: tuple[tuple[str, str], ...] = NEW_RULES
    train_articles: int = 0  # gold articles copied for training (0: all of the sample's)
    train_epochs: int = 0  # 0: train's default
    train_min_support: int = 20  # held-out spans a label needs for its own row


QUICK = {
    "process_size": 12,
    "app_sizes": (12, 30),
    "annotated": 6,
    "saves": 10,
    "max_wait": 0.0,
    "fresh_runs": 1,
}
QUICK_EXTRAS = {"train_articles": 12, "train_epochs": 1, "train_min_support": 5}


def n(size: int) -> str:
    """Return a size with thousands separators."""
    return f"{size:,}"


def write_articles(frame: pd.DataFrame, folder: Path) -> Path:
    """Write `frame` as folder/articles.csv (a fresh folder); return the CSV's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.csv"
    frame.to_csv(path, index=False)
    return path


def read_articles(path: Path) -> pd.DataFrame:
    """Return an articles CSV as plain strings, as written."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)
