"""Process a corpus: run the pipeline on uncached texts only, then build the result tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from aidlens.amounts import AMOUNTS_CSV_COLUMNS, amounts_table, commitment_rows, load_rates
from aidlens.atomic import write_bytes_atomic
from aidlens.corpus import Corpus, canonical_many
from aidlens.pipeline import ModelId
from aidlens.processing.cache import ResultCache
from aidlens.processing.csv_export import csv_bytes
from aidlens.processing.extract import ENTITY_COLUMNS, EXTRACTOR_VERSION, TABLES
from aidlens.processing.local import Progress, run_local
from aidlens.processing.parallel import can_fork, run_forked

if TYPE_CHECKING:
    from spacy.language import Language

ENTITIES_CSV_COLUMNS = ("article_id", "start", "end", "text", "label", "canonical")


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


def build_results(
    corpus: Corpus,
    cache: ResultCache,
    aliases: Mapping[str, str],
    rates: pd.DataFrame | None = None,
) -> Results:
    """Return the entity and amount tables of every article, from the cache.

    `rates` default to commitments.load_rates of the cache's data folder (its rates.csv).
    """
    ids = corpus.frame[["id", "text_hash"]].rename(columns={"id": "article_id"})
    ents = cache.load("entities")
    if ents.empty:
        ents = pd.DataFrame(columns=["text_hash", *ENTITY_COLUMNS])
    ents = ids.merge(ents, on="text_hash", how="inner").drop(columns="text_hash")
    ents = ents.astype({"start": "int64", "end": "int64"})
    # Each distinct text once: a large corpus names the same few thousand entities again and again.
    names = ents["text"].unique()
    ents["canonical"] = ents["text"].map(
        dict(zip(names, canonical_many(names, aliases), strict=True))
    )
    ents = ents.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
    rates = load_rates(data_dir_of(cache)) if rates is None else rates
    amounts = amounts_table(corpus, cache.load("amounts"), ents, aliases, rates)
    return Results(entities=ents[list(ENTITIES_CSV_COLUMNS)], amounts=amounts)


def write_csv_atomic(frame: pd.DataFrame, path: Path) -> Path:
    """Write `frame` as UTF-8 CSV to `path` through a temp file, fsync and os.replace."""
    return write_bytes_atomic(Path(path), csv_bytes(frame))


def write_outputs(results: Results, out_dir: Path) -> list[Path]:
    """Write entities.csv (and amounts.csv and commitments.csv when there are amounts)."""
    written = [write_csv_atomic(results.entities, Path(out_dir) / "entities.csv")]
    if not results.amounts.empty or len(results.amounts.columns):
        amounts = results.amounts.reindex(columns=list(AMOUNTS_CSV_COLUMNS))
        written.append(write_csv_atomic(amounts, Path(out_dir) / "amounts.csv"))
        ledger = commitment_rows(results.amounts)
        written.append(write_csv_atomic(ledger, Path(out_dir) / "commitments.csv"))
    return written
