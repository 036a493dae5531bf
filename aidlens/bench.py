"""The benchmark: process speed against raw spaCy, the app at scale, saves; a Markdown report.

Every figure is a measurement of this run on this machine; ratios compare runs made in the same
process on the same texts, so the machine's speed cancels out.
"""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from aidlens import bench_app
from aidlens.canonical import load_aliases
from aidlens.corpus import load_corpus
from aidlens.errors import AidLensError
from aidlens.pipeline import ModelId, load_pipeline, model_id
from aidlens.process import build_results, missing_texts, open_cache, run_pipeline, write_outputs
from aidlens.settings import PROJECT_DIR
from aidlens.synthetic import repeated_articles, unique_articles

if TYPE_CHECKING:
    from spacy.language import Language

SAMPLE_CSV = PROJECT_DIR / "sample_data" / "articles.csv"
SMALL_CSV = PROJECT_DIR / "tests" / "data" / "small_articles.csv"
START_MARK = "<!-- bench:start -->"
END_MARK = "<!-- bench:end -->"
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
    pages: tuple[str, ...] = ("read", "trends")
    annotated: int = 2000
    saves: int = 100
    batch_size: int = 64
    seed: int = 6
    workdir: Path | None = None


QUICK = {"process_size": 12, "app_sizes": (12, 30), "annotated": 6, "saves": 10}


@dataclass(frozen=True)
class Row:
    """One figure of the report, with its target when the issue sets one."""

    name: str
    value: float | None
    unit: str
    target: str = ""
    passed: bool | None = None
    note: str = ""

    def shown(self) -> str:
        """Return the value formatted with its unit, or a dash when it was not measured."""
        if self.value is None:
            return "-"
        if self.unit == "x":
            return f"{self.value:.2f}x"
        if self.unit == "ms":
            return f"{self.value:,.0f} ms" if self.value >= 10 else f"{self.value:.1f} ms"
        if self.unit == "s":
            return f"{self.value:.2f} s"
        return f"{self.value:,.0f} {self.unit}"

    def verdict(self) -> str:
        """Return pass, MISS, skipped or an empty cell for figures without a target."""
        if self.value is None:
            return "skipped"
        return {True: "pass", False: "**MISS**", None: ""}[self.passed]


@dataclass
class Report:
    """The rows measured so far, machine details and notes on how they were made."""

    machine: dict[str, str]
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, row: Row) -> None:
        """Append a row."""
        self.rows.append(row)


def at_least(value: float | None, bound: float) -> bool | None:
    """Return whether value >= bound (None when not measured)."""
    return None if value is None else value >= bound


def below(value: float | None, bound: float) -> bool | None:
    """Return whether value < bound (None when not measured)."""
    return None if value is None else value < bound


def n(size: int) -> str:
    """Return a size with thousands separators."""
    return f"{size:,}"


def cpu_model() -> str:
    """Return the CPU model name from /proc/cpuinfo, else platform's guess."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ram_gb() -> float:
    """Return the machine's physical memory in GB."""
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3


def version(package: str) -> str:
    """Return an installed package's version, or 'not installed'."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_info(model: ModelId) -> dict[str, str]:
    """Return the machine and software details the figures depend on."""
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": cpu_model(),
        "cores": f"{os.cpu_count()} ({len(os.sched_getaffinity(0))} usable)",
        "RAM": f"{ram_gb():.1f} GB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "spaCy": version("spacy"),
        "pipeline": f"{model.name} {model.version}",
        "Streamlit": version("streamlit"),
        "pandas": version("pandas"),
        "pyarrow": version("pyarrow"),
    }


@dataclass(frozen=True)
class Child:
    """A finished subprocess: wall time, exit code and the end of its stderr."""

    seconds: float
    returncode: int
    stderr: str


def run_child(cmd: Sequence[str]) -> Child:
    """Run `cmd` from the project folder; return its wall time, exit code and stderr."""
    start = time.perf_counter()
    proc = subprocess.run(
        list(cmd), cwd=PROJECT_DIR, capture_output=True, text=True, errors="replace", check=False
    )
    return Child(time.perf_counter() - start, proc.returncode, proc.stderr[-2000:])


def write_articles(frame: pd.DataFrame, folder: Path) -> Path:
    """Write `frame` as folder/articles.csv (a fresh folder); return the CSV's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.csv"
    frame.to_csv(path, index=False)
    return path


def process_once(csv_path: Path, *, nlp: Language, model: ModelId, n_process: int = 1) -> float:
    """Return the seconds `process` takes on csv_path: load, run uncached texts, build, write."""
    start = time.perf_counter()
    corpus = load_corpus(csv_path)
    folder = csv_path.parent
    cache = open_cache(folder, model)
    todo = missing_texts(corpus, cache)
    if todo:
        run_pipeline(todo, nlp=nlp, cache=cache, n_process=n_process)
    write_outputs(build_results(corpus, cache, load_aliases(folder)), folder)
    return time.perf_counter() - start


