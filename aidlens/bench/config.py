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


@dataclass(frozen=True)
class BenchConfig:
    """What to measure: corpus sizes, repetitions and where the corpora go."""

    source: Path
    process_size: int = 1000
    app_sizes: tuple[int, ...] = (1000, 10000)
    pages: tuple[str, ...] = ("read", "trends", "annotate")
    annotated: int = 2000
    saves: int = 100
    batch_size: int = 64
    seed: int = 6
    workdir: Path | None = None
    max_wait: float = 90.0  # seconds to wait for a quiet machine before each measurement


QUICK = {"process_size": 12, "app_sizes": (12, 30), "annotated": 6, "saves": 10, "max_wait": 0.0}


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
