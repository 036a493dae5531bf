"""The store's CSV files, row by row: parse with a Problem per bad row, serialise, write atomically.

Each record keeps its raw text so that a row the store cannot use (a bad hand edit, or an article
no longer in the corpus) is written back verbatim instead of being dropped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
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


def csv_line(values: list[str]) -> str:
    """Return one CSV line for `values` (minimal quoting, \\n ending)."""
    buf = io.StringIO()
    # With "\r\n" as terminator the writer quotes fields holding either character; with "\n"
    # alone it would leave a lone "\r" unquoted, and readers would split the row there.
    csv.writer(buf, lineterminator="\r\n").writerow(values)
    return buf.getvalue()[:-2] + "\n"


def span_line(article_id: str, s: Span) -> str:
    """Return the annotations.csv line of span `s` of an article."""
    values = [article_id, str(s.start), str(s.end), s.text, s.label, s.origin, s.annotator]
    return csv_line([*values, s.updated_at])


def review_line(r: Review) -> str:
    """Return the reviews.csv line of review `r`."""
    return csv_line([r.article_id, r.status, r.annotator, r.updated_at, str(r.revision)])


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


def decode_file(raw: bytes, name: str) -> str | Problem:
    """Return a store file's text, or the Problem of bytes that are not UTF-8 (not writable)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Problem(name, f"not UTF-8 (byte {exc.start}); save it as UTF-8", 1)


def header_of(record: str) -> tuple[str, ...]:
    """Return the column names of a header record (spaces and a byte-order mark dropped)."""
    return tuple(f.strip().lstrip("\ufeff") for f in fields_of(record))


def header_problem(name: str, header: tuple[str, ...], wanted: str) -> Problem:
    """Return the Problem of a file whose header is not `wanted`: nothing is saved until fixed."""
    msg = f"the header is {','.join(header)}; it must be {wanted}"
    return Problem(name, msg + ". Fix the header; nothing is saved until then", 1)


class BadRows:
    """The rows of a file the store keeps verbatim: bad ones (a Problem each) and orphans."""

    def __init__(self, name: str):
        self.name = name
        self._problems: list[Problem] = []
        self._kept: list[tuple[int, str]] = []

    def keep(self, row: int, raw: str) -> None:
        """Keep a row as it is (an article no longer in the corpus: not a problem)."""
        self._kept.append((row, raw))

    def report(self, row: int, raw: str, problem: Problem) -> None:
        """Keep a bad row as it is, with its Problem naming the file, row and column."""
        self._problems.append(
            Problem(self.name, problem.message + "; kept as is", row, problem.column)
        )
        self._kept.append((row, raw))

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Return the problems in row order."""
        return tuple(sorted(self._problems, key=lambda p: p.row or 0))

    @property
    def kept(self) -> tuple[str, ...]:
        """Return the kept rows' raw text in row order."""
        return tuple(raw for _, raw in sorted(self._kept))


def checked_rows(
    records: Iterable[tuple[int, str]],
    width: int,
    check: Callable[[list[str], int], object],
    bad: BadRows,
) -> Iterator[tuple[int, str, object]]:
    """Yield (row, raw, value) of each record `check` accepts; report the others to `bad`."""
    for row, raw in records:
        fields = fields_of(raw)
        if len(fields) != width:
            value: object = Problem("", f"expected {width} columns, found {len(fields)}")
        else:
            value = check(fields, row)
        if isinstance(value, Problem):
            bad.report(row, raw, value)
        else:
            yield row, raw, value


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
    header = header_of(raws[0])
    if header != columns:
        problem = header_problem(name, header, "exactly " + ",".join(columns))
        return Parsed({}, (), (problem,), (), False)
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
    bad = BadRows(name)
    orphans: dict[str, None] = {}
    for article_id, recs in groups.items():
        if article_id in known and known[article_id] == "".join(r for _, r in recs).encode():
            rows[article_id] = None  # the same bytes as last read: checked then
            continue
        if article_id not in texts and article_id.strip():
            # Not an error: the corpus may have lost the article; its rows wait, untouched.
            orphans[article_id] = None
            for row, raw in recs:
                bad.keep(row, raw)
            continue
        good = _article_rows(recs, len(columns), check, texts.get(article_id, ""), bad)
        if good:
            rows[article_id] = good
    return Parsed(rows, bad.kept, bad.problems, tuple(orphans), True)


def _article_rows(
    recs: list[tuple[int, str]], width: int, check: RowCheck, text: str, bad: BadRows
) -> list[tuple[str, object]]:
    """Return the good (raw, value) rows of one article; the bad ones go to `bad`."""
    good: list[tuple[str, object]] = []
    for _, raw, value in checked_rows(recs, width, lambda f, _row: check(f, good, text), bad):
        good.append((raw, value))
    return good


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
