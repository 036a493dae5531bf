"""What makes an amount a share of another in its frame: "includes", "of which", "with".

parts.py links a share to its whole; this module finds the word that includes it: a governing
verb (include, contain, combine, consist of, made up of, split into), "including" or "of which"
before it, a list "with" its whole ("a $95bn package, with $60bn for Ukraine"), a pronoun for
an earlier whole that provides it ("It provides about $20bn"), or "Of the money, ...".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.wholes import CLAUSE_DEPS, VERB_TAGS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

INCLUDE_LEMMAS = frozenset({"include", "contain", "comprise", "combine", "consist"})
# A subject that points back to a whole named before: "It includes", "The package consists of".
ANAPHORS = frozenset({"it", "this", "that", "the"})
WHOLE_NOUNS = frozenset(
    {"money", "package", "sum", "total", "amount", "funding", "aid", "which", "that", "this"}
)
PROVIDING = frozenset({"provide", "fund", "allocate", "earmark", "set"})
SPLIT_LEMMAS = frozenset({"split", "divide", "break"})


def inclusion(span: Span) -> Token | None:
    """Return the word that makes the amount a share of something ('includes', 'of which')."""
    doc = span.doc
    before = [doc[i].lower_ for i in range(max(0, span.start - 2), span.start)]
    if before[-1:] == ["including"] or before == ["of", "which"]:
        return doc[span.start - 1]
    for tok in span.root.ancestors:
        if tok.lemma_.lower() in INCLUDE_LEMMAS or tok.lower_ == "including":
            return tok
        if _with_parts(tok, span):
            return tok  # "passed a $95bn package, with $60bn for Ukraine and $14bn for Israel"
        if _made_of(tok) or _it_provides(tok, span):
            return tok
        if tok.pos_ in VERB_TAGS and (tok.dep_ in CLAUSE_DEPS or _own_statement(tok, span)):
            return _of_whole(tok, span)
    return _of_whole(span.root, span)


def _own_statement(verb: Token, span: Span) -> bool:
    """Return whether a conjoined verb has a subject of its own that is not the amount: "the
    package included vehicles, and Tallinn alone had committed €113m" says something new (not
    "..., and $14bn goes to USAI": a list of the parts)."""
    subjects = (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    return verb.dep_ == "conj" and any(
        not s.left_edge.i <= span.root.i <= s.right_edge.i for s in subjects
    )


def _with_parts(tok: Token, span: Span) -> bool:
    """Return whether the amount is listed 'with' what it is part of (the amount itself, or the
    first of a list, is the object of 'with'; not "combines X with Y", not "with the EU ...")."""
    first = span.root.head if span.root.dep_ == "conj" else span.root
    if tok.dep_ != "prep" or tok.lower_ != "with" or first.head.i != tok.i:
        return False
    return not any(a.lemma_.lower() in INCLUDE_LEMMAS for a in tok.ancestors)


def _it_provides(tok: Token, span: Span) -> bool:
    """Return whether a pronoun that stands for an earlier whole provides the amount, first in
    its sentence: "It provides about $20bn in security funding" after the law's $40bn."""
    if tok.lemma_.lower() not in PROVIDING or any(
        t.like_num for t in span.doc[span.sent.start : span.start]
    ):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in ("it", "this") for c in tok.children)


def _made_of(tok: Token) -> bool:
    """Return whether a verb makes its object out of parts: 'made up of', 'split into'."""
    particles = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep")}
    lemma = tok.lemma_.lower()
    made_up = lemma == "make" and "up" in particles
    return made_up or (lemma in SPLIT_LEMMAS and "into" in particles)


def _of_whole(head: Token, span: Span) -> Token | None:
    """Return an 'of the money' before the amount on its clause ('Of the money, $23bn is ...')."""
    for tok in (head, span.root):
        for child in tok.children:
            is_of = child.dep_ == "prep" and child.lower_ == "of" and child.i < span.start
            if is_of and any(c.lemma_.lower() in WHOLE_NOUNS for c in child.children):
                return child
    return None


def points_back(word: Token) -> bool:
    """Return whether an inclusion refers to a whole of an earlier sentence ('It includes')."""
    if word.lower_ == "of":
        return True  # "Of the money for Ukraine, ..."
    verbs = [word, word.head] if word.dep_ == "conj" else [word]  # "... runs and combines"
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                first = child.doc[child.left_edge.i].lower_
                return child.pos_ == "PRON" or first in ANAPHORS
    return False
