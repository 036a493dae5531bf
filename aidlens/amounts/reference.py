"""Whether an amount names a commitment the reader already knows or a new one, from its parse.

"the $61bn", "its €18bn loan", "the EU's €50bn" point back to a commitment already told ("known");
"a further $800m", "another $400m package", "$1.85bn in new security assistance" announce one
("new"); "a $1.1bn package" introduces one without saying it is new ("a"). The linker reads
whether the later mention of a pair is "known" or "new" (linking.py): of the tuning sets'
candidate pairs, 17% are one commitment when it is "known", 1.5% when "new", 8.5% of all.
Read from the determiners and modifiers of the amount and of the noun it sizes, not from words
before it, so that the noun's determiner is found wherever the amount stands: "a package worth
$400m" is read as "a $400m package" is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the linker imports the labels, and results are built without spaCy
    from spacy.tokens import Span, Token

KNOWN = "known"
NEW = "new"
INDEFINITE = "a"
FRESH = frozenset({"new", "another", "fresh", "additional", "further", "extra", "latest"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_INDEFINITE_WORDS = frozenset({"a", "an"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_SIZES = frozenset({"nummod", "compound", "amod", "quantmod", "nmod"})  # "$61bn package"
_MODIFIERS = frozenset({"det", "poss", "amod", "advmod", "predet"})


def reference_of(span: Span) -> str:
    """Return KNOWN, NEW, INDEFINITE or '' for an amount span (see the module)."""
    mods = [c for head in _heads(span) for c in head.children if c.dep_ in _MODIFIERS]
    mods += [t for t in span if t.dep_ in ("det", "poss")]  # "the" inside the entity
    words = {m.lower_ for m in mods}
    if words & FRESH:
        return NEW
    if words & DEFINITE or any(m.dep_ == "poss" for m in mods):
        return KNOWN
    return INDEFINITE if words & _INDEFINITE_WORDS else ""


def _heads(span: Span) -> list[Token]:
    """Return the amount's root, the noun it sizes, and what "in" it is ("$2bn in new aid")."""
    heads = [span.root]
    noun = _sized_noun(span)
    if noun is not None:
        heads.append(noun)
    for child in span.root.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            heads += [g for g in child.children if g.dep_ == "pobj"]
    return heads


def _sized_noun(span: Span) -> Token | None:
    """Return the noun outside the span that the amount sizes: "$61bn package", "a package
    of $61bn", "a package worth $400m"; None for a bare amount."""
    root = span.root
    head = root.head
    if head is root or span.start <= head.i < span.end:
        return None
    if root.dep_ in _SIZES and head.pos_ in _NOUNS:
        return head
    if root.dep_ in ("pobj", "npadvmod") and head.lower_ in ("of", "worth"):
        above = head.head
        if above.pos_ in _NOUNS:
            return above
        if above.lower_ == "worth" and above.head.pos_ in _NOUNS:
            return above.head
    return None
