"""`train-amounts`: train the learned aid check of amounts from folders of reviewed amounts."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from aidlens.amounts import AID_MODEL_DIR, LINK_MODEL
from aidlens.errors import InputError, ModelNotFoundError, Problem
from aidlens.pipeline import load_pipeline, resolve_model_name
from aidlens.training import (
    POOLED,
    AidExample,
    check_scores,
    check_version_bumped,
    cross_check,
    folder_examples,
    folder_link_pairs,
    folders_out,
    gold_digest,
    link_pair_scores,
    save_aid_model,
    save_link_model,
    train_aid_model,
    train_link_model,
)

if TYPE_CHECKING:
    from spacy.language import Language

HELP = (
    "Train the learned aid check of amounts (or, with --links, the commitment linker) from "
    "reviewed amounts (gold folders)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register --gold (repeatable), --eval, --links, --cross-check, --packages-out,
    --commitments-out, --out, --force, --epochs, --seed and --json."""
    p.add_argument(
        "--gold",
        action="append",
        required=True,
        type=Path,
        metavar="DIR",
        help="a folder of articles.csv and gold/amount_reviews.csv (repeat it)",
    )
    p.add_argument(
        "--eval",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="a gold folder to score on, not trained on (repeat it)",
    )
    p.add_argument(
        "--links",
        action="store_true",
        help=f"train the commitment linker instead (default --out: {LINK_MODEL})",
    )
    p.add_argument(
        "--cross-check",
        action="store_true",
        help="score each --gold folder with both models trained on the others only (leave one "
        "out); writes nothing",
    )
    p.add_argument(
        "--packages-out",
        action="store_true",
        help="with --cross-check: train each fold's linker without the pairs of any commitment "
        "the left-out folder's gold names, as for a writer telling of packages no set told",
    )
    p.add_argument(
        "--commitments-out",
        action="store_true",
        help="score the linker on the pairs of gold commitments it was not trained on (their "
        "ids dealt into eight groups, four times); writes nothing",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"where to write the model (default: the shipped one, {AID_MODEL_DIR}, or with "
        f"--links {LINK_MODEL})",
    )
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace) -> int:
    """Train, score the rules and the model on --eval folders, save; return 0."""
    shared = set(map(Path.resolve, args.gold)) & set(map(Path.resolve, args.eval))
    if shared:
        msg = "is both trained on and scored on; scores must come from folders not trained on"
        raise InputError([Problem(str(sorted(shared)[0]), msg)])
    if args.packages_out and not args.cross_check:
        msg = "only changes --cross-check; add --cross-check, or drop --packages-out"
        raise InputError([Problem("--packages-out", msg)])
    args.out = args.out or (LINK_MODEL if args.links else AID_MODEL_DIR)
    writes = not args.cross_check and not args.commitments_out
    if args.out.exists() and not args.force and writes:
        raise InputError([Problem(str(args.out), "exists; pass --force to replace it")])
    if not args.links and writes:  # before training, not after it
        check_version_bumped(args.out, {Path(g).name: gold_digest(g) for g in args.gold})
    name = resolve_model_name()
    nlp = load_pipeline(name)
    if "parser" not in nlp.pipe_names:
        raise ModelNotFoundError(f"{name} has no parser; the aid check reads the parse")
    if args.cross_check:
        return _cross_check(args, nlp)
    if args.commitments_out:
        return _commitments_out(args, nlp)
    if args.links:
        return _train_links(args, nlp)
    train = [e for folder in args.gold for e in folder_examples(folder, nlp)]
    model = train_aid_model(train, epochs=args.epochs, seed=args.seed)
    report = {
        "examples": len(train),
        "aid": sum(e.aid for e in train),
        "eval": {str(f): _scores(model, folder_examples(f, nlp)) for f in args.eval},
    }
    save_aid_model(model, args.out, args.gold, args.force)
    print(json.dumps(report, indent=2) if args.json else _text(report, args.out))
    return 0


def _train_links(args: argparse.Namespace, nlp: Language) -> int:
    """Train the commitment linker, score it on --eval folders' pairs, save; return 0."""
    pairs = [folder_link_pairs(folder, nlp) for folder in args.gold]
    model = train_link_model(pairs)
    report = {
        "pairs": sum(len(y) for _, y in pairs),
        "same": int(sum(y.sum() for _, y in pairs)),
        "eval": {str(f): link_pair_scores(model, folder_link_pairs(f, nlp)) for f in args.eval},
    }
    save_link_model(model, args.out, args.gold, args.force)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"trained on {report['pairs']} pairs ({report['same']} same); saved to {args.out}")
    for folder, s in report["eval"].items():
        print(f"{folder}: pairs P {s['p']:.3f} R {s['r']:.3f} F1 {s['f']:.3f}")
    return 0


def _cross_check(args: argparse.Namespace, nlp: Language) -> int:
    """Print each folder's scores with the models trained on the others, and pooled; return 0."""
    scores = cross_check(args.gold, nlp, packages_out=args.packages_out)
    header = "left out: aid F1 (P / R), donor, stage, linking F1 (P / R), pledged total / true"
    if args.packages_out:
        header += " (linker trained without the left-out folder's commitments)"
    return _printed(args.json, scores, header, [_fold_line(f, s) for f, s in scores.items()])


def _fold_line(folder: str, s: dict) -> str:
    """Return one left-out folder's scores as a line of text."""
    a, lk, total = s["aid"], s["linking"], s["pledged_total"]["ratio"]
    return (
        f"{Path(folder).name if folder != POOLED else POOLED}: "
        f"{_f(a['f'])} ({_f(a['p'])} / {_f(a['r'])}), {_f(s['donor']['accuracy'])}, "
        f"{_f(s['stage']['accuracy'])}, {_f(lk['f'])} ({_f(lk['p'])} / {_f(lk['r'])}), "
        f"{_f(total, 2)}"
    )


def _commitments_out(args: argparse.Namespace, nlp: Language) -> int:
    """Print the linker's pair scores on gold commitments left out, per deal and pooled."""
    scores = folders_out(args.gold, nlp)
    rows = [*scores["seeds"], {"seed": POOLED, **scores["pooled"]}]
    lines = [
        f"{s['seed']}: {_f(s['f'])} ({_f(s['p'])} / {_f(s['r'])}; "
        f"{s['tp']} / {s['fp']} / {s['fn']})"
        for s in rows
    ]
    header = "commitments left out: pairs F1 (P / R; right / wrong / missed)"
    return _printed(args.json, scores, header, lines)


def _printed(as_json: bool, scores: dict, header: str, lines: list[str]) -> int:
    """Print `scores` as JSON, or `header` and `lines` as text; return 0."""
    print(json.dumps(scores, indent=2) if as_json else "\n".join([header, *lines]))
    return 0


def _f(x: float | None, digits: int = 3) -> str:
    """Return a score with `digits` decimals ('-' when undefined)."""
    return "-" if x is None else f"{x:.{digits}f}"


def _scores(model: Language, examples: list[AidExample]) -> dict[str, dict[str, float]]:
    """Return the rules' and the model's scores on one folder's examples."""
    return {"rules": check_scores(None, examples), "model": check_scores(model, examples)}


def _text(report: dict, out: Path) -> str:
    """Return the report as lines of text."""
    lines = [
        f"trained on {report['examples']} amounts ({report['aid']} charted aid); saved to {out}"
    ]
    for folder, scores in report["eval"].items():
        for who, s in scores.items():
            lines.append(f"{folder}: {who:5} P {s['p']:.3f} R {s['r']:.3f} F1 {s['f']:.3f}")
    return "\n".join(lines)
