"""The subject of a clause that is not the giver: the actor blocking the amount.

"Hungary vetoed the €50bn": Hungary blocks, the giver is elsewhere (donors.py skips it). A
pronoun's antecedent ("Belgium ... It has committed €1bn") was tried as the giver too and left
out: it did worse on the tuning sets (BENCHMARKS.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from aidlens.amounts.blocking import SUBJECT_FAILS, blocks

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECTS = ("nsubj", "nsubjpass")


def blocker(span: Span, subject_of: Callable[[Token], Span | None]) -> Span | None:
    """Return the actor blocking the amount ('Hungary vetoed the €50bn'), or None.

    The subject of a verb that only fails ('the bill failed', 'aid stalled') is what is
    blocked, and so is a subject holding the amount ('a bill with $60bn was blocked').
    """
    for tok in span.root.ancestors:
        if tok.pos_ not in ("VERB", "AUX") or not blocks(tok):
            continue
        heads = [c for c in tok.children if c.dep_ in SUBJECTS]
        if tok.lemma_.lower() in SUBJECT_FAILS or any(span.root in h.subtree for h in heads):
            return None
        return subject_of(tok)
    return None
