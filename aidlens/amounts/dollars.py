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
from dataclasses import replace
from types import MappingProxyType

import numpy as np
import pandas as pd

from aidlens.amounts.currencies import LOCAL_DOLLARS
from aidlens.amounts.parse import ParsedAmount

MARKS_US = re.compile(r"\bUS\$|\bU\.S\.\$")
# "$5 billion", "about $406 million", "500 million dollars": no letter before "$" (C$, A$, US$)
# and no nationality before "dollars" ("Canadian dollars" says which).
BARE = re.compile(
    r"(?<![A-Za-z.])\$|(?<!US )(?<!U\.S\. )(?<!American )(?<!Canadian )(?<!Australian )"
    r"(?<!Zealand )\bdollars?\b",
    re.IGNORECASE,
)

# A nationality right after a bare "$" figure says which dollar it is: "$500 million Canadian
# for Ukraine", "$100 million (Australian):"; not "$500 million Canadian aid package".
NAMED_AFTER = re.compile(
    r"\s*(\(\s*)?(Canadian|Australian|New Zealand)(\s+dollars?)?"
    r"(?(1)\s*\)|(?=\s*[,.;:]|\s+(?:for|to|in|from|over|and|or|each|per)\b|\s*$))",
    re.IGNORECASE,
)
NAMED_DOLLARS = MappingProxyType({"canadian": "CAD", "australian": "AUD", "new zealand": "NZD"})
AFTER_CHARS = 32  # enough for " (New Zealand dollars)"


# A figure in brackets right after an amount: the writer converts it ("¥6 trillion ($45
# billion)", "€18.1 billion (roughly US$20 billion)").
_BRACKETED = re.compile(
    r"\s*\(\s*(?:(?:about|roughly|around|some|nearly|almost|over|close to)\s+)?"
    r"(?:US\$|[A-Z]\$|\$|€|£|¥|₹|[A-Z]{3}\s?\d)"
)


def converted_after(after: str) -> bool:
    """Return whether the text `after` an amount opens with its conversion in brackets."""
    return _BRACKETED.match(after) is not None


def named_dollar(parsed: ParsedAmount, said: str, after: str) -> ParsedAmount:
    """Return an amount `said` with the dollar a nationality `after` it names, when it is a
    bare "$" figure ("$500 million Canadian"), else as parsed."""
    if parsed.currency != "USD" or MARKS_US.search(said) or not BARE.search(said):
        return parsed
    named = NAMED_AFTER.match(after)
    return replace(parsed, currency=NAMED_DOLLARS[named.group(2).lower()]) if named else parsed


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