def raw_pipe_seconds(texts: Sequence[str], *, nlp: Language, batch_size: int) -> float:
    """Return the seconds raw `nlp.pipe` takes to produce every Doc of `texts`."""
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def base_articles(source: Path) -> pd.DataFrame:
    """Return the articles the synthetic corpora are built from."""
    return load_corpus(source).frame


def bench_process(cfg: BenchConfig, unique_csv: Path, report: Report, log: Log) -> None:
    """Measure process against raw nlp.pipe, a re-run, and two processes against one."""
    import spacy

    name = os.environ["AIDLENS_MODEL"]
    model = model_id(name)
    texts = list(load_corpus(unique_csv).frame["text"])
    raw_nlp = spacy.load(name)
    nlp = load_pipeline(name)
    warm = texts[: min(16, len(texts))]
    raw_pipe_seconds(warm, nlp=raw_nlp, batch_size=cfg.batch_size)
    raw_pipe_seconds(warm, nlp=nlp, batch_size=cfg.batch_size)
    size = n(len(texts))
    log(f"raw nlp.pipe on {size} texts")
    raw = raw_pipe_seconds(texts, nlp=raw_nlp, batch_size=cfg.batch_size)
    log(f"process, cold cache, 1 process ({raw:.1f} s raw)")
    cold = process_once(unique_csv, nlp=nlp, model=model)
    log(f"process again, unchanged corpus ({cold:.1f} s cold)")
    again = process_once(unique_csv, nlp=nlp, model=model)
    two_dir = unique_csv.parent.parent / "unique-n2"
    shutil.rmtree(two_dir, ignore_errors=True)
    two_csv = write_articles(pd.read_csv(unique_csv, dtype=str, keep_default_na=False), two_dir)
    log("process, cold cache, --n-process 2")
    two = process_once(two_csv, nlp=nlp, model=model, n_process=2)
    report.add(Row(f"raw nlp.pipe ({size} distinct texts)", len(texts) / raw, "texts/s"))
    report.add(Row(f"process, cold cache ({size})", len(texts) / cold, "texts/s"))
    pace = raw / cold
    report.add(Row(f"process pace vs raw nlp.pipe ({size})", pace, "x", ">= 0.9x", pace >= 0.9))
    speedup = cold / again
    report.add(
        Row(
            f"re-run on the unchanged corpus vs first ({size})",
            speedup,
            "x",
            ">= 20x",
            speedup >= 20,
            f"re-run {again * 1000:,.0f} ms",
        )
    )
    par = cold / two
    report.add(Row(f"--n-process 2 vs 1 ({size})", par, "x", ">= 1.6x", par >= 1.6))
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
    report.add(Row(f"`process` wall time ({label})", child.seconds, "s", note="spaCy load incl."))


def app_folder(unique_csv: Path, size: int, workdir: Path, seed: int) -> Path:
    """Return a processed data folder of `size` articles whose texts are the unique ones."""
    unique = pd.read_csv(unique_csv, dtype=str, keep_default_na=False)
    frame = unique.head(size) if size <= len(unique) else repeated_articles(unique, size, seed=seed)
    folder = workdir / f"app-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    csv_path = write_articles(frame, folder)
    shutil.copytree(unique_csv.parent / "cache", folder / "cache")
    return csv_path.parent


def page_rows(size: int, page: str, result: dict[str, Any]) -> list[Row]:
    """Return the first-run and slowest-rerun rows of one page's measurement."""
    title = page.capitalize()
    if "error" in result or "skipped" in result:
        note = result.get("skipped") or f"failed: {result['error'][:200]}"
        return [
            Row(f"app {title}: first run ({n(size)})", None, "s", "< 3 s", None, note),
            Row(f"app {title}: slowest rerun ({n(size)})", None, "ms", "< 300 ms", None, note),
        ]
    first = result["first_run_s"]
    if result["pipeline_loaded"]:
        spacy_note = "the spaCy pipeline was loaded!"
    elif result["spacy_imported"]:
        spacy_note = "no pipeline loaded (spaCy imported)"
    else:
        spacy_note = "spaCy not imported"
    slowest = max(result["reruns"], key=lambda r: r["s"])
    detail = ", ".join(f"{r['what']} {r['s'] * 1000:,.0f}" for r in result["reruns"])
    ok_first = first < 3 and not result["pipeline_loaded"]
    return [
        Row(f"app {title}: first run ({n(size)})", first, "s", "< 3 s", ok_first, spacy_note),
        Row(
            f"app {title}: slowest rerun ({n(size)})",
            slowest["s"] * 1000,
            "ms",
            "< 300 ms",
            slowest["s"] < 0.3,
            f"ms: {detail}",
        ),
    ]


def run_app_child(folder: Path, pages: Sequence[str], out: Path) -> tuple[dict[str, Any], Child]:
    """Run the AppTest harness on `pages` in a subprocess; return its report and process."""
    cmd = [sys.executable, "-m", "aidlens.bench_app", "--data", str(folder)]
    cmd += ["--pages", ",".join(pages), "--json", str(out)]
    child = run_child(cmd)
    if child.returncode != 0:
        raise AidLensError(f"bench: the app harness failed on {folder}:\n{child.stderr}")
    return json.loads(out.read_text(encoding="utf-8")), child


