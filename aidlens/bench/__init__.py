"""The benchmark behind `make bench`: synthetic corpora, timed runs of process and of the app's
pages (each in a fresh process), and the report written into BENCHMARKS.md.
"""

from __future__ import annotations

from aidlens.bench.config import EXTRA_STAGES, QUICK, QUICK_EXTRAS, BenchConfig
from aidlens.bench.ml import render_extras, run_extras_only, write_extras
from aidlens.bench.report import render, write_report
from aidlens.bench.run import default_source, run_bench

__all__ = [
    "EXTRA_STAGES",
    "QUICK",
    "QUICK_EXTRAS",
    "BenchConfig",
    "default_source",
    "render",
    "render_extras",
    "run_bench",
    "run_extras_only",
    "write_extras",
    "write_report",
]
