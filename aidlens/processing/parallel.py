"""Run the pipeline in forked worker processes that return extracted rows, not Docs.

spaCy's own `nlp.pipe(n_process=N)` sends every Doc back to the parent, which deserialises it
and then extracts the rows: on a two-core machine that parent competes with both workers for
the cores. Here each worker runs the whole local loop (`run_pipeline`: `nlp.pipe` and the
Extractor) on chunks of texts and sends back only the rows, which are small. The workers are
forked after the pipeline is loaded, so they share its memory and do not load it again.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import TYPE_CHECKING

from aidlens.processing.extract import TABLES
from aidlens.processing.local import run_local

if TYPE_CHECKING:
    from spacy.language import Language

    from aidlens.processing.cache import ResultCache
    from aidlens.processing.local import Progress

Rows = dict[str, list[dict]]
CHUNKS_PER_WORKER = 4  # at least: keeps the workers busy until the end
_NLP: Language | None = None  # set just before forking; the workers inherit it


class RowCollector:
    """Stands in for the ResultCache in a worker: keeps what run_pipeline commits."""

    def __init__(self) -> None:
        self.hashes: list[str] = []
        self.rows: Rows = {t: [] for t in TABLES}

    def add(self, hashes: list[str], rows: Mapping[str, list[dict]]) -> None:
        """Keep the hashes and rows of one commit."""
        self.hashes += hashes
        for table, table_rows in rows.items():
            self.rows.setdefault(table, []).extend(table_rows)


def partitions(texts: Mapping[str, str], size: int) -> Iterator[list[tuple[str, str]]]:
    """Yield lists of at most `size` (hash, text) pairs."""
    items = iter(texts.items())
    while chunk := list(islice(items, max(1, size))):
        yield chunk


def extract_rows(
    items: list[tuple[str, str]], nlp: Language, batch_size: int
) -> tuple[list[str], Rows]:
    """Return (hashes, rows per table) of (hash, text) pairs, by the local engine's own loop."""
    collector = RowCollector()
    texts = dict(items)
    run_local(texts, nlp=nlp, cache=collector, batch_size=batch_size, commit_every=len(texts) + 1)
    return collector.hashes, collector.rows


def _work(job: tuple[list[tuple[str, str]], int]) -> tuple[list[str], Rows]:
    """Return the rows of one chunk, in a forked worker, with the pipeline it inherited."""
    items, batch_size = job
    assert _NLP is not None, "the pipeline is set before the workers are forked"
    return extract_rows(items, _NLP, batch_size)


def can_fork() -> bool:
    """Return whether this platform can fork workers that inherit the loaded pipeline."""
    return "fork" in multiprocessing.get_all_start_methods()


def run_forked(
    texts: Mapping[str, str],
    *,
    nlp: Language,
    cache: ResultCache,
    n_process: int,
    batch_size: int = 64,
    progress: Progress | None = None,
    commit_every: int = 500,
) -> int:
    """Run hash -> text over `n_process` forked workers, commit in chunks; return the count."""
    global _NLP
    total, done = len(texts), 0
    chunk = max(1, min(batch_size, math.ceil(total / (CHUNKS_PER_WORKER * n_process))))
    hashes: list[str] = []
    rows: Rows = {t: [] for t in TABLES}
    if progress:
        progress(0, total)
    _NLP = nlp
    try:
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            jobs = ((part, batch_size) for part in partitions(texts, chunk))
            for part_hashes, part_rows in pool.imap_unordered(_work, jobs):
                hashes += part_hashes
                for table in TABLES:
                    rows[table].extend(part_rows.get(table, []))
                done += len(part_hashes)
                if len(hashes) >= commit_every:
                    cache.add(hashes, rows)
                    hashes, rows = [], {t: [] for t in TABLES}
                if progress:
                    progress(done, total)
    finally:
        _NLP = None
    if hashes:
        cache.add(hashes, rows)
    return done
