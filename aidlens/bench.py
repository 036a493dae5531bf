"""The benchmark: process speed against raw spaCy, the app at scale, saves; a Markdown report.

Every figure is a measurement of this run on this machine; ratios compare runs made in the same
process on the same texts, so the machine's speed cancels out. Each measurement also records
how many cores other processes kept busy meanwhile, since a shared machine skews wall time.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from aidlens import bench_app
from aidlens.bench_report import Report, Row, machine_info
from aidlens.canonical import load_aliases
from aidlens.corpus import load_corpus
from aidlens.errors import AidLensError
from aidlens.pipeline import ModelId, load_pipeline, model_id
from aidlens.process import build_results, missing_texts, open_cache, run_pipeline, write_outputs
from aidlens.settings import PROJECT_DIR
from aidlens.snapshot import cached_results
from aidlens.synthetic import repeated_articles, unique_articles

if TYPE_CHECKING:
    from spacy.language import Language

SAMPLE_CSV = PROJECT_DIR / "sample_data" / "articles.csv"
SMALL_CSV = PROJECT_DIR / "tests" / "data" / "small_articles.csv"
APP_MEMORY_LIMIT_MB = 1536
Log = Callable[[str], None]
# Runs `python -m aidlens ARGS` and writes its peak memory (VmHWM, MB) to the file in argv[1].
MEASURED_PROCESS = """
import runpy, sys
out, sys.argv = sys.argv[1], ["aidlens", *sys.argv[2:]]
try:
    runpy.run_module("aidlens", run_name="__main__", alter_sys=True)
finally:
    from aidlens.bench_app import peak_rss_mb
    open(out, "w").write(str(peak_rss_mb()))
