"""Which dollar a bare "$" is: a writer who marks US dollars ("US$50 billion") writes "$" for
the dollar of home, as the Canadian and Australian press do.

In the tuning gold's articles that write "US$", every bare "$" or "dollars" figure Canada gives
is Canadian dollars (46 of 46) and every one Australia gives Australian (18 of 18), while 79
of the other givers' 85 there (the US's, Japan's, the IMF's) are US dollars. Where no figure
marks US dollars, a bare "$" of Canada's is as often US dollars as Canadian: it stays USD.
Read per article once its donors are final (table.py), since many are carried from the text.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from aidlens.amounts.currencies import LOCAL_DOLLARS, OWN_CURRENCY
from aidlens.amounts.rates import reference_usd

CONVERTED = np.log(1.1)  # a writer's conversion of a figure, at any day's rate
MARKS_US = re.compile(r"\bUS\$|\bU\.S\.\$")
# "$5 billion", "about $406 million", "500 million dollars": no letter before "$" (C$, A$, US$)
# and no nationality before "dollars" ("Canadian dollars" says which).
BARE = re.compile(
    r"(?<![A-Za-z.])\$|(?<!US )(?<!U\.S\. )(?<!American )(?<!Canadian )(?<!Australian )"
    r"(?<!Zealand )\bdollars?\b",
    re.IGNORECASE,
)


def local_dollars(amts: pd.DataFrame) -> pd.Series:
    """Return each amount's currency, a bare US-dollar figure of a dollar country's made that
    country's dollar where its article marks US dollars elsewhere."""
    # Per distinct text: a large corpus writes "$5 billion" thousands of times.
    codes, texts = pd.factorize(amts["text"].fillna("").astype(str))
    marked = np.array([bool(MARKS_US.search(t)) for t in texts], dtype=bool)
    bare = np.array([bool(BARE.search(t)) for t in texts], dtype=bool) & ~marked
    article = pd.factorize(amts["article_id"])[0]
    marks = np.bincount(article, weights=marked[codes], minlength=article.max(initial=-1) + 1)
    local = amts["donor"].map(LOCAL_DOLLARS)
    swap = (marks[article] > 0) & bare[codes] & amts["currency"].eq("USD").to_numpy()
    return amts["currency"].where(~(swap & local.notna().to_numpy()), local)


def stray_dollars(amts: pd.DataFrame, donors: pd.Series) -> pd.Series:
    """Return which US-dollar figures are surely not the candidate donor's, per row: the
    article writes that donor's own money elsewhere ("£2.3bn" for Britain, "C$500m" for
    Canada), so its dollar figure with no giver of its own is another's ("about forty-five
    billion dollars for Ukraine" in the US law, "April's US$61 billion package"), unless it
    converts such a figure (CONVERTED). A dollar country's bare "$" is its own (local_dollars):
    only a marked "US$" strays from it."""
    own = donors.map(OWN_CURRENCY)
    restates = amts["restates"] if "restates" in amts else pd.Series(False, index=amts.index)
    stray = amts["currency"].eq("USD") & ~restates.astype(bool) & own.notna()
    stray &= ~own.isin(("USD", "XDR"))
    local = stray & donors.isin(list(LOCAL_DOLLARS))
    if local.any():
        text = amts["text"] if "text" in amts else pd.Series("", index=amts.index)
        stray[local] = text[local].fillna("").astype(str).str.contains(MARKS_US).to_numpy()
    if not stray.any():
        return stray
    pool = amts["article_id"].isin(set(amts.loc[stray, "article_id"]))  # the articles at stake
    value = amts.loc[pool, "value"] if "value" in amts else pd.Series(np.nan, amts.index[pool])
    ref = pd.Series(reference_usd(value, amts.loc[pool, "currency"]), index=value.index)
    mine = pd.DataFrame({"article_id": amts["article_id"], "currency": own, "ref": ref})[stray]
    theirs = amts.loc[pool, ["article_id", "currency"]]
    pairs = mine.reset_index().merge(theirs.assign(other=ref), on=["article_id", "currency"])
    # Written in its own money in the article, and no conversion of such a figure.
    writes = pairs.groupby("index")["other"].size()
    near = np.abs(np.log(pairs["ref"] / pairs["other"])) <= CONVERTED
    converts = pairs.loc[near.fillna(False).to_numpy(), "index"]
    found = pd.Series(False, index=amts.index)
    found[writes.index] = True
    found[converts.unique()] = False
    return found
