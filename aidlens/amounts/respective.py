"""Givers paired with their amounts by "respectively": each gives its own figure.

"Sweden and Norway are contributing $275 million and about $135 million respectively" is two
commitments, Sweden's and Norway's, not one sum of several givers: the k-th amount before
"respectively" is the k-th of the clause's coordinated subjects. Read from word order within
the clause, as the parse often hangs the second amount or "respectively" elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_VERBS = frozenset({"VERB", "AUX"})


def _marker(sent: Span, after: int) -> Token | None:
    """Return the first "respectively" of the sentence after token `after`, or None."""
    return next((t for t in sent if t.i > after and t.lower_ == "respectively"), None)


def _clause_verb(tok: Token) -> Token | None:
    """Return the nearest verb above a token (the token itself when it is one), or None."""
    for t in (tok, *tok.ancestors):
        if t.pos_ in _VERBS:
            return t
    return None


def _subjects(verb: Token) -> list[Token]:
    """Return the verb's subject and the proper nouns coordinated with it, in order."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "PROPN":
        return []
    names, tok = [subject], subject
    while True:
        tok = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "PROPN"), None)
        if tok is None:
            return names
        names.append(tok)


def _name(tok: Token) -> str:
    """Return a name with its compound words ("the United States": 'United States')."""
    words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return " ".join([*(w.text for w in words), tok.text])


def respective_givers(spans: list[Span], sent: Span) -> dict[int, str]:
    """Return, for the amounts of one sentence (in order), position -> the giver written for
    it by "respectively"; empty when the sentence pairs none."""
    marker = _marker(sent, spans[0].start) if spans else None
    if marker is None:
        return {}
    before = [s for s in spans if s.end <= marker.i]
    # The clause's verb: that of the first amount it governs from before ("pledged $2bn and ...").
    verbs = ((_clause_verb(s.root), s) for s in before)
    verb = next((v for v, s in verbs if v is not None and v.i < s.start), None)
    if verb is None:
        return {}
    givers = _subjects(verb)
    paired = [k for k, s in enumerate(before) if verb.i < s.start]
    if len(givers) < 2 or len(paired) != len(givers):
        return {}
    return {k: _name(g) for k, g in zip(paired, givers, strict=True)}