"""


@dataclass(frozen=True)
class BenchConfig:
    """What to measure: corpus sizes, repetitions and where the corpora go."""

    source: Path
    process_size: int = 1000
    app_sizes: tuple[int, ...] = (1000, 10000)
    pages: tuple[str, ...] = ("read", "trends", "annotate")
    annotated: int = 2000
    saves: int = 100
    batch_size: int = 64
    seed: int = 6
    workdir: Path | None = None
    max_wait: float = 90.0  # seconds to wait for a quiet machine before each measurement


QUICK = {"process_size": 12, "app_sizes": (12, 30), "annotated": 6, "saves": 10, "max_wait": 0.0}
QUIET_CORES = 0.25  # other processes' load below which the machine counts as quiet


@dataclass(frozen=True)
class Measured:
    """One measurement: wall and own CPU seconds, and cores other processes kept busy."""

    wall: float
    cpu: float
    others: float


def _busy_seconds() -> float:
    """Return the CPU seconds every process of the machine has used (from /proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text(encoding="utf-8").split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    """Return the CPU seconds of this process and of its children that have ended."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(work: Callable[[], object]) -> Measured:
    """Run `work` and return its wall time, CPU time and the other processes' load."""
    busy, own, start = _busy_seconds(), _own_seconds(), time.perf_counter()
    work()
    wall = time.perf_counter() - start
    cpu = _own_seconds() - own
    others = max(0.0, (_busy_seconds() - busy - cpu) / wall) if wall > 0 else 0.0
    return Measured(wall, cpu, others)


@dataclass
class QuietWait:
    """Waits before a measurement until other processes leave the cores idle, and counts it."""

    max_s: float
    waited: float = 0.0
    busy_starts: int = 0

    def __call__(self) -> None:
        """Wait until others keep under QUIET_CORES busy for 3 s in a row, at most max_s."""
        if self.max_s <= 0:
            return
        start, calm = time.perf_counter(), 0
        while calm < 3:
            if time.perf_counter() - start > self.max_s:
                self.busy_starts += 1
                break
            calm = calm + 1 if measure(lambda: time.sleep(1.0)).others < QUIET_CORES else 0
        self.waited += time.perf_counter() - start

    def note(self) -> str:
        """Return how long the run waited for quiet, and how often it gave up."""
        return (
            f"Before each heavy measurement the benchmark waited (at most {self.max_s:.0f} s) for "
            f"other processes to use under {QUIET_CORES} cores: {self.waited:.0f} s in all; "
            f"{self.busy_starts} measurement(s) started on a busy machine."
        )


@dataclass(frozen=True)
class Child:
    """A finished subprocess: wall time, exit code, the end of its stderr, others' load."""

    seconds: float
    returncode: int
    stderr: str
    others: float


def run_child(cmd: Sequence[str]) -> Child:
    """Run `cmd` from the project folder; return its wall time, exit code and stderr."""
    done: list[subprocess.CompletedProcess] = []

    def work() -> None:
        done.append(
            subprocess.run(
                list(cmd), cwd=PROJECT_DIR, capture_output=True, text=True, errors="replace"
            )
        )

    m = measure(work)
    return Child(m.wall, done[0].returncode, done[0].stderr[-2000:], m.others)


def n(size: int) -> str:
    """Return a size with thousands separators."""
    return f"{size:,}"


def write_articles(frame: pd.DataFrame, folder: Path) -> Path:
    """Write `frame` as folder/articles.csv (a fresh folder); return the CSV's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.csv"
    frame.to_csv(path, index=False)
    return path


def read_articles(path: Path) -> pd.DataFrame:
    """Return an articles CSV as plain strings, as written."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def process_once(csv_path: Path, *, nlp: Language, model: ModelId, n_process: int = 1) -> None:
    """Do what `process` does on csv_path: load, run uncached texts, build and write results."""
    corpus = load_corpus(csv_path)
    folder = csv_path.parent
    cache = open_cache(folder, model)
    todo = missing_texts(corpus, cache)
    if todo:
        run_pipeline(todo, nlp=nlp, cache=cache, n_process=n_process)
    write_outputs(cached_results(corpus, cache, load_aliases(folder), data_dir=folder), folder)


def raw_pipe(texts: Sequence[str], *, nlp: Language, batch_size: int) -> None:
    """Produce every Doc of `texts` with raw `nlp.pipe`, and nothing else."""
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass


def load_note(*runs: Measured) -> str:
    """Return how busy other processes kept the machine during `runs`."""
    return "other processes: " + " / ".join(f"{m.others:.1f}" for m in runs) + " cores busy"


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


def app_folder(unique_csv: Path, size: int, workdir: Path, seed: int) -> Path:
    """Return a data folder of `size` articles over the unique texts, processed by the CLI."""
    unique = read_articles(unique_csv)
    frame = unique.head(size) if size <= len(unique) else repeated_articles(unique, size, seed=seed)
    folder = workdir / f"app-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    csv_path = write_articles(frame, folder)
    shutil.copytree(unique_csv.parent / "cache", folder / "cache")
    # The real command, so the app finds everything processed by the code as it is now.
    child = run_child([sys.executable, "-m", "aidlens", "process", str(csv_path)])
    if child.returncode != 0:
        raise AidLensError(f"bench: `process` failed on {csv_path}:\n{child.stderr}")
    return folder


def _spacy_note(result: dict[str, Any]) -> str:
    """Return whether the page's first run imported spaCy or loaded the pipeline."""
    if result["pipeline_loaded"]:
        return "the spaCy pipeline was loaded!"
    return "no pipeline loaded" + (" (spaCy imported)" if result["spacy_imported"] else "")


def _runs_note(runs: list[dict[str, Any]]) -> str:
    """Return each run's wall time in ms, with its CPU time."""
    return "ms: " + ", ".join(
        f"{r['what']} {r['s'] * 1000:,.0f} (CPU {r['cpu_s'] * 1000:,.0f})" for r in runs
    )


def page_rows(size: int, page: str, result: dict[str, Any], others: float = 0.0) -> list[Row]:
    """Return the first-run and slowest-rerun rows (and the save row) of one page."""
    title, at = page.capitalize(), f"({n(size)})"
    names = [(f"app {title}: first run {at}", "s", "< 3 s")]
    names.append((f"app {title}: slowest rerun {at}", "ms", "< 300 ms"))
    if page == "annotate":
        names.append((f"app {title}: slowest save {at}", "ms", "< 300 ms"))
    if "error" in result or "skipped" in result:
        note = result.get("skipped") or f"failed: {result['error'][:200]}"
        return [Row(name, None, unit, target, None, note) for name, unit, target in names]
    load = f"; other processes: {others:.1f} cores busy"
    first = result["first_run"]
    ok_first = first["s"] < 3 and not result["pipeline_loaded"]
    note = f"{_spacy_note(result)}; CPU {first['cpu_s']:.2f} s{load}"
    rows = [Row(names[0][0], first["s"], "s", "< 3 s", ok_first, note)]
    for (name, _unit, _target), runs in zip(
        names[1:], (result["reruns"], result["saves"]), strict=False
    ):
        slowest = max(r["s"] for r in runs)
        rows.append(Row(name, slowest * 1000, "ms", "< 300 ms", slowest < 0.3, _runs_note(runs)))
    return rows


def run_app_child(folder: Path, pages: Sequence[str], out: Path) -> tuple[dict[str, Any], Child]:
    """Run the AppTest harness on `pages` in a subprocess; return its report and process."""
    cmd = [sys.executable, "-m", "aidlens.bench_app", "--data", str(folder)]
    cmd += ["--pages", ",".join(pages), "--json", str(out)]
    child = run_child(cmd)
    if child.returncode != 0:
        raise AidLensError(f"bench: the app harness failed on {folder}:\n{child.stderr}")
    return json.loads(out.read_text(encoding="utf-8")), child


def bench_app_size(
    cfg: BenchConfig, folder: Path, size: int, report: Report, log: Log, quiet: QuietWait
) -> None:
    """Measure every page on `folder` (each in a fresh process) and the app's peak memory."""
    found, skipped = bench_app.existing_pages(cfg.pages)
    for page in cfg.pages:
        if page in skipped:
            note = f"skipped: {bench_app.PAGES[page]} does not exist yet"
            report.rows.extend(page_rows(size, page, {"skipped": note}))
            continue
        log(f"app {page} page on {n(size)} articles (AppTest subprocess)")
        quiet()
        result, child = run_app_child(folder, [page], folder / f"bench-{page}.json")
        report.rows.extend(page_rows(size, page, result["pages"][page], child.others))
    log(f"app memory on {n(size)} articles: one process running every page")
    result, _child = run_app_child(folder, found, folder / "bench-all.json")
    peak = result["maxrss_mb"]
    report.add(
        Row(
            f"app peak memory ({n(size)})",
            peak,
            "MB",
            "< 1,536 MB",
            peak < APP_MEMORY_LIMIT_MB,
            f"one process, a session per page: {', '.join(found)}",
        )
    )


def model_spans(entities: pd.DataFrame) -> dict[str, tuple]:
    """Return article id -> the model's entities as store Spans (origin "model")."""
    from aidlens.spans import Span

    out: dict[str, list] = {}
    cols = entities[["article_id", "start", "end", "text", "label"]]
    for a, s, e, t, lbl in cols.itertuples(index=False):
        out.setdefault(a, []).append(Span(int(s), int(e), t, lbl, origin="model"))
    return {a: tuple(spans) for a, spans in out.items()}


def bench_store(cfg: BenchConfig, folder: Path, size: int, report: Report, log: Log) -> None:
    """Measure one annotation save's latency with `cfg.annotated` articles already annotated."""
    from aidlens.spans import known_labels
    from aidlens.store import AnnotationStore, Edit

    label = f"{n(size)} articles, {n(cfg.annotated)} annotated"
    corpus = load_corpus(folder / "articles.csv")
    name = os.environ["AIDLENS_MODEL"]
    results = build_results(corpus, open_cache(folder, model_id(name)), load_aliases(folder))
    spans = model_spans(results.entities)
    texts = dict(zip(corpus.frame["id"], corpus.frame["text"], strict=True))
    store = AnnotationStore(folder, texts, known_labels(folder, name))
    ids = [a for a in corpus.frame["id"] if spans.get(a)][: cfg.annotated]
    log(f"store: annotating {n(len(ids))} articles of {n(size)}")
    for i in range(0, len(ids), 500):
        store.save_many([Edit(a, spans[a], 0, "done") for a in ids[i : i + 500]], annotator="bench")
    log(f"store: {cfg.saves} timed saves")
    rng = random.Random(cfg.seed)
    times, others = [], []
    for _ in range(cfg.saves):
        a = rng.choice(ids)
        state = store.get(a)
        # Alternately drop the last span and put it back, as an annotator correcting would.
        new = state.spans[:-1] if len(state.spans) == len(spans[a]) else spans[a]
        m = measure(
            lambda a=a, new=new, rev=state.revision: store.save(
                a, new, annotator="bench", base_revision=rev
            )
        )
        times.append(m.wall * 1000)
        others.append(m.others)
    median, p95 = statistics.median(times), percentile(times, 95)
    note = f"{len(times)} saves; other processes: {statistics.mean(others):.1f} cores busy"
    report.add(Row(f"store save latency, median ({label})", median, "ms", "", None, note))
    report.add(Row(f"store save latency, p95 ({label})", p95, "ms", "< 100 ms", p95 < 100, note))


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
        folders = {s: app_folder(unique_csv, s, workdir, cfg.seed) for s in cfg.app_sizes}
        if largest > cfg.process_size:
            report.notes.append(
                f"App corpora larger than {n(cfg.process_size)} articles reuse those distinct "
                "texts in turn (new ids, titles and dates), to keep processing time reasonable: "
                "their result tables have the full size, their texts repeat."
            )
        cold = workdir / "memory"
        shutil.rmtree(cold, ignore_errors=True)
        cold_csv = write_articles(read_articles(folders[largest] / "articles.csv"), cold)
        bench_process_memory(cold_csv, min(largest, cfg.process_size), report, log)
        bench_store(cfg, folders[largest], largest, report, log)
        report.notes.append(
            f"The store's save latency is measured first; the app on {n(largest)} articles is "
            f"then measured with those {n(cfg.annotated)} annotated articles (corrections apply)."
        )
        for size in cfg.app_sizes:
            bench_app_size(cfg, folders[size], size, report, log, quiet)
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


def percentile(values: Sequence[float], q: float) -> float:
    """Return the q-th percentile (0-100) of values, linearly interpolated."""
    if len(values) < 2:
        return float(values[0])
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]
