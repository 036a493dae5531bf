"""Entity spans: the checks every edit passes (app, CLI, store) and pure edit helpers.

A checked span lies inside its article text, has start < end, no surrounding whitespace (offsets
are moved inwards to trim it), `text` equal to the slice, and a known label. A set of spans never
overlaps: adding a span replaces the spans it overlaps, and `overlapping` says which beforehand.
Every helper returns a new sorted tuple and leaves the spans it was given untouched.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from aidlens.errors import InputError, Problem, SpanError
from aidlens.pipeline import model_labels

ORIGINS = ("model", "human")
LABELS_FILE = "labels.csv"


@dataclass(frozen=True)
class Span:
    """One entity span of an article: offsets, text, label and who set it."""

    start: int
    end: int
    text: str
    label: str
    origin: str = "human"
    annotator: str = ""
    updated_at: str = ""

    @property
    def key(self) -> tuple[int, int, str]:
        """Return (start, end, label): what makes two spans the same annotation."""
        return (self.start, self.end, self.label)


def _int(value: object, name: str) -> int:
    """Return `value` as an int, refusing bools, floats with a fraction and non-numbers."""
    if isinstance(value, bool):
        raise SpanError(f"{name} {value!r} is not a character offset; give a whole number")
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise SpanError(
            f"{name} {value!r} is not a character offset; give a whole number"
        ) from None
    if isinstance(value, float) and number != value:
        raise SpanError(f"{name} {value!r} is not a character offset; give a whole number")
    return number


def check_label(label: str, labels: Collection[str]) -> str:
    """Return `label` when it is known; raise SpanError naming the known ones otherwise."""
    if label not in labels:
        known = ", ".join(sorted(labels)) or "none"
        raise SpanError(
            f"unknown label '{label}'; use one of {known}, "
            f"or add it to {LABELS_FILE} in the data folder"
        )
    return label


def check_offsets(text: str, start: object, end: object) -> tuple[int, int]:
    """Return start, end moved inwards past whitespace; raise SpanError when they are unusable."""
    start, end = _int(start, "start"), _int(end, "end")
    if start < 0 or end > len(text):
        raise SpanError(
            f"offsets {start}-{end} are outside the text, which has {len(text)} characters; "
            f"give 0 <= start < end <= {len(text)}"
        )
    if start >= end:
        raise SpanError(f"start {start} is not before end {end}; give start < end")
    # Trim rather than refuse: a mouse selection or a phrase often takes a space along.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise SpanError("the selection holds only whitespace; select at least one word")
    return start, end


def new_span(
    text: str,
    start: object,
    end: object,
    label: str,
    labels: Collection[str],
    *,
    origin: str = "human",
) -> Span:
    """Return the checked span start:end of `text`, whitespace trimmed; raise SpanError."""
    start, end = check_offsets(text, start, end)
    check_label(label, labels)
    if origin not in ORIGINS:
        raise SpanError(f"unknown origin '{origin}'; use one of {', '.join(ORIGINS)}")
    return Span(start, end, text[start:end], label, origin)


def check_spans(text: str, spans: Iterable[Span], labels: Collection[str]) -> tuple[Span, ...]:
    """Return the spans re-checked against `text`, sorted; raise SpanError on any overlap."""
    checked = []
    for s in spans:
        fresh = new_span(text, s.start, s.end, s.label, labels, origin=s.origin)
        checked.append(replace(s, start=fresh.start, end=fresh.end, text=fresh.text))
    checked.sort(key=lambda s: (s.start, s.end))
    for before, after in zip(checked, checked[1:], strict=False):
        if after.start < before.end:
            raise SpanError(
                f"spans '{before.text}' ({before.start}-{before.end}) and '{after.text}' "
                f"({after.start}-{after.end}) overlap; keep one of them"
            )
    return tuple(checked)


def overlapping(spans: Iterable[Span], start: int, end: int) -> tuple[Span, ...]:
    """Return the spans a new span start:end would replace (those it overlaps)."""
    return tuple(s for s in spans if s.start < end and start < s.end)


def with_span(spans: Iterable[Span], new: Span) -> tuple[Span, ...]:
    """Return the spans with `new` added, replacing every span it overlaps."""
    kept = [s for s in spans if not (s.start < new.end and new.start < s.end)]
    return tuple(sorted([*kept, new], key=lambda s: (s.start, s.end)))


def _at(spans: Sequence[Span], start: int, end: int) -> int:
    """Return the index of the span at exactly start:end; raise SpanError when none is there."""
    for i, s in enumerate(spans):
        if (s.start, s.end) == (start, end):
            return i
    there = ", ".join(f"{s.start}-{s.end}" for s in spans) or "none"
    raise SpanError(f"no span at {start}-{end}; the article's spans are at: {there}")


def relabel_span(
    spans: Sequence[Span], start: int, end: int, label: str, labels: Collection[str]
) -> tuple[Span, ...]:
    """Return the spans with the one at start:end given `label` (now a human annotation)."""
    check_label(label, labels)
    out = list(spans)
    i = _at(out, start, end)
    out[i] = replace(out[i], label=label, origin="human", annotator="", updated_at="")
    return tuple(out)


def remove_span(spans: Sequence[Span], start: int, end: int) -> tuple[Span, ...]:
    """Return the spans without the one at start:end."""
    i = _at(spans, start, end)
    return tuple(s for j, s in enumerate(spans) if j != i)


def find_phrase(text: str, phrase: str) -> tuple[tuple[int, int], ...]:
    """Return the (start, end) of each whole-word, case-sensitive occurrence of `phrase`."""
    phrase = phrase.strip()
    if not phrase:
        return ()
    # \w lookarounds instead of \b: \b misbehaves when the phrase itself starts or ends with
    # punctuation ("U.S."), where a word boundary is not what the annotator means.
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
    return tuple((m.start(), m.end()) for m in pattern.finditer(text))


def label_phrase(
    text: str,
    spans: Sequence[Span],
    phrase: str,
    label: str,
    labels: Collection[str],
    *,
    occurrence: int | None = None,
) -> tuple[Span, ...]:
    """Return the spans with `phrase` labelled: every occurrence, or only the `occurrence`-th."""
    found = find_phrase(text, phrase)
    if not found:
        raise SpanError(f"'{phrase.strip()}' does not occur in the article as whole words")
    if occurrence is not None:
        if not 0 <= occurrence < len(found):
            raise SpanError(
                f"occurrence {occurrence} does not exist; '{phrase.strip()}' occurs "
                f"{len(found)} time(s), numbered from 0"
            )
        found = (found[occurrence],)
    out = tuple(spans)
    for start, end in found:
        out = with_span(out, new_span(text, start, end, label, labels))
    return out


def read_labels_csv(path: Path) -> tuple[str, ...]:
    """Return the labels listed in a labels.csv (column `label`); raise InputError per bad row."""
    try:
        content = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(str(path), "not UTF-8; save it as UTF-8")]) from None
    reader = csv.DictReader(io.StringIO(content))
    if not reader.fieldnames or "label" not in [f.strip() for f in reader.fieldnames]:
        raise InputError([Problem(str(path), "needs a column named 'label', one label a row")])
    reader.fieldnames = [f.strip() for f in reader.fieldnames]
    labels: list[str] = []
    problems = []
    for rec in reader:
        label = (rec.get("label") or "").strip()
        if not label:
            row = reader.line_num  # blank lines count, as in a spreadsheet
            problems.append(Problem(str(path), "empty label; remove the row", row, "label"))
        else:
            labels.append(label)
    if problems:
        raise InputError(problems)
    return tuple(dict.fromkeys(labels))


def known_labels(data_dir: Path, model_name: str) -> tuple[str, ...]:
    """Return the pipeline's NER labels followed by those of `labels.csv` in the data folder."""
    extra = Path(data_dir) / LABELS_FILE
    more = read_labels_csv(extra) if extra.exists() else ()
    return tuple(dict.fromkeys([*model_labels(model_name), *more]))
