"""A large corpus is read, built and exported a chunk at a time, with the same result as whole.

Chunks are made tiny here (a few rows, a few bytes) so that the sample and a hostile corpus
cross many chunk and block boundaries; every figure is compared with the whole-file path.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from pandas.testing import assert_frame_equal

from aidlens.amounts.table import main_donors
from aidlens.corpus import articles, load_aliases, load_corpus, load_corpus_cached
from aidlens.errors import CorpusError
from aidlens.pipeline import model_id
from aidlens.processing import (
    build_results,
    cached_entities,
    entity_chunks,
    open_cache,
    write_entities_csv,
    write_outputs,
)
from aidlens.rules import apply_rules
from aidlens.rules.patterns import parse_rules
from tests.conftest import SAMPLE_CSV, SMALL_CSV


@pytest.fixture
def tiny_chunks(monkeypatch) -> None:
    """Make the reader's chunks three rows and its encoding blocks seven bytes."""
    monkeypatch.setattr(articles, "CHUNK_ROWS", 3)
    monkeypatch.setattr(articles, "BLOCK", 7)


@pytest.mark.parametrize("src", [SAMPLE_CSV, SMALL_CSV], ids=["sample", "small"])
def test_chunks_read_as_the_whole_file(tmp_path, src, monkeypatch) -> None:
    whole = load_corpus(src)
    monkeypatch.setattr(articles, "CHUNK_ROWS", 3)
    monkeypatch.setattr(articles, "BLOCK", 7)
    assert_frame_equal(load_corpus(src).frame, whole.frame)
    csv = tmp_path / "articles.csv"
    shutil.copy(src, csv)
    mapped = load_corpus_cached(csv, tmp_path / "cache")  # written to the snapshot chunk by chunk
    assert_frame_equal(mapped.frame, whole.frame)
    # ... and kept as one batch: Arrow's take joins a column's chunks first, at every filter.
    [snap] = (tmp_path / "cache" / "corpus").glob("*.arrow")
    assert pa.ipc.open_file(pa.memory_map(str(snap))).num_record_batches == 1
    assert_frame_equal(load_corpus_cached(csv, tmp_path / "cache").frame, whole.frame)


BAD = (
    "id,title,published,text\n"
    "a,t,2024-01-01,x\n"
    "b,t,2024-01-02,x\n"
    "c,t,2024-01-03,x\n"
    "d,t,not a date,x\n"  # row 5, in the second chunk of three rows
    "a,t,2024-01-05,x\n"  # row 6: a duplicate of row 2, across chunks
    "e,t,2024-01-06,x\n"
    "f,t,2024-01-07,\n"  # row 8, in the third chunk
)


@pytest.mark.usefixtures("tiny_chunks")
def test_problems_in_later_chunks_name_their_rows(tmp_path) -> None:
    csv = tmp_path / "articles.csv"
    csv.write_text(BAD, encoding="utf-8")
    for load in (load_corpus, lambda p: load_corpus_cached(p, tmp_path / "cache")):
        with pytest.raises(CorpusError) as caught:
            load(csv)
        said = [(p.row, p.column) for p in caught.value.problems]
        assert said == [(5, "published"), (6, "id"), (8, "text")]
        assert "first used in row 2" in str(caught.value.problems[1])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.csv"]  # nothing left behind


@pytest.mark.usefixtures("tiny_chunks")
def test_a_bad_byte_past_the_first_block_is_found() -> None:
    raw = "id,title,published,text\na,t,2024-01-01,caf\u00e9 au lait\n".encode("cp1252")
    corpus = articles.read_corpus_bytes(raw, "x.csv")
    assert corpus.frame.at[0, "text"] == "caf\u00e9 au lait"
    assert corpus.warnings and "cp1252" in corpus.warnings[0]
    with pytest.raises(CorpusError, match="bad byte at offset 40"):
        articles.read_corpus_bytes(raw[:40] + b"\x81" + raw[41:], "x.csv")


def test_a_header_alone_is_no_corpus() -> None:
    with pytest.raises(CorpusError, match="header but no articles"):
        articles.read_corpus_bytes(b"id,title,published,text\n", "x.csv")


def test_the_encoding_check_leaves_the_stream_at_its_start() -> None:
    stream = io.BytesIO(b"\xef\xbb\xbfid,title\n")
    assert articles.sniff_encoding(stream, "x.csv") == ("utf-8-sig", [])
    assert stream.tell() == 0


@pytest.fixture(scope="module")
def sample(sample_data_dir, model_name):
    """Return the processed sample's corpus, cache, aliases and whole in-memory results."""
    folder = Path(sample_data_dir)
    corpus = load_corpus(folder / "articles.csv")
    cache = open_cache(folder, model_id(model_name))
    aliases = load_aliases(folder)
    return corpus, cache, aliases, build_results(corpus, cache, aliases)


@pytest.mark.parametrize("size", [1, 7, 10_000])
def test_entity_chunks_write_the_whole_tables_bytes(tmp_path, sample, size) -> None:
    corpus, cache, aliases, results = sample
    write_outputs(results, tmp_path)
    whole = (tmp_path / "entities.csv").read_bytes()
    chunks = entity_chunks(corpus, cached_entities(cache, aliases), size=size)
    assert write_entities_csv(chunks, tmp_path / "chunked.csv").read_bytes() == whole


@pytest.mark.parametrize("size", [1, 5])
def test_rules_applied_by_chunk_equal_rules_applied_whole(tmp_path, sample, size) -> None:
    corpus, cache, aliases, results = sample
    rules = parse_rules('{"label": "ORG", "pattern": "Ukraine Facility"}\n').rules
    assert rules
    whole = apply_rules(results.entities, corpus.frame, rules, aliases)
    assert (whole["origin"] == "rule").any()  # the rule does change something

    def ruled(ents: pd.DataFrame, arts: pd.DataFrame) -> pd.DataFrame:
        return apply_rules(ents, arts, rules, aliases)

    chunks = entity_chunks(corpus, cached_entities(cache, aliases), ruled, size=size)
    assert_frame_equal(pd.concat(list(chunks), ignore_index=True), whole)


def test_main_donors_by_text_equal_main_donors_by_article(sample) -> None:
    corpus, cache, aliases, results = sample
    amounts = results.amounts[["article_id", "donor", "start"]].assign(donor="")
    hashes = corpus.frame.set_index("id")["text_hash"]
    amounts["text_hash"] = amounts["article_id"].map(hashes)
    by_article = main_donors(amounts, results.entities, aliases)
    # Only the articles with amounts are asked for (by article, every article gets one).
    by_article = by_article[by_article.index.isin(amounts["article_id"])]
    by_text = main_donors(amounts, cached_entities(cache, aliases), aliases)
    assert len(by_article) > 10
    pd.testing.assert_series_equal(by_text.sort_index(), by_article.sort_index(), check_names=False)
