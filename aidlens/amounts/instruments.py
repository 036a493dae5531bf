"""The instrument an amount belongs to, when its sentence names one: 'the Ukraine Facility'.

Names come from data/instruments.csv (alias,instrument,single,owner) and, beyond it, any capitalised
name ending in Facility, Programme, Program, Initiative, Fund or Mechanism ("the Nansen Support
Programme"). `single` says whether the instrument is one commitment (the Ukraine Facility: its
mentions are linked however far apart) or a channel of many packages (USAI, drawdowns: the
time window still applies). The name nearest the amount in its sentence wins. `owner` is the
one donor that funds the instrument (the Ukraine Facility: the European Union), the donor of an
amount whose sentence names no giver.
Editing the file changes extraction: bump aidlens.processing.EXTRACTOR_VERSION.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from aidlens.amounts.alternation import first_chars, trie
from aidlens.amounts.lexicon import actor_names, role_aliases
from aidlens.amounts.shares import group_members
from aidlens.errors import InputError, Problem

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

INSTRUMENTS = Path(__file__).with_name("data") / "instruments.csv"
_GENERIC = r"(?:[A-Z][\w+-]+ ){1,4}(?:Facility|Programme|Program|Initiative|Fund|Mechanism)\b"
# Institutions named like instruments: they give, they are not what is given.
NOT_INSTRUMENTS = frozenset({"International Monetary Fund", "Monetary Fund"})


@lru_cache(maxsize=1)
def instrument_table() -> tuple[dict[str, str], frozenset[str]]:
    """Return (alias in lower case -> instrument, instruments that are single commitments)."""
    with open(INSTRUMENTS, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if {"alias", "instrument", "single"} - set(reader.fieldnames or ()):
            raise InputError(
                [Problem(str(INSTRUMENTS), "needs the columns alias,instrument,single")]
            )
        rows = [{k: (v or "").strip() for k, v in rec.items() if k} for rec in reader]
    aliases = {r["alias"].lower(): r["instrument"] for r in rows}
    single = frozenset(r["instrument"] for r in rows if r["single"].lower() == "yes")
    return aliases, single


@lru_cache(maxsize=1)
def instrument_pattern() -> re.Pattern[str]:
    """Return one regex of the known aliases (longest first) and the generic names."""
    aliases = instrument_table()[0]
    known = trie(aliases, ignore_case=True)  # alternation.py: skip where none begins
    ahead = first_chars(aliases, ignore_case=True)
    return re.compile(rf"(?i:\b(?={ahead})(?:{known})(?![\w]))|{_GENERIC}")


def instrument_of(text: str, sent_start: int, sent_end: int, at: int) -> str:
    """Return the instrument named nearest to offset `at` in text[sent_start:sent_end], or ''."""
    best: tuple[int, str] | None = None
    for start, instrument in _named(text, sent_start, sent_end):
        distance = abs(start - at)
        if best is None or distance < best[0]:
            best = (distance, instrument)
    return best[1] if best else ""


@lru_cache(maxsize=64)
def _named(text: str, start: int, end: int) -> tuple[tuple[int, str], ...]:
    """Return (offset, instrument) of each name in text[start:end]: each amount of a sentence,
    its donor and its part, ask the same sentence (a str caches its hash, so the key is cheap)."""
    aliases, _ = instrument_table()
    found = []
    for m in instrument_pattern().finditer(text, start, end):
        name = re.sub(r"^(?:The|A|An|Its|Their) ", "", m.group(0))
        if name not in NOT_INSTRUMENTS and not name.endswith(" Monetary Fund"):
            found.append((m.start(), aliases.get(name.lower(), name)))
    return tuple(found)


@lru_cache(maxsize=1)
def instrument_owners() -> dict[str, str]:
    """Return instrument -> the one donor that funds it ('' for shared ones such as PURL)."""
    with open(INSTRUMENTS, encoding="utf-8", newline="") as fh:
        return {r["instrument"]: (r.get("owner") or "").strip() for r in csv.DictReader(fh)}


def instrument_owner(text: str, sent_start: int, sent_end: int, at: int) -> str:
    """Return the donor of the instrument named nearest to `at` in the sentence, or ''."""
    return instrument_owners().get(instrument_of(text, sent_start, sent_end, at), "")


def sentence_owner(span: Span, sent: Span, text: str, skip: set[str]) -> tuple[str, bool]:
    """Return the donor of the instrument named nearest an amount in its sentence ('' if none
    or one in `skip`), and whether it is a group's that the amount does not measure, which a
    giver named near the amount outranks ("the EU's share of the G7 loans was paid out, and the
    windfall transfers, €1.5bn": the EU's; "the G7 loan of $50bn" is the G7's)."""
    owner = instrument_owner(text, sent.start_char, sent.end_char, span.start_char)
    if owner in skip:
        return "", False
    pooled = owner in group_members() and not measured_owner(span, text, groups=True)
    return owner, pooled and not under_instrument(span, text)


def single_commitment(instrument: str) -> bool:
    """Return whether an instrument is one commitment (not a channel of many packages)."""
    if not instrument:
        return False
    return instrument in instrument_table()[1] or instrument not in set(
        instrument_table()[0].values()
    )


def names_instrument(token: Token, text: str) -> bool:
    """Return whether a noun's name is an instrument's in the doc's `text`: the name ends at
    the noun ('the G7 loan') or at a word compounding it ('Extraordinary Revenue Acceleration
    loans')."""
    ends = {t.idx + len(t) for t in (token, *token.lefts) if t is token or t.dep_ == "compound"}
    end = token.idx + len(token)
    start = max(token.sent.start_char, end - 80)
    return any(m.end() in ends for m in instrument_pattern().finditer(text, start, end))


def under_instrument(span: Span, text: str) -> bool:
    """Return whether an amount hangs, a few words up, from an instrument's name: it measures
    it ('the G7 loan of $50bn', 'ERA loans that make $50bn available')."""
    return any(names_instrument(t, text) for t in islice(span.root.ancestors, 3))


def measured_owner(span: Span, text: str, groups: bool = False) -> str:
    """Return the donor of the instrument an amount measures ('the €50bn Ukraine Facility':
    the doc's `text` from the amount to the end of its noun names it), or ''. Not a group's
    unless `groups` or the noun names the group (the G7's loans: a member's "$20bn ERA loan" is
    its own, "the $50bn G7 loan" the G7's)."""
    noun = span.root.head if span.root.head.i >= span.end else span.root
    end = noun.idx + len(noun)
    # `text`, not Doc.text: that joins every token on each call
    owner = instrument_owner(text, span.end_char, end, span.end_char)
    if owner not in group_members() or groups:
        return owner
    # The group named in the noun itself: "its $20bn share of the $50bn G7 loan" is the G7's.
    names = actor_names().finditer(text, span.end_char, end)
    return owner if any(role_aliases().get(m.group(0).lower()) == owner for m in names) else ""
