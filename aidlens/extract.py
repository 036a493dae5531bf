"""Turn one processed spaCy Doc into plain rows per table (entities, amounts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Bump when the rows produced for the same Doc change: it is part of the cache key.
EXTRACTOR_VERSION = "1"
TABLES = ("entities",)
ENTITY_COLUMNS = ("start", "end", "text", "label")


class Extractor:
    """Extracts the cached tables from Docs of one pipeline."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> dict[str, list[dict]]:
        """Return the rows of every table for `doc` (without text_hash)."""
        entities = [
            {"start": e.start_char, "end": e.end_char, "text": e.text, "label": e.label_}
            for e in doc.ents
        ]
        return {"entities": entities}
