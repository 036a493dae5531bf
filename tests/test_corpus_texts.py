"""ArticleTexts: the stores' id -> text mapping, read from the corpus frame on access."""

from __future__ import annotations

import pandas as pd
import pytest

from aidlens.annotations.record_store import own_texts
from aidlens.corpus import ArticleTexts, load_corpus


@pytest.fixture
def frame(sample_data_dir) -> pd.DataFrame:
    """Return the sample corpus frame."""
    return load_corpus(sample_data_dir / "articles.csv").frame


def test_it_reads_like_the_dict_it_replaces(frame: pd.DataFrame) -> None:
    texts = ArticleTexts(frame)
    expected = dict(zip(frame["id"], frame["text"], strict=True))
    assert dict(texts) == expected
    assert list(texts) == list(expected)  # corpus order
    assert len(texts) == len(expected)
    first = frame["id"].iloc[0]
    assert first in texts and "no-such-id" not in texts
    assert texts.get("no-such-id") is None
    with pytest.raises(KeyError):
        texts["no-such-id"]


def test_a_change_to_the_frame_never_reaches_it(frame: pd.DataFrame) -> None:
    texts = ArticleTexts(frame)
    first = frame["id"].iloc[0]
    before = texts[first]
    frame.loc[0, "text"] = "changed"
    assert texts[first] == before


@pytest.mark.parametrize("kind", ["dict", "ArticleTexts"])
def test_stores_keep_their_own_copy(frame: pd.DataFrame, kind: str) -> None:
    given = dict(zip(frame["id"], frame["text"], strict=True))
    texts = given if kind == "dict" else ArticleTexts(frame)
    kept = own_texts(texts)
    if kind == "dict":
        assert kept is not given and kept == given  # a caller's dict may change later
    else:
        assert kept is texts  # cannot change: not copied, so no text is duplicated
