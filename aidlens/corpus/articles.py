"""Load and validate an articles CSV into a DataFrame, reporting every problem at once."""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, TextIO

import pandas as pd

from aidlens import settings
from aidlens.digest import text_hash
from aidlens.errors import CorpusError, Problem

REQUIRED = ("id", "title", "published", "text")
OPTIONAL = ("source", "url")
BLOCK = 16 * 1024 * 1024  # bytes read at once when checking the encoding
CHUNK_ROWS = 50_000  # articles parsed, checked and normalised at once


@dataclass(frozen=True)
class Corpus:
    """A validated corpus: one row per article, `published` as naive UTC datetimes."""

    frame: pd.DataFrame
    path: str
    warnings: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.frame)


def sniff_encoding(binary: BinaryIO, name: str) -> tuple[str, list[str]]:
    """Return the encoding of a CSV stream and any warnings: UTF-8 (BOM allowed), else cp1252.

    The stream is read block by block and left at its start: a 2 GB file is never held whole.
    """
    head = binary.read(BLOCK)
    if not head.strip() and len(head) < BLOCK:
        raise CorpusError([Problem(name, "the file is empty; expected a header row and articles")])
    if b"\x00" in head[:65536]:
        raise CorpusError([Problem(name, "this is a binary file, not a CSV text file")])
    binary.seek(0)
    bad = _first_bad_byte(binary, "utf-8")
    if bad is None:
        return "utf-8-sig", []
    if _first_bad_byte(binary, "cp1252") is not None:
        msg = f"not UTF-8 (bad byte at offset {bad}); save the file as UTF-8"
        raise CorpusError([Problem(name, msg)])
    return "cp1252", [f"{name}: not UTF-8, read as Windows-1252 (cp1252); save it as UTF-8"]


def _first_bad_byte(binary: BinaryIO, encoding: str) -> int | None:
    """Return the offset of the first byte `encoding` cannot decode (None: all can); rewind."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    try:
        while block := binary.read(BLOCK):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                return offset + exc.start
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            return offset + exc.start
        return None
    finally:
        binary.seek(0)


def parse_published(value: str) -> datetime | None:
    """Return an ISO date or datetime as naive UTC, or None when it is not ISO."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def corpus_chunks(binary: BinaryIO, name: str) -> tuple[list[str], Iterator[pd.DataFrame]]:
    """Return the warnings and the validated, normalised articles of a CSV stream in chunks.

    The chunks come as the file is read; after the last one, CorpusError lists every problem
    of the whole file (so a reader keeps nothing until the iterator ends without one).
    """
    encoding, warnings = sniff_encoding(binary, name)
    return warnings, _chunks(io.TextIOWrapper(binary, encoding=encoding, newline=""), name)


def _chunks(text: TextIO, name: str) -> Iterator[pd.DataFrame]:
    """Yield the normalised chunks of a CSV text stream; raise CorpusError at the end."""
    seen = Seen()
    problems: list[Problem] = []
    try:
        reader = pd.read_csv(
            text, dtype=str, keep_default_na=False, na_filter=False, chunksize=CHUNK_ROWS
        )
        for frame in reader:
            frame.columns = [str(c).strip() for c in frame.columns]
            found = validate(frame, name, seen)
            if found and found[0].row is None:  # a missing column: every chunk would say so
                raise CorpusError(found)
            problems += found
            seen.rows += len(frame)
            if not problems:
                yield _normalise(frame)
    except (pd.errors.ParserError, csv.Error, pd.errors.EmptyDataError) as exc:
        raise CorpusError([Problem(name, f"not a readable CSV file: {exc}")]) from None
    if not seen.rows and not problems:
        problems.append(Problem(name, "the file has a header but no articles"))
    if problems:
        raise CorpusError(problems)


