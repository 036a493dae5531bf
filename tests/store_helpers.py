"""Helpers for the annotation tests: the hand-written corpus, a store on it, folder hashes."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from aidlens.annotations.spans import Span, new_span
from aidlens.annotations.store import AnnotationStore
from aidlens.corpus.articles import load_corpus

ROOT = Path(__file__).resolve().parent.parent
ANNOTATION_CSV = ROOT / "tests" / "data" / "annotation_articles.csv"
LABELS = ("PERSON", "GPE", "ORG", "LOC", "NORP", "DATE", "CARDINAL", "MONEY")


def corpus_texts() -> dict[str, str]:
    """Return id -> text of the hand-written annotation corpus."""
    frame = load_corpus(ANNOTATION_CSV).frame
    return dict(zip(frame["id"], frame["text"], strict=True))


TEXTS = corpus_texts()


def make_folder(dest: Path) -> Path:
    """Return a data folder holding a copy of the hand-written corpus."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ANNOTATION_CSV, dest / "articles.csv")
    return dest


def open_store(folder: Path, labels: tuple[str, ...] = LABELS) -> AnnotationStore:
    """Return a store on `folder` over the hand-written corpus."""
    return AnnotationStore(folder, TEXTS, labels)


def sp(article_id: str, phrase: str, label: str, nth: int = 0) -> Span:
    """Return the checked span of the nth occurrence of `phrase` in an article."""
    text = TEXTS[article_id]
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return new_span(text, start, start + len(phrase), label, LABELS)


def folder_hash(folder: Path) -> dict[str, str]:
    """Return relative path -> sha256 of every file under `folder`."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file()
    }
