import re, pandas as pd, sys
from decimal import Decimal
B = "/work/wt-tune4/"
arts = pd.read_csv(B + "tune4_data/articles.csv", dtype=str)
g = pd.read_csv(B + "tune4_data/gold/amount_reviews.csv", dtype=str).fillna("")
al = pd.read_csv(B + "aidlens/amounts/data/donor_aliases.csv", dtype=str)
canon = set(al.canonical)
T = dict(zip(arts.id, arts.text))
errs = []
def E(*a): errs.append(" ".join(map(str, a)))

# articles
assert list(arts.columns) == ["id", "title", "published", "source", "url", "text"]
ids = [f"X{i:03d}" for i in range(1, 21)]
if list(arts.id) != ids: E("ids", list(arts.id))
if list(arts.published) != sorted(arts.published): E("dates not in id order")
months = {p[:7] for p in arts.published}
print("distinct months", len(months), "range", arts.published.min(), arts.published.max())
for _, a in arts.iterrows():
    n = len(a.text.split())
    if not 260 <= n <= 360: E("words", a.id, n)
    if not re.fullmatch(r"https://example\.org/" + a.id.lower() + r"-[a-z0-9-]+", a.url): E("url", a.id)
    if "[[" in a.text or "]]" in a.text or "|" in a.text: E("markup left", a.id)
    if "\n\n" not in a.text or re.search(r"\n(?!\n)", a.text.replace("\n\n", "")): E("paras", a.id)
    if not "2022-02" <= a.published[:7] <= "2025-11": E("date range", a.id)

# rows
cols = "article_id,start,end,text,stage,reason,donor,recipient,value,currency,aid_type,part_of,commitment_id,annotator,updated_at".split(",")
if list(g.columns) != cols: E("cols")
starts = {(r.article_id, r.start) for r in g.itertuples()}
QUAL = r"(about|roughly|around|nearly|almost|some|up to|more than|over|at least|close to|just over|under|less than|another|a further|as much as|approximately)"
for r in g.itertuples():
    s, e = int(r.start), int(r.end)
    t = T[r.article_id]
    if t[s:e] != r.text: E("slice", r.article_id, r.start, r.text)
    if re.match(r"(?i)(a|an|the) ", r.text): E("leading article", r.text)
    if re.search(r"(?i)\b" + QUAL + r"\s*$", t[max(0, s - 20):s]): E("qualifier outside span", r.article_id, r.text, repr(t[max(0, s-20):s]))
    if r.stage not in ("", "requested", "blocked", "pledged", "delivered"): E("stage", r)
    if bool(r.stage) != bool(r.commitment_id): E("cid/stage", r.article_id, r.text)
    if r.stage and r.recipient != "Ukraine": E("recipient", r.article_id, r.text)
    if r.stage and r.aid_type not in ("military", "financial", "humanitarian", "other"): E("aid_type", r.article_id, r.text)
    if not r.stage and r.aid_type: E("aid_type on non-aid", r.article_id, r.text)
    if r.donor and r.donor not in canon: E("donor", r.donor)
    if r.recipient and r.recipient not in canon and r.recipient not in ("Israel", "Taiwan", "Moldova"): E("recipient not canonical?", r.recipient)
    if r.currency not in ("USD", "EUR", "GBP", "JPY", "CHF", "SEK", "NOK", "DKK", "CAD", "AUD", "UAH", "RUB", "XDR", "PLN"): E("cur", r.currency)
    if r.part_of:
        a, st = r.part_of.split(":")
        if a != r.article_id or (a, st) not in starts or st == r.start: E("part_of", r.article_id, r.text, r.part_of)
    if not r.reason: E("reason", r.text)
    if r.annotator != "gold" or r.updated_at != "2026-11-30T00:00:00Z": E("annot")
    if r.commitment_id and not re.fullmatch(r"[a-z0-9-]+", r.commitment_id): E("cid fmt", r.commitment_id)
    # value sanity: compare with number in span
    m = re.search(r"(\d[\d,]*(?:\.\d+)?)\s*(trillion|billion|million|bn|m\b)?", r.text)
    words = {"trillion": 10**12, "billion": 10**9, "million": 10**6, "bn": 10**9, "m": 10**6}
    if m and r.value:
        num = Decimal(m.group(1).replace(",", ""))
        exp = num * (words[m.group(2)] if m.group(2) else 1)
        if exp != Decimal(r.value): E("value mismatch", r.article_id, r.text, r.value)
    if not m and r.value: E("value with no number", r.text)
    if m is None and not r.value: print("  vague:", r.article_id, r.text)
# overlapping spans
for aid, grp in g.groupby("article_id"):
    sp = sorted((int(x), int(y)) for x, y in zip(grp.start, grp.end))
    for (a1, b1), (a2, b2) in zip(sp, sp[1:]):
        if a2 < b1: E("overlap", aid, a1, a2)

# candidate money expressions not covered
CUR = r"(\$|€|£|¥|₴|C\$|A\$|US\$|\bUSD\b|\bEUR\b|\bGBP\b|\bJPY\b|\bCHF\b|\bSEK\b|\bNOK\b|\bDKK\b|\bCAD\b|\bAUD\b|\bUAH\b|\bRUB\b|\bSDR\b|\bXDR\b|\bPLN\b)"
WORDS = r"\b(dollars?|euros?|pounds?|sterling|francs?|kronor|krona|kroner|krone|hryvnias?|hryvnia|roubles?|rubles?|yen|cents?|pence|zloty|rupees?)\b"
NUMS = r"\d[\d,.]*\s*(trillion|billion|million|bn|m|mn|k)\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand|several|many|tens of|hundreds of)\s+(trillion|billion|million|thousand)\b|\b(trillions|billions|millions)\b"
unc = []
for aid, t in T.items():
    cov = [(int(x), int(y)) for x, y in zip(g[g.article_id == aid].start, g[g.article_id == aid].end)]
    for pat in (CUR, WORDS, NUMS):
        for m in re.finditer(pat, t, flags=re.I if pat is not CUR else 0):
            if not any(a <= m.start() < b for a, b in cov):
                unc.append((aid, m.group(0), t[max(0, m.start()-40):m.end()+40].replace("\n", " ")))
print("uncovered candidates:", len(unc))
for u in unc: print("  ", u)

# commitments
st = g[g.stage != ""]
multi = st.groupby("commitment_id").article_id.nunique()
print("rows", len(g), dict(g.stage.replace("", "(empty)").value_counts()))
print("distinct commitments", st.commitment_id.nunique(), "in 2+ articles", (multi >= 2).sum())
print("part_of rows", (g.part_of != "").sum(), "vague", (g.value == "").sum())
print("currencies", dict(g.currency.value_counts()))
print("errors:", len(errs))
for e in errs: print("  ERR", e)
