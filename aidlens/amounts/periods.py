"""Which amounts are a rate: a sum per year or per month ("£3bn a year", "€1.5bn every month").

A rate is part of its whole, never the one-off figure of the same value (linking.py), and the
reviewers code it so: the first €1.5bn payment of an €18bn loan is not "€1.5bn every month".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

PERIODS = frozenset({"year", "month"})
# "a year", "per month", "each year", "every month": the word before the period
PER = frozenset({"a", "per", "each", "every"})
# "€1.5bn monthly", "NOK 15bn annually"; "a week" is left out ("$1.4bn a week ago")
ADVERBS = frozenset({"annually", "monthly", "yearly"})


def is_rate(span: Span) -> bool:
    """Return whether the amount is a yearly or monthly sum ('25 billion kronor a year')."""
    doc = span.doc
    after = [doc[i].lower_ for i in range(span.end, min(span.end + 2, len(doc)))]
    if after and after[0] in ADVERBS:
        return True
    return len(after) == 2 and after[0] in PER and after[1] in PERIODS
