"""Consistency checks for the AidLens held-out set (articles.csv + gold/amount_reviews.csv).

Run: python holdout_data/verify.py   (exits non-zero on any failure, prints counts otherwise)
"""

import csv
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
STAGES = {"requested", "blocked", "pledged", "delivered", ""}
AID_TYPES = {"military", "financial", "humanitarian", "other"}
GOLD_COLS = [
    "article_id",
    "start",
    "end",
    "text",
    "stage",
    "reason",
    "donor",
    "recipient",
    "value",
    "currency",
    "aid_type",
    "part_of",
    "commitment_id",
    "annotator",
    "updated_at",
]


def main():
    errors = []
    with open(os.path.join(HERE, "articles.csv"), newline="", encoding="utf-8") as f:
        rd = csv.DictReader(f)
        assert rd.fieldnames == ["id", "title", "published", "source", "url", "text"], rd.fieldnames
        arts = {r["id"]: r for r in rd}
    for aid, a in arts.items():
        if not re.fullmatch(r"H0(0[1-9]|1[0-9]|20)", aid):
            errors.append(f"bad id {aid}")
        if not re.fullmatch(r"20(22|23|24|25)-\d\d-\d\d", a["published"]):
            errors.append(f"{aid}: bad date {a['published']}")
        if not a["url"].startswith("https://example.org/"):
            errors.append(f"{aid}: bad url")
        n = len(a["text"].split())
        if not 220 <= n <= 380:
            errors.append(f"{aid}: {n} words")
        if "\n\n" not in a["text"]:
            errors.append(f"{aid}: no paragraph breaks")

    with open(os.path.join(HERE, "gold", "amount_reviews.csv"), newline="", encoding="utf-8") as f:
        rd = csv.DictReader(f)
        assert rd.fieldnames == GOLD_COLS, rd.fieldnames
        gold = list(rd)

    starts = defaultdict(set)
    for g in gold:
        starts[g["article_id"]].add(int(g["start"]))
    seen = set()
    for i, g in enumerate(gold, 2):
        loc = f"row {i} ({g['article_id']} {g['text']!r})"
        a = arts.get(g["article_id"])
        if a is None:
            errors.append(f"{loc}: unknown article")
            continue
        s, e = int(g["start"]), int(g["end"])
        if a["text"][s:e] != g["text"]:
            errors.append(f"{loc}: slice is {a['text'][s:e]!r}")
        if (g["article_id"], s) in seen:
            errors.append(f"{loc}: duplicate start")
        seen.add((g["article_id"], s))
        if g["stage"] not in STAGES:
            errors.append(f"{loc}: bad stage {g['stage']!r}")
        if bool(g["stage"]) != bool(g["commitment_id"]):
            errors.append(f"{loc}: commitment_id must be set exactly when stage is set")
        if g["stage"]:
            if g["aid_type"] not in AID_TYPES:
                errors.append(f"{loc}: aid row needs aid_type")
            if g["recipient"] != "Ukraine" or not g["donor"]:
                errors.append(f"{loc}: aid row needs donor and recipient Ukraine")
        elif g["aid_type"]:
            errors.append(f"{loc}: non-aid row with aid_type")
        if g["value"]:
            try:
                float(g["value"])
            except ValueError:
                errors.append(f"{loc}: value not numeric")
        if not re.fullmatch(r"[A-Z]{3}", g["currency"]):
            errors.append(f"{loc}: bad currency")
        if g["part_of"]:
            pa, _, ps = g["part_of"].partition(":")
            if (
                pa != g["article_id"]
                or not ps.isdigit()
                or int(ps) not in starts[pa]
                or int(ps) == s
            ):
                errors.append(f"{loc}: bad part_of {g['part_of']}")
        if g["annotator"] != "gold" or g["updated_at"] != "2026-11-30T00:00:00Z":
            errors.append(f"{loc}: annotator/updated_at")
        if not g["reason"]:
            errors.append(f"{loc}: empty reason")

    if errors:
        print("\n".join(errors))
        sys.exit(1)

    stage = Counter(g["stage"] for g in gold)
    cids = defaultdict(set)
    for g in gold:
        if g["commitment_id"]:
            cids[g["commitment_id"]].add(g["article_id"])
    print(f"articles: {len(arts)}")
    print(f"rows: {len(gold)}")
    for k in ["pledged", "requested", "blocked", "delivered", ""]:
        print(f"stage {k or '(empty)'}: {stage[k]}")
    print(f"distinct commitments: {len(cids)}")
    multi = {c: sorted(v) for c, v in cids.items() if len(v) > 1}
    print(f"commitments in 2+ articles: {len(multi)}")
    for c, v in sorted(multi.items()):
        print(f"  {c}: {', '.join(v)}")
    print(f"rows with part_of: {sum(1 for g in gold if g['part_of'])}")
    print(f"vague amounts (no value): {sum(1 for g in gold if not g['value'])}")
    print(
        "currencies: "
        + ", ".join(f"{c} {n}" for c, n in Counter(g["currency"] for g in gold).most_common())
    )
    print(
        "outlets: "
        + ", ".join(
            f"{c} {n}" for c, n in Counter(a["source"] for a in arts.values()).most_common()
        )
    )
    print("OK")


if __name__ == "__main__":
    main()
