"""Process a corpus: run the pipeline on uncached texts only, then build the result tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from aidlens.amounts import AMOUNTS_CSV_COLUMNS, amounts_table, commitment_rows, load_rates
from aidlens.atomic import write_bytes_atomic
from aidlens.corpus import Corpus, canonical_many
from aidlens.pipeline import ModelId
from aidlens.processing.cache import ResultCache
from aidlens.processing.csv_export import csv_bytes, csv_chunks
from aidlens.processing.extract import ENTITY_COLUMNS, EXTRACTOR_VERSION, TABLES
from aidlens.processing.local import Progress, run_local
from aidlens.processing.parallel import can_fork, run_forked

if TYPE_CHECKING:
    from spacy.language import Language

ENTITIES_CSV_COLUMNS = ("article_id", "start", "end", "text", "label", "canonical")
CHUNK = 20_000  # articles per chunk of an export: about a million entity rows
ROWS_PER_WRITE = 100_000  # rows of a table turned into CSV text at once
# What the command line does to each chunk of entity rows (given them and their articles):
# the rules, which live in a layer above this one.
Overlay = Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame]


@dataclass(frozen=True)
class Results:
    """Everything derived from a corpus: one row per entity and per amount mention."""

    entities: pd.DataFrame
    amounts: pd.DataFrame


def open_cache(data_dir: Path, model: ModelId) -> ResultCache:
    """Return the result cache of `model` in the data folder's `cache/`."""
    return ResultCache(Path(data_dir) / "cache", model, EXTRACTOR_VERSION, TABLES)


def data_dir_of(cache: ResultCache) -> Path:
    """Return the data folder `open_cache` opened the cache in."""
    return cache.dir.parent.parent


def missing_texts(corpus: Corpus, cache: ResultCache) -> dict[str, str]:
    """Return hash -> text for the distinct article texts the cache does not hold yet."""
    done = cache.cached_hashes()
    frame = corpus.frame
    todo = frame.loc[~frame["text_hash"].isin(done), ["text_hash", "text"]]
    return dict(zip(todo["text_hash"], todo["text"], strict=True))


def run_pipeline(
    texts: Mapping[str, str],
    *,
    nlp: Language,
    cache: ResultCache,
    batch_size: int = 64,
    n_process: int = 1,
    progress: Progress | None = None,
    commit_every: int = 500,
) -> int:
    """Run `nlp.pipe` over hash -> text, commit results in chunks; return how many were done."""
    if n_process > 1 and len(texts) > 1 and can_fork():
        # Forked workers extract the rows themselves: the parent never deserialises a Doc.
        return run_forked(
            texts,
            nlp=nlp,
            cache=cache,
            n_process=n_process,
            batch_size=batch_size,
            progress=progress,
            commit_every=commit_every,
        )
    return run_local(
        texts,
        nlp=nlp,
        cache=cache,
        batch_size=batch_size,
        n_process=n_process,
        progress=progress,
        commit_every=commit_every,
    )


def cached_entities(cache: ResultCache, aliases: Mapping[str, str]) -> pd.DataFrame:
    """Return the cache's entity rows (text_hash, ENTITY_COLUMNS) with each one's canonical name."""
    ents = cache.load("entities")
    if ents.empty:
        ents = pd.DataFrame(columns=["text_hash", *ENTITY_COLUMNS])
    ents = ents.astype({"start": "int64", "end": "int64"})
    # Each distinct text once: a large corpus names the same few thousand entities again and again.
    names = ents["text"].unique()
    ents["canonical"] = ents["text"].map(
        dict(zip(names, canonical_many(names, aliases), strict=True))
    )
    return ents


def article_entities(articles: pd.DataFrame, cached: pd.DataFrame) -> pd.DataFrame:
    """Return the entity rows of `articles` (id, text_hash and any columns to carry), ordered by
    article and start: ENTITIES_CSV_COLUMNS, then the carried columns."""
    carried = [c for c in articles.columns if c not in ("id", "text_hash")]
    ids = articles.rename(columns={"id": "article_id"})
    ents = ids.merge(cached, on="text_hash", how="inner").drop(columns="text_hash")
    ents = ents.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
    return ents[[*ENTITIES_CSV_COLUMNS, *carried]]


def build_amounts(
    corpus: Corpus,
    cache: ResultCache,
    cached: pd.DataFrame,
    aliases: Mapping[str, str],
    rates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return the amounts table of every article; `cached` are the cache's entity rows.

    `rates` default to commitments.load_rates of the cache's data folder (its rates.csv).
    """
    rates = load_rates(data_dir_of(cache)) if rates is None else rates
    return amounts_table(corpus, cache.load("amounts"), cached, aliases, rates)


def build_results(
    corpus: Corpus,
    cache: ResultCache,
    aliases: Mapping[str, str],
    rates: pd.DataFrame | None = None,
) -> Results:
    """Return the entity and amount tables of every article, from the cache, in memory."""
    cached = cached_entities(cache, aliases)
    ents = article_entities(corpus.frame[["id", "text_hash"]], cached)
    return Results(entities=ents, amounts=build_amounts(corpus, cache, cached, aliases, rates))


def write_csv_atomic(frame: pd.DataFrame, path: Path) -> Path:
    """Write `frame` as UTF-8 CSV to `path` through a temp file, fsync and os.replace."""
    return write_bytes_atomic(Path(path), csv_chunks(frame, ROWS_PER_WRITE))


def entity_chunks(
    corpus: Corpus, cached: pd.DataFrame, overlay: Overlay | None = None, size: int = CHUNK
) -> Iterator[pd.DataFrame]:
    """Yield the corpus's entity rows in article order, `size` articles at a time, each chunk
    through `overlay` (the rules) when given: a million articles' rows never exist at once."""
    frame = corpus.frame
    order = frame["id"].argsort(kind="stable").to_numpy()
    for first in range(0, max(len(order), 1), size):
        articles = frame.iloc[np.sort(order[first : first + size])]
        ents = article_entities(articles[["id", "text_hash"]], cached)
        yield ents if overlay is None else overlay(ents, articles)


def write_entities_csv(chunks: Iterable[pd.DataFrame], path: Path) -> Path:
    """Write entity chunks, in order, as one CSV file (the first chunk's header), atomically."""
    parts = (csv_bytes(chunk, header=i == 0) for i, chunk in enumerate(chunks))
    return write_bytes_atomic(Path(path), parts)


def write_amount_outputs(amounts: pd.DataFrame, out_dir: Path) -> list[Path]:
    """Write amounts.csv and commitments.csv (nothing when there is no amounts table)."""
    if amounts.empty and not len(amounts.columns):
        return []
    written = [
        write_csv_atomic(
            amounts.reindex(columns=list(AMOUNTS_CSV_COLUMNS)), Path(out_dir) / "amounts.csv"
        )
    ]
    ledger = commitment_rows(amounts)
    written.append(write_csv_atomic(ledger, Path(out_dir) / "commitments.csv"))
    return written


def write_outputs(results: Results, out_dir: Path) -> list[Path]:
    """Write entities.csv (and amounts.csv and commitments.csv when there are amounts)."""
    written = [write_entities_csv([results.entities], Path(out_dir) / "entities.csv")]
    return written + write_amount_outputs(results.amounts, out_dir)
