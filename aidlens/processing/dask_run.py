"""What a Dask run reports, and where its shared dataset lives unless told (no Dask import)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FOLDER = "dask"  # in the data folder's cache/


@dataclass
class DaskRun:
    """What a Dask run did, partition by partition (names and counts, no row)."""

    url: str
    run: int = 0
    reused: int = 0
    texts: int = 0
    rebuilt: list[str] = field(default_factory=list)  # why committed partitions were unsound
    failed: list[str] = field(default_factory=list)


def default_url(data_dir: Path) -> str:
    """Return the default place of the shared dataset: beside the result cache."""
    return str(Path(data_dir).resolve() / "cache" / FOLDER)
