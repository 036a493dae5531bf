"""The store's CSV files, row by row: parse with a Problem per bad row, serialise, write atomically.

Each record keeps its raw text so that a row the store cannot use (a bad hand edit, or an article
no longer in the corpus) is written back verbatim instead of being dropped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

from aidlens.annotations.spans import ORIGINS, Span, new_span
from aidlens.errors import Problem, SpanError

ANNOTATION_COLUMNS = (
    "article_id",
    "start",
    "end",
    "text",
    "label",
    "origin",
    "annotator",
    "updated_at",
)
REVIEW_COLUMNS = ("article_id", "status", "annotator", "updated_at", "revision")
STATUSES = ("todo", "in_progress", "done")


@dataclass(frozen=True)
class Review:
    """An article's review status and the revision of its last save."""

    article_id: str
    status: str
    annotator: str
    updated_at: str
    revision: int


@dataclass(frozen=True)
class Parsed:
    """A parsed store file: usable rows by article, raw rows kept as they were, and problems."""

    rows: dict[str, list[tuple[str, object]] | None]
    kept: tuple[str, ...]
    problems: tuple[Problem, ...]
    orphans: tuple[str, ...]
    header_ok: bool


def header_line(columns: tuple[str, ...]) -> str:
    """Return the CSV header line of `columns`."""
    return ",".join(columns) + "\n"


def _line(values: list[str]) -> str:
    """Return one CSV line for `values` (minimal quoting, \\n ending)."""
    buf = io.StringIO()
    # With "\r\n" as terminator the writer quotes fields holding either character; with "\n"
    # alone it would leave a lone "\r" unquoted, and readers would split the row there.
    csv.writer(buf, lineterminator="\r\n").writerow(values)
    return buf.getvalue()[:-2] + "\n"


def span_line(article_id: str, s: Span) -> str:
    """Return the annotations.csv line of span `s` of an article."""
    values = [article_id, str(s.start), str(s.end), s.text, s.label, s.origin, s.annotator]
    return _line([*values, s.updated_at])


def review_line(r: Review) -> str:
    """Return the reviews.csv line of review `r`."""
    return _line([r.article_id, r.status, r.annotator, r.updated_at, str(r.revision)])


def split_records(content: str) -> list[str]:
    """Return the raw records of a CSV text, header first, each ending with a newline."""
    if content.count("\r") != content.count("\r\n"):
        return _records_by_csv(content)  # lone carriage returns: let the csv module decide
    # A record ends at a newline outside quotes; quotes inside fields come doubled, so a line
    # ends a record when the quotes seen so far are even. Plain splitting is much quicker than
    # csv.reader, which matters when another process saved and the file is read again.
    out: list[str] = []
    buf: list[str] = []
    quotes = 0
    for line in content.split("\n"):
        buf.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            out.append("\n".join(buf) + "\n")
            buf, quotes = [], 0
    if buf:
        out.append("\n".join(buf) + "\n")
    if out and out[-1] == "\n":
        out.pop()  # what followed the last newline: nothing
    return out


def _records_by_csv(content: str) -> list[str]:
    """Return the raw records as csv.reader delimits them (slow, for unusual line ends)."""
    consumed: list[str] = []
    out: list[str] = []

    def lines() -> Iterator[str]:
        # csv.reader pulls physical lines on demand, so what it consumed for one record is
        # exactly that record's raw text, quoted newlines included.
        for physical in io.StringIO(content, newline=""):
            consumed.append(physical)
            yield physical

    for _ in csv.reader(lines()):
        raw = "".join(consumed)
        consumed.clear()
        out.append(raw if raw.endswith(("\n", "\r")) else raw + "\n")
    return out


def fields_of(raw: str) -> list[str]:
    """Return the fields of one raw record."""
    if '"' not in raw:
        return raw.rstrip("\r\n").split(",")
    return next(csv.reader(io.StringIO(raw, newline="")), [])


def parse(
    content: str,
    name: str,
    columns: tuple[str, ...],
    check: RowCheck,
    texts: Mapping[str, str],
    known: Mapping[str, bytes],
) -> Parsed:
    """Return a whole store file's rows by article (see parse_records), header checked."""
    raws = split_records(content) if content.strip() else []
    if not raws:
        return Parsed({}, (), (), (), True)
    header = [f.strip().lstrip("\ufeff") for f in fields_of(raws[0])]
    if tuple(header) != columns:
        msg = (
            f"the header is {','.join(header)}; it must be exactly {','.join(columns)}. "
            "Fix the header; nothing is saved until then"
        )
        return Parsed({}, (), (Problem(name, msg, 1),), (), False)
    return parse_records(list(enumerate(raws[1:], start=2)), name, columns, check, texts, known)


