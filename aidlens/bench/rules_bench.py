"""How long a new rule takes to show on a large data folder (issue 10: under 2 s at 10,000).

In process, as the app does on its next rerun: the rule is saved with `aidlens.rules.add_rule`,
patterns.jsonl read again, the kept `RuleOverlay` derives again only the articles the rule
matches, and a new `CorrectionOverlay` lays the annotators' saved spans over the result (the app
keys that overlay on the rules, so a new rule builds it afresh). Then, in a fresh process under
`AppTest` (`aidlens.bench.app_rules`), the Read page's rerun after each rule is saved.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from aidlens.bench.app_bench import model_spans
from aidlens.bench.config import BenchConfig, Log, n
from aidlens.bench.measure import QuietWait, measure, run_child
from aidlens.bench.report import Report, Row
from aidlens.corpus import load_aliases, load_corpus
from aidlens.pipeline import model_id
from aidlens.processing import build_results, open_cache
from aidlens.rules import PATTERNS_FILE, Rule, RuleOverlay, add_rule, load_rules

TARGET_S = 2.0


def rules_folder(cfg: BenchConfig, folders: dict[int, Path]) -> tuple[int, Path]:
    """Return the size and folder new rules are timed on: rules_size, else the nearest below."""
    fitting = [s for s in folders if s <= cfg.rules_size] or [min(folders)]
    size = max(fitting)
    return size, folders[size]


def annotate(folder: Path, count: int, log: Log) -> int:
    """Save the model's entities of the first `count` articles as done (if none are); return it."""
    from aidlens.annotations import AnnotationStore, Edit, known_labels

    corpus = load_corpus(folder / "articles.csv")
    name = os.environ["AIDLENS_MODEL"]
    texts = dict(zip(corpus.frame["id"], corpus.frame["text"], strict=True))
    store = AnnotationStore(folder, texts, known_labels(folder, name))
    if store.states():
        return len(store.states())
    results = build_results(corpus, open_cache(folder, model_id(name)), load_aliases(folder))
    spans = model_spans(results.entities)
    ids = [a for a in corpus.frame["id"] if spans.get(a)][:count]
    log(f"rules: annotating {n(len(ids))} articles of {n(len(corpus))}")
    for i in range(0, len(ids), 500):
        store.save_many([Edit(a, spans[a], 0, "done") for a in ids[i : i + 500]], annotator="bench")
    return len(ids)


def _clear_rules(folder: Path) -> None:
    """Delete the folder's patterns.jsonl: each stage starts from no rules."""
    (folder / PATTERNS_FILE).unlink(missing_ok=True)


def time_rules_in_process(cfg: BenchConfig, folder: Path, quiet: QuietWait) -> list[dict[str, Any]]:
    """Save each new rule and derive what the app shows; return each one's timings and reach."""
    from aidlens.annotations import AnnotationStore, CorrectionOverlay, known_labels

    _clear_rules(folder)
    corpus = load_corpus(folder / "articles.csv")
    name = os.environ["AIDLENS_MODEL"]
    aliases = load_aliases(folder)
    results = build_results(corpus, open_cache(folder, model_id(name)), aliases)
    texts = dict(zip(corpus.frame["id"], corpus.frame["text"], strict=True))
    store = AnnotationStore(folder, texts, known_labels(folder, name))
    overlay = RuleOverlay(results.entities, corpus.frame, aliases)
    CorrectionOverlay(overlay.entities(()), aliases).entities(store)  # warm, as a running app is
    out = []
    for text, label in cfg.new_rules:
        steps: dict[str, float] = {}

        def work(text: str = text, label: str = label, steps: dict = steps) -> None:
            t0 = time.perf_counter()
            add_rule(folder, text, label)
            rules = load_rules(folder).rules
            t1 = time.perf_counter()
            ruled = overlay.entities(rules)
            t2 = time.perf_counter()
            CorrectionOverlay(ruled, aliases).entities(store)
            steps.update(save=t1 - t0, rules=t2 - t1, corrections=time.perf_counter() - t2)

        quiet()
        spacy_before = "spacy" in sys.modules
        m = measure(work)
        rederived = overlay.rederived
        changed = overlay.changes(load_rules(folder).rules)[Rule(text, label)]
        out.append(
            {
                "rule": (text, label),
                "s": m.wall,
                "cpu_s": m.cpu,
                "others": m.others,
                "rederived": rederived,
                "changed": changed,
                "first": not out,
                "spacy_before": spacy_before,
                **steps,
            }
        )
    _clear_rules(folder)
    return out