def check_size(size: int, name: str) -> None:
    """Raise CorpusError when a file of `size` bytes is over AIDLENS_MAX_UPLOAD_MB."""
    limit_mb = settings.get_int("AIDLENS_MAX_UPLOAD_MB")
    if size > limit_mb * 1024 * 1024:
        mb = size / 1024 / 1024
        msg = f"the file is {mb:.1f} MB, over the {limit_mb} MB limit (AIDLENS_MAX_UPLOAD_MB)"
        raise CorpusError([Problem(name, msg)])


def read_corpus_bytes(raw: bytes, name: str) -> Corpus:
    """Return the validated corpus held in `raw`; raise CorpusError listing every problem."""
    check_size(len(raw), name)
    return _whole(io.BytesIO(raw), name)


def load_corpus(path: str | Path) -> Corpus:
    """Return the validated corpus in the CSV at `path`; raise CorpusError listing every problem."""
    with open_articles(path) as binary:
        return _whole(binary, str(path))


@contextmanager
def open_articles(path: str | Path) -> Iterator[BinaryIO]:
    """Open an articles CSV for reading, refusing a missing, unreadable or too large file."""
    name = str(path)
    try:
        binary = open(path, "rb")  # noqa: SIM115 (closed below, after the caller's block)
    except FileNotFoundError:
        raise CorpusError([Problem(name, "no such file; give the path of articles.csv")]) from None
    except OSError as exc:
        raise CorpusError([Problem(name, f"cannot be read: {exc.strerror}")]) from None
    with binary:
        check_size(os.fstat(binary.fileno()).st_size, name)
        yield binary


def _whole(binary: BinaryIO, name: str) -> Corpus:
    """Return the validated corpus of a CSV stream, its chunks joined."""
    warnings, chunks = corpus_chunks(binary, name)
    frame = pd.concat(list(chunks), ignore_index=True)
    return Corpus(frame=frame, path=name, warnings=tuple(warnings))


@dataclass
class Seen:
    """What validation has seen in earlier chunks: rows, and the row of each id."""

    rows: int = 0
    first_row: dict[str, int] = field(default_factory=dict)


def validate(frame: pd.DataFrame, name: str, seen: Seen | None = None) -> list[Problem]:
    """Return every problem in a raw corpus frame (a chunk after those `seen`); rows are
    numbered as in a spreadsheet."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        found = ", ".join(frame.columns) or "none"
        msg = f"missing required column(s) {', '.join(missing)} (found: {found})"
        return [Problem(name, msg)]
    seen = Seen() if seen is None else seen
    if frame.empty and not seen.rows:
        return [Problem(name, "the file has a header but no articles")]
    problems: list[Problem] = []
    first_row = seen.first_row
    # Row 1 is the header, so the first article is row 2, as a spreadsheet shows it.
    for row, (art_id, published, text) in enumerate(
        zip(*(frame[c].tolist() for c in ("id", "published", "text")), strict=True),
        start=2 + seen.rows,
    ):
        art_id = art_id.strip()
        if not art_id:
            problems.append(Problem(name, "empty id", row, "id"))
        elif art_id in first_row:
            msg = f"duplicate id '{art_id}' (first used in row {first_row[art_id]})"
            problems.append(Problem(name, msg, row, "id"))
        else:
            first_row[art_id] = row
        if parse_published(published) is None:
            msg = f"'{published[:40]}' is not an ISO date or datetime (e.g. 2024-04-24)"
            problems.append(Problem(name, msg, row, "published"))
        if not text.strip():
            problems.append(Problem(name, "empty text", row, "text"))
    return problems


def _normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with typed columns, optional ones filled and a text hash per article."""
    out = frame.copy()
    out["id"] = out["id"].str.strip()
    for col in OPTIONAL:
        if col not in out.columns:
            out[col] = ""
    out["published"] = pd.to_datetime([parse_published(v) for v in out["published"].tolist()])
    out["text_hash"] = [text_hash(t) for t in out["text"].tolist()]
    return out.reset_index(drop=True)


def safe_url(url: str) -> str | None:
    """Return the URL when it is http(s), else None: other schemes never become links."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else None
