"""The collector's pace is set by the app's and the command line's entry points."""

from __future__ import annotations

import gc
import subprocess
import sys

from aidlens.collector import THRESHOLDS, relax_collector
from tests.conftest import ROOT


def test_relax_collector_sets_the_thresholds_and_collection_still_runs() -> None:
    before = gc.get_threshold()
    try:
        relax_collector()
        assert gc.get_threshold() == THRESHOLDS
        assert gc.isenabled()
        cycle: list = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1  # a cycle is still found and freed
    finally:
        gc.set_threshold(*before)


def test_the_command_line_runs_with_the_thresholds() -> None:
    code = "import gc, runpy, sys; sys.argv = ['aidlens', '--help']\n"
    code += "try:\n    runpy.run_module('aidlens', run_name='__main__')\nexcept SystemExit:\n"
    code += "    print(gc.get_threshold())"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == str(THRESHOLDS)
