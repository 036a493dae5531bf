"""Corpus loading and validation: every problem named with file, row and column."""

from __future__ import annotations

import pytest

from aidlens.corpus.articles import load_corpus, read_corpus_bytes, safe_url
from aidlens.errors import CorpusError

HEADER = "id,title,published,text\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", ["empty"]),
        (b"   \n", ["empty"]),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", ["binary"]),
        (b"id,title,text\n1,a,b\n", ["missing required column(s) published"]),
        (b"title,text\nx,y\n", ["missing required column(s) id, published"]),
        (HEADER.encode(), ["no articles"]),
        (
            (HEADER + "1,a,2024-01-01,x\n1,b,2024-01-02,y\n").encode(),
            ["row 3, column 'id': duplicate id '1' (first used in row 2)"],
        ),
        ((HEADER + ",a,2024-01-01,x\n").encode(), ["row 2, column 'id': empty id"]),
        (
            (HEADER + "1,a,01/02/2024,x\n").encode(),
            ["row 2, column 'published': '01/02/2024' is not an ISO date"],
        ),
        ((HEADER + "1,a,,x\n").encode(), ["row 2, column 'published'"]),
        ((HEADER + "1,a,2024-01-01,   \n").encode(), ["row 2, column 'text': empty text"]),
        (
            (HEADER + "1,a,2024-13-01,x\n2,b,2024-01-01,\n2,c,2024-01-01,z\n").encode(),
            [
                "row 2, column 'published'",
                "row 3, column 'text': empty text",
                "row 4, column 'id': duplicate id '2'",
            ],
        ),
    ],
)
def test_every_problem_is_named(content: bytes, expected: list[str]) -> None:
    with pytest.raises(CorpusError) as info:
        read_corpus_bytes(content, "articles.csv")
    message = str(info.value)
    assert len(info.value.problems) == len(expected)
    for part in expected:
        assert part in message
    assert all(str(p).startswith("articles.csv") for p in info.value.problems)


def test_valid_file_types_and_extras(tmp_path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "id,title,published,text,topic\n7,T,2024-04-24T09:15:00+02:00,Body text.,aid\n"
        "8,U,2024-04-25,Other.,loans\n",
        encoding="utf-8",
    )
    corpus = load_corpus(path)
    frame = corpus.frame
    assert list(frame["id"]) == ["7", "8"]
    assert frame.loc[0, "published"].isoformat() == "2024-04-24T07:15:00"  # converted to UTC
    assert list(frame["topic"]) == ["aid", "loans"]  # extra columns kept
    assert list(frame["source"]) == ["", ""]  # optional columns filled
    assert corpus.warnings == ()


def test_bom_is_fine() -> None:
    corpus = read_corpus_bytes(("\ufeff" + HEADER + "1,a,2024-01-01,x\n").encode(), "f.csv")
    assert list(corpus.frame.columns[:4]) == ["id", "title", "published", "text"]
    assert corpus.warnings == ()


def test_cp1252_is_read_with_a_warning() -> None:
    raw = (HEADER + "1,Caf\u00e9 \u2013 aid,2024-01-01,\u20ac5m pledged\n").encode("cp1252")
    corpus = read_corpus_bytes(raw, "old.csv")
    assert corpus.frame.loc[0, "text"] == "\u20ac5m pledged"
    assert "cp1252" in corpus.warnings[0] and "old.csv" in corpus.warnings[0]


def test_size_limit(monkeypatch) -> None:
    monkeypatch.setenv("AIDLENS_MAX_UPLOAD_MB", "1")
    raw = (HEADER + "1,a,2024-01-01," + "x" * (1024 * 1024) + "\n").encode()
    with pytest.raises(CorpusError, match="over the 1 MB limit"):
        read_corpus_bytes(raw, "big.csv")


def test_missing_file(tmp_path) -> None:
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "nope.csv")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<b>", None),
        ("", None),
    ],
)
def test_only_http_urls_become_links(url, expected) -> None:
    assert safe_url(url) == expected
