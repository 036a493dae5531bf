"""Export the gold set (the touched articles and their corrected spans) as CSV, JSONL or DocBin.

- CSV: one row per span, the columns of annotations.csv. Cells a spreadsheet would run as a
  formula (starting with =, +, -, @, tab or carriage return) get a leading ' unless raw=True.
- JSONL: {"id", "text", "spans": [{"start", "end", "label"}]} per article (Prodigy, doccano).
- The ledger (`ledger_csv`): one row per commitment with reviewed values winning, in the spirit of
  the Kiel Institute's Ukraine Support Tracker sheet, each with the links of its source articles.
- spaCy DocBin, ready for `spacy train`: the text tokenised by `spacy.blank("en")` (or a given
  pipeline), then every token that a span boundary falls inside is cut there ("Rutteas" becomes
  "Rutte" + "as", no space between), so each span is exactly its tokens and keeps the text the
  annotator set; the result counts the tokens cut. The span set of a touched article is
  complete, so every token outside a span is gold "O".
"""

from __future__ import annotations

import bisect
import csv
import io
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from aidlens.amounts import COMMITMENT_COLUMNS
from aidlens.analysis.ledger import commitments_frame
from aidlens.annotations import ANNOTATION_COLUMNS, Span
from aidlens.atomic import write_bytes_atomic
from aidlens.errors import StoreError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from aidlens.annotations import AnnotationStore

FORMATS = ("csv", "jsonl", "spacy")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LEDGER_EXPORT_COLUMNS = (*COMMITMENT_COLUMNS[:-1], "sources", "reviewed")


@dataclass(frozen=True)
class GoldDoc:
    """One touched article of the gold set: its text, corrected spans and review status."""

    article_id: str
    text: str
    spans: tuple[Span, ...]
    status: str


@dataclass(frozen=True)
class ExportResult:
    """An export's bytes, what it holds, and any span that could not be carried over."""

    data: bytes
    articles: int
    spans: int
    warnings: tuple[str, ...] = ()
    split_tokens: int = 0  # DocBin only: tokens cut at a span boundary inside them


def gold_set(store: AnnotationStore, *, statuses: Collection[str] | None = None) -> list[GoldDoc]:
    """Return the touched articles in corpus order, only those with a status in `statuses`."""
    touched = store.states()
    return [
        GoldDoc(a, store.text(a), touched[a].spans, touched[a].status)
        for a in store.article_ids
        if a in touched and (statuses is None or touched[a].status in statuses)
    ]