def parse_records(
    records: list[tuple[int, str]],
    name: str,
    columns: tuple[str, ...],
    check: RowCheck,
    texts: Mapping[str, str],
    known: Mapping[str, bytes],
) -> Parsed:
    """Return (row, raw) records by article, checked unless `known` holds the same bytes."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for row, raw in records:
        if raw.strip():
            first = fields_of(raw)[0] if raw.startswith('"') else raw.split(",", 1)[0]
            groups.setdefault(first.rstrip("\r\n"), []).append((row, raw))
    rows: dict[str, list[tuple[str, object]] | None] = {}
    kept: list[tuple[int, str]] = []
    problems: list[Problem] = []
    orphans: dict[str, None] = {}
    for article_id, recs in groups.items():
        if article_id in known and known[article_id] == "".join(r for _, r in recs).encode():
            rows[article_id] = None  # the same bytes as last read: checked then
            continue
        if article_id not in texts and article_id.strip():
            # Not an error: the corpus may have lost the article; its rows wait, untouched.
            orphans[article_id] = None
            kept.extend(recs)
            continue
        good: list[tuple[str, object]] = []
        for row, raw in recs:
            fields = fields_of(raw)
            if len(fields) != len(columns):
                value: object = Problem("", f"expected {len(columns)} columns, found {len(fields)}")
            else:
                value = check(fields, good, texts.get(article_id, ""))
            if isinstance(value, Problem):
                problems.append(Problem(name, value.message + "; kept as is", row, value.column))
                kept.append((row, raw))
            else:
                good.append((raw, value))
        if good:
            rows[article_id] = good
    problems.sort(key=lambda p: p.row or 0)
    kept_raw = tuple(raw for _, raw in sorted(kept))
    return Parsed(rows, kept_raw, tuple(problems), tuple(orphans), True)


class RowCheck:
    """Checks one row of a store file: returns the parsed value or a Problem."""

    def __call__(self, fields: list[str], earlier: list, text: str) -> object | Problem:
        """Return the row's value, or a Problem (column and message); `earlier`: good rows."""
        raise NotImplementedError


class SpanRowCheck(RowCheck):
    """Checks an annotations.csv row against its article text and the known labels."""

    def __init__(self, labels: Collection[str]):
        self.labels = frozenset(labels)
        self._furthest: dict[str, int] = {}

    def __call__(self, fields: list[str], earlier: list, text: str) -> Span | Problem:
        """Return the row's Span, or a Problem naming the column."""
        article_id, start, end, span_text, label, origin, annotator, updated_at = fields
        if not article_id.strip():
            return Problem("", "empty article_id", column="article_id")
        for col, value in (("start", start), ("end", end)):
            if not (value.isascii() and value.strip().isdigit()):
                return Problem("", f"'{value}' is not a whole number", column=col)
        if origin not in ORIGINS:
            return Problem(
                "", f"origin '{origin}' is not one of {', '.join(ORIGINS)}", column="origin"
            )
        if label not in self.labels:
            msg = f"unknown label '{label}'; fix it or add it to labels.csv in the data folder"
            return Problem("", msg, column="label")
        s, e = int(start), int(end)
        # A row as the store wrote it passes these cheap checks; only a row that fails them
        # goes through new_span, whose errors name what is wrong (most of a load's time else).
        sound = (
            0 <= s < e <= len(text)
            and text[s:e] == span_text
            and not text[s].isspace()
            and not text[e - 1].isspace()
        )
        if not sound:
            try:
                span = new_span(text, s, e, label, self.labels, origin=origin)
            except SpanError as exc:
                return Problem("", str(exc), column="end" if s < len(text) else "start")
            if (span.start, span.end) != (s, e):
                msg = f"{start}-{end} starts or ends with whitespace; use {span.start}-{span.end}"
                return Problem("", msg, column="start")
            msg = f"text '{span_text}' is not the article text at {start}-{end} ('{span.text}')"
            return Problem("", msg, column="text")
        span = Span(s, e, span_text, label, origin, annotator, updated_at)
        # Rows usually come sorted: starting after the furthest end so far rules out overlaps
        # without comparing with every earlier row (quadratic for long articles).
        furthest = self._furthest.get(article_id, -1)
        if span.start < furthest:
            for _, other in earlier:
                if other.start < span.end and span.start < other.end:
                    msg = f"overlaps the span '{other.text}' at {other.start}-{other.end}"
                    return Problem("", msg, column="start")
        self._furthest[article_id] = max(furthest, span.end)
        return span


class ReviewRowCheck(RowCheck):
    """Checks a reviews.csv row: known status, whole-number revision, one row per article."""

    def __call__(self, fields: list[str], earlier: list, text: str) -> Review | Problem:
        """Return the row's Review, or a Problem naming the column."""
        article_id, status, annotator, updated_at, revision = fields
        if not article_id.strip():
            return Problem("", "empty article_id", column="article_id")
        if status not in STATUSES:
            msg = f"status '{status}' is not one of {', '.join(STATUSES)}"
            return Problem("", msg, column="status")
        if not revision.strip().isdigit():
            return Problem("", f"revision '{revision}' is not a whole number", column="revision")
        if earlier:
            return Problem("", f"a second row for article '{article_id}'", column="article_id")
        return Review(article_id, status, annotator, updated_at, int(revision))
