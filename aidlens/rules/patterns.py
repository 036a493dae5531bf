"""patterns.jsonl: one spaCy EntityRuler phrase pattern a line, {"label": "GPE", "pattern": "Kyiv"}.

The file is spaCy's own format (`EntityRuler.from_disk` reads it), kept readable and editable by
hand. Only phrase patterns (a string) are used: a token pattern (a list) is reported, as is a line
that is not a JSON object with a non-empty `label` and `pattern`, and a pattern given twice. Bad
lines are reported by line number and skipped; a file with bad lines is never rewritten, so a
hand edit is not lost: `add` and `remove` refuse until it is fixed. Saves are atomic (temp file,
fsync, os.replace) under a cross-process lock, `patterns.jsonl.lock`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from aidlens.atomic import StoreLock, write_bytes_atomic
from aidlens.errors import InputError, Problem, StoreError

PATTERNS_FILE = "patterns.jsonl"
LOCK_TIMEOUT = 10.0  # seconds a save waits for another process holding the lock


@dataclass(frozen=True)
class Rule:
    """One rule: every occurrence of `text` (on token boundaries) is an entity `label`."""

    text: str
    label: str


@dataclass(frozen=True)
class RuleSet:
    """The rules of a data folder, and the problems of the lines that could not be used."""

    rules: tuple[Rule, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def key(self) -> str:
        """Return a digest of the rules: what a derived table of them is keyed by."""
        body = "\n".join(f"{r.label}\t{r.text}" for r in self.rules)
        return hashlib.blake2b(body.encode("utf-8"), digest_size=8).hexdigest()


def _problem(line: int, message: str) -> Problem:
    """Return a problem located at a line of patterns.jsonl."""
    return Problem(PATTERNS_FILE, f"line {line}: {message}")


def _rule(line: int, raw: str) -> Rule | Problem:
    """Return the rule on one line of the file, or the problem that makes it unusable."""
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        return _problem(line, f'is not JSON ({exc.msg}); write {{"label": ..., "pattern": ...}}')
    if not isinstance(record, dict):
        return _problem(line, 'is not a JSON object; write {"label": ..., "pattern": ...}')
    label, pattern = record.get("label"), record.get("pattern")
    if isinstance(pattern, list):
        return _problem(line, "token patterns (a list) are not used; write the phrase as a string")
    if not isinstance(pattern, str) or not pattern.strip():
        return _problem(line, f"pattern {pattern!r} is not a phrase; give a non-empty string")
    if pattern != pattern.strip():
        return _problem(line, f"pattern {pattern!r} starts or ends with a space; remove it")
    if not isinstance(label, str) or not label.strip() or label != label.strip():
        return _problem(line, f'label {label!r} is not a label; give one such as "GPE"')
    return Rule(pattern, label)


def parse_rules(text: str) -> RuleSet:
    """Return the rules and the bad lines of patterns.jsonl's text."""
    rules: dict[str, Rule] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        found = _rule(number, raw)
        if isinstance(found, Problem):
            problems.append(found)
        elif found.text in rules:
            first = lines[found.text]
            problems.append(
                _problem(number, f"pattern '{found.text}' is also on line {first}; keep one")
            )
        else:
            rules[found.text], lines[found.text] = found, number
    return RuleSet(tuple(rules.values()), tuple(problems))


def load_rules(data_dir: Path) -> RuleSet:
    """Return the data folder's rules (none when patterns.jsonl is missing)."""
    path = Path(data_dir) / PATTERNS_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return RuleSet()
    try:
        return parse_rules(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return RuleSet(
            (), (Problem(PATTERNS_FILE, f"is not UTF-8 ({exc.reason}); save it as UTF-8"),)
        )


def dumps(rules: Iterable[Rule]) -> bytes:
    """Return patterns.jsonl's bytes for `rules`, one EntityRuler pattern a line."""
    lines = (json.dumps({"label": r.label, "pattern": r.text}, ensure_ascii=False) for r in rules)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _lock(data_dir: Path) -> StoreLock:
    """Return the cross-process lock of the folder's patterns.jsonl."""
    return StoreLock(Path(data_dir) / f"{PATTERNS_FILE}.lock", LOCK_TIMEOUT)


def _checked(data_dir: Path) -> RuleSet:
    """Return the folder's rules; raise InputError when the file has bad lines."""
    current = load_rules(data_dir)
    if current.problems:
        fix = Problem(PATTERNS_FILE, "fix or delete the lines above by hand, then try again")
        raise InputError([*current.problems, fix])
    return current


def add_rule(data_dir: Path, text: str, label: str) -> tuple[RuleSet, bool]:
    """Save the rule `text` -> `label` (replacing one for the same text); return it and if new."""
    text = text.strip()
    if not text:
        raise StoreError("the rule's text is empty; give the exact text, e.g. --text Kyiv")
    _checked(data_dir)  # refuse before the lock: a refused save leaves the folder as it was
    with _lock(data_dir).write():
        current = _checked(data_dir)
        rule = Rule(text, label)
        if rule in current.rules:
            return current, False
        rules = [r for r in current.rules if r.text != text] + [rule]
        write_bytes_atomic(Path(data_dir) / PATTERNS_FILE, dumps(rules))
    return RuleSet(tuple(rules)), True


def _missing(data_dir: Path, text: str) -> None:
    """Raise StoreError: no rule has `text`, naming the rules there are."""
    known = ", ".join(f"'{r.text}'" for r in load_rules(data_dir).rules) or "none"
    raise StoreError(f"no rule has the text '{text}' in {PATTERNS_FILE}; the rules are: {known}")


def remove_rule(data_dir: Path, text: str) -> RuleSet:
    """Delete the rule for `text`; raise StoreError naming the rules when there is none."""
    if all(r.text != text.strip() for r in _checked(data_dir).rules):
        _missing(data_dir, text)
    with _lock(data_dir).write():
        current = _checked(data_dir)
        rules = [r for r in current.rules if r.text != text.strip()]
        if len(rules) == len(current.rules):
            _missing(data_dir, text)
        write_bytes_atomic(Path(data_dir) / PATTERNS_FILE, dumps(rules))
    return RuleSet(tuple(rules))
