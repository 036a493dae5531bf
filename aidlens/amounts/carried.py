"""The currency a figure takes from the amounts written before it in its Doc.

"Of the €9 billion, one billion was paid in August": a figure with no currency of its own
takes the one written shortly before it. And "kroner" are Danish, Norwegian or Swedish: with no
giver to tell which, they are the krone a code last wrote ("DKK 7 billion ... the 7 billion
kroner"), not the Norwegian default.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from aidlens.amounts.bare import CONTEXT_TOKENS, bare_money
from aidlens.amounts.currencies import HOME_COUNTRY, KRONE_BY_COUNTRY, OWN_CURRENCY

if TYPE_CHECKING:
    from spacy.tokens import Span

    from aidlens.amounts.parse import ParsedAmount

# The countries with money of their own (not the lenders: the IMF's figures are written in
# dollars or euros far more often than in SDRs).
OWN_MONEY = MappingProxyType(
    {c: code for c, code in OWN_CURRENCY.items() if c in {*HOME_COUNTRY.values(), "United States"}}
)
_KRONER = frozenset(KRONE_BY_COUNTRY.values()) - {"CZK"}  # "crowns" are Czech when written so


class CurrencyRun:
    """The last currency written in a Doc (where it ends, and it), and the last krone."""

    def __init__(self) -> None:
        """Start a Doc with no currency written."""
        self.written: tuple[int, str] | None = None
        self.krone = ""

    @property
    def krone_country(self) -> str | None:
        """Return the country of the krone written last, which tells what "kroner" are."""
        return HOME_COUNTRY.get(self.krone) if self.krone else None

    def carry(self, span: Span, parsed: ParsedAmount, country: str | None) -> ParsedAmount:
        """Return the amount with the currency it takes, and remember the one it writes."""
        if parsed.currency:
            self.written = (span.end, parsed.currency)
            self.krone = parsed.currency if parsed.currency in _KRONER else self.krone
            return parsed
        if self._lends(span, parsed):
            return replace(parsed, currency=_lent(self.written[1], country))
        return parsed

    def _lends(self, span: Span, parsed: ParsedAmount) -> bool:
        """Return whether a figure with no currency takes that of the amount written shortly
        before it: one currency runs on."""
        if self.written is None or parsed.value is None:
            return False
        return span.start - self.written[0] <= CONTEXT_TOKENS and bare_money(span)


def _lent(written: str, country: str | None) -> str:
    """Return the currency a figure with none takes: the one written before it, unless that is
    another country's own money and the figure's giver is a country with money of its own
    ("Sweden's SEK 3bn ... and the United States twenty-seven billion": dollars)."""
    own = OWN_MONEY.get(country or "")
    home = HOME_COUNTRY.get(written)
    return own if own and home and home != country else written
