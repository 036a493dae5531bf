"""The digest of an article's text: the result cache's key, and what a checked span was checked
against. A bottom module, so that the stores can use it without importing pandas."""

from __future__ import annotations

import hashlib


def text_hash(text: str) -> str:
    """Return the stable hash of an article text used as its cache key."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
