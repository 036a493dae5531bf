"""Scores on the held-out articles: the base model, the base model with rules, the trained model.

Every column is scored the same way as `evaluate`: a predicted entity counts only when its
article, start, end and label equal a gold span's; overall figures are micro-averaged.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from aidlens.analysis import score_spans
from aidlens.errors import InputError, Problem

if TYPE_CHECKING:
    from spacy.language import Language

    from aidlens.annotations import Span

PATTERNS_FILE = "patterns.jsonl"
RULER = "aidlens_rules"
COLUMNS = ("base", "rules", "trained")
Key = tuple[str, int, int, str]


def predictions(nlp: Language, texts: Mapping[str, str]) -> set[Key]:
    """Return the (article, start, end, label) of every entity `nlp` finds in the texts."""
    ids = list(texts)
    found: set[Key] = set()
    for article_id, doc in zip(ids, nlp.pipe(texts[a] for a in ids), strict=True):
        found |= {(article_id, e.start_char, e.end_char, e.label_) for e in doc.ents}
    return found


def gold_keys(spans: Mapping[str, tuple[Span, ...]]) -> set[Key]:
    """Return the (article, start, end, label) of every gold span."""
    return {(a, s.start, s.end, s.label) for a, ss in spans.items() for s in ss}


def read_patterns(path: Path) -> list[dict]:
    """Return the EntityRuler patterns of a patterns.jsonl; refuse bad lines, naming each."""
    patterns, problems = [], []
    for row, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            pattern = json.loads(line)
        except ValueError as exc:
            problems.append(
                Problem(str(path), f"not JSON ({exc.msg}); fix or delete the line", row)
            )
            continue
        if not isinstance(pattern, dict) or not {"label", "pattern"} <= set(pattern):
            problems.append(
                Problem(str(path), 'needs "label" and "pattern" keys; fix or delete the line', row)
            )
            continue
        patterns.append(pattern)
    if problems:
        raise InputError(problems)
    return patterns


def folder_patterns(data_dir: Path) -> list[dict] | None:
    """Return the data folder's rule patterns, or None when it has no patterns.jsonl."""
    path = Path(data_dir) / PATTERNS_FILE
    return read_patterns(path) if path.exists() else None


def add_rules(nlp: Language, patterns: list[dict]) -> None:
    """Add the patterns to `nlp` as an EntityRuler after NER, the rules winning over the model."""
    ruler = nlp.add_pipe("entity_ruler", name=RULER, config={"overwrite_ents": True})
    ruler.add_patterns(patterns)


def side_by_side(gold: set[Key], predicted: Mapping[str, set[Key]]) -> dict:
    """Return overall scores per column and, per label, each column's scores."""
    scored = {column: score_spans(gold, keys) for column, keys in predicted.items()}
    support = Counter(k[3] for k in gold)
    labels = sorted({label for s in scored.values() for label in s["per_label"]})
    empty = {"p": 0.0, "r": 0.0, "f": 0.0}
    per_label = {
        label: {
            c: {**scored[c]["per_label"].get(label, empty), "support": support[label]}
            for c in predicted
        }
        for label in labels
    }
    return {**{c: scored[c]["overall"] for c in predicted}, "per_label": per_label}
