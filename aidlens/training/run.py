"""One training run: gold and rehearsal documents, spaCy's training loop, scores, the model folder.

The model is built in a temp folder beside the target and moved into place with os.replace only
once it is complete, report included, so a run stopped half way leaves no half-written model.
Held-out articles are scored and never trained on: they are neither in the training corpus nor
among the rehearsal texts (which are untouched articles only), nor in the loop's dev corpus.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import random
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

from aidlens import settings
from aidlens.analysis import Workspace, gold_states, open_workspace
from aidlens.atomic import write_bytes_atomic
from aidlens.errors import TrainingError
from aidlens.pipeline import load_pipeline, model_id, model_pipes, resolve_model_name
from aidlens.training.config import reporting_steps, training_config
from aidlens.training.examples import gold_docs, rehearsal_docs, write_docbin
from aidlens.training.report import write_report
from aidlens.training.scores import (
    RULER,
    add_rules,
    folder_patterns,
    gold_keys,
    predictions,
    side_by_side,
)
from aidlens.training.split import Split, split_done

if TYPE_CHECKING:
    from spacy.language import Language

Progress = Callable[[float, str], None]  # (fraction done, what is happening)
EPOCHS, QUICK_EPOCHS = 10, 2
BATCH_ARTICLES = 8  # articles per update
DEV_ARTICLES = 3  # training articles the loop logs its scores on (they select nothing)


@dataclass(frozen=True)
class TrainOptions:
    """What `train` was asked for."""

    data_dir: Path
    out: Path | None = None
    base: str | None = None
    epochs: int | None = None
    eval_split: float = 0.2
    seed: int = 0
    quick: bool = False
    force: bool = False


def default_out(data_dir: Path, now: datetime) -> Path:
    """Return a new versioned model folder: models/<data folder>-<UTC date and time>."""
    return settings.models_dir() / f"{Path(data_dir).resolve().name}-{now:%Y%m%d-%H%M%S}"


def data_hash(ws: Workspace, ids: list[str]) -> str:
    """Return a SHA-256 of the done articles' texts and spans: what the model learnt from."""
    states = ws.store.states()
    items = [
        [a, ws.store.text(a), sorted((s.start, s.end, s.label) for s in states[a].spans)]
        for a in sorted(ids)
    ]
    return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode("utf-8")).hexdigest()


def epochs_for(options: TrainOptions) -> int:
    """Return the epochs asked for (default 10, 2 with --quick); refuse fewer than 1."""
    if options.epochs is None:
        return QUICK_EPOCHS if options.quick else EPOCHS
    if options.epochs < 1:
        raise TrainingError(f"--epochs {options.epochs} must be at least 1")
    return options.epochs


def check_base(name: str) -> None:
    """Refuse a base pipeline whose meta.json lists no NER component."""
    pipes = model_pipes(name)
    if "ner" not in pipes:
        raise TrainingError(
            f"the base pipeline '{name}' has no NER component (it has "
            f"{', '.join(pipes) or 'none'}); choose one with NER in --base"
        )


def check_target(target: Path, *, force: bool) -> None:
    """Refuse an output folder that exists, unless --force."""
    if target.exists() and not force:
        raise TrainingError(
            f"the output folder {target} exists; choose another --out, or pass --force to "
            "replace it once the new model is complete"
        )
    if target.exists() and not target.is_dir():
        raise TrainingError(f"the output {target} is a file, not a folder; choose another --out")


def _rehearsal_texts(ws: Workspace, n: int, seed: int) -> list[str]:
    """Return up to `n` texts of untouched articles (never annotated, so never held out)."""
    touched = set(ws.store.states())
    ids = [a for a in ws.store.article_ids if a not in touched]
    random.Random(seed).shuffle(ids)
    return [ws.store.text(a) for a in sorted(ids[:n])]


def _finish_meta(folder: Path, meta_extra: dict, *, name: str, base: str, stamp: str) -> None:
    """Name and version the trained pipeline and record where it came from in its meta.json."""
    path = folder / "meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    safe = "".join(c if c.isalnum() else "_" for c in name)
    meta["name"] = f"aidlens_{safe}"
    meta["version"] = f"{model_id(base).version}-ft{stamp}"  # a new cache key for every run
    meta["description"] = f"{base} with its NER fine-tuned by `python -m aidlens train`"
    meta["aidlens"] = meta_extra
    write_bytes_atomic(path, (json.dumps(meta, indent=2, ensure_ascii=False) + "\n").encode())


def _forget_corpus_paths(path: Path) -> None:
    """Empty the saved config's corpus paths: they named temp files that are deleted."""
    from spacy.util import load_config

    config = load_config(path)
    config["paths"]["train"] = None
    config["paths"]["dev"] = None
    config.to_disk(path)


