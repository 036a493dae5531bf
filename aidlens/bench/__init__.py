"""The benchmark behind `make bench`: synthetic corpora, timed runs of process and of the app's
pages (each in a fresh process), and the report written into BENCHMARKS.md.
"""

from __future__ import annotations

from aidlens.bench.config import QUICK, BenchConfig
from aidlens.bench.report import render, write_report
from aidlens.bench.run import default_source, run_bench

__all__ = ["BenchConfig", "QUICK", "default_source", "render", "run_bench", "write_report"]
