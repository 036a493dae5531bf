"""Score extracted amount mentions against reviewed (gold) ones, as issue 9 measures the ledger.

A gold mention is matched to the extracted mention of the same article whose span overlaps it
most (each extracted mention matched once). Then:
- aid or not: precision, recall and F1 of "this mention is charted aid" (stage pledged or
  delivered, and no part of a whole that is aid), over every gold and extracted mention of the
  gold's articles;
- donor and stage: the share right among the gold aid mentions found (matched);
- linking: pairwise precision, recall and F1 over the matched mentions: a pair is linked when
  both mentions share a commitment_id (gold's, or the extraction's);
- pledged total: the extraction's pledged US$ (each commitment once, at its first mention, no
  parts) over the gold's, on the gold's articles.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Mapping
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd

from aidlens.amounts import in_aid_whole, role_names, usd_values
from aidlens.annotations import AMOUNT_REVIEW_COLUMNS
from aidlens.corpus import load_aliases
from aidlens.errors import InputError, Problem

GOLD_COLUMNS = AMOUNT_REVIEW_COLUMNS  # the gold files are amount reviews
STAGES = ("", "requested", "blocked", "pledged", "delivered")
CHARTED = ("pledged", "delivered")
Scores = dict[str, float | int | None]


def read_gold_amounts(path: Path, texts: dict[str, str]) -> pd.DataFrame:
    """Return the reviewed mentions of an amount_reviews.csv; raise InputError naming each bad row.

    `texts` maps article id -> text: every row must name a known article and a span inside it.
    """
    name = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in GOLD_COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                msg = f"lacks the column(s) {', '.join(missing)}; the header must start with "
                raise InputError([Problem(name, msg + ",".join(GOLD_COLUMNS))])
            rows = [{k: (rec.get(k) or "") for k in GOLD_COLUMNS} for rec in reader]
    except FileNotFoundError:
        msg = "not found; pass an amount_reviews.csv with --gold, or review amounts first"
        raise InputError([Problem(name, msg)]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(name, "not UTF-8; save it as UTF-8")]) from None
    problems = [p for i, r in enumerate(rows, start=2) for p in _row_problems(name, i, r, texts)]
    if problems:
        raise InputError(problems)
    frame = pd.DataFrame(rows, columns=list(GOLD_COLUMNS))
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    return frame


def _row_problems(name: str, row: int, rec: dict[str, str], texts: dict[str, str]) -> list[Problem]:
    """Return what is wrong with one gold row (nothing when it is usable)."""
    if rec["article_id"] not in texts:
        msg = f"article '{rec['article_id']}' is not in articles.csv; fix the id or drop the row"
        return [Problem(name, msg, row, "article_id")]
    start, end = rec["start"].strip(), rec["end"].strip()
    if not (start.isdigit() and end.isdigit() and int(start) < int(end)):
        msg = f"'{start}'-'{end}' is not a span; write character offsets with start < end"
        return [Problem(name, msg, row, "start")]
    problems = []
    if int(end) > len(texts[rec["article_id"]]):
        msg = f"end {end} is past the article's {len(texts[rec['article_id']])} characters"
        problems.append(Problem(name, msg, row, "end"))
    if rec["stage"] not in STAGES:
        msg = f"stage '{rec['stage']}' is not one of {', '.join(STAGES[1:])} (or empty: not aid)"
        problems.append(Problem(name, msg, row, "stage"))
    value = rec["value"].strip()
    if value and not _is_number(value):
        msg = f"value '{value}' is not a number; write it in units, e.g. 2000000000"
        problems.append(Problem(name, msg, row, "value"))
    return problems


def _is_number(text: str) -> bool:
    """Return whether a cell holds a finite, non-negative number."""
    try:
        return float(text) >= 0
    except ValueError:
        return False


def _ratio(num: int, den: int) -> float | None:
    """Return num / den, None when undefined."""
    return num / den if den else None


def prf(tp: int, fp: int, fn: int) -> Scores:
    """Return precision, recall and F1 (None when undefined) with the counts behind them."""
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
    return {"p": p, "r": r, "f": f, "tp": tp, "fp": fp, "fn": fn}


def match_mentions(gold: pd.DataFrame, extracted: pd.DataFrame) -> list[tuple[int, int]]:
    """Return (gold index, extracted index) pairs: overlapping spans in one article."""
    candidates = []
    by_article = {a: grp for a, grp in extracted.groupby("article_id", sort=False)}
    for gi, g in gold.iterrows():
        grp = by_article.get(g["article_id"])
        if grp is None:
            continue
        overlap = np.minimum(grp["end"], g["end"]) - np.maximum(grp["start"], g["start"])
        for ei, size in overlap[overlap > 0].items():
            candidates.append((-int(size), gi, ei))
    pairs, used_gold, used_extracted = [], set(), set()
    for _, gi, ei in sorted(candidates, key=lambda c: (c[0], str(c[1]), str(c[2]))):
        if gi not in used_gold and ei not in used_extracted:
            pairs.append((gi, ei))
            used_gold.add(gi)
            used_extracted.add(ei)
    return pairs


def is_charted(frame: pd.DataFrame) -> pd.Series:
    """Return whether each mention is charted aid: pledged or delivered, and no part of a
    whole that is aid (a part of a context figure is the aid)."""
    return frame["stage"].isin(CHARTED) & ~in_aid_whole(frame)


def _donors(cell: str, aliases: Mapping[str, str]) -> set[str]:
    """Return the canonical donors a cell names ('A; B' lists several givers of shared money).

    Both sides are named by the same alias tables: 'IMF' and 'International Monetary Fund' agree.
    """
    names = [d.strip() for d in str(cell).split(";") if d.strip()]
    return set(role_names(names, aliases))


def _linked_pairs(ids: list[str]) -> set[tuple[int, int]]:
    """Return the pairs of positions whose commitment ids are equal and not empty."""
    groups: dict[str, list[int]] = {}
    for pos, cid in enumerate(ids):
        if cid:
            groups.setdefault(cid, []).append(pos)
    return {pair for members in groups.values() for pair in combinations(members, 2)}


def pledged_total(mentions: pd.DataFrame) -> float:
    """Return the US$ pledged: each commitment once (its first mention), no parts, pledged only."""
    rows = mentions[is_charted(mentions) & mentions["stage"].eq("pledged")]
    rows = rows[rows["commitment_id"].fillna("").ne("")]
    first = rows.sort_values(["published", "article_id", "start"], kind="stable")
    return float(first.drop_duplicates("commitment_id")["value_usd"].fillna(0).sum())


def score_amounts(
    gold: pd.DataFrame, extracted: pd.DataFrame, published: pd.Series, rates: pd.DataFrame
) -> dict[str, dict]:
    """Return the scores of `extracted` against `gold`; `published` maps article id -> date."""
    articles: Collection[str] = set(gold["article_id"])
    ext = extracted[extracted["article_id"].isin(articles)].copy()
    for col in ("stage", "donor", "commitment_id", "part_of"):
        ext[col] = ext[col].fillna("").astype(str) if col in ext else ""
    gold = gold.assign(published=gold["article_id"].map(published))
    gold = gold.assign(
        value_usd=usd_values(gold["value"], gold["currency"], gold["published"], rates)
    )
    pairs = match_mentions(gold, ext)
    g_aid, e_aid = is_charted(gold), is_charted(ext)
    tp = sum(1 for gi, ei in pairs if g_aid[gi] and e_aid[ei])
    aid = prf(tp, int(e_aid.sum()) - tp, int(g_aid.sum()) - tp)
    found = [(gi, ei) for gi, ei in pairs if g_aid[gi]]
    aliases = load_aliases()
    donor_right = sum(
        1
        for gi, ei in found
        if _donors(ext.at[ei, "donor"], aliases) & _donors(gold.at[gi, "donor"], aliases)
    )
    stage_right = sum(1 for gi, ei in found if ext.at[ei, "stage"] == gold.at[gi, "stage"])
    g_links = _linked_pairs([str(gold.at[gi, "commitment_id"]) for gi, _ in pairs])
    e_links = _linked_pairs([str(ext.at[ei, "commitment_id"]) for _, ei in pairs])
    both = len(g_links & e_links)
    linking = prf(both, len(e_links) - both, len(g_links) - both)
    e_total, g_total = pledged_total(ext), pledged_total(gold)
    return {
        "mentions": {"gold": len(gold), "extracted": len(ext), "matched": len(pairs)},
        "aid": aid,
        "donor": _accuracy(donor_right, len(found)),
        "stage": _accuracy(stage_right, len(found)),
        "linking": linking,
        "pledged_total": {
            "extracted_usd": round(e_total, 2),
            "gold_usd": round(g_total, 2),
            "ratio": e_total / g_total if g_total else None,
        },
    }


def _accuracy(right: int, of: int) -> Scores:
    """Return the share right with its counts."""
    return {"right": right, "of": of, "accuracy": _ratio(right, of)}


def _fmt(x: float | int | None) -> str:
    """Return a score for the terminal ('-' when undefined)."""
    return "-" if x is None else f"{x:.3f}"


def format_amount_scores(result: dict[str, dict]) -> str:
    """Return the amount scores as plain text for the terminal."""
    m, a, lk, t = result["mentions"], result["aid"], result["linking"], result["pledged_total"]
    d, s = result["donor"], result["stage"]
    return "\n".join(
        [
            f"mentions: {m['gold']} gold, {m['extracted']} extracted, {m['matched']} matched",
            f"aid or not:  precision {_fmt(a['p'])}  recall {_fmt(a['r'])}  F1 {_fmt(a['f'])}",
            f"donor right: {_fmt(d['accuracy'])} ({d['right']} of {d['of']} gold aid found)",
            f"stage right: {_fmt(s['accuracy'])} ({s['right']} of {s['of']})",
            f"linking:     precision {_fmt(lk['p'])}  recall {_fmt(lk['r'])}  F1 {_fmt(lk['f'])}",
            f"pledged total: ${t['extracted_usd']:,.0f} extracted / ${t['gold_usd']:,.0f} gold"
            f" = {_fmt(t['ratio'])}",
        ]
    )
