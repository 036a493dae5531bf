"""Load and validate an articles CSV into a DataFrame, reporting every problem at once."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from aidlens import settings
from aidlens.digest import text_hash
from aidlens.errors import CorpusError, Problem

REQUIRED = ("id", "title", "published", "text")
OPTIONAL = ("source", "url")


@dataclass(frozen=True)
class Corpus:
    """A validated corpus: one row per article, `published` as naive UTC datetimes."""

    frame: pd.DataFrame
    path: str
    warnings: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.frame)


def decode(raw: bytes, name: str) -> tuple[str, list[str]]:
    """Return the text of a CSV file and any warnings; UTF-8 (BOM allowed), else cp1252."""
    if not raw.strip():
        raise CorpusError([Problem(name, "the file is empty; expected a header row and articles")])
    if b"\x00" in raw[:65536]:
        raise CorpusError([Problem(name, "this is a binary file, not a CSV text file")])
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            msg = f"not UTF-8 (bad byte at offset {exc.start}); save the file as UTF-8"
            raise CorpusError([Problem(name, msg)]) from None
        return text, [f"{name}: not UTF-8, read as Windows-1252 (cp1252); save it as UTF-8"]


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


def read_corpus_bytes(raw: bytes, name: str) -> Corpus:
    """Return the validated corpus held in `raw`; raise CorpusError listing every problem."""
    limit_mb = settings.get_int("AIDLENS_MAX_UPLOAD_MB")
    if len(raw) > limit_mb * 1024 * 1024:
        size = len(raw) / 1024 / 1024
        msg = f"the file is {size:.1f} MB, over the {limit_mb} MB limit (AIDLENS_MAX_UPLOAD_MB)"
        raise CorpusError([Problem(name, msg)])
    text, warnings = decode(raw, name)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, csv.Error, pd.errors.EmptyDataError) as exc:
        raise CorpusError([Problem(name, f"not a readable CSV file: {exc}")]) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    problems = validate(frame, name)
    if problems:
        raise CorpusError(problems)
    return Corpus(frame=_normalise(frame), path=name, warnings=tuple(warnings))


def load_corpus(path: str | Path) -> Corpus:
    """Return the validated corpus in the CSV at `path`; raise CorpusError listing every problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        msg = "no such file; give the path of articles.csv"
        raise CorpusError([Problem(str(path), msg)]) from None
    except OSError as exc:
        raise CorpusError([Problem(str(path), f"cannot be read: {exc.strerror}")]) from None
    return read_corpus_bytes(raw, str(path))


def validate(frame: pd.DataFrame, name: str) -> list[Problem]:
    """Return every problem in a raw corpus frame; rows are numbered as in a spreadsheet."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        found = ", ".join(frame.columns) or "none"
        msg = f"missing required column(s) {', '.join(missing)} (found: {found})"
        return [Problem(name, msg)]
    if frame.empty:
        return [Problem(name, "the file has a header but no articles")]
    problems: list[Problem] = []
    first_row: dict[str, int] = {}
    # Row 1 is the header, so the first article is row 2, as a spreadsheet shows it.
    for row, (art_id, published, text) in enumerate(
        zip(*(frame[c].tolist() for c in ("id", "published", "text")), strict=True), start=2
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
