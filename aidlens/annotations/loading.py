"""Read a store file into memory again, re-parsing only what another process changed.

A peer's save rewrites the file with the same article blocks in the same order except the ones
it saved. So the blocks this process already holds are looked for, unchanged, at the start and
at the end of the new file (plain byte comparisons); only the bytes between them and the kept
raw rows at the very end are parsed and checked. Anything unexpected falls back to a full parse.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from aidlens.annotations.records import (
    Parsed,
    RowCheck,
    decode_file,
    header_line,
    parse,
    parse_records,
    split_records,
)
from aidlens.errors import Problem


@dataclass(frozen=True)
class LoadedFile:
    """A store file as read: rows (raw bytes, value) by article, None where unchanged."""

    signature: tuple[int, int, int] | None
    rows: dict[str, list[tuple[bytes, object]] | None]
    kept: tuple[bytes, ...]
    problems: tuple[Problem, ...]
    orphans: tuple[str, ...]
    writable: bool


@dataclass(frozen=True)
class Known:
    """What this process last read or wrote: blocks by article, their row counts, kept rows."""

    blocks: Mapping[str, bytes]
    rows: Mapping[str, int]
    kept: Sequence[bytes]


def _id_prefix(block: bytes) -> bytes | None:
    """Return the bytes that start every row of a block (`id,`), None for a quoted id."""
    if block.startswith(b'"'):
        return None
    return block[: block.index(b",") + 1] if b"," in block else None


def _unchanged_ends(
    raw: bytes, header: bytes, known: Known
) -> tuple[list[str], int, int, list[str], int] | None:
    """Return (ids found at the start, middle start, middle stop, ids at the end, tail start)."""
    if not known.blocks or not raw.startswith(header):
        return None
    kept = b"".join(known.kept)
    tail = len(raw) - len(kept) if kept and raw.endswith(kept) else len(raw)
    items = list(known.blocks.items())
    pos, head = len(header), []
    for a, block in items:
        prefix = _id_prefix(block)
        end = pos + len(block)
        # The block must also not go on: a peer may have added a row of the same article after it.
        if prefix is None or end > tail or not raw.startswith(block, pos):
            break
        if raw.startswith(prefix, end):
            break
        head.append(a)
        pos = end
    stop, foot = tail, []
    for a, block in reversed(items[len(head) :]):
        prefix = _id_prefix(block)
        begin = stop - len(block)
        if prefix is None or begin < pos or not raw.endswith(block, pos, stop):
            break
        line_start = raw.rfind(b"\n", pos, max(begin - 1, pos)) + 1
        if begin > pos and raw.startswith(prefix, max(line_start, pos)):
            break  # a row of the same article just before it: it changed
        foot.insert(0, a)
        stop = begin
    return head, pos, stop, foot, tail


def read_file(path: Path) -> tuple[tuple[int, int, int] | None, bytes]:
    """Return the file's (inode, size, mtime_ns) and bytes; (None, b"") when missing."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            return (st.st_ino, st.st_size, st.st_mtime_ns), fh.read()
    except FileNotFoundError:
        return None, b""


def load_file(
    path: Path,
    columns: tuple[str, ...],
    check: RowCheck,
    texts: Mapping[str, str],
    known: Known,
) -> LoadedFile:
    """Return a store file parsed; a missing file is empty, one not UTF-8 is not writable."""
    signature, raw = read_file(path)
    parsed = _parse_changed(raw, str(path), columns, check, texts, known)
    if parsed is None:
        content = decode_file(raw, str(path))
        if isinstance(content, Problem):
            return LoadedFile(signature, {}, (), (content,), (), False)
        parsed = parse(content, str(path), columns, check, texts, known.blocks)
    rows = {
        a: None if pairs is None else [(r.encode("utf-8"), v) for r, v in pairs]
        for a, pairs in parsed.rows.items()
    }
    kept = tuple(r.encode("utf-8") for r in parsed.kept)
    return LoadedFile(signature, rows, kept, parsed.problems, parsed.orphans, parsed.header_ok)


def _parse_changed(
    raw: bytes,
    name: str,
    columns: tuple[str, ...],
    check: RowCheck,
    texts: Mapping[str, str],
    known: Known,
) -> Parsed | None:
    """Return the file parsed around its unchanged blocks, or None when a full parse is due."""
    ends = _unchanged_ends(raw, header_line(columns).encode("utf-8"), known)
    if ends is None:
        return None
    head, start, stop, foot, tail = ends
    try:
        middle, rest = raw[start:stop].decode("utf-8"), raw[tail:].decode("utf-8")
    except UnicodeDecodeError:
        return None
    row = 2 + sum(known.rows[a] for a in head)
    records = list(enumerate(split_records(middle), start=row)) if middle else []
    row += len(records) + sum(known.rows[a] for a in foot)
    records += list(enumerate(split_records(rest), start=row)) if rest else []
    parsed = parse_records(records, name, columns, check, texts, known.blocks)
    if set(parsed.rows) & {*head, *foot} or set(parsed.orphans) & {*head, *foot}:
        return None  # an article's rows are not together: read it all the slow way
    rows = {**dict.fromkeys(head), **parsed.rows, **dict.fromkeys(foot)}
    return Parsed(rows, parsed.kept, parsed.problems, parsed.orphans, True)
