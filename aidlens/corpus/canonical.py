"""Canonical entity names for counting mentions: trimming rules plus an alias table."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

from aidlens.errors import InputError, Problem

BUILTIN_ALIASES = Path(__file__).with_name("data") / "aliases.csv"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACES = re.compile(r"\s+")
# A wire's dateline that the model tagged with the name: "BRUSSELS - The European Commission",
# "WASHINGTON (Reuters) — the Pentagon".
_DATELINE = re.compile(r"^[A-Z]{3,}(?:[ ,.']+[A-Z]+)*,?(?: \([^)]*\))?\s*[-–—]+\s+(?=\S)")


def read_aliases(path: Path) -> dict[str, str]:
    """Return alias -> canonical from a CSV with columns alias,canonical; raise InputError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(str(path), "not UTF-8; save it as UTF-8")]) from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or {"alias", "canonical"} - set(reader.fieldnames):
        raise InputError([Problem(str(path), "needs the columns alias,canonical")])
    table: dict[str, str] = {}
    problems = []
    for row, rec in enumerate(reader, start=2):
        alias, canon = (rec.get("alias") or "").strip(), (rec.get("canonical") or "").strip()
        if not alias or not canon:
            col = "alias" if not alias else "canonical"
            problems.append(Problem(str(path), "empty value", row, col))
            continue
        table[_key(alias)] = canon
    if problems:
        raise InputError(problems)
    return table


def _key(text: str) -> str:
    """Return the lookup key of a name: trimmed, single-spaced, case-folded."""
    return _SPACES.sub(" ", _strip(text)).casefold()


def _strip(text: str) -> str:
    """Return the name without surrounding space, a dateline, a leading 'the' or a trailing
    possessive."""
    text = _DATELINE.sub("", _SPACES.sub(" ", text.strip()))
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


def load_aliases(data_dir: Path | None = None) -> Mapping[str, str]:
    """Return the alias table: the shipped one, extended by `aliases.csv` in the data folder."""
    table = read_aliases(BUILTIN_ALIASES)
    if data_dir is not None and (Path(data_dir) / "aliases.csv").exists():
        table.update(read_aliases(Path(data_dir) / "aliases.csv"))
    return MappingProxyType(table)


def canonical(text: str, aliases: Mapping[str, str]) -> str:
    """Return the canonical name of an entity text."""
    stripped = _strip(text)
    return aliases.get(stripped.casefold(), stripped)


def map_distinct(texts: Iterable[str], name: Callable[[str], str]) -> list[str]:
    """Return `name(text)` for each text, computing each distinct text once."""
    memo: dict[str, str] = {}
    return [memo[t] if t in memo else memo.setdefault(t, name(t)) for t in texts]


def canonical_many(texts: Iterable[str], aliases: Mapping[str, str]) -> list[str]:
    """Return the canonical name of each text, computing each distinct text once."""
    return map_distinct(texts, lambda t: canonical(t, aliases))
