"""The lender a text means by "its board", "the bank" or "the Fund".

"The World Bank has lent steadily. Its board approved a $350m loan": countries and unions do not
give by a board's vote, so a board, or a subject "the bank", stands for the lender named last.
And "the Fund" is the IMF's short name, unless the text names another fund and not the IMF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

IMF = "International Monetary Fund"
# The lenders that decide by a board vote (canonical names of donor_aliases.csv).
BOARDED = frozenset(
    {
        IMF,
        "World Bank",
        "European Bank for Reconstruction and Development",
        "European Investment Bank",
    }
)


def lender_named_before(
    span: Span, sent: Span, actors: Sequence[Span], actor: Callable[[str], str]
) -> str:
    """Return the lender a sentence means by its board or "the bank" ("once the board signs
    off", "the London-based bank launched €2bn"): the last of BOARDED named before the amount
    (`actor` gives an entity's canonical name), else ''."""
    if not any(names_lender(t) for t in sent):
        return ""
    named = [actor(e.text) for e in actors if e.end <= span.start]
    return next((n for n in reversed(named) if n in BOARDED), "")


def names_lender(tok: Token) -> bool:
    """Return whether a word stands for a lender named before: its board, or "the bank" or
    "the lender" as a subject (not "the central bank", Ukraine's own, nor "official lenders")."""
    if tok.pos_ != "NOUN" or not tok.is_lower:
        return False
    if tok.lemma_ == "board":
        return True
    subject = tok.lemma_ in ("bank", "lender") and tok.dep_ in ("nsubj", "nsubjpass")
    the = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)  # not "lenders"
    own = any(c.lower_ in ("central", "national") for c in tok.children)
    return subject and the and tok.tag_ == "NN" and not own


def fund_is_another(actors: Sequence[Span], actor: Callable[[str], str]) -> bool:
    """Return whether "the Fund" of a text is not the IMF: the text names another fund ("the
    Central Emergency Response Fund", "a Ukraine Assistance Fund") and the IMF by no other name."""
    imf = any(actor(e.text) == IMF and not bare_fund(e.text) for e in actors)
    other = any(e.text.endswith(" Fund") and actor(e.text) != IMF for e in actors)
    return other and not imf


def bare_fund(text: str) -> bool:
    """Return whether a name is "Fund" alone ("the Fund", "Fund")."""
    return text.removeprefix("the ").removeprefix("The ") == "Fund"
