"""The dataset the Dask workers share: text partitions in, result partitions out, by month.

It lives at a local path or an fsspec URL (`s3://bucket/prefix`, ...) that the client and every
worker can reach:

    inputs/month=YYYY-MM/PART.parquet                        text_hash, text (the client's)
    results/MODEL/month=YYYY-MM/PART/NAME-TOKEN.parquet      entities, amounts, docs (a worker's)
    results/MODEL/month=YYYY-MM/PART/_COMMITTED-TOKEN.json   the marker, written last

A partition holds the texts of one month (a text repeated in several months goes to the first)
whose hash falls in one bucket, and its name is a digest of its hashes: a rerun plans the same
partitions for the texts still to do. A worker writes its files under a token of its own and the
marker last. Object stores cannot rename atomically, so the marker (pipeline, extractor version,
each file's row count) is what readers trust: a partition without a sound marker (none, an
unreadable one, a file missing or truncated, another extractor version) is built again, and two
writers of one partition never touch each other's files. Results of another pipeline sit apart.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import fsspec
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec import AbstractFileSystem

from aidlens.errors import DatasetError
from aidlens.processing.dataset import month_of
from aidlens.processing.extract import EXTRACTOR_VERSION, TABLES
from aidlens.processing.parallel import extract_rows

if TYPE_CHECKING:
    from spacy.language import Language

FORMAT = 1
RESULT_FILES = (*TABLES, "docs")  # docs (the text hashes done) says which texts it covers
MARKER = "_COMMITTED-"


@dataclass(frozen=True)
class Part:
    """One partition: a month, a bucket of its text hashes, and how many texts it holds."""

    month: str
    name: str
    texts: int

    @property
    def path(self) -> str:
        """Return the partition's path below inputs/ and results/MODEL/."""
        return f"month={self.month}/{self.name}"


@dataclass(frozen=True)
class Committed:
    """What a worker reports of a committed partition: its token and row counts, no row."""

    part: Part
    token: str
    rows: Mapping[str, int]
    version: str
    reused: bool = False  # found committed (an earlier or concurrent run), not run again
    rebuilt: tuple[str, ...] = field(default=())  # why earlier commits were not sound


