"""Article id -> text, read from the corpus frame on access: no second copy of every text.

A dict of every text costs a Python string per article on top of the frame's own column (300 MB
at 100,000 articles); the stores look up a handful of texts per save, so they read the frame.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pandas as pd


class ArticleTexts(Mapping[str, str]):
    """A read-only mapping of article id to text over the corpus frame's columns."""

    frozen = True  # it cannot change: a store keeps it as it is, without a copy

    def __init__(self, frame: pd.DataFrame):
        # The Series are held, not the frame: under copy-on-write they never change.
        self._position = {a: i for i, a in enumerate(frame["id"].tolist())}
        self._text = frame["text"].copy(deep=False)

    def __getitem__(self, article_id: str) -> str:
        """Return the text of `article_id`; raise KeyError for an unknown id."""
        return str(self._text.iat[self._position[article_id]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._position
