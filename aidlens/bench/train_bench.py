"""Training on the sample's gold (issue 10): held-out scores of base, base + rules and trained.

A temp data folder gets `sample_data/articles.csv` and the gold `annotations.csv` and
`reviews.csv` (with `--quick`, only the first few articles). Rules are derived as the app offers
them (`rule_suggestions` over the annotators' hand corrections) from the training articles only:
the split is the one `train` makes (`split_done`, same seed and held-out share), so no held-out
article informs a rule. They are saved to patterns.jsonl with `add_rule`. Then the real
`python -m aidlens train` runs in a subprocess, timed, and its report.json is read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aidlens.analysis import gold_states, open_workspace
from aidlens.bench.config import BenchConfig, Log, read_articles
from aidlens.bench.measure import Measured, QuietWait, measure
from aidlens.bench.report import Report, Row
from aidlens.errors import AidLensError
from aidlens.rules import Rule, add_rule, rule_suggestions
from aidlens.settings import PROJECT_DIR
from aidlens.training import Split, read_report, split_done

GOLD_DIR = PROJECT_DIR / "sample_data" / "gold"
EVAL_SPLIT, SEED = 0.2, 0  # train's defaults
TARGET_GAIN, TARGET_RULES_GAIN, TARGET_LABEL_LOSS, TARGET_S = 8.0, 3.0, -2.0, 300.0


@dataclass(frozen=True)
class Score(Row):
    """A row of F1 (0-100) or of points gained, shown with one decimal."""

    def shown(self) -> str:
        """Return the value with one decimal; points with their sign."""
        if self.value is None:
            return "-"
        return f"{self.value:+.1f} points" if self.unit == "points" else f"{self.value:.1f}"


def gold_folder(folder: Path, articles: int) -> Path:
    """Copy the sample's articles and gold into `folder` (only the first `articles` if > 0)."""
    folder.mkdir(parents=True, exist_ok=True)
    frame = read_articles(GOLD_DIR.parent / "articles.csv")
    if articles > 0:
        frame = frame.head(articles)
    frame.to_csv(folder / "articles.csv", index=False)
    keep = set(frame["id"])
    for name in ("annotations.csv", "reviews.csv"):
        gold = read_articles(GOLD_DIR / name)
        gold.loc[gold["article_id"].isin(keep)].to_csv(folder / name, index=False)
    return folder


def training_rules(folder: Path, seed: int) -> tuple[list[Rule], Split]:
    """Save the rules the app would offer from the training articles' hand corrections."""
    ws = open_workspace(folder)
    done = gold_states(ws.store, only_done=True)
    split = split_done(sorted(done), eval_split=EVAL_SPLIT, seed=seed)
    corrections = [
        (a, s.text, s.label) for a in split.train for s in done[a].spans if s.origin == "human"
    ]
    rules = [rule for rule, _n in rule_suggestions(corrections, ())]
    for rule in rules:
        add_rule(folder, rule.text, rule.label)
    return rules, split


def run_train(cfg: BenchConfig, folder: Path, out: Path) -> tuple[Measured, str]:
    """Run `python -m aidlens train` on `folder`; return its measure and the end of stderr."""
    cmd = [sys.executable, "-m", "aidlens", "train", "--data", str(folder), "--out", str(out)]
    cmd += ["--seed", str(SEED), "--eval-split", str(EVAL_SPLIT)]
    if cfg.train_epochs:
        cmd += ["--epochs", str(cfg.train_epochs)]
    done: list[subprocess.CompletedProcess] = []
    m = measure(
        lambda: done.append(
            subprocess.run(cmd, cwd=PROJECT_DIR, capture_output=True, text=True, errors="replace")
        )
    )
    err = "" if done[0].returncode == 0 else done[0].stderr[-300:] or "exit status != 0"
    return m, err.replace("\n", " ").replace("|", "/")


def _f1(cols: dict[str, Any], column: str) -> float:
    """Return a column's F1 in points (0-100)."""
    return 100 * cols[column]["f"]


def score_rows(cfg: BenchConfig, result: dict[str, Any], at: str, n_rules: int) -> list[Row]:
    """Return the micro F1 rows of the three columns, the two gains and the per-label rows."""
    rows: list[Row] = []
    support = result["base"]["support"]
    for column, title in (("base", "base"), ("rules", "base + rules"), ("trained", "trained")):
        s = result[column]
        note = f"P {100 * s['p']:.1f}, R {100 * s['r']:.1f}; {support} held-out spans"
        if column == "rules":
            note += f"; {n_rules} rules from the training articles' hand corrections"
        rows.append(Score(f"train: {title} micro F1 ({at})", _f1(result, column), "F1", note=note))
    gain = _f1(result, "trained") - _f1(result, "base")
    rows.append(Score(f"train: trained vs base ({at})", gain, "points", ">= +8 points", gain >= 8))
    rules_gain = _f1(result, "rules") - _f1(result, "base")
    ok = rules_gain >= TARGET_RULES_GAIN
    rows.append(Score(f"train: rules vs base ({at})", rules_gain, "points", ">= +3 points", ok))
    return rows + label_rows(cfg, result)


