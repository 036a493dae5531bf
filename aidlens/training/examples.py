"""Training documents: the gold spans on the base tokenizer's tokens, and rehearsal documents.

A gold span whose ends fall inside a token cannot be learnt by a model that sees that token
whole, so its tokens are marked missing (neither entity nor "O") rather than stretched to
whole tokens, which would teach the wrong boundary. Every other token of a done article is
gold "O": a done article's span set is complete.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from aidlens.annotations import Span


@dataclass(frozen=True)
class GoldDocs:
    """Gold training documents and how many spans could not be used as they are."""

    docs: tuple[Doc, ...]
    spans: int
    misaligned: int  # spans whose ends fall inside a token: their tokens are left missing
    unknown: dict[str, int]  # spans whose label the base NER does not predict, per label


def gold_doc(
    nlp: Language, text: str, spans: Iterable[Span], labels: Collection[str]
) -> tuple[Doc, int, list[str]]:
    """Return the text as a Doc carrying the gold spans, the misaligned count, unknown labels."""
    doc = nlp.make_doc(text)
    ents: list[SpacySpan] = []
    missing: list[SpacySpan] = []
    unknown: list[str] = []
    misaligned = 0
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        strict = doc.char_span(s.start, s.end, label=s.label)
        if strict is not None and s.label in labels:
            ents.append(strict)
            continue
        wide = doc.char_span(s.start, s.end, alignment_mode="expand")
        if wide is not None:
            missing.append(wide)
        if s.label not in labels:
            unknown.append(s.label)
        else:
            misaligned += 1
    ents, missing = _without_overlaps(ents, missing)
    doc.set_ents(ents, missing=missing, default="outside")
    return doc, misaligned, unknown


def _without_overlaps(
    ents: list[SpacySpan], missing: list[SpacySpan]
) -> tuple[list[SpacySpan], list[SpacySpan]]:
    """Return the entities that share no token with a missing span, and the missing spans."""
    taken = {i for span in missing for i in range(span.start, span.end)}
    kept = [e for e in ents if not taken.intersection(range(e.start, e.end))]
    merged: list[SpacySpan] = []
    for span in sorted(missing, key=lambda s: s.start):
        if merged and span.start < merged[-1].end:
            merged[-1] = merged[-1].doc[merged[-1].start : max(span.end, merged[-1].end)]
        else:
            merged.append(span)
    return kept, merged


def gold_docs(nlp: Language, articles: Iterable[tuple[str, Iterable[Span]]]) -> GoldDocs:
    """Return the gold training documents of (text, spans) pairs, with what could not be used."""
    labels = set(nlp.get_pipe("ner").labels)
    docs: list[Doc] = []
    unknown: dict[str, int] = {}
    total = misaligned = 0
    for text, spans in articles:
        spans = list(spans)
        doc, bad, unknown_here = gold_doc(nlp, text, spans, labels)
        docs.append(doc)
        total += len(spans)
        misaligned += bad
        for label in unknown_here:
            unknown[label] = unknown.get(label, 0) + 1
    return GoldDocs(tuple(docs), total, misaligned, unknown)


def rehearsal_docs(nlp: Language, texts: Iterable[str]) -> list[Doc]:
    """Return the base model's own entities on `texts` as documents to rehearse what it knew."""
    docs = []
    for predicted in nlp.pipe(texts):
        doc = nlp.make_doc(predicted.text)
        doc.set_ents(
            [doc.char_span(e.start_char, e.end_char, label=e.label_) for e in predicted.ents],
            default="outside",
        )
        docs.append(doc)
    return docs


def write_docbin(docs: Iterable[Doc], path: Path) -> Path:
    """Write documents to a spaCy DocBin file for the training corpus reader; return the path."""
    from spacy.tokens import DocBin

    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return path
