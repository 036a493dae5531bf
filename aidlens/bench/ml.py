"""The bench's issue-10 stages: new rules at scale and training on the sample's gold.

`bench_extras` runs them at the end of a full run, on its data folders; `run_extras_only`
(`bench --only rules,train`) builds just what they need: the distinct texts processed by the
CLI, the folder new rules are timed on, and its annotated articles. Its report goes between
marks of its own in BENCHMARKS.md, after the full run's, which it leaves as it is.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from aidlens.bench.app_bench import app_folder
from aidlens.bench.config import BenchConfig, Log, n, write_articles
from aidlens.bench.measure import QuietWait, run_child
from aidlens.bench.report import (
    END_MARK,
    START_MARK,
    Report,
    machine_info,
    render,
    write_between,
)
from aidlens.bench.rules_bench import annotate, bench_rules, rules_folder
from aidlens.bench.synthetic import unique_articles
from aidlens.bench.train_bench import bench_train
from aidlens.corpus import load_corpus
from aidlens.errors import AidLensError
from aidlens.pipeline import model_id

EXTRAS_START, EXTRAS_END = "<!-- bench-extras:start -->", "<!-- bench-extras:end -->"
EXTRAS_TITLE = "Latest run of the rules and training stages alone (`--only`)"


def bench_extras(
    cfg: BenchConfig, folders: dict[int, Path], report: Report, log: Log, quiet: QuietWait
) -> None:
    """Run the rules and training stages the configuration asks for."""
    if "rules" in cfg.stages:
        size, folder = rules_folder(cfg, folders)
        bench_rules(cfg, folder, size, report, log, quiet)
    if "train" in cfg.stages:
        bench_train(cfg, report, log, quiet)


def _rules_data(cfg: BenchConfig, workdir: Path, log: Log) -> dict[int, Path]:
    """Return {size: folder} of the one processed, annotated folder new rules are timed on."""
    base = load_corpus(cfg.source).frame
    unique = unique_articles(base, cfg.process_size, seed=cfg.seed)
    unique_csv = write_articles(unique, workdir / "unique")
    log(f"processing {n(cfg.process_size)} distinct texts with `python -m aidlens process`")
    child = run_child([sys.executable, "-m", "aidlens", "process", str(unique_csv)])
    if child.returncode != 0:
        raise AidLensError(f"bench: `process` failed on {unique_csv}:\n{child.stderr}")
    size = max([s for s in cfg.app_sizes if s <= cfg.rules_size] or [min(cfg.app_sizes)])
    log(f"preparing the {n(size)}-article folder")
    folder, _ = app_folder(unique_csv, size, workdir, cfg.seed)
    annotate(folder, cfg.annotated, log)
    return {size: folder}


def run_extras_only(cfg: BenchConfig, log: Log = print) -> Report:
    """Measure only the rules and training stages asked for; return the report."""
    from aidlens.pipeline import resolve_model_name

    name = resolve_model_name()
    os.environ["AIDLENS_MODEL"] = name
    report = Report(machine=machine_info(model_id(name)))
    started, quiet = time.perf_counter(), QuietWait(cfg.max_wait)
    with tempfile.TemporaryDirectory(prefix="aidlens-bench-") as tmp:
        workdir = Path(cfg.workdir or tmp) / "extras"
        folders = _rules_data(cfg, workdir, log) if "rules" in cfg.stages else {}
        bench_extras(cfg, folders, report, log, quiet)
    if cfg.max_wait > 0:
        report.notes.append(quiet.note())
    stages = ", ".join(s for s in cfg.stages if s != "core")
    report.notes.append(
        f"Only these stages ran ({stages}); they took {time.perf_counter() - started:.0f} s."
    )
    return report


def render_extras(report: Report, command: str) -> str:
    """Return the report of `--only` as a Markdown section of its own marks."""
    section = render(report, command).replace("## Latest run", f"## {EXTRAS_TITLE}", 1)
    return section.replace(START_MARK, EXTRAS_START).replace(END_MARK, EXTRAS_END)


def write_extras(path: Path, section: str) -> Path:
    """Write `section` into `path` between the extras marks, keeping the rest (the full run's)."""
    return write_between(path, section, EXTRAS_START, EXTRAS_END, after=END_MARK)