def label_rows(cfg: BenchConfig, result: dict[str, Any]) -> list[Row]:
    """Return one row per label with enough held-out spans, and the worst of them."""
    k, rows, worst = cfg.train_min_support, [], None
    for label, cols in result["per_label"].items():
        support = cols["base"]["support"]
        if support < k:
            continue
        d = _f1(cols, "trained") - _f1(cols, "base")
        note = "F1 " + ", ".join(f"{c} {_f1(cols, c):.1f}" for c in ("base", "rules", "trained"))
        name = f"train: {label} F1, trained vs base ({support} held-out spans)"
        rows.append(Score(name, d, "points", ">= -2 points", d >= TARGET_LABEL_LOSS, note))
        worst = d if worst is None else min(worst, d)
    name = f"train: worst label with >= {k} held-out spans, trained vs base"
    if worst is None:
        return [Score(name, None, "points", ">= -2 points", None, f"no label has {k} spans")]
    ok = worst >= TARGET_LABEL_LOSS
    return [Score(name, worst, "points", ">= -2 points", ok, f"{len(rows)} labels"), *rows]


def time_rows(m: Measured, at: str, epochs: int, loads: tuple[tuple, tuple]) -> list[Row]:
    """Return the training's wall-time row (with its target) and CPU-time row."""
    before, after = (" / ".join(f"{x:.1f}" for x in la) for la in loads)
    note = (
        f"`train` subprocess, {epochs} epochs, spaCy load and scoring included; CPU {m.cpu:.0f} s; "
        f"other processes: {m.others:.1f} cores busy; load average (1/5/15 min) {before} before, "
        f"{after} after"
    )
    ok = m.wall < TARGET_S
    return [
        Row(f"train: wall time ({at})", m.wall, "s", "< 5 min", ok, note),
        Row(f"train: CPU time ({at})", m.cpu, "s", note="the `train` process"),
    ]


def bench_train(cfg: BenchConfig, report: Report, log: Log, quiet: QuietWait) -> None:
    """Train on the sample's gold in a temp folder and add the score and time rows."""
    if not (GOLD_DIR / "annotations.csv").exists():
        report.notes.append(f"Training skipped: no gold set in {GOLD_DIR}.")
        return
    with tempfile.TemporaryDirectory(prefix="aidlens-bench-train-") as tmp:
        folder = gold_folder(Path(tmp) / "gold", cfg.train_articles)
        rules, split = training_rules(folder, SEED)
        at = f"sample gold, {len(split.held_out)} held-out articles"
        log(f"train: {len(rules)} rules from {len(split.train)} training articles; training")
        quiet()
        loads = [os.getloadavg()]
        m, err = run_train(cfg, folder, Path(tmp) / "model")
        loads.append(os.getloadavg())
        result = read_report(Path(tmp) / "model") if not err else None
        if result is None:
            note = f"failed: {err or 'no report.json'}"
            report.add(
                Row(f"train: trained vs base ({at})", None, "points", ">= +8 points", None, note)
            )
            return
        if tuple(result["held_out"]) != split.held_out:
            raise AidLensError("bench: `train` held out other articles than the bench's split")
        report.rows.extend(score_rows(cfg, result, at, len(rules)))
        report.rows.extend(time_rows(m, at, result["epochs"], (loads[0], loads[1])))
        shutil.rmtree(Path(tmp) / "model", ignore_errors=True)
    report.notes.append(
        f"Training: a temp copy of the sample's articles and gold ({len(split.train)} articles "
        f"trained on, {len(split.held_out)} held out: seed {SEED}, held-out share {EVAL_SPLIT}, "
        f"as `train` splits). {len(rules)} rules were saved to patterns.jsonl as the Annotate "
        "page offers them (a text given one label by hand in two or more articles), from the "
        "training articles only; then `python -m aidlens train` ran with "
        f"{'--epochs ' + str(cfg.train_epochs) if cfg.train_epochs else 'its default epochs'}. "
        "Scores are exact-match micro F1 on the held-out articles; the rules column is the base "
        "model with patterns.jsonl as an EntityRuler after NER."
    )
