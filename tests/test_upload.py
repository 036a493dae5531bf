"""Uploading an articles CSV: plan (add or replace) then an atomic write that loads back."""

from __future__ import annotations

import os

import pytest

from aidlens.corpus.articles import load_corpus, read_corpus_bytes
from aidlens.corpus.upload import apply_upload, plan_upload

OLD = (
    "id,title,published,source,url,text\n"
    "a,A,2024-01-01,S,https://example.org/a,Alpha text.\n"
    "b,B,2024-01-02T10:00:00,S,,Beta text.\n"
    "c,C,2024-01-03,S,,Gamma text.\n"
)
NEW = (
    "id,title,published,text\n"
    "b,B2,2024-01-02,Beta text changed.\n"
    "c,C,2024-01-03,Gamma text.\n"
    "d,D,2024-02-01,Delta.\n"
)


def corpora():
    return read_corpus_bytes(OLD.encode(), "old.csv"), read_corpus_bytes(NEW.encode(), "new.csv")


@pytest.mark.parametrize(
    ("mode", "ids", "removed"),
    [("add", ["a", "b", "c", "d"], ()), ("replace", ["b", "c", "d"], ("a",))],
)
def test_plan(mode, ids, removed) -> None:
    old, new = corpora()
    plan = plan_upload(old, new, mode=mode, annotated={"a", "b", "c"})
    assert plan.added == ("d",)
    assert plan.updated == ("b",)
    assert plan.unchanged == ("c",)
    assert plan.removed == removed
    assert set(plan.annotated_changed) == {"b", *removed}
    assert sorted(plan.frame["id"]) == ids


def test_apply_writes_a_corpus_that_loads_back(tmp_path) -> None:
    old, new = corpora()
    path = tmp_path / "articles.csv"
    path.write_text(OLD, encoding="utf-8")
    apply_upload(plan_upload(old, new, mode="add"), path)
    corpus = load_corpus(path)
    frame = corpus.frame.set_index("id")
    assert frame.loc["a", "url"] == "https://example.org/a"  # kept columns survive
    assert frame.loc["b", "text"] == "Beta text changed."
    assert str(frame.loc["b", "published"]) == "2024-01-02 00:00:00"
    assert len(corpus) == 4
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_disk_full_leaves_the_corpus_as_it_was(tmp_path, monkeypatch) -> None:
    import errno

    old, new = corpora()
    path = tmp_path / "articles.csv"
    path.write_text(OLD, encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        apply_upload(plan_upload(old, new, mode="replace"), path)
    assert path.read_text(encoding="utf-8") == OLD
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