def _place(tmp_model: Path, target: Path) -> None:
    """Move the finished model to `target`, replacing an old one only now (--force)."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.{uuid.uuid4().hex}.old")
        os.replace(target, old)
    os.replace(tmp_model, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def train(options: TrainOptions, *, progress: Progress | None = None) -> dict:
    """Train, score and write the model; return the report (also saved beside the model)."""
    report = progress or (lambda _f, _t: None)
    started, now = time.perf_counter(), datetime.now(UTC)
    check_base(resolve_model_name(options.base))
    ws = open_workspace(options.data_dir, model=options.base)
    done = sorted(gold_states(ws.store, only_done=True))
    split = split_done(done, eval_split=options.eval_split, seed=options.seed)
    target = Path(options.out) if options.out else default_out(options.data_dir, now)
    target = target.resolve()
    check_target(target, force=options.force)
    epochs = epochs_for(options)
    patterns = folder_patterns(ws.data_dir)
    report(0.0, f"loading {ws.model_name}")
    nlp = load_pipeline(ws.model_name, paragraphs=False)  # saved: no aidlens component in it
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(target.parent / f".{target.name}.lock"), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise TrainingError(f"another training run is writing {target}; wait for it") from None
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex}.tmp"
    try:
        tmp.mkdir()
        extra = _run(ws, nlp, split, tmp, patterns, epochs=epochs, options=options, report=report)
        extra.update(model=str(target), date=now.isoformat(timespec="seconds"))
        extra["data_hash"] = data_hash(ws, done)
        extra["seconds"] = round(time.perf_counter() - started, 1)
        stamp = f"{now:%Y%m%d%H%M%S}"
        meta = {k: extra[k] for k in ("base_model", "date", "data_hash", "data_dir", "epochs")}
        meta["scores"] = {c: extra[c] for c in ("base", "rules", "trained")}
        meta["held_out"] = extra["held_out"]
        _finish_meta(tmp / "model", meta, name=target.name, base=ws.model_name, stamp=stamp)
        write_report(extra, tmp / "model")
        _place(tmp / "model", target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        lock.release()
    report(1.0, f"wrote {target}")
    return extra


def _run(
    ws: Workspace,
    nlp: Language,
    split: Split,
    tmp: Path,
    patterns: list[dict] | None,
    *,
    epochs: int,
    options: TrainOptions,
    report: Progress,
) -> dict:
    """Build the corpora, train in `tmp`, score the three columns; return the report."""
    from spacy.training.loop import train as spacy_train

    texts = {a: ws.store.text(a) for a in split.held_out}
    states = ws.store.states()
    gold = gold_keys({a: states[a].spans for a in split.held_out})
    report(0.02, "scoring the base model on the held-out articles")
    base = predictions(nlp, texts)
    rules = set(base)
    if patterns is not None:
        add_rules(nlp, patterns)
        rules = predictions(nlp, texts)
        nlp.remove_pipe(RULER)  # the trained model learns from the gold alone
    report(0.05, "preparing the training documents")
    train_gold = gold_docs(nlp, ((ws.store.text(a), states[a].spans) for a in split.train))
    rehearse = rehearsal_docs(nlp, _rehearsal_texts(ws, len(split.train), options.seed))
    docs = [*train_gold.docs, *rehearse]
    write_docbin(docs, tmp / "train.spacy")
    write_docbin(train_gold.docs[:DEV_ARTICLES], tmp / "dev.spacy")
    steps = math.ceil(len(docs) / BATCH_ARTICLES)
    nlp.config = training_config(
        nlp,
        train=tmp / "train.spacy",
        dev=tmp / "dev.spacy",
        epochs=epochs,
        seed=options.seed,
        batch_size=BATCH_ARTICLES,
        eval_frequency=steps,
    )
    nlp.resume_training()  # keeps the base weights: training continues from them

    def on_step(step: int, epoch: int) -> None:
        report(0.1 + 0.8 * step / (steps * epochs), f"training: epoch {epoch + 1} of {epochs}")

    (tmp / "run").mkdir()
    log = io.StringIO()
    with reporting_steps(on_step):
        spacy_train(nlp, tmp / "run", stdout=log, stderr=log)
    (tmp / "run" / "model-last").rename(tmp / "model")
    _forget_corpus_paths(tmp / "model" / "config.cfg")
    (tmp / "model" / "training-log.txt").write_text(log.getvalue(), encoding="utf-8")
    report(0.92, "scoring the trained model on the held-out articles")
    trained = predictions(load_pipeline(str(tmp / "model")), texts)
    scores = side_by_side(gold, {"base": base, "rules": rules, "trained": trained})
    return {
        **scores,
        "held_out": list(split.held_out),
        "train": list(split.train),
        "base_model": ws.model_name,
        "data_dir": str(ws.data_dir.resolve()),
        "rules_file": "patterns.jsonl" if patterns is not None else None,
        "rules_patterns": len(patterns or ()),
        "epochs": epochs,
        "seed": options.seed,
        "eval_split": options.eval_split,
        "gold_spans": train_gold.spans,
        "misaligned_spans": train_gold.misaligned,
        "unknown_labels": train_gold.unknown,
        "rehearsal_articles": len(rehearse),
    }
