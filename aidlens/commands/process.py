"""`process`: run NER (and amount extraction) on a corpus, writing entities.csv and amounts.csv."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from aidlens import settings
from aidlens.analysis import apply_folder_reviews, ensure_extracted_candidates
from aidlens.corpus import Corpus, load_aliases, load_corpus_cached
from aidlens.errors import AidLensError
from aidlens.pipeline import load_pipeline, model_id, resolve_model_name
from aidlens.processing import (
    ResultCache,
    build_amounts,
    cached_entities,
    default_dask_url,
    ensure_amounts_copy,
    ensure_dataset,
    entity_chunks,
    missing_texts,
    open_cache,
    run_pipeline,
    write_amount_outputs,
    write_entities_csv,
)
from aidlens.rules import Rule, apply_rules, load_rules

HELP = "Process ARTICLES.csv: entities (after rules) and amounts, cached, as Parquet and CSVs."


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the options of `process`."""
    p.add_argument("articles", type=Path, help="the articles CSV")
    p.add_argument("--out", type=Path, help="output folder (default: the CSV's folder)")
    p.add_argument("--model", help="spaCy pipeline (default: AIDLENS_MODEL or auto)")
    p.add_argument("--n-process", type=int, default=settings.get_int("AIDLENS_N_PROCESS"))
    p.add_argument("--batch-size", type=int, default=settings.get_int("AIDLENS_BATCH_SIZE"))
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="where spaCy runs")
    p.add_argument("--scheduler", help="Dask scheduler ADDRESS (default: a local 2-worker cluster)")
    p.add_argument(
        "--partition-size", type=int, default=64, help="texts per Dask task (about: by month)"
    )
    p.add_argument(
        "--dataset",
        metavar="URL",
        help="where Dask workers read texts and write results: a folder they all reach, or an "
        "fsspec URL such as s3://bucket/prefix (default: cache/dask in the data folder)",
    )


def run(args: argparse.Namespace) -> int:
    """Process the corpus; return 0."""
    for option in ("scheduler", "dataset"):
        if getattr(args, option) and args.engine != "dask":
            raise AidLensError(f"--{option} {getattr(args, option)} needs --engine dask; add it")
    # A Parquet copy of the validated file is kept in the cache: an unchanged CSV is not re-parsed.
    corpus = load_corpus_cached(args.articles, args.articles.resolve().parent / "cache")
    for warning in corpus.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    data_dir = args.articles.resolve().parent
    name = resolve_model_name(args.model)
    cache = open_cache(data_dir, model_id(name))
    todo = missing_texts(corpus, cache)
    if todo and args.engine == "dask":
        _process_on_dask(args, corpus, todo, name, cache)
    elif todo:
        nlp = load_pipeline(name)
        with tqdm(total=len(todo), unit="article", desc="processing", file=sys.stderr) as bar:
            run_pipeline(
                todo,
                nlp=nlp,
                cache=cache,
                batch_size=max(1, args.batch_size),
                n_process=max(1, args.n_process),
                progress=lambda done, _total: bar.update(done - bar.n),
            )
    aliases = load_aliases(data_dir)
    # The entity table is never built whole: the dataset and entities.csv take it in chunks.
    cached = cached_entities(cache, aliases)
    extracted = build_amounts(corpus, cache, cached, aliases)
    # The monthly Parquet dataset the app queries; only partitions whose rows changed are written.
    built = (cached, extracted)
    dataset = ensure_dataset(corpus, cache, aliases, on_rebuild=_say_rebuild, built=built)
    print(f"dataset {dataset.root}: {len(dataset.partitions)} monthly partitions")
    ensure_amounts_copy(dataset, extracted)  # the app maps it instead of reading months
    rules = load_rules(data_dir)
    for problem in rules.problems:
        print(f"warning: {problem} (the line is skipped)", file=sys.stderr)
    # Analysts' amount reviews win in amounts.csv (the dataset keeps what was extracted).
    amounts, problems = apply_folder_reviews(data_dir, corpus, extracted)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if amounts is extracted:  # the Trends page maps the rows it counts (none when reviewed)
        ensure_extracted_candidates(extracted, dataset)
    out = args.out or data_dir
    ruled = RuledChunks(rules.rules, aliases)
    print(f"wrote {write_entities_csv(entity_chunks(corpus, cached, ruled), out / 'entities.csv')}")
    for path in write_amount_outputs(amounts, out):
        print(f"wrote {path}")
    print(f"{len(corpus)} articles, {len(todo)} processed, {len(corpus) - len(todo)} from cache")
    if rules.rules:
        print(f"{len(rules.rules)} rule(s) from patterns.jsonl set {ruled.by_rule} entities")
    return 0


class RuledChunks:
    """The rules applied to a chunk of entity rows, counting the entities they set."""

    def __init__(self, rules: Iterable[Rule], aliases: Mapping[str, str]):
        self.rules, self.aliases, self.by_rule = tuple(rules), aliases, 0

    def __call__(self, entities: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
        """Return the chunk's entities with the rules applied (an `origin` column added)."""
        ruled = apply_rules(entities, articles, self.rules, self.aliases)
        self.by_rule += int((ruled["origin"] == "rule").sum())
        return ruled


def _say_rebuild(why: list[str]) -> None:
    """Print why the Parquet dataset is being (re)built."""
    shown = "; ".join(why[:5]) + (f"; and {len(why) - 5} more" if len(why) > 5 else "")
    print(f"building the Parquet dataset ({shown})", file=sys.stderr)


def _process_on_dask(
    args: argparse.Namespace, corpus: Corpus, todo: dict[str, str], name: str, cache: ResultCache
) -> None:
    """Process `todo` on a Dask cluster through the shared dataset; say what it did."""
    from aidlens.processing import run_dask  # imports Dask only when asked for

    url = args.dataset or default_dask_url(args.articles.resolve().parent)
    if args.scheduler and not args.dataset:
        print(f"warning: no --dataset: every worker must reach {url}", file=sys.stderr)
    with tqdm(total=len(todo), unit="article", desc="processing", file=sys.stderr) as bar:
        ran = run_dask(
            corpus,
            todo,
            url=url,
            model_name=name,
            model=model_id(name),
            cache=cache,
            scheduler=args.scheduler,
            partition_size=max(1, args.partition_size),
            batch_size=max(1, args.batch_size),
            progress=lambda done, _total: bar.update(done - bar.n),
        )
    print(f"dask: {ran.run} partitions processed, {ran.reused} found committed at {ran.url}")
    if ran.rebuilt:
        why = ran.rebuilt
        shown = "; ".join(why[:5]) + (f"; and {len(why) - 5} more" if len(why) > 5 else "")
        print(f"dask: rebuilt partitions that were not sound ({shown})", file=sys.stderr)