def time_rules_in_app(cfg: BenchConfig, folder: Path) -> dict[str, Any]:
    """Run the Read page under AppTest in a fresh process, saving each rule before a rerun."""
    out = folder / "bench-rules.json"
    _clear_rules(folder)
    cmd = [sys.executable, "-m", "aidlens.bench.app_rules", "--data", str(folder)]
    cmd += ["--rules", json.dumps(cfg.new_rules), "--json", str(out)]
    child = run_child(cmd)
    _clear_rules(folder)
    if child.returncode != 0:
        return {"error": child.stderr[-300:].replace("\n", " ").replace("|", "/")}
    return json.loads(out.read_text(encoding="utf-8"))


def _name(rule: tuple[str, str], what: str, size: int) -> str:
    """Return a row's name for one rule."""
    return f"new rule '{rule[0]}' → {rule[1]}: {what} ({n(size)})"


def _in_process_row(r: dict[str, Any], size: int) -> Row:
    """Return the row of one rule saved and derived in process."""
    note = (
        f"{n(r['rederived'])} articles re-derived, {n(r['changed'])} spans changed; "
        f"save {r['save'] * 1000:,.0f} ms, rules overlay {r['rules'] * 1000:,.0f} ms, "
        f"corrections overlay {r['corrections'] * 1000:,.0f} ms; CPU {r['cpu_s']:.2f} s; "
        f"other processes: {r['others']:.1f} cores busy"
    )
    if r["first"]:
        imported = "" if r["spacy_before"] else ", after importing spaCy"
        note += f"; the first rule of the process: spaCy's blank tokenizer is made{imported}"
    what = "save, rules and corrections overlays"
    return Row(_name(r["rule"], what, size), r["s"], "s", "< 2 s", r["s"] < TARGET_S, note)


def _app_rows(cfg: BenchConfig, result: dict[str, Any], size: int) -> list[Row]:
    """Return the Read page's rerun row of each rule (skipped rows when the harness failed)."""
    what = "Read page rerun after the save"
    if "error" in result:
        note = f"failed: {result['error']}"
        return [Row(_name(r, what, size), None, "s", "< 2 s", None, note) for r in cfg.new_rules]
    rows = []
    for r in result["reruns"]:
        note = f"AppTest, fresh process; CPU {r['cpu_s']:.2f} s"
        if r.get("error"):
            rows.append(Row(_name(r["rule"], what, size), None, "s", "< 2 s", None, r["error"]))
        else:
            ok = r["s"] < TARGET_S
            rows.append(Row(_name(r["rule"], what, size), r["s"], "s", "< 2 s", ok, note))
    return rows


def bench_rules(
    cfg: BenchConfig, folder: Path, size: int, report: Report, log: Log, quiet: QuietWait
) -> None:
    """Time each new rule in process and on the Read page; add the rows and a note."""
    log(f"rules: {len(cfg.new_rules)} new rules on {n(size)} articles, in process")
    for r in time_rules_in_process(cfg, folder, quiet):
        report.add(_in_process_row(r, size))
    log(f"rules: the Read page on {n(size)} articles (AppTest subprocess)")
    quiet()
    report.rows.extend(_app_rows(cfg, time_rules_in_app(cfg, folder), size))
    distinct = load_corpus(folder / "articles.csv").frame["text_hash"].nunique()
    report.notes.append(
        f"New rules are timed on the {n(size)}-article folder ({n(distinct)} distinct texts, so "
        "a phrase is searched in those; every article sharing a matched text is derived again), "
        "with its annotated articles, starting from no rules; each rule is added to those "
        "before it. In process: `add_rule`, then the kept `RuleOverlay` derives the articles "
        "it matches, then a new `CorrectionOverlay` (the app keys it on the rules). On the Read "
        "page: a session started and rerun once, then each rule saved and the page rerun."
    )
