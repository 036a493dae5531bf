"""The benchmark's report: figures with targets, machine details, and BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from aidlens.atomic import write_bytes_atomic
from aidlens.pipeline import ModelId

START_MARK = "<!-- bench:start -->"
END_MARK = "<!-- bench:end -->"


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
    growth: dict[int, dict[str, float]] = field(default_factory=dict)  # size -> page/memory

    def add(self, row: Row) -> None:
        """Append a row."""
        self.rows.append(row)


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
        "dask": version("dask"),
    }


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
    lines += growth_table(report.growth)
    lines += [""] + [f"- {note}" for note in report.notes] + [END_MARK]
    return "\n".join(lines) + "\n"


def growth_table(growth: dict[int, dict[str, float]]) -> list[str]:
    """Return the Markdown lines of peak memory and first runs against corpus size."""
    if not growth:
        return []
    pages = ("read", "trends", "annotate")
    lines = ["", "Growth with corpus size (wall time of each page's first run, peak memory):", ""]
    lines += [
        "| articles | app peak memory | "
        + " | ".join(f"{p.capitalize()} first run" for p in pages)
        + " |"
    ]
    lines += ["| --- | --- |" + " --- |" * len(pages)]
    for size in sorted(growth):
        got = growth[size]
        memory = f"{got['memory']:,.0f} MB" if "memory" in got else "-"
        firsts = [f"{got[p]:.2f} s" if p in got else "-" for p in pages]
        lines.append(f"| {size:,} | {memory} | " + " | ".join(firsts) + " |")
    return lines


def write_report(path: Path, section: str) -> Path:
    """Write `section` into `path`, replacing the previous run's and keeping the rest."""
    return write_between(path, section, START_MARK, END_MARK)


def write_between(path: Path, section: str, start: str, end: str, after: str = "") -> Path:
    """Write `section` into `path` in place of what lies between the `start` and `end` marks,
    else right after the `after` mark, else at the end; atomically, keeping the rest."""
    path = Path(path)
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if start in old and end in old:
        head, rest = old.split(start, 1)
        new = head + section.rstrip("\n") + rest.split(end, 1)[1]
    elif after and after in old:
        head, rest = old.split(after, 1)
        new = head + after + "\n\n" + section.rstrip("\n") + rest
    else:
        new = old.rstrip("\n") + "\n\n" + section
    write_bytes_atomic(path, new.encode("utf-8"))
    return path
