"""On-disk cache of per-text extraction results, keyed by pipeline, extractor and text hash.

Each processing run appends immutable chunk files (Parquet, one per table) and a `docs` file
written last as the chunk's commit marker, so concurrent runs never rewrite each other's
work; a text processed twice is read from its first chunk only.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from filelock import FileLock

from aidlens.pipeline import ModelId

COMPACT_AFTER = 16  # chunks; past this a write merges them into one, keeping reads quick


class ResultCache:
    """Extraction results of one pipeline and extractor version, stored under `root`."""

    def __init__(self, root: Path, model: ModelId, extractor_version: str, tables: Iterable[str]):
        self.dir = Path(root) / f"{model.slug}-x{extractor_version}"
        self.tables = tuple(tables)
        self._lock = FileLock(str(self.dir) + ".lock")

    def _chunks(self) -> list[str]:
        """Return committed chunk ids, oldest first."""
        if not self.dir.exists():
            return []
        names = sorted(p.name for p in self.dir.glob("docs-*.parquet"))
        return [n[len("docs-") : -len(".parquet")] for n in names]

    def signature(self) -> tuple[str, ...]:
        """Return the committed chunk ids: changes whenever the cache content changes."""
        return tuple(self._chunks())

    def cached_hashes(self) -> set[str]:
        """Return the hashes of every text already processed."""
        chunks = self._chunks()
        if not chunks:
            return set()
        docs = [pq.read_table(self.dir / f"docs-{c}.parquet").column("text_hash") for c in chunks]
        return set(pa.chunked_array(docs).to_pylist())

    def add(self, hashes: list[str], rows: Mapping[str, list[dict]]) -> None:
        """Commit the results of the texts `hashes`: for each table, its rows with a text_hash."""
        self.add_frames(hashes, {t: pd.DataFrame(rows.get(t, [])) for t in self.tables})

    def add_frames(self, hashes: list[str], frames: Mapping[str, pd.DataFrame]) -> None:
        """Commit the results of the texts `hashes`, one frame per table (see `add`)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        chunk = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        for table in self.tables:
            frame = frames.get(table, pd.DataFrame())
            _write_atomic(self.dir / f"{table}-{chunk}.parquet", frame)
        # The docs file goes last: a chunk without it is invisible, so a crash leaves no half.
        _write_atomic(self.dir / f"docs-{chunk}.parquet", pd.DataFrame({"text_hash": hashes}))
        if len(self._chunks()) > COMPACT_AFTER:
            self.compact()

    def load(self, table: str) -> pd.DataFrame:
        """Return every cached row of `table`, each text's rows taken from its first chunk."""
        frames = []
        seen: set[str] = set()
        for chunk in self._chunks():
            docs = pq.read_table(self.dir / f"docs-{chunk}.parquet").column("text_hash")
            fresh = set(docs.to_pylist()) - seen
            seen |= fresh
            path = self.dir / f"{table}-{chunk}.parquet"
            if not fresh or not path.exists():
                continue
            df = pq.read_table(path).to_pandas()
            if len(df) and "text_hash" in df.columns:
                frames.append(df[df["text_hash"].isin(fresh)])
        if not frames:
            return pd.DataFrame()
        return pd.concat(frames, ignore_index=True)

    def compact(self) -> None:
        """Merge all chunks into one, under a lock so that two runs do not compact at once."""
        with self._lock:
            chunks = self._chunks()
            if len(chunks) <= 1:
                return
            merged = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
            hashes: list[str] = []
            for c in chunks:
                docs = pq.read_table(self.dir / f"docs-{c}.parquet")
                hashes += docs.column("text_hash").to_pylist()
            for table in self.tables:
                _write_atomic(self.dir / f"{table}-{merged}.parquet", self.load(table))
            # Same rule as add(): the new docs file commits the merged chunk; old ones go after.
            unique = list(dict.fromkeys(hashes))
            _write_atomic(self.dir / f"docs-{merged}.parquet", pd.DataFrame({"text_hash": unique}))
            for c in chunks:
                (self.dir / f"docs-{c}.parquet").unlink(missing_ok=True)
                for table in self.tables:
                    (self.dir / f"{table}-{c}.parquet").unlink(missing_ok=True)


def _write_atomic(path: Path, frame: pd.DataFrame) -> None:
    """Write `frame` as Parquet to `path` through a temp file, fsync and os.replace."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    frame.to_parquet(tmp, index=False)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
