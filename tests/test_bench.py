"""The benchmark runs end to end on tiny corpora and reports every figure (no timing checks)."""

from __future__ import annotations

import pytest

from aidlens import cli
from aidlens.bench.report import END_MARK, START_MARK, write_report
from aidlens.bench.synthetic import repeated_articles, unique_articles
from tests.conftest import SMALL_CSV

# Every row the report must have for `--quick --sizes 6,15`, with its target when it has one.
ROWS = [
    ("raw nlp.pipe (6 distinct texts)", ""),
    ("process pace vs raw nlp.pipe (6)", ">= 0.9x"),
    ("re-run on the unchanged corpus vs first (6)", ">= 20x"),
    ("--n-process 2 vs 1 (6)", ">= 1.6x"),
    ("`process` peak memory (15 articles, 6 distinct texts)", ""),
    ("app Read: first run (6)", "< 3 s"),
    ("app Read: slowest rerun (6)", "< 300 ms"),
    ("app Trends: first run (15)", "< 3 s"),
    ("app Trends: slowest rerun (15)", "< 300 ms"),
    ("app Annotate: first run (15)", "< 3 s"),
    ("app Annotate: slowest rerun (6)", "< 300 ms"),
    ("app Annotate: slowest save (15)", "< 300 ms"),
    ("app peak memory (6)", "< 1,536 MB"),
    ("app peak memory (15)", "< 1,536 MB"),
    ("`process` from a warm cache (6)", ""),
    ("`process` from a warm cache (15)", ""),
    ("store save latency, median (15 articles, 6 annotated)", ""),
    ("store save latency, p95 (15 articles, 6 annotated)", "< 100 ms"),
]
MACHINE = ["CPU", "cores", "RAM", "Python", "spaCy", "pipeline", "date"]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    """Return BENCHMARKS.md written by a quick run on the small test corpus."""
    out = tmp_path_factory.mktemp("bench") / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\nHand-written notes.\n", encoding="utf-8")
    argv = ["bench", "--quick", "--source", str(SMALL_CSV), "--process-size", "6"]
    assert cli.main([*argv, "--sizes", "6,15", "--saves", "5", "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("row", "target"), ROWS)
def test_report_has_the_row(report, row, target) -> None:
    line = next((ln for ln in report.splitlines() if ln.startswith(f"| {row} |")), None)
    assert line is not None, row
    cells = [c.strip() for c in line.strip("|").split("|")]
    assert cells[2] == target
    if target:
        assert cells[3] in ("pass", "**MISS**", "skipped")


@pytest.mark.parametrize("key", MACHINE)
def test_report_names_the_machine(report, key) -> None:
    assert f"| {key} | " in report


def test_report_keeps_the_hand_written_part(report) -> None:
    assert report.startswith("# Benchmarks\n\nHand-written notes.\n")
    assert report.count(START_MARK) == 1 and report.count(END_MARK) == 1


def test_a_second_run_replaces_only_its_section(tmp_path) -> None:
    path = tmp_path / "B.md"
    path.write_text("# B\n\nkept\n", encoding="utf-8")
    write_report(path, f"{START_MARK}\nfirst\n{END_MARK}\n")
    path.write_text(path.read_text(encoding="utf-8") + "\nafter\n", encoding="utf-8")
    write_report(path, f"{START_MARK}\nsecond\n{END_MARK}\n")
    text = path.read_text(encoding="utf-8")
    assert "second" in text and "first" not in text
    assert text.startswith("# B\n\nkept\n") and text.rstrip().endswith("after")


@pytest.mark.parametrize("n", [1, 7, 40])
def test_synthetic_texts_are_distinct_and_repeatable(n) -> None:
    import pandas as pd

    base = pd.read_csv(SMALL_CSV, dtype=str, keep_default_na=False)
    first = unique_articles(base, n, seed=1)
    assert first["text"].nunique() == n and first["id"].nunique() == n
    assert first.equals(unique_articles(base, n, seed=1))
    more = repeated_articles(first, 3 * n, seed=2)
    assert more["id"].nunique() == 3 * n and set(more["text"]) == set(first["text"])


def test_report_has_the_growth_table(report) -> None:
    lines = report.splitlines()
    head = lines.index(
        "| articles | app peak memory | Read first run | Trends first run | Annotate first run |"
    )
    sizes = [ln.split("|")[1].strip() for ln in lines[head + 2 : head + 4]]
    assert sizes == ["6", "15"]
    assert all(" MB |" in ln for ln in lines[head + 2 : head + 4])


@pytest.mark.parametrize(
    ("size", "first", "memory"),
    [(10_000, 3.0, 1536.0), (100_000, 3.0, 1200.0), (1_000_000, 5.0, 2048.0)],
)
def test_targets_by_size(size, first, memory) -> None:
    from aidlens.bench.app_bench import targets

    assert targets(size) == (first, memory)


def _timed(s: float) -> dict:
    """Return one timed run as the app harness reports it."""
    return {"what": "rerun", "s": s, "cpu_s": s}


@pytest.mark.parametrize(
    ("firsts", "median"),
    [([2.0], 2.0), ([2.4, 5.3, 2.9], 2.9), ([3.1, 2.2], 3.1), ([4.0, 1.0, 1.5, 9.0, 2.0], 2.0)],
)
def test_page_figures_are_the_median_of_fresh_processes(firsts, median) -> None:
    from aidlens.bench.app_bench import page_rows

    results = [
        {
            "first_run": _timed(f),
            "reruns": [_timed(f / 20), _timed(f / 10)],
            "saves": [],
            "spacy_imported": False,
            "pipeline_loaded": False,
        }
        for f in firsts
    ]
    first, rerun = page_rows(1000, "trends", results)
    assert first.value == median
    assert first.passed is (median < 3)
    assert rerun.value == pytest.approx(median / 10 * 1000)  # each process's slowest, median
    if len(firsts) > 1:
        assert f"median of {len(firsts)} fresh processes" in first.note
        assert all(f"{f:.2f}" in first.note for f in firsts)
    else:
        assert "median" not in first.note


def test_a_pipeline_loaded_in_any_fresh_process_fails_the_first_run() -> None:
    from aidlens.bench.app_bench import page_rows

    results = [
        {"first_run": _timed(1.0), "reruns": [_timed(0.1)], "saves": [], "spacy_imported": True}
        | {"pipeline_loaded": loaded}
        for loaded in (False, True, False)
    ]
    first, _ = page_rows(1000, "read", results)
    assert first.passed is False
    assert "pipeline was loaded" in first.note
