"""The shipped word tables that extraction reads, and the names they give actors.

donor_aliases.csv says which actor a capital, institution, leader or nationality stands for;
aid_verbs.csv lists the verbs (and nouns) whose subject gives, and the stage each reports;
aid_keywords.csv the words that make aid military, financial or humanitarian. Editing a
shipped file changes extraction: bump aidlens.processing.extract.EXTRACTOR_VERSION.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from aidlens.amounts.aid_stage import AidVerb
from aidlens.amounts.alternation import word_pattern
from aidlens.corpus import canonical, map_distinct, read_aliases
from aidlens.errors import InputError, Problem

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DATA_DIR = Path(__file__).with_name("data")
DONOR_ALIASES = DATA_DIR / "donor_aliases.csv"
AID_VERBS = DATA_DIR / "aid_verbs.csv"
AID_KEYWORDS = DATA_DIR / "aid_keywords.csv"
AID_TYPES = ("military", "financial", "humanitarian", "other")
STAGES = ("pledged", "delivered")
# Named in this news as the receiver or the aggressor, never as a donor to Ukraine.
NOT_DONORS = frozenset({"Ukraine", "Russia"})
_THE = re.compile(r"^the\s+", re.IGNORECASE)  # "the Republic of Moldova"
ACTOR = "ACTOR"  # label of a known name from donor_aliases.csv that the model did not tag
# A relative clause's subject that stands for the noun the clause hangs on ("Germany, which sent").
RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})


@lru_cache(maxsize=1)
def role_aliases() -> Mapping[str, str]:
    """Return the shipped table of names that stand for an actor ('Pentagon' -> United States)."""
    return MappingProxyType(read_aliases(DONOR_ALIASES))


@lru_cache(maxsize=1)
def donor_names() -> frozenset[str]:
    """Return the canonical names of the known donors (countries and institutions)."""
    return frozenset(role_aliases().values()) - NOT_DONORS


@lru_cache(maxsize=4096)
def is_country(text: str) -> bool:
    """Return whether a name is a country's in ISO 3166 (pycountry): the small English model
    tags "Moldova" an organisation about half the time, and a recipient must still be read."""
    import pycountry  # its tables load on first use, only when a name must be looked up

    try:
        pycountry.countries.lookup(_THE.sub("", text.strip()))
    except LookupError:
        return False
    return True


def is_place(ent: Span) -> bool:
    """Return whether an entity is a place or a people that money may go to or come from."""
    return ent.label_ in ("GPE", "NORP", ACTOR) or is_country(ent.text)


@lru_cache(maxsize=1)
def actor_names() -> re.Pattern[str]:
    """Return a regex of the capitalised names in donor_aliases.csv, longest first."""
    names = {r["alias"] for r in _read_rows(DONOR_ALIASES, ("alias", "canonical"))}
    return word_pattern(n for n in names if n[:1].isupper())


# An organ of a known actor is that actor: "the IMF Executive Board", "the Government of Japan".
_ORGAN = re.compile(
    r"^(?:(?:the )?government of (?P<of>.+)|(?P<own>.+?) (?:executive board|board|government|"
    r"cabinet|staff))$",
    re.IGNORECASE,
)


# An organ named without its actor ("the Executive Board approved $1.3bn") names no giver: it
# belongs to a lender the article names elsewhere, which the later steps find.
_BARE_ORGAN = re.compile(r"^(?:the )?(?:executive board|board|cabinet|staff)$", re.IGNORECASE)


def bare_organ(name: str) -> bool:
    """Return whether an actor name is an organ without its actor ('Executive Board')."""
    return _BARE_ORGAN.match(name) is not None


def role_name(text: str, aliases: Mapping[str, str]) -> str:
    """Return the actor an entity text stands for: 'the White House' -> 'United States', 'the
    IMF Executive Board' -> 'International Monetary Fund'."""
    name = canonical(canonical(text, aliases), role_aliases())
    organ = _ORGAN.match(name) if name not in donor_names() else None
    if organ is not None:
        actor = canonical(organ.group("of") or organ.group("own"), role_aliases())
        return actor if actor in donor_names() else name
    return name


def role_names(texts: Iterable[str], aliases: Mapping[str, str]) -> list[str]:
    """Return the actor of each text ('' stays ''), computing each distinct text once."""
    return map_distinct(texts, lambda t: role_name(t, aliases) if t else "")


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Return the rows of a shipped CSV with `columns`; raise InputError when one is missing."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if set(columns) - set(reader.fieldnames or ()):
            raise InputError([Problem(str(path), f"needs the columns {','.join(columns)}")])
        return [{k: (rec.get(k) or "").strip() for k in columns} for rec in reader]


@lru_cache(maxsize=1)
def aid_verbs() -> Mapping[str, AidVerb]:
    """Return lemma -> AidVerb from aid_verbs.csv; raise InputError on an unknown stage."""
    table, problems = {}, []
    for row, rec in enumerate(_read_rows(AID_VERBS, ("lemma", "stage", "giver")), start=2):
        if rec["stage"] not in STAGES:
            msg = f"stage '{rec['stage']}' is not one of {', '.join(STAGES)}"
            problems.append(Problem(str(AID_VERBS), msg, row, "stage"))
        table[rec["lemma"].lower()] = AidVerb(rec["stage"], rec["giver"].lower() == "yes")
    if problems:
        raise InputError(problems)
    return MappingProxyType(table)


@lru_cache(maxsize=1)
def aid_keywords() -> tuple[tuple[str, str], ...]:
    """Return (keyword, aid type) pairs from aid_keywords.csv; raise InputError on a bad type."""
    rows = _read_rows(AID_KEYWORDS, ("keyword", "aid_type"))
    bad = [
        Problem(str(AID_KEYWORDS), f"aid_type '{r['aid_type']}' is not one of {AID_TYPES}", i)
        for i, r in enumerate(rows, start=2)
        if r["aid_type"] not in AID_TYPES
    ]
    if bad:
        raise InputError(bad)
    return tuple((r["keyword"].lower(), r["aid_type"]) for r in rows)


def gives(tok: Token) -> bool:
    """Return whether a token is a giving verb of aid_verbs.csv ('give', 'pledge'; not
    'receive')."""
    info = aid_verbs().get(tok.lemma_.lower()) if tok.pos_ in ("VERB", "AUX") else None
    return info is not None and info.giver