def bench_app_size(cfg: BenchConfig, folder: Path, size: int, report: Report, log: Log) -> None:
    """Measure every page on `folder` (each in a fresh process) and the app's peak memory."""
    found, skipped = bench_app.existing_pages(cfg.pages)
    for page in found:
        log(f"app {page} page on {n(size)} articles (AppTest subprocess)")
        result, _child = run_app_child(folder, [page], folder / f"bench-{page}.json")
        report.rows.extend(page_rows(size, page, result["pages"][page]))
    for page in skipped:
        note = f"skipped: {bench_app.PAGES[page]} does not exist yet"
        report.rows.extend(page_rows(size, page, {"skipped": note}))
    log(f"app memory on {n(size)} articles: one session visiting every page")
    result, _child = run_app_child(folder, found, folder / "bench-all.json")
    report.add(
        Row(
            f"app peak memory ({n(size)})",
            result["maxrss_mb"],
            "MB",
            "< 1,536 MB",
            below(result["maxrss_mb"], APP_MEMORY_LIMIT_MB),
            f"pages: {', '.join(found)}",
        )
    )


def model_spans(entities: pd.DataFrame) -> dict[str, tuple]:
    """Return article id -> the model's entities as store Spans (origin "model")."""
    from aidlens.spans import Span

    out: dict[str, list] = {}
    for a, s, e, t, lbl in entities[["article_id", "start", "end", "text", "label"]].itertuples(
        index=False
    ):
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
        edits = [Edit(a, spans[a], 0, "done") for a in ids[i : i + 500]]
        store.save_many(edits, annotator="bench")
    log(f"store: {cfg.saves} timed saves")
    rng = random.Random(cfg.seed)
    times = []
    for _ in range(cfg.saves):
        a = rng.choice(ids)
        state = store.get(a)
        # Alternately drop the last span and put it back, as an annotator correcting would.
        new = state.spans[:-1] if len(state.spans) == len(spans[a]) else spans[a]
        start = time.perf_counter()
        store.save(a, new, annotator="bench", base_revision=state.revision)
        times.append((time.perf_counter() - start) * 1000)
    median, p95 = statistics.median(times), percentile(times, 95)
    note = f"{len(times)} saves, {len(ids)} annotated articles"
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
        base = base_articles(cfg.source)
        unique = unique_articles(base, cfg.process_size, seed=cfg.seed)
        unique_csv = write_articles(unique, workdir / "unique")
        words = unique["text"].str.split().str.len()
        report.notes.append(
            f"Synthetic corpora from `{_rel(cfg.source)}` ({len(base)} articles): "
            f"{n(cfg.process_size)} distinct texts recombining their paragraphs, with numbers and "
            f"country names varied by a seeded RNG (seed {cfg.seed}); "
            f"{words.mean():.0f} words per text on average."
        )
        bench_process(cfg, unique_csv, report, log)
        largest = max(cfg.app_sizes)
        folders = {s: app_folder(unique_csv, s, workdir, cfg.seed) for s in cfg.app_sizes}
        if largest > cfg.process_size:
            report.notes.append(
                f"App corpora larger than {n(cfg.process_size)} articles reuse those distinct "
                "texts in turn (new ids, titles and dates), to keep processing time reasonable: "
                "their result tables have the full size, their texts repeat."
            )
        cold = workdir / "memory"
        shutil.rmtree(cold, ignore_errors=True)
        cold_csv = write_articles(pd.read_csv(folders[largest] / "articles.csv", dtype=str), cold)
        bench_process_memory(cold_csv, min(largest, cfg.process_size), report, log)
        for size in cfg.app_sizes:
            bench_app_size(cfg, folders[size], size, report, log)
        bench_store(cfg, folders[largest], largest, report, log)
    report.notes.append(f"The whole benchmark took {time.perf_counter() - started:.0f} s.")
    return report


def _rel(path: Path) -> str:
    """Return `path` relative to the project when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)


def render(report: Report, command: str) -> str:
    """Return the report as Markdown: machine table, figures table and notes."""
    lines = [START_MARK, "## Latest run", "", f"`{command}`", "", "| | |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in report.machine.items()]
    lines += [
        "",
        "| figure | measured | target | result | note |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {r.name} | {r.shown()} | {r.target} | {r.verdict()} | {r.note} |" for r in report.rows
    ]
    lines += [""] + [f"- {note}" for note in report.notes] + [END_MARK]
    return "\n".join(lines) + "\n"


def write_report(path: Path, section: str) -> Path:
    """Write `section` into `path`, replacing the previous run's and keeping the rest."""
    path = Path(path)
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if START_MARK in old and END_MARK in old:
        head, rest = old.split(START_MARK, 1)
        new = head + section.rstrip("\n") + rest.split(END_MARK, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + section
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, path)
    return path


def default_source() -> Path:
    """Return sample_data/articles.csv, or the small test corpus until the sample exists."""
    return SAMPLE_CSV if SAMPLE_CSV.exists() else SMALL_CSV


def percentile(values: Sequence[float], q: float) -> float:
    """Return the q-th percentile (0-100) of values, linearly interpolated."""
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]
