"""The corpus: loading and validating articles.csv, planning an upload, canonical names.

Sits just above the bottom modules (errors, settings, atomic writes); knows nothing of NLP.
"""

from __future__ import annotations

from aidlens.corpus.articles import Corpus, load_corpus, read_corpus_bytes, safe_url, text_hash
from aidlens.corpus.canonical import (
    canonical,
    canonical_many,
    load_aliases,
    map_distinct,
    read_aliases,
)
from aidlens.corpus.snapshot import load_corpus_cached
from aidlens.corpus.texts import ArticleTexts
from aidlens.corpus.upload import (
    MODES,
    UploadPlan,
    annotated_effects,
    apply_upload,
    plan_fingerprint,
    plan_upload,
)

__all__ = [
    "ArticleTexts",
    "Corpus",
    "MODES",
    "UploadPlan",
    "annotated_effects",
    "apply_upload",
    "load_corpus_cached",
    "canonical",
    "canonical_many",
    "load_aliases",
    "load_corpus",
    "map_distinct",
    "plan_fingerprint",
    "plan_upload",
    "read_aliases",
    "read_corpus_bytes",
    "safe_url",
    "text_hash",
]
