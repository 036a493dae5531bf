"""Turn one processed spaCy Doc into plain rows per table (entities, amounts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts import SHIPPED, AidCheck, AmountExtractor

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# Bump when the rows produced for the same Doc change: it is part of the cache key.
EXTRACTOR_VERSION = "74"  # 53 and 56 were experiments left out (48th and 51st sessions)
TABLES = ("entities", "amounts")
ENTITY_COLUMNS = ("start", "end", "text", "label")


class Extractor:
    """Extracts the cached tables from Docs of one pipeline."""

    def __init__(self, nlp: Language, aid_model: AidCheck | str | None = SHIPPED):
        self.nlp = nlp
        self.aid_model = aid_model  # the learned aid check (AmountExtractor)
        self.amounts: AmountExtractor | None = None  # built from the first Doc's vocab

    def _amounts(self, doc: Doc, text: str, ents: tuple[Span, ...]) -> list[dict]:
        """Return the amount rows of `doc`; the Matchers compile once, on the first Doc."""
        if self.amounts is None:
            self.amounts = AmountExtractor(doc.vocab, aid_model=self.aid_model)
        return self.amounts(doc, text, ents)

    def __call__(self, doc: Doc, text: str | None = None) -> dict[str, list[dict]]:
        """Return the rows of every table for `doc` (without text_hash).

        `text`: the text `doc` was made from, when the caller has it. Doc.text and Span.text
        join their tokens anew on every call (about 3% of extraction's time).
        """
        text = doc.text if text is None or not _made_from(doc, text) else text
        ents = doc.ents  # once: each call makes a Span of every entity
        entities = [
            {
                "start": e.start_char,
                "end": e.end_char,
                "text": text[e.start_char : e.end_char],
                "label": e.label_,
            }
            for e in ents
        ]
        return {"entities": entities, "amounts": self._amounts(doc, text, ents)}


def _made_from(doc: Doc, text: str) -> bool:
    """Return whether `doc`'s tokens cover `text` end to end, as a spaCy tokenizer keeps them
    (a custom tokenizer that rewrites its text would not: then Doc.text is read instead)."""
    if not len(doc):
        return text == ""
    last = doc[-1]
    return doc[0].idx == 0 and last.idx + len(last.text_with_ws) == len(text)
