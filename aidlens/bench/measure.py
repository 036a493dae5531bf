"""Measuring one step: wall and CPU time, other processes' load, quiet waits, child processes."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aidlens.settings import PROJECT_DIR

if TYPE_CHECKING:
    pass

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


def load_note(*runs: Measured) -> str:
    """Return how busy other processes kept the machine during `runs`."""
    return "other processes: " + " / ".join(f"{m.others:.1f}" for m in runs) + " cores busy"


def percentile(values: Sequence[float], q: float) -> float:
    """Return the q-th percentile (0-100) of values, linearly interpolated."""
    if len(values) < 2:
        return float(values[0])
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]
