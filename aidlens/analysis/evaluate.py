"""Score the model's entities against the gold set: exact-match precision, recall and F1.

The gold set is the touched articles whose status is "done" (reviewed and accepted): articles
still in progress may hold model spans nobody has looked at yet, which would flatter the model.
`only_done=False` scores every touched article instead. A predicted entity counts only when its
article, start, end and label all equal a gold span's. Overall figures are micro-averaged.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from aidlens.annotations import AnnotationStore, ArticleState

Scores = dict[str, float | int]


def gold_states(store: AnnotationStore, *, only_done: bool = True) -> dict[str, ArticleState]:
    """Return the articles the evaluation uses: done ones, or every touched one."""
    return {a: s for a, s in store.states().items() if s.status == "done" or not only_done}


def _scores(tp: int, fp: int, fn: int) -> Scores:
    """Return precision, recall, F1 (0.0 when undefined) and support (gold spans)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "support": tp + fn}


def score_spans(gold: set[tuple], predicted: set[tuple]) -> dict[str, dict]:
    """Return per-label and micro-averaged scores of (article, start, end, label) sets."""
    tp = Counter(k[3] for k in gold & predicted)
    fp = Counter(k[3] for k in predicted - gold)
    fn = Counter(k[3] for k in gold - predicted)
    labels = sorted({k[3] for k in gold | predicted})
    per_label = {lab: _scores(tp[lab], fp[lab], fn[lab]) for lab in labels}
    overall = _scores(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {"per_label": per_label, "overall": overall}


def evaluate(
    entities: pd.DataFrame, store: AnnotationStore, *, only_done: bool = True
) -> dict[str, dict]:
    """Return {"per_label": {LABEL: {"p","r","f","support"}}, "overall": {...}}."""
    gold_by_article = gold_states(store, only_done=only_done)
    gold = {(a, s.start, s.end, s.label) for a, st in gold_by_article.items() for s in st.spans}
    rows = entities.loc[entities["article_id"].isin(gold_by_article)]
    predicted = {
        (a, int(s), int(e), str(lab))
        for a, s, e, lab in rows[["article_id", "start", "end", "label"]].itertuples(index=False)
    }
    return score_spans(gold, predicted)


def format_table(result: dict[str, dict], articles: int) -> str:
    """Return the scores as a plain-text table for the terminal."""
    lines = [f"{'label':<14}{'precision':>10}{'recall':>10}{'F1':>10}{'support':>10}"]
    rows = [*result["per_label"].items(), ("overall", result["overall"])]
    for label, s in rows:
        lines.append(f"{label:<14}{s['p']:>10.3f}{s['r']:>10.3f}{s['f']:>10.3f}{s['support']:>10}")
    lines.append(f"({articles} article(s) in the gold set; exact match on start, end and label)")
    return "\n".join(lines)
