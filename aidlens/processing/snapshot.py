"""A Parquet snapshot of the built result tables, so a cold start reads them instead of
rebuilding them (building is most of a first run on a large corpus).

The snapshot is a derived file beside the result cache, keyed by everything the tables are
built from: the corpus (ids, dates, text hashes), the cache's content, the data folder's
aliases.csv and rates.csv, and aidlens's own code and data files. Any change makes a new key.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa

from aidlens.atomic import write_bytes_atomic
from aidlens.corpus import Corpus
from aidlens.processing.cache import ResultCache
from aidlens.processing.process import Results, build_results

TABLES = ("entities", "amounts")
PACKAGE = Path(__file__).resolve().parent.parent  # all of aidlens: the tables are built across it


def snapshot_key(corpus: Corpus, cache: ResultCache, data_dir: Path) -> str:
    """Return a digest of everything the result tables are built from."""
    digest = hashlib.blake2b(digest_size=16)
    frame = corpus.frame
    for column in ("id", "text_hash"):
        # tolist() converts an Arrow-backed column at once; iterating it costs 0.3 s at 100,000.
        digest.update("\x1f".join(frame[column].tolist()).encode("utf-8"))
    digest.update(frame["published"].astype("int64").to_numpy().tobytes())
    digest.update("|".join(cache.signature()).encode("utf-8"))
    for name in ("aliases.csv", "rates.csv"):
        path = Path(data_dir) / name
        digest.update(path.read_bytes() if path.exists() else b"-")
    # The code that builds the tables: a changed module or data file must not reuse a snapshot.
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("data/*.csv")]):
        stat = path.stat()
        digest.update(f"{path.relative_to(PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def cached_results(
    corpus: Corpus, cache: ResultCache, aliases: Mapping[str, str], *, data_dir: Path
) -> Results:
    """Return the result tables from their snapshot, building and saving it when there is none."""
    key = snapshot_key(corpus, cache, data_dir)
    folder = cache.dir / "results"
    paths = {table: folder / f"{key}-{table}.parquet" for table in TABLES}
    if all(p.exists() for p in paths.values()):
        try:
            return Results(*(pd.read_parquet(paths[t]) for t in TABLES))
        except (OSError, ValueError, pa.ArrowException):
            pass  # a damaged snapshot is built again below
    results = build_results(corpus, cache, aliases)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            buffer = io.BytesIO()
            getattr(results, table).to_parquet(buffer, index=False)
            write_bytes_atomic(paths[table], buffer.getvalue())
        for old in folder.glob("*.parquet"):
            if old not in paths.values():
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only folder: the snapshot only saves time, the tables are already built
    return results
