"""What extraction reads of a whole Doc, read once per Doc rather than once per amount.

Every `doc.ents` builds a Span of each entity anew, Doc.text joins every token, and Span.sent
walks the tokens to the sentence's edges on every call: a DocFacts, made once per call of the
extractor and handed down, keeps the entities, the text and the sentences.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


class DocFacts:
    """One Doc's text, entities and sentences, each read on first use."""

    def __init__(self, doc: Doc, text: str | None = None, ents: tuple[Span, ...] | None = None):
        """`text`: the text `doc` was made from, `ents` its entities, when the caller has them."""
        self.doc = doc
        if text is not None:
            self.__dict__["text"] = text  # what a cached_property reads first
        if ents is not None:
            self.__dict__["ents"] = ents

    @cached_property
    def text(self) -> str:
        """Return the Doc's text (Doc.text joins every token: only when no text was given)."""
        return self.doc.text

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """Return the Doc's entities."""
        return self.doc.ents

    @cached_property
    def sents(self) -> list[Span]:
        """Return the Doc's sentences: Span.sent walks the tokens on every call."""
        return list(self.doc.sents)

    @cached_property
    def ent_starts(self) -> list[int]:
        """Return the first token of each entity."""
        return [e.start for e in self.ents]

    @cached_property
    def sent_starts(self) -> list[int]:
        """Return the first token of each sentence."""
        return [s.start for s in self.sents]

    def sent_of(self, i: int) -> Span:
        """Return the sentence of token `i`."""
        return self.sents[bisect_right(self.sent_starts, i) - 1]
