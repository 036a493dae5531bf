"""The bench's rules and training stages run on tiny inputs and report their rows (no timings)."""

from __future__ import annotations

import json

import pytest

from aidlens import cli
from aidlens.bench import write_extras
from aidlens.bench.report import END_MARK, START_MARK
from aidlens.bench.train_bench import EVAL_SPLIT, SEED, gold_folder, training_rules
from aidlens.rules import load_rules, rule_suggestions
from aidlens.training import split_done
from tests.conftest import SMALL_CSV

AT = "sample gold, 2 held-out articles"  # --quick trains on 12 gold articles, 2 held out
RULES = [("Olaf Scholz", "PERSON"), ("Kyiv", "GPE"), ("Ukraine", "GPE")]
ROWS = [
    *(
        (f"new rule '{t}' → {lbl}: {what} (15)", "< 2 s")
        for t, lbl in RULES
        for what in ("save, rules and corrections overlays", "Read page rerun after the save")
    ),
    (f"train: base micro F1 ({AT})", ""),
    (f"train: base + rules micro F1 ({AT})", ""),
    (f"train: trained micro F1 ({AT})", ""),
    (f"train: trained vs base ({AT})", ">= +8 points"),
    (f"train: rules vs base ({AT})", ">= +3 points"),
    ("train: worst label with >= 5 held-out spans, trained vs base", ">= -2 points"),
    (f"train: wall time ({AT})", "< 5 min"),
    (f"train: CPU time ({AT})", ""),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    """Return BENCHMARKS.md after a quick run of the rules and training stages alone."""
    out = tmp_path_factory.mktemp("bench-ml") / "BENCHMARKS.md"
    out.write_text(
        f"# B\n\nkept\n\n{START_MARK}\nfull run\n{END_MARK}\n\nafter\n", encoding="utf-8"
    )
    argv = ["bench", "--quick", "--only", "rules,train", "--source", str(SMALL_CSV)]
    assert cli.main([*argv, "--process-size", "6", "--sizes", "6,15", "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("row", "target"), ROWS)
def test_report_has_the_row(report, row, target) -> None:
    line = next((ln for ln in report.splitlines() if ln.startswith(f"| {row} |")), None)
    assert line is not None, row
    cells = [c.strip() for c in line.strip("|").split("|")]
    assert cells[2] == target
    if target:
        assert cells[3] in ("pass", "**MISS**", "skipped")


def test_rows_report_reach_and_load(report) -> None:
    rule_rows = [ln for ln in report.splitlines() if "save, rules and corrections" in ln]
    assert rule_rows and all(
        "articles re-derived" in ln and "spans changed" in ln for ln in rule_rows
    )
    wall = next(ln for ln in report.splitlines() if ln.startswith("| train: wall time"))
    assert "cores busy" in wall and "load average" in wall


def test_only_keeps_the_full_run_section(report) -> None:
    assert report.startswith("# B\n\nkept\n\n" + START_MARK + "\nfull run\n" + END_MARK)
    assert report.rstrip().endswith("after")
    assert report.count("<!-- bench-extras:start -->") == 1


def test_a_second_only_run_replaces_its_section(tmp_path) -> None:
    path = tmp_path / "B.md"
    path.write_text(f"# B\n\n{START_MARK}\nfull\n{END_MARK}\n", encoding="utf-8")
    for body in ("first", "second"):
        write_extras(path, f"<!-- bench-extras:start -->\n{body}\n<!-- bench-extras:end -->\n")
    text = path.read_text(encoding="utf-8")
    assert "second" in text and "first" not in text and "\nfull\n" in text


def test_rules_come_from_the_training_articles_only(tmp_path) -> None:
    folder = gold_folder(tmp_path / "gold", 0)
    rules, split = training_rules(folder, SEED)
    reviews = (folder / "reviews.csv").read_text(encoding="utf-8").splitlines()[1:]
    done = [line.split(",")[0] for line in reviews if ",done," in line]
    assert split == split_done(done, eval_split=EVAL_SPLIT, seed=SEED)
    assert not set(split.train) & set(split.held_out)
    import pandas as pd

    gold = pd.read_csv(folder / "annotations.csv", dtype=str, keep_default_na=False)
    hand = gold.loc[(gold["origin"] == "human") & gold["article_id"].isin(split.train)]
    expected = [
        r
        for r, _ in rule_suggestions(
            hand[["article_id", "text", "label"]].itertuples(index=False), ()
        )
    ]
    assert rules == expected and set(load_rules(folder).rules) == set(rules)
    saved = [json.loads(line) for line in (folder / "patterns.jsonl").read_text().splitlines()]
    assert len(saved) == len(rules) > 0


def test_only_refuses_an_unknown_stage(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["bench", "--only", "process"])
