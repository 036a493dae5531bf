"""Processing: exact offsets, the on-disk cache, and the `process` CLI against real files."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

import pytest

from aidlens import cli
from aidlens.commands import process as process_cmd
from aidlens.corpus.articles import load_corpus
from aidlens.pipeline import model_id
from aidlens.processing import Extractor
from aidlens.processing.process import missing_texts, open_cache, run_pipeline
from tests.conftest import ROOT, SMALL_CSV


class CountingPipeline:
    """Wraps a real pipeline and counts the texts given to pipe()."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.texts: list[str] = []

    def pipe(self, items, **kwargs):
        def counted():
            for text, ctx in items:
                self.texts.append(text)
                yield text, ctx

        return self.nlp.pipe(counted(), **kwargs)


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_cli_writes_entities_with_exact_offsets(tmp_path, capsys) -> None:
    shutil.copy(SMALL_CSV, tmp_path / "articles.csv")
    assert cli.main(["process", str(tmp_path / "articles.csv")]) == 0
    rows = read_rows(tmp_path / "entities.csv")
    columns = ["article_id", "start", "end", "text", "label", "canonical", "origin"]
    assert list(rows[0]) == columns
    assert {r["origin"] for r in rows} == {"model"}  # no patterns.jsonl: no rules
    texts = dict((r["id"], r["text"]) for r in read_rows(tmp_path / "articles.csv"))
    assert len(rows) > 10
    for row in rows:
        assert texts[row["article_id"]][int(row["start"]) : int(row["end"])] == row["text"]
    canon = {(r["text"], r["canonical"]) for r in rows}
    assert ("The United States", "United States") in canon
    assert "4 articles, 4 processed, 0 from cache" in capsys.readouterr().out


def test_second_run_calls_the_pipeline_on_no_text(tmp_path, nlp, monkeypatch) -> None:
    shutil.copy(SMALL_CSV, tmp_path / "articles.csv")
    counting = CountingPipeline(nlp)
    monkeypatch.setattr(process_cmd, "load_pipeline", lambda name: counting)
    assert cli.main(["process", str(tmp_path / "articles.csv"), "--out", str(tmp_path / "o")]) == 0
    assert len(counting.texts) == 4
    first = (tmp_path / "o" / "entities.csv").read_bytes()
    loads = []
    monkeypatch.setattr(process_cmd, "load_pipeline", lambda name: loads.append(name))
    assert cli.main(["process", str(tmp_path / "articles.csv"), "--out", str(tmp_path / "o")]) == 0
    assert loads == []  # the pipeline is not even loaded when every text is cached
    assert (tmp_path / "o" / "entities.csv").read_bytes() == first


def test_only_new_or_changed_texts_are_processed(tmp_path, nlp, model_name) -> None:
    shutil.copy(SMALL_CSV, tmp_path / "articles.csv")
    corpus = load_corpus(tmp_path / "articles.csv")
    cache = open_cache(tmp_path, model_id(model_name))
    run_pipeline(missing_texts(corpus, cache), nlp=nlp, cache=cache)
    text = (tmp_path / "articles.csv").read_text(encoding="utf-8")
    edited = text.replace("two more IRIS-T systems", "three more IRIS-T systems")
    edited += 's5,New,2023-05-01,,,"Poland sent tanks to Ukraine."\n'
    (tmp_path / "articles.csv").write_text(edited, encoding="utf-8")
    counting = CountingPipeline(nlp)
    corpus = load_corpus(tmp_path / "articles.csv")
    run_pipeline(missing_texts(corpus, cache), nlp=counting, cache=cache)
    assert sorted(counting.texts) == sorted(
        [corpus.frame.loc[1, "text"], "Poland sent tanks to Ukraine."]
    )
    assert missing_texts(corpus, cache) == {}


def test_cache_is_keyed_by_model_version(tmp_path, model_name) -> None:
    from aidlens.pipeline import ModelId

    real = model_id(model_name)
    other = ModelId(real.name, real.version + "-other")
    assert open_cache(tmp_path, real).dir != open_cache(tmp_path, other).dir


def test_many_commits_are_compacted_and_read_back(tmp_path, nlp, model_name) -> None:
    shutil.copy(SMALL_CSV, tmp_path / "articles.csv")
    corpus = load_corpus(tmp_path / "articles.csv")
    cache = open_cache(tmp_path, model_id(model_name))
    run_pipeline(missing_texts(corpus, cache), nlp=nlp, cache=cache, commit_every=1)
    assert len(cache.signature()) == 4
    before = cache.load("entities").sort_values(["text_hash", "start"]).reset_index(drop=True)
    cache.compact()
    assert len(cache.signature()) == 1
    after = cache.load("entities").sort_values(["text_hash", "start"]).reset_index(drop=True)
    assert before.equals(after)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,title,text\n1,a,b\n", "missing required column(s) published"),
        ("id,title,published,text\n1,a,yesterday,b\n", "row 2, column 'published'"),
    ],
)
def test_cli_refuses_bad_corpus_with_exit_2(tmp_path, content, message) -> None:
    (tmp_path / "articles.csv").write_text(content, encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    proc = subprocess.run(
        [sys.executable, "-m", "aidlens", "process", str(tmp_path / "articles.csv")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # Read as --dataset, this asked for Dask; `process` has no --data.
        (["process", "--data", "FOLDER", "FOLDER/articles.csv"], "unrecognized arguments: --data"),
        (["export", "--data", "FOLDER", "--form", "csv", "--out", "FOLDER/o"], "--format --ledger"),
        (["rules", "--data", "FOLDER", "add", "--te", "Kyiv", "--label", "GPE"], "--text"),
    ],
)
def test_cli_takes_no_abbreviated_option(tmp_path, capsys, args, message) -> None:
    shutil.copy(SMALL_CSV, tmp_path / "articles.csv")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(SystemExit) as exc:
        cli.main([a.replace("FOLDER", str(tmp_path)) for a in args])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "dask" not in err.lower()
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_cli_names_what_to_install_for_unknown_model(tmp_path, capsys) -> None:
    shutil.copy(SMALL_CSV, tmp_path / "articles.csv")
    code = cli.main(["process", str(tmp_path / "articles.csv"), "--model", "xx_no_such_model"])
    assert code == 2
    err = capsys.readouterr().err
    assert "xx_no_such_model" in err and "pip install" in err


def test_rows_are_the_same_with_the_text_given_or_read_from_the_doc(nlp) -> None:
    texts = list(load_corpus(ROOT / "sample_data" / "articles.csv").frame["text"])[:6]
    extract = Extractor(nlp)
    for doc, text in zip(nlp.pipe(texts), texts, strict=True):
        from_doc = extract(doc)
        assert from_doc["amounts"] and extract(doc, text) == from_doc
        # A text the Doc was not made from (a tokenizer that rewrites) is not trusted.
        assert extract(doc, text + " More.") == from_doc
