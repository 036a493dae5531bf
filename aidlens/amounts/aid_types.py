"""The aid type of an amount: the kind its sentence's aid keywords name most (military,
financial, humanitarian), the nearest on a tie, else other.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span


def aid_type_of(span: Span, found: list[tuple[int, str]]) -> str:
    """Return the aid type named most in the amount's sentence (nearest on a tie), or other;
    `found`: the sentence's aid keywords, (offset, aid type)."""
    if not found:
        return "other"
    counts = Counter(kind for _, kind in found)
    top = max(counts.values())
    at = span.start_char
    return min((abs(s - at), kind) for s, kind in found if counts[kind] == top)[1]
