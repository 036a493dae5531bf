"""The result tables as a Parquet dataset partitioned by month of publication, with a manifest.

`cache/dataset/` beside the result cache holds `entities/month=YYYY-MM/part-TOKEN.parquet`, the
same for `amounts/` and for `names/` (mentions and articles per label and canonical name), and
`manifest.json`, which names, per month, each
table's file, its row count, the pipeline and extractor version that made it and a digest of
its rows. Files are never rewritten in place: a new partition gets a new file name, the
manifest (replaced atomically) switches to it, and only then are unlisted files deleted. A
reader goes by the manifest, so it never sees a half-written file. A partition that is missing,
truncated (its Parquet footer unreadable or its row count not the manifest's) or from another
pipeline or extractor version is rebuilt from the cache; so is every partition whose rows
changed when the corpus, the cache, aliases.csv, rates.csv or the code did.
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from filelock import FileLock

from aidlens.atomic import write_bytes_atomic
from aidlens.corpus import Corpus
from aidlens.processing.cache import ResultCache
from aidlens.processing.dataset_key import dataset_key
from aidlens.processing.extract import EXTRACTOR_VERSION
from aidlens.processing.process import (
    article_entities,
    build_amounts,
    cached_entities,
    data_dir_of,
)

FORMAT = 1
DATASET_TABLES = ("entities", "amounts", "names")
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Partition:
    """One month of the dataset: per table its file (relative to the root) and row count."""

    month: str  # YYYY-MM
    files: Mapping[str, str]
    rows: Mapping[str, int]
    digest: str
    model: str
    extractor_version: str


@dataclass(frozen=True)
class Dataset:
    """A sound dataset as its manifest lists it."""

    root: Path
    key: str
    partitions: Mapping[str, Partition]

    def files(self, table: str, months: Collection[str] | None = None) -> list[str]:
        """Return the absolute paths of `table`'s files, of `months` only when given."""
        keep = self.partitions if months is None else [m for m in months if m in self.partitions]
        return [str(self.root / self.partitions[m].files[table]) for m in sorted(keep)]

    def rows(self, table: str) -> int:
        """Return how many rows `table` holds in all."""
        return sum(p.rows[table] for p in self.partitions.values())


def dataset_root(data_dir: Path) -> Path:
    """Return the dataset's folder in the data folder's cache."""
    return Path(data_dir) / "cache" / "dataset"


def month_of(published: pd.Series) -> pd.Series:
    """Return each date's month as YYYY-MM."""
    return published.dt.to_period("M").astype(str)


def months_between(start: object | None, end: object | None, months: Collection[str]) -> list[str]:
    """Return the months of `months` that overlap the days start..end (None: open)."""
    lo = pd.Timestamp(start).strftime("%Y-%m") if start is not None else ""
    hi = pd.Timestamp(end).strftime("%Y-%m") if end is not None else "9999-99"
    return sorted(m for m in months if lo <= m <= hi)