def neutralise(cell: str) -> str:
    """Return the cell with a leading ' when a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def to_csv(gold: list[GoldDoc], *, raw: bool = False) -> bytes:
    """Return the gold set as CSV bytes (UTF-8), one row per span."""
    buf = io.StringIO()
    writer = csv.writer(buf)  # "\r\n" rows, as RFC 4180 and spreadsheets expect
    writer.writerow(ANNOTATION_COLUMNS)
    for doc in gold:
        for s in doc.spans:
            row = [doc.article_id, str(s.start), str(s.end), s.text, s.label, s.origin]
            row += [s.annotator, s.updated_at]
            writer.writerow(row if raw else [neutralise(c) for c in row])
    return buf.getvalue().encode("utf-8")


def to_jsonl(gold: list[GoldDoc]) -> bytes:
    """Return the gold set as JSON lines, one article a line."""
    lines = [
        json.dumps(
            {
                "id": doc.article_id,
                "text": doc.text,
                "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in doc.spans],
            },
            ensure_ascii=False,
        )
        for doc in gold
    ]
    return "".join(line + "\n" for line in lines).encode("utf-8")


def cut_doc(nlp: Language, text: str, boundaries: Sequence[int]) -> tuple[Doc, int]:
    """Return `text` tokenised and cut at every sorted boundary, and how many tokens were cut."""
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []
    split = 0
    for token in nlp.make_doc(text):
        lo = bisect.bisect_right(boundaries, token.idx)
        hi = bisect.bisect_left(boundaries, token.idx + len(token.text))
        cuts = [b - token.idx for b in boundaries[lo:hi]]
        split += bool(cuts)
        edges = [0, *cuts, len(token.text)]
        words += [token.text[a:b] for a, b in zip(edges, edges[1:], strict=False)]
        # Only the last piece keeps the token's trailing space: the text is rebuilt exactly.
        spaces += [False] * len(cuts) + [bool(token.whitespace_)]
    return Doc(nlp.vocab, words=words, spaces=spaces), split


def to_docbin(
    gold: list[GoldDoc], nlp: Language | None = None
) -> tuple[bytes, tuple[str, ...], int]:
    """Return the gold set as DocBin bytes, a warning per span left out, and the tokens cut."""
    import spacy
    from spacy.tokens import DocBin

    nlp = nlp if nlp is not None else spacy.blank("en")
    docbin = DocBin()
    warnings = []
    split = 0
    for g in gold:
        doc, cut = cut_doc(nlp, g.text, sorted({b for s in g.spans for b in (s.start, s.end)}))
        split += cut
        ents = []
        for s in g.spans:
            span = doc.char_span(s.start, s.end, label=s.label, alignment_mode="strict")
            if span is None or (ents and span.start < ents[-1].end):
                warnings.append(
                    f"article '{g.article_id}': span '{s.text}' ({s.start}-{s.end}) overlaps "
                    "the span before it or starts or ends in whitespace; it was left out of "
                    "the DocBin (fix it on the Annotate page)"
                )
                continue
            ents.append(span)
        doc.ents = ents
        docbin.add(doc)
    return docbin.to_bytes(), tuple(warnings), split


def export(gold: list[GoldDoc], fmt: str, *, raw: bool = False) -> ExportResult:
    """Return the gold set in format `fmt` (csv, jsonl or spacy)."""
    warnings: tuple[str, ...] = ()
    split = 0
    if fmt == "csv":
        data = to_csv(gold, raw=raw)
    elif fmt == "jsonl":
        data = to_jsonl(gold)
    elif fmt == "spacy":
        data, warnings, split = to_docbin(gold)
    else:
        raise StoreError(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}")
    spans = sum(len(g.spans) for g in gold)
    return ExportResult(data, len(gold), spans, warnings, split)


def write_export(result: ExportResult, path: Path) -> Path:
    """Write an export to `path` atomically (temp file, fsync, rename); return the path."""
    return write_bytes_atomic(Path(path), result.data)


def ledger_csv(
    amounts: pd.DataFrame, articles: pd.DataFrame, *, reviewed_only: bool = True
) -> tuple[bytes, int]:
    """Return the ledger as CSV bytes (formula cells neutralised) and its number of commitments."""
    frame = commitments_frame(amounts)
    if reviewed_only:
        frame = frame[frame["reviewed"].astype(bool)]
    links = dict(zip(articles["id"], _article_links(articles), strict=True))
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(LEDGER_EXPORT_COLUMNS)
    for rec in frame.to_dict("records"):
        ids = rec["article_ids"].split(";")
        rec["sources"] = " ; ".join(dict.fromkeys(links.get(a, a) for a in ids))
        rec["first_date"] = "" if pd.isna(rec["first_date"]) else rec["first_date"].date()
        rec["value"] = "" if pd.isna(rec["value"]) else f"{rec['value']:.0f}"
        rec["value_usd"] = "" if pd.isna(rec["value_usd"]) else f"{rec['value_usd']:.0f}"
        writer.writerow([neutralise(str(rec[c])) for c in LEDGER_EXPORT_COLUMNS])
    return buf.getvalue().encode("utf-8"), len(frame)


def _article_links(articles: pd.DataFrame) -> list[str]:
    """Return each article's URL, else its source and title."""
    urls = articles["url"] if "url" in articles.columns else pd.Series("", index=articles.index)
    names = articles.get("source", pd.Series("", index=articles.index)).fillna("").astype(str)
    titles = names.str.cat(articles["title"].astype(str), sep=": ").str.lstrip(": ")
    return [u if isinstance(u, str) and u else t for u, t in zip(urls, titles, strict=True)]
