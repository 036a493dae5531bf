"""Turn one processed spaCy Doc into plain rows per table (entities, amounts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts import SHIPPED, AidCheck, AmountExtractor

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Bump when the rows produced for the same Doc change: it is part of the cache key.
EXTRACTOR_VERSION = "14"
TABLES = ("entities", "amounts")
ENTITY_COLUMNS = ("start", "end", "text", "label")


class Extractor:
    """Extracts the cached tables from Docs of one pipeline."""

    def __init__(self, nlp: Language, aid_model: AidCheck | str | None = SHIPPED):
        self.nlp = nlp
        self.aid_model = aid_model  # the learned aid check (AmountExtractor)
        self.amounts: AmountExtractor | None = None  # built from the first Doc's vocab

    def _amounts(self, doc: Doc) -> list[dict]:
        """Return the amount rows of `doc`; the Matchers compile once, on the first Doc."""
        if self.amounts is None:
            self.amounts = AmountExtractor(doc.vocab, aid_model=self.aid_model)
        return self.amounts(doc)

    def __call__(self, doc: Doc) -> dict[str, list[dict]]:
        """Return the rows of every table for `doc` (without text_hash)."""
        entities = [
            {"start": e.start_char, "end": e.end_char, "text": e.text, "label": e.label_}
            for e in doc.ents
        ]
        return {"entities": entities, "amounts": self._amounts(doc)}