def dataset_stamp(root: Path) -> tuple:
    """Return the size and mtime of the manifest and of every partition file (a cheap key)."""
    root = Path(root)
    out = []
    for path in sorted([root / MANIFEST, *root.glob("*/month=*/*.parquet")]):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        out.append((str(path.relative_to(root)), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


def read_manifest(root: Path) -> dict | None:
    """Return the manifest as stored, or None when it is missing or unreadable."""
    try:
        data = json.loads((Path(root) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def _partitions(manifest: Mapping) -> dict[str, Partition]:
    """Return the manifest's partitions as objects (an ill-formed entry is left out)."""
    out = {}
    for month, p in (manifest.get("partitions") or {}).items():
        try:
            out[month] = Partition(
                month, dict(p["files"]), dict(p["rows"]), p["digest"], p["model"], p["version"]
            )
        except (KeyError, TypeError):
            continue
    return out


def partition_problem(root: Path, part: Partition, model: str) -> str | None:
    """Return what is wrong with one partition (missing, truncated, other version), or None."""
    if part.model != model or part.extractor_version != EXTRACTOR_VERSION:
        return f"{part.month}: made by {part.model} extractor {part.extractor_version}"
    for table in DATASET_TABLES:
        path = Path(root) / part.files.get(table, "-")
        if table not in part.files or not path.is_file():
            return f"{part.month}: {table} partition missing"
        try:
            rows = pq.ParquetFile(path).metadata.num_rows
        except (OSError, pa.ArrowException):
            return f"{part.month}: {table} partition truncated or unreadable"
        if rows != part.rows.get(table):
            said = part.rows.get(table)
            return f"{part.month}: {table} partition has {rows} rows, the manifest says {said}"
    return None


def check_dataset(root: Path, *, key: str, model: str, months: Collection[str]) -> list[str]:
    """Return every reason the dataset cannot be read as it is (empty: it is sound and current)."""
    manifest = read_manifest(root)
    if manifest is None:
        return ["no manifest"]
    parts = _partitions(manifest)
    problems = [f"{m}: partition missing" for m in sorted(set(months) - parts.keys())]
    problems += [f"{m}: no longer in the corpus" for m in sorted(parts.keys() - set(months))]
    problems += [p for m in sorted(parts) if (p := partition_problem(root, parts[m], model))]
    if not problems and manifest.get("key") != key:
        problems.append("the corpus, the cache, aliases.csv, rates.csv or the code changed")
    return problems


def month_tables(
    corpus: Corpus, cached: pd.DataFrame, amounts: pd.DataFrame
) -> Iterator[tuple[str, dict[str, pd.DataFrame]]]:
    """Yield each month of the corpus with its tables, built one month at a time.

    `cached` are the cache's entity rows (process.cached_entities), `amounts` the built table.
    A month's entity rows exist only while it is written: 5 million rows at 100,000 articles.
    """
    frame = corpus.frame
    months = month_of(frame["published"]).to_numpy()
    by_month = amounts_by_month(amounts, frame["id"], months)
    articles = frame[["id", "text_hash", "published"]]
    for month in sorted(set(months.tolist())):
        ents = article_entities(articles[months == month], cached)
        # Per (label, canonical name): mentions and mentioning articles. An article lies in one
        # month, so the months' counts add up to the corpus's: the pickers and the top names
        # read these few rows instead of counting millions of entity rows.
        names = (
            ents.groupby(["label", "canonical"])
            .agg(mentions=("article_id", "size"), articles=("article_id", "nunique"))
            .reset_index()
        )
        yield month, {"entities": ents, "amounts": by_month.get(month), "names": names}


def amounts_by_month(
    amounts: pd.DataFrame, ids: pd.Series, months: np.ndarray
) -> dict[str, pd.DataFrame]:
    """Return month -> the amount rows of its articles, in the table's order; rows of articles
    not in the corpus are left out."""
    if not len(amounts.columns):
        amounts = pd.DataFrame({"article_id": pd.Series(dtype="str")})
    position = pd.Index(ids).get_indexer(amounts["article_id"])
    known = position >= 0
    rows = amounts[known].reset_index(drop=True)
    of_row = months[position[known]]
    empty = rows.iloc[0:0]
    groups = dict(tuple(rows.groupby(of_row, sort=True))) if len(rows) else {}
    return {m: groups.get(m, empty) for m in set(months.tolist())}


def table_schema(frame: pd.DataFrame) -> pa.Schema:
    """Return the Parquet schema of a table, text for a column with no value at all."""
    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    for i, field in enumerate(schema):
        if pa.types.is_null(field.type):
            schema = schema.set(i, field.with_type(pa.string()))
    return schema


def _digest(tables: Mapping[str, pd.DataFrame]) -> str:
    """Return a digest of a partition's rows, to tell whether a rebuild changed them."""
    digest = hashlib.blake2b(digest_size=16)
    for table in DATASET_TABLES:
        frame = tables[table]
        digest.update(f"{table}:{len(frame)}:{','.join(frame.columns)}".encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def _parquet_bytes(frame: pd.DataFrame, schema: pa.Schema) -> bytes:
    """Return `frame` as Parquet bytes with the table's common schema."""
    buffer = io.BytesIO()
    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    pq.write_table(table, buffer, row_group_size=64_000)
    return buffer.getvalue()


def write_dataset(
    corpus: Corpus, cached: pd.DataFrame, amounts: pd.DataFrame, root: Path, *, key: str, model: str
) -> Dataset:
    """Write the months whose rows differ from the sound ones listed, one at a time, then the
    manifest; `cached` are the cache's entity rows and `amounts` the built table."""
    root = Path(root)
    old_parts = _partitions(read_manifest(root) or {})
    # One schema per table for every month: a column empty in one month is still text there.
    schemas = {"amounts": table_schema(amounts)} if len(amounts.columns) else {}
    parts: dict[str, Partition] = {}
    for month, tables in month_tables(corpus, cached, amounts):
        for table in DATASET_TABLES:
            if table not in schemas:  # the first month's, inferred once
                schemas[table] = table_schema(tables[table])
        digest = _digest(tables)
        prev = old_parts.get(month)
        if prev and prev.digest == digest and partition_problem(root, prev, model) is None:
            parts[month] = prev
            continue
        token = uuid.uuid4().hex[:12]
        files = {t: f"{t}/month={month}/part-{token}.parquet" for t in DATASET_TABLES}
        for table in DATASET_TABLES:
            path = root / files[table]
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, _parquet_bytes(tables[table], schemas[table]))
        rows = {t: len(tables[t]) for t in DATASET_TABLES}
        parts[month] = Partition(month, files, rows, digest, model, EXTRACTOR_VERSION)
    write_bytes_atomic(root / MANIFEST, json.dumps(_manifest(key, parts), indent=1).encode())
    _remove_unlisted(root, parts)
    return Dataset(root, key, parts)


def _manifest(key: str, parts: Mapping[str, Partition]) -> dict:
    """Return the manifest listing `parts` as JSON-ready data."""
    return {
        "format": FORMAT,
        "key": key,
        "partitions": {
            m: {
                "files": dict(p.files),
                "rows": dict(p.rows),
                "digest": p.digest,
                "model": p.model,
                "version": p.extractor_version,
            }
            for m, p in parts.items()
        },
    }


def dataset_amounts(dataset: Dataset, *, skip: Collection[str] = ()) -> pd.DataFrame:
    """Return the amounts table from the dataset without the columns in `skip`, rows in the
    built table's order (no month)."""
    files = dataset.files("amounts")
    if not files:
        return pd.DataFrame()
    # Months written at different times may differ in string width: promote to one schema.
    schema = pa.unify_schemas([pq.read_schema(f) for f in files], promote_options="permissive")
    columns = [c for c in schema.names if c not in skip]
    table = ds.dataset(files, schema=schema, format="parquet").to_table(columns=columns)
    # The table is ordered by article and start; each article lies in one month, so a stable
    # sort of the months' rows gives back the built order exactly. Arrow finds the order and
    # pandas takes the rows: Arrow's own take copies every string (0.6 s at 500,000 rows).
    order = pc.sort_indices(table, sort_keys=[("article_id", "ascending"), ("start", "ascending")])
    return table.to_pandas().take(order.to_numpy()).reset_index(drop=True)


def _remove_unlisted(root: Path, parts: Mapping[str, Partition]) -> None:
    """Delete the partition files the manifest no longer lists (after it was replaced)."""
    listed = {str(root / f) for p in parts.values() for f in p.files.values()}
    for table in DATASET_TABLES:
        for path in (root / table).glob("month=*/*.parquet"):
            if str(path) not in listed:
                path.unlink(missing_ok=True)


def ensure_dataset(
    corpus: Corpus,
    cache: ResultCache,
    aliases: Mapping[str, str],
    *,
    on_rebuild: Callable[[list[str]], None] | None = None,
    built: tuple[pd.DataFrame, pd.DataFrame] | None = None,
) -> Dataset:
    """Return the folder's dataset, rebuilding from the cache what is missing, damaged or stale.

    `on_rebuild` is told why, before any rebuild starts (the app shows it). `built` are the
    cache's entity rows and the amounts table when the caller has them already.
    """
    data_dir = data_dir_of(cache)
    root = dataset_root(data_dir)
    key = dataset_key(corpus, cache, data_dir)
    model = cache.dir.name
    months = set(month_of(corpus.frame["published"]).unique())
    problems = check_dataset(root, key=key, model=model, months=months)
    if not problems:
        return Dataset(root, key, _partitions(read_manifest(root) or {}))
    root.mkdir(parents=True, exist_ok=True)
    with FileLock(str(root) + ".lock"):
        # Another process may have rebuilt it while this one waited for the lock.
        problems = check_dataset(root, key=key, model=model, months=months)
        if not problems:
            return Dataset(root, key, _partitions(read_manifest(root) or {}))
        if on_rebuild is not None:
            on_rebuild(problems)
        if built is None:
            cached = cached_entities(cache, aliases)
            built = cached, build_amounts(corpus, cache, cached, aliases)
        cached, amounts = built
        return write_dataset(corpus, cached, amounts, root, key=key, model=model)
