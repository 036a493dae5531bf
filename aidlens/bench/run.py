"""The benchmark: process speed against raw spaCy, the app at scale, saves; a Markdown report.

Every figure is a measurement of this run on this machine; ratios compare runs made in the same
process on the same texts, so the machine's speed cancels out. Each measurement also records
how many cores other processes kept busy meanwhile, since a shared machine skews wall time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from aidlens.bench.app_bench import app_folder, bench_app_size, bench_store, warm_process_rows
from aidlens.bench.config import (
    SAMPLE_CSV,
    SMALL_CSV,
    BenchConfig,
    Log,
    n,
    read_articles,
    write_articles,
)
from aidlens.bench.measure import QuietWait
from aidlens.bench.ml import bench_extras
from aidlens.bench.process_bench import bench_process, bench_process_memory
from aidlens.bench.report import Report, machine_info
from aidlens.bench.synthetic import unique_articles
from aidlens.corpus import load_corpus
from aidlens.pipeline import model_id
from aidlens.settings import PROJECT_DIR

if TYPE_CHECKING:
    pass


def run_bench(cfg: BenchConfig, log: Log = print) -> Report:
    """Build the corpora, measure everything, and return the report."""
    from aidlens.pipeline import resolve_model_name

    name = resolve_model_name()
    os.environ["AIDLENS_MODEL"] = name  # subprocesses use the very same pipeline
    report = Report(machine=machine_info(model_id(name)))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="aidlens-bench-") as tmp:
        workdir = cfg.workdir or Path(tmp)
        shutil.rmtree(workdir / "unique", ignore_errors=True)
        shutil.rmtree(workdir / "unique-n2", ignore_errors=True)
        base = load_corpus(cfg.source).frame
        unique = unique_articles(base, cfg.process_size, seed=cfg.seed)
        unique_csv = write_articles(unique, workdir / "unique")
        words = unique["text"].str.split().str.len()
        report.notes.append(
            f"Synthetic corpora from `{_rel(cfg.source)}` ({len(base)} articles): "
            f"{n(cfg.process_size)} distinct texts recombining their paragraphs, with numbers and "
            f"country names varied by a seeded RNG (seed {cfg.seed}); "
            f"{words.mean():.0f} words per text on average."
        )
        quiet = QuietWait(cfg.max_wait)
        bench_process(cfg, unique_csv, report, log, quiet)
        largest = max(cfg.app_sizes)
        log("preparing the app's data folders with `python -m aidlens process`")
        folders = {}
        for size in cfg.app_sizes:
            folders[size], child = app_folder(unique_csv, size, workdir, cfg.seed)
            for row in warm_process_rows(size, child, folders[size]):
                report.add(row)
        if largest > cfg.process_size:
            report.notes.append(
                f"App corpora larger than {n(cfg.process_size)} articles reuse those distinct "
                "texts in turn (new ids, titles and dates), to keep processing time reasonable: "
                "their result tables have the full size, their texts repeat."
            )
        cold = workdir / "memory"
        shutil.rmtree(cold, ignore_errors=True)
        # A million articles are processed from a warm cache only (above): a cold run's NLP
        # of the distinct texts is the same, and its copy of a 2 GB file would add nothing.
        coldest = max([s for s in cfg.app_sizes if s <= 100_000] or [min(cfg.app_sizes)])
        cold_csv = write_articles(read_articles(folders[coldest] / "articles.csv"), cold)
        bench_process_memory(cold_csv, min(coldest, cfg.process_size), report, log)
        bench_store(cfg, folders[largest], largest, report, log)
        report.notes.append(
            f"The store's save latency is measured first; the app on {n(largest)} articles is "
            f"then measured with those {n(cfg.annotated)} annotated articles (corrections apply)."
        )
        for size in cfg.app_sizes:
            bench_app_size(cfg, folders[size], size, report, log, quiet)
        bench_extras(cfg, folders, report, log, quiet)  # issue 10: new rules, training
        if cfg.max_wait > 0:
            report.notes.append(quiet.note())
    report.notes.append(f"The whole benchmark took {time.perf_counter() - started:.0f} s.")
    return report


def _rel(path: Path) -> str:
    """Return `path` relative to the project when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)


def default_source() -> Path:
    """Return sample_data/articles.csv, or the small test corpus until the sample exists."""
    return SAMPLE_CSV if SAMPLE_CSV.exists() else SMALL_CSV