def plan_parts(
    frame: pd.DataFrame, todo: Collection[str], size: int
) -> list[tuple[Part, list[str]]]:
    """Return the partitions of the text hashes `todo`, each with its sorted hashes.

    Buckets are counted on the whole corpus, so a partition's name does not change as the
    cache fills: a rerun finds the partitions an earlier run committed.
    """
    months = month_of(frame.groupby("text_hash")["published"].min())
    buckets = -(-months.map(months.value_counts()) // max(1, size))
    heads = pd.Series([int(h[:8], 16) for h in months.index], index=months.index, dtype="int64")
    table = pd.DataFrame({"month": months, "bucket": heads % buckets})
    table = table[table.index.isin(set(todo))]
    out = []
    for (month, bucket), group in table.groupby(["month", "bucket"], sort=True):
        hashes = sorted(group.index)
        digest = hashlib.blake2b("\n".join(hashes).encode(), digest_size=6).hexdigest()
        out.append((Part(str(month), f"b{bucket:04d}-{digest}", len(hashes)), hashes))
    return out


def open_url(url: str) -> tuple[AbstractFileSystem, str]:
    """Return (filesystem, root path) of a folder or fsspec URL; DatasetError if unusable."""
    try:
        fs, root = fsspec.core.url_to_fs(url)
    except (ValueError, ImportError) as exc:
        raise DatasetError(
            f"the Dask dataset '{url}' cannot be opened ({exc}); give a folder or an fsspec URL "
            "whose filesystem is installed here and on the workers (s3:// needs s3fs)"
        ) from None
    return fs, root.rstrip("/")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Return `frame` as Parquet bytes."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def write_marker(fs: AbstractFileSystem, path: str, marker: Mapping) -> None:
    """Write a commit marker; the last write of a commit (a single PUT on object stores)."""
    fs.pipe_file(path, json.dumps(marker, indent=1).encode("utf-8"))


def file_problem(fs: AbstractFileSystem, path: str, rows: object) -> str | None:
    """Return why the Parquet file at `path` is not `rows` rows long, or None when it is."""
    try:
        with fs.open(path, "rb") as fh:
            found = pq.ParquetFile(fh).metadata.num_rows
    except FileNotFoundError:
        return "missing"
    except (OSError, pa.ArrowException):
        return "truncated or unreadable"
    return None if found == rows else f"{found} rows, not {rows}"


class SharedDataset:
    """The partitions at one URL, for one pipeline (its results sit in a folder of their own)."""

    def __init__(self, url: str, model: str):
        self.fs, self.root = open_url(url)
        self.url = self.fs.unstrip_protocol(self.root)  # absolute: workers have other cwds
        self.model = model

    def prepare(self) -> None:
        """Create the dataset's folder; DatasetError when it cannot be written there."""
        try:
            self.fs.makedirs(self.root, exist_ok=True)
        except OSError as exc:
            raise DatasetError(f"cannot write to the Dask dataset at {self.url} ({exc})") from None

    def input_path(self, part: Part) -> str:
        """Return where the partition's texts are."""
        return f"{self.root}/inputs/{part.path}.parquet"

    def result_dir(self, part: Part) -> str:
        """Return the folder of the partition's result files and markers."""
        return f"{self.root}/results/{self.model}/{part.path}"

    def write_input(self, part: Part, texts: Mapping[str, str]) -> None:
        """Write hash -> text of a partition, unless a sound copy is there; through a move."""
        path = self.input_path(part)
        if file_problem(self.fs, path, part.texts) is None:
            return
        frame = pd.DataFrame({"text_hash": list(texts), "text": list(texts.values())})
        tmp = f"{path}.{uuid.uuid4().hex}.tmp"
        try:
            self.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
            self.fs.pipe_file(tmp, parquet_bytes(frame))
            self.fs.mv(tmp, path)  # whole or absent, even on an object store (a copy)
        except OSError as exc:
            raise DatasetError(f"cannot write the texts to {self.url} ({exc})") from None

    def read_input(self, part: Part) -> dict[str, str]:
        """Return hash -> text of a partition; DatasetError when it is missing or damaged."""
        path = self.input_path(part)
        try:
            with self.fs.open(path, "rb") as fh:
                table = pq.read_table(fh)  # a truncated file has no footer: nothing is read
        except (OSError, pa.ArrowException) as exc:
            where = self.fs.unstrip_protocol(path)
            raise DatasetError(f"input partition {where} is missing or damaged ({exc})") from None
        if table.num_rows != part.texts:
            raise DatasetError(f"input partition {path}: {table.num_rows} texts, not {part.texts}")
        hashes, texts = table.column("text_hash").to_pylist(), table.column("text").to_pylist()
        return dict(zip(hashes, texts, strict=True))

    def commit(self, part: Part, hashes: list[str], rows: Mapping[str, list[dict]]) -> Committed:
        """Write a partition's result files under a new token, then its marker, then tidy."""
        token = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        folder = self.result_dir(part)
        frames = {t: pd.DataFrame(rows.get(t, [])) for t in TABLES}
        frames["docs"] = pd.DataFrame({"text_hash": hashes})
        self.fs.makedirs(folder, exist_ok=True)
        for name, frame in frames.items():
            self.fs.pipe_file(f"{folder}/{name}-{token}.parquet", parquet_bytes(frame))
        counts = {name: len(frame) for name, frame in frames.items()}
        marker = {
            "format": FORMAT,
            "part": part.path,
            "model": self.model,
            "version": EXTRACTOR_VERSION,
            "rows": counts,
        }
        write_marker(self.fs, f"{folder}/{MARKER}{token}.json", marker)
        self.tidy(part, keep=token)
        return Committed(part, token, counts, EXTRACTOR_VERSION)

    def _tokens(self, part: Part) -> dict[str, list[str]]:
        """Return token -> file paths in the partition's folder (empty when there is none)."""
        try:
            paths = self.fs.ls(self.result_dir(part), detail=False)
        except FileNotFoundError:
            return {}
        out: dict[str, list[str]] = {}
        for path in sorted(paths):
            name = path.rsplit("/", 1)[-1]
            stem = name[len(MARKER) :] if name.startswith(MARKER) else name.split("-", 1)[-1]
            out.setdefault(stem.rsplit(".", 1)[0], []).append(path)
        return out

    def check(self, part: Part, token: str) -> Committed | str:
        """Return one commit of a partition when it is sound, else what is wrong with it."""
        folder, where = self.result_dir(part), f"{part.path} ({token})"
        try:
            marker = json.loads(self.fs.cat_file(f"{folder}/{MARKER}{token}.json"))
        except FileNotFoundError:
            return f"{where}: no commit marker (its writer stopped before the end)"
        except (OSError, ValueError):
            return f"{where}: commit marker unreadable"
        if not isinstance(marker, dict) or marker.get("format") != FORMAT:
            return f"{where}: commit marker of another format"
        if marker.get("version") != EXTRACTOR_VERSION:
            return f"{where}: made by extractor {marker.get('version')}, not {EXTRACTOR_VERSION}"
        if marker.get("model") != self.model or marker.get("part") != part.path:
            return f"{where}: commit marker of another partition or pipeline"
        rows = marker.get("rows") or {}
        if rows.get("docs") != part.texts:
            return f"{where}: {rows.get('docs')} texts done, the partition has {part.texts}"
        for name in RESULT_FILES:
            problem = file_problem(self.fs, f"{folder}/{name}-{token}.parquet", rows.get(name))
            if problem is not None:
                return f"{where}: {name} file {problem}"
        return Committed(part, token, rows, EXTRACTOR_VERSION)

    def committed(self, part: Part) -> tuple[Committed | None, list[str]]:
        """Return the newest sound commit of a partition (or None), and what the others lack."""
        problems = []
        for token in sorted(self._tokens(part), reverse=True):
            found = self.check(part, token)
            if isinstance(found, Committed):
                return found, problems
            problems.append(found)
        return None, problems

    def tidy(self, part: Part, keep: str) -> None:
        """Delete the files of unsound commits, once commit `keep` is sound (never a sound one).

        A concurrent writer's unfinished files may go too: its commit is then unsound and
        ignored, and the partition is still readable from `keep` (its rows are the same).
        """
        for token, paths in self._tokens(part).items():
            if token != keep and not isinstance(self.check(part, token), Committed):
                self.fs.rm(paths)

    def read_result(self, done: Committed) -> tuple[list[str], dict[str, pd.DataFrame]]:
        """Return (hashes, frame per table) of a commit; DatasetError if it is not all there."""
        folder = self.result_dir(done.part)
        frames = {}
        for name in RESULT_FILES:
            path = f"{folder}/{name}-{done.token}.parquet"
            try:
                with self.fs.open(path, "rb") as fh:
                    table = pq.read_table(fh)
            except (OSError, pa.ArrowException) as exc:
                raise DatasetError(f"result partition {path}: unreadable ({exc})") from None
            if table.num_rows != done.rows.get(name):
                raise DatasetError(f"result partition {path}: {table.num_rows} rows, not all")
            frames[name] = table.to_pandas()
        return frames.pop("docs")["text_hash"].tolist(), frames


def build_part(shared: SharedDataset, part: Part, nlp: Language, batch_size: int) -> Committed:
    """Return a partition's sound commit, running the pipeline on its texts when there is none.

    This runs on a worker: it reads the texts and writes the results itself.
    """
    found, problems = shared.committed(part)
    if found is not None:
        return Committed(found.part, found.token, found.rows, found.version, reused=True)
    hashes, rows = extract_rows(list(shared.read_input(part).items()), nlp, batch_size)
    done = shared.commit(part, hashes, rows)
    return Committed(part, done.token, done.rows, done.version, rebuilt=tuple(problems))
