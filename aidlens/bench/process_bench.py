"""The process benchmark: AidLens's `process` against raw `nlp.pipe`, re-runs, cores, memory."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aidlens.bench.config import BenchConfig, Log, n, read_articles, write_articles
from aidlens.bench.measure import Measured, QuietWait, load_note, measure, run_child
from aidlens.bench.report import Report, Row
from aidlens.corpus import load_aliases, load_corpus
from aidlens.errors import AidLensError
from aidlens.pipeline import ModelId, load_pipeline, model_id
from aidlens.processing import (
    build_results,
    missing_texts,
    open_cache,
    run_pipeline,
    write_outputs,
)

if TYPE_CHECKING:
    from spacy.language import Language

# Runs `python -m aidlens ARGS` and writes its peak memory (VmHWM, MB) to the file in argv[1].
MEASURED_PROCESS = """
import runpy, sys
out, sys.argv = sys.argv[1], ["aidlens", *sys.argv[2:]]
try:
    runpy.run_module("aidlens", run_name="__main__", alter_sys=True)
finally:
    from aidlens.bench.app import peak_rss_mb
    open(out, "w").write(str(peak_rss_mb()))
"""


def process_once(csv_path: Path, *, nlp: Language, model: ModelId, n_process: int = 1) -> None:
    """Do what `process` does on csv_path: load, run uncached texts, build and write results."""
    corpus = load_corpus(csv_path)
    folder = csv_path.parent
    cache = open_cache(folder, model)
    todo = missing_texts(corpus, cache)
    if todo:
        run_pipeline(todo, nlp=nlp, cache=cache, n_process=n_process)
    write_outputs(build_results(corpus, cache, load_aliases(folder)), folder)


def raw_pipe(texts: Sequence[str], *, nlp: Language, batch_size: int) -> None:
    """Produce every Doc of `texts` with raw `nlp.pipe`, and nothing else."""
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass


def bench_process(
    cfg: BenchConfig, unique_csv: Path, report: Report, log: Log, quiet: QuietWait
) -> None:
    """Measure process against raw nlp.pipe, a re-run, and two processes against one."""
    import spacy

    name = os.environ["AIDLENS_MODEL"]
    model = model_id(name)
    texts = list(load_corpus(unique_csv).frame["text"])
    raw_nlp, nlp = spacy.load(name), load_pipeline(name)
    for pipeline in (raw_nlp, nlp):
        raw_pipe(texts[:16], nlp=pipeline, batch_size=cfg.batch_size)  # warm up
    size = n(len(texts))
    half = len(texts) // 2
    log(f"raw nlp.pipe on {n(half)} texts, then process on {size}, then raw on the rest")
    # Raw spaCy runs on one half before and the other half after `process`: drift in the
    # machine's speed during the run then weighs on both sides alike.
    quiet()
    raw_a = measure(lambda: raw_pipe(texts[:half], nlp=raw_nlp, batch_size=cfg.batch_size))
    cold = measure(lambda: process_once(unique_csv, nlp=nlp, model=model))
    raw_b = measure(lambda: raw_pipe(texts[half:], nlp=raw_nlp, batch_size=cfg.batch_size))
    raw = Measured(
        raw_a.wall + raw_b.wall,
        raw_a.cpu + raw_b.cpu,
        (raw_a.others * raw_a.wall + raw_b.others * raw_b.wall) / (raw_a.wall + raw_b.wall),
    )
    log(f"process again, unchanged corpus ({cold.wall:.1f} s cold)")
    quiet()
    again = measure(lambda: process_once(unique_csv, nlp=nlp, model=model))
    two_csv = write_articles(read_articles(unique_csv), unique_csv.parent.parent / "unique-n2")
    log("process, cold cache, --n-process 2")
    quiet()
    two = measure(lambda: process_once(two_csv, nlp=nlp, model=model, n_process=2))
    report.add(Row(f"raw nlp.pipe ({size} distinct texts)", len(texts) / raw.wall, "texts/s"))
    report.add(Row(f"process, cold cache ({size})", len(texts) / cold.wall, "texts/s"))
    pace = raw.cpu / cold.cpu
    note = f"CPU time; wall-time ratio {raw.wall / cold.wall:.2f}x; {load_note(raw, cold)}"
    report.add(
        Row(f"process pace vs raw nlp.pipe ({size})", pace, "x", ">= 0.9x", pace >= 0.9, note)
    )
    speedup = cold.cpu / again.cpu
    note = f"CPU time; re-run {again.wall * 1000:,.0f} ms wall, {again.cpu * 1000:,.0f} ms CPU"
    report.add(
        Row(
            f"re-run on the unchanged corpus vs first ({size})",
            speedup,
            "x",
            ">= 20x",
            speedup >= 20,
            note,
        )
    )
    par = cold.wall / two.wall
    note = f"wall time ({cold.wall:.1f} s vs {two.wall:.1f} s); {load_note(cold, two)}"
    report.add(Row(f"--n-process 2 vs 1 ({size})", par, "x", ">= 1.6x", par >= 1.6, note))
    if raw_nlp.pipe_names != nlp.pipe_names:
        report.notes.append(f"raw spaCy ran {raw_nlp.pipe_names}; `process` ran {nlp.pipe_names}.")


def bench_process_memory(csv_path: Path, distinct: int, report: Report, log: Log) -> None:
    """Measure a cold `python -m aidlens process` in a subprocess: time and peak memory."""
    size = n(len(load_corpus(csv_path)))
    log(f"python -m aidlens process on {size} articles, cold cache (subprocess)")
    hwm = csv_path.parent / "bench-vmhwm.txt"
    child = run_child([sys.executable, "-c", MEASURED_PROCESS, str(hwm), "process", str(csv_path)])
    if child.returncode != 0:
        raise AidLensError(f"bench: `process` failed on {csv_path}:\n{child.stderr}")
    label = f"{size} articles, {n(distinct)} distinct texts"
    peak = float(hwm.read_text(encoding="utf-8"))
    report.add(Row(f"`process` peak memory ({label})", peak, "MB", note="cold cache"))
    note = f"spaCy load included; other processes: {child.others:.1f} cores busy"
    report.add(Row(f"`process` wall time ({label})", child.seconds, "s", note=note))
