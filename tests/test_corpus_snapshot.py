"""The corpus snapshot: an unchanged articles.csv is mapped back from an Arrow file, as parsed."""

from __future__ import annotations

import os
import shutil

import pytest
from pandas.testing import assert_frame_equal

from aidlens.corpus import load_corpus, load_corpus_cached
from aidlens.errors import CorpusError
from tests.conftest import SAMPLE_CSV, SMALL_CSV


@pytest.mark.parametrize("src", [SAMPLE_CSV, SMALL_CSV], ids=["sample", "small"])
def test_the_snapshot_equals_the_parsed_file(tmp_path, src) -> None:
    csv = tmp_path / "articles.csv"
    shutil.copy(src, csv)
    first = load_corpus_cached(csv, tmp_path / "cache")
    assert list((tmp_path / "cache" / "corpus").glob("*.arrow"))
    again = load_corpus_cached(csv, tmp_path / "cache")
    parsed = load_corpus(csv)
    for corpus in (first, again):
        assert_frame_equal(corpus.frame, parsed.frame)
        assert corpus.warnings == parsed.warnings


def test_a_changed_file_is_parsed_again(tmp_path) -> None:
    csv = tmp_path / "articles.csv"
    shutil.copy(SAMPLE_CSV, csv)
    load_corpus_cached(csv, tmp_path / "cache")
    text = csv.read_text(encoding="utf-8")
    csv.write_text(text.replace(",2022-", ",2021-", 1), encoding="utf-8")
    os.utime(csv, ns=(1, 1))  # even an old time: the size and time differ from the snapshot's
    assert_frame_equal(load_corpus_cached(csv, tmp_path / "cache").frame, load_corpus(csv).frame)
    assert len(list((tmp_path / "cache" / "corpus").glob("*.arrow"))) == 1  # the old one went
    [snap] = (tmp_path / "cache" / "corpus").glob("*.arrow")
    earlier = snap.with_name(snap.name.split("-")[0] + "-1-1.parquet")  # an older release's
    earlier.write_bytes(b"PAR1")
    csv.write_text(text, encoding="utf-8")
    load_corpus_cached(csv, tmp_path / "cache")
    assert not earlier.exists()
    csv.write_text("id,title\n1,x\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="missing required column"):
        load_corpus_cached(csv, tmp_path / "cache")


def test_a_damaged_snapshot_is_ignored(tmp_path) -> None:
    csv = tmp_path / "articles.csv"
    shutil.copy(SAMPLE_CSV, csv)
    load_corpus_cached(csv, tmp_path / "cache")
    [snap] = (tmp_path / "cache" / "corpus").glob("*.arrow")
    snap.write_bytes(snap.read_bytes()[:100])
    assert_frame_equal(load_corpus_cached(csv, tmp_path / "cache").frame, load_corpus(csv).frame)
