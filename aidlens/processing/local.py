"""The local engine: one `nlp.pipe` loop that extracts rows and commits them in chunks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol

from aidlens.processing.extract import TABLES, Extractor

if TYPE_CHECKING:
    from spacy.language import Language

Progress = Callable[[int, int], None]


class RowSink(Protocol):
    """Where finished rows go: the result cache, or a forked worker's collector."""

    def add(self, hashes: list[str], rows: Mapping[str, list[dict]]) -> None:
        """Keep the rows of `hashes`."""


def run_local(
    texts: Mapping[str, str],
    *,
    nlp: Language,
    cache: RowSink,
    batch_size: int = 64,
    n_process: int = 1,
    progress: Progress | None = None,
    commit_every: int = 500,
) -> int:
    """Run `nlp.pipe` over hash -> text in this process, commit in chunks; return the count."""
    extract = Extractor(nlp)
    total, done = len(texts), 0
    hashes: list[str] = []
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    if progress:
        progress(0, total)
    items = ((text, h) for h, text in texts.items())
    for doc, h in nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process):
        for table, table_rows in extract(doc, texts[h]).items():
            rows[table].extend({**r, "text_hash": h} for r in table_rows)
        hashes.append(h)
        done += 1
        if len(hashes) >= commit_every:
            cache.add(hashes, rows)
            hashes, rows = [], {t: [] for t in TABLES}
        if progress:
            progress(done, total)
    if hashes:
        cache.add(hashes, rows)
    return done
