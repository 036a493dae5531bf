"""The corrections' tables saved as Parquet, so that a new process need not build them again.

A query's first sync turns every touched article's spans into rows (`corrected`), lists the
touched articles (`touched`) and counts what they change in the per-month name counts
(`touched_delta`): at 2,000 annotated articles of 100,000, over half a second of every new
server process's first page. So a first sync that built many rows writes the three tables to
`cache/corrections/` in the data folder, named by a key of everything they are made from (the
dataset's key, which covers the corpus, the model's results, aliases.csv, rates.csv and the
code; the store's rows and labels; the aliases the query canonicalises with), and the next
process's first sync reads them back instead. A file that is missing, damaged or of another
key is not read: the tables are built as before. Parquet, not pickle: a cache may be shared.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

import duckdb

FORMAT = 1
FOLDER = "corrections"
TABLES = ("corrected", "touched", "touched_delta")
# Below this many corrected rows a build is quick, and writing the files would cost more.
MIN_ROWS = 5_000


def saved_folder(dataset_root: Path) -> Path:
    """Return where the saved tables of a dataset's data folder live (beside the dataset)."""
    return Path(dataset_root).parent / FOLDER


def corrections_key(dataset_key: str, store_digest: str, aliases: Mapping[str, str]) -> str:
    """Return the key of the tables made from one dataset, store content and alias table."""
    text = f"{FORMAT}\x1f{dataset_key}\x1f{store_digest}"
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16)
    for alias, name in sorted(aliases.items()):
        digest.update(f"\x1e{alias}\x1f{name}".encode())
    return digest.hexdigest()


def _path(folder: Path, key: str, table: str) -> Path:
    """Return the file of one saved table."""
    return folder / f"{key}-{table}.parquet"


def load_saved(con: duckdb.DuckDBPyConnection, folder: Path, key: str) -> bool:
    """Fill the three empty tables from the files of `key`; False, leaving them empty, if not."""
    paths = [_path(folder, key, t) for t in TABLES]
    if not all(p.is_file() for p in paths):
        return False
    cursor = con.cursor()
    try:
        cursor.execute("BEGIN TRANSACTION")
        for table, path in zip(TABLES, paths, strict=True):
            cursor.execute(f"INSERT INTO {table} SELECT * FROM read_parquet(?)", [str(path)])
        cursor.execute("COMMIT")
        return True
    except duckdb.Error:
        cursor.execute("ROLLBACK")  # a damaged or foreign file: build the tables instead
        return False
    finally:
        cursor.close()


def save(con: duckdb.DuckDBPyConnection, folder: Path, key: str) -> bool:
    """Write the tables as `key`'s files, removing other keys'; False if too small or unwritable."""
    cursor = con.cursor()
    temp: Path | None = None
    try:
        (rows,) = cursor.execute("SELECT count(*) FROM corrected").fetchone()
        if rows < MIN_ROWS:
            return False
        folder.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            final = _path(folder, key, table)
            temp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
            cursor.execute(f"COPY {table} TO '{_sql_path(temp)}' (FORMAT parquet)")
            os.replace(temp, final)  # a reader sees the old file or the whole new one
        _remove_others(folder, key)
    except (OSError, duckdb.Error):
        if temp is not None:
            temp.unlink(missing_ok=True)  # a half-written copy is no use to anyone
        return False  # a read-only folder: the next process builds the tables again, no harm
    finally:
        cursor.close()
    return True


def _sql_path(path: Path) -> str:
    """Return a path as a SQL string literal's content (COPY takes no parameter)."""
    return str(path).replace("'", "''")


def _remove_others(folder: Path, key: str) -> None:
    """Remove the files of other keys: only the latest content is ever read again."""
    for path in folder.glob("*.parquet"):
        if not path.name.startswith(f"{key}-"):
            path.unlink(missing_ok=True)
