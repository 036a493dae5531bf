"""Build tune4_data/articles.csv and gold/amount_reviews.csv from marked-up sources.

Markup in article text: [[span|stage|commitment_id|donor|value|currency|aid_type|reason|opts]]
opts: comma list of l=LABEL (label of this row), p=LABEL (part_of label), r=RECIPIENT.
value shorthand: 350m, 6.4bn, 1.7tn, 178k, plain number, or empty (vague).
"""
import re, csv, glob, importlib.util, os, sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
MARK = re.compile(r"\[\[(.*?)\]\]", re.S)
MULT = {"k": Decimal(10) ** 3, "m": Decimal(10) ** 6, "bn": Decimal(10) ** 9, "tn": Decimal(10) ** 12}

def parse_value(v):
    v = v.strip()
    if not v:
        return ""
    m = re.fullmatch(r"([0-9.]+)(k|m|bn|tn)?", v)
    if not m:
        raise ValueError(v)
    d = Decimal(m.group(1)) * (MULT[m.group(2)] if m.group(2) else 1)
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")

def load():
    arts = []
    for f in sorted(glob.glob(os.path.join(HERE, "batch*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(f)[:-3], f)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        arts.extend(mod.ARTICLES)
    return arts

def main():
    arts = load()
    art_rows, gold = [], []
    for a in arts:
        raw = a["text"].strip("\n")
        # normalise paragraph breaks: lines joined, paragraphs separated by blank line
        paras = []
        for p in re.split(r"\n\s*\n", raw):
            cur = []
            for l in p.strip().splitlines():
                if l.strip().startswith("- ") and cur:
                    paras.append(" ".join(cur)); cur = []
                cur.append(l.strip())
            paras.append(" ".join(cur))
        raw = "\n\n".join(paras)
        out, pos, rows = [], 0, []
        for m in MARK.finditer(raw):
            out.append(raw[pos:m.start()])
            start = sum(len(x) for x in out)
            fields = m.group(1).split("|")
            assert len(fields) in (8, 9), (a["id"], m.group(1))
            if len(fields) == 8:
                fields.append("")
            assert len(fields) == 9, (a["id"], m.group(1))
            span, stage, cid, donor, val, cur, aid, reason, opts = fields
            out.append(span)
            o = dict(x.split("=", 1) for x in opts.split(",") if x)
            rec = o.get("r", "Ukraine" if stage else "")
            rows.append(dict(article_id=a["id"], start=start, end=start + len(span), text=span,
                             stage=stage, reason=reason, donor=donor, recipient=rec,
                             value=parse_value(val), currency=cur, aid_type=aid,
                             _label=o.get("l"), _part=o.get("p"), commitment_id=cid))
            pos = m.end()
        out.append(raw[pos:])
        text = "".join(out)
        labels = {r["_label"]: r["start"] for r in rows if r["_label"]}
        for r in rows:
            r["part_of"] = f'{a["id"]}:{labels[r["_part"]]}' if r["_part"] else ""
            r["annotator"] = "gold"
            r["updated_at"] = "2026-11-30T00:00:00Z"
            gold.append(r)
        art_rows.append(dict(id=a["id"], title=a["title"], published=a["published"], source=a["source"],
                             url=f'https://example.org/{a["id"].lower()}-{a["slug"]}', text=text))
    with open(os.path.join(OUT, "articles.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "title", "published", "source", "url", "text"])
        w.writeheader(); w.writerows(art_rows)
    cols = "article_id,start,end,text,stage,reason,donor,recipient,value,currency,aid_type,part_of,commitment_id,annotator,updated_at".split(",")
    with open(os.path.join(OUT, "gold", "amount_reviews.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader(); w.writerows(gold)
    print(len(art_rows), "articles", len(gold), "rows")

if __name__ == "__main__":
    main()
