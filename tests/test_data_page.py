"""The Data page under AppTest, on a writable processed copy of the small corpus."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest
import spacy
from spacy.tokens import DocBin
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from aidlens.annotations.spans import known_labels, new_span
from aidlens.annotations.store import AnnotationStore
from aidlens.corpus.articles import load_corpus
from aidlens.pipeline import resolve_model_name
from tests.conftest import ROOT

HEADER = "id,title,published,source,url,text\n"
NEW_ARTICLE = (
    's5,Nordic package,2023-05-02,Test Wire,,"Norway will give Ukraine more aid, '
    'Jonas Gahr Store said in Oslo."\n'
)
HOSTILE_NAME = "<img src=x onerror=alert('name')>[x](javascript:alert(1)).csv"


def open_store(folder: Path) -> AnnotationStore:
    """Return a store on the folder's corpus, as the app builds it."""
    frame = load_corpus(folder / "articles.csv").frame
    texts = dict(zip(frame["id"], frame["text"], strict=True))
    return AnnotationStore(folder, texts, known_labels(folder, resolve_model_name()))


def span(store: AnnotationStore, article_id: str, phrase: str, label: str):
    """Return the checked span of the first `phrase` in an article."""
    text = store.text(article_id)
    start = text.index(phrase)
    return new_span(text, start, start + len(phrase), label, store.labels)


def annotate_s1(folder: Path, *, annotator: str = "ann", status: str = "done") -> None:
    """Save a correction of s1 through the store: Ukraine as a person (wrong on purpose)."""
    store = open_store(folder)
    spans = [
        span(store, "s1", "United States", "GPE"),
        span(store, "s1", "Ukraine", "PERSON"),
        span(store, "s1", "Antony Blinken", "PERSON"),
    ]
    store.save("s1", spans, annotator=annotator, base_revision=0, status=status)


def folder_hashes(folder: Path) -> dict[str, str]:
    """Return path -> SHA-256 of every file under the folder."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def data_page(folder: Path, monkeypatch) -> AppTest:
    """Return the app switched to the Data page on `folder`."""
    monkeypatch.setenv("AIDLENS_DATA", str(folder))
    monkeypatch.delenv("AIDLENS_PASSWORD", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("app_pages/data.py").run()
    assert not at.exception
    return at


def upload(at: AppTest, name: str, content: bytes, mode: str = "add") -> AppTest:
    """Pick the mode, upload a file and run the page."""
    at.radio(key="data_mode").set_value(mode)
    at.file_uploader[0].set_value((name, content, "text/csv"))
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    """Return label -> value of the page's metrics."""
    return {m.label: m.value for m in at.metric}


def outside_fences(markdown: str) -> str:
    """Return the Markdown with its fenced code blocks (any fence length) left out."""
    return re.sub(r"^(`{3,})text\n.*?\n\1$", "", markdown, flags=re.S | re.M)


def test_figures_and_empty_states(fresh_small_dir, monkeypatch) -> None:
    at = data_page(fresh_small_dir, monkeypatch)
    figures = metrics(at)
    assert figures["Articles"] == "4"
    assert int(figures["Entities"]) > 10
    assert (figures["Annotated articles"], figures["Done"]) == ("0", "0")
    assert any("Nothing is annotated yet" in i.value for i in at.info)
    assert all(b.proto.disabled for b in at.get("download_button"))
    assert at.file_uploader  # open editing: the uploader is there


def test_figures_count_corrections_and_bad_rows(fresh_small_dir, monkeypatch) -> None:
    annotate_s1(fresh_small_dir)
    with open(fresh_small_dir / "annotations.csv", "a", encoding="utf-8") as fh:
        fh.write("s2,0,7,<b>Germany</b>,GPE,human,ann,2024-01-01T00:00:00Z\n")
    at = data_page(fresh_small_dir, monkeypatch)
    figures = metrics(at)
    assert (figures["Annotated articles"], figures["Done"]) == ("1", "1")
    [warning] = at.warning
    assert "1 row(s)" in warning.value and "column 'text'" in warning.value
    assert "<b>Germany</b>" not in outside_fences(warning.value)


BAD_UPLOADS = [  # name, content, what the error names
    (
        "dates.csv",
        HEADER + "z1,T,2023-01-01,,,x\nz2,T,2023-13-45,,,y\n",
        "row 3, column 'published'",
    ),
    ("dupes.csv", HEADER + "z1,T,2023-01-01,,,x\nz1,T,2023-01-02,,,y\n", "row 3, column 'id'"),
    ("empty-text.csv", HEADER + "z1,T,2023-01-01,,,   \n", "row 2, column 'text'"),
    ("columns.csv", "id,title,text\nz1,T,x\n", "missing required column(s) published"),
    ("empty.csv", "", "the file is empty"),
    ("binary.csv", "PK\x03\x04\x00\x00binary", "binary file"),
    (HOSTILE_NAME, HEADER + "z1,T,soon,,,x\n", "row 2, column 'published'"),
    ("````` <b>fence</b> ```.csv", HEADER + "z1,T,,,,x\n", "row 2, column 'published'"),
]


@pytest.mark.parametrize(("name", "content", "named"), BAD_UPLOADS)
def test_bad_upload_is_refused_and_changes_nothing(
    fresh_small_dir, monkeypatch, name, content, named
) -> None:
    annotate_s1(fresh_small_dir)
    before = folder_hashes(fresh_small_dir)
    at = upload(data_page(fresh_small_dir, monkeypatch), name, content.encode("latin-1"))
    [error] = at.error
    assert named in error.value
    assert name in error.value  # the file is named, inside the literal block only
    assert name not in outside_fences(error.value)
    assert not [b for b in at.button if b.key == "data_confirm"]  # nothing to confirm
    at.run()  # a rerun keeps refusing and still writes nothing
    assert len(at.error) == 1
    assert folder_hashes(fresh_small_dir) == before


def test_oversized_upload_is_refused(fresh_small_dir, monkeypatch) -> None:
    monkeypatch.setenv("AIDLENS_MAX_UPLOAD_MB", "1")
    before = folder_hashes(fresh_small_dir)
    big = (HEADER + NEW_ARTICLE * 20_000).encode()
    at = upload(data_page(fresh_small_dir, monkeypatch), "big.csv", big)
    assert "over the 1 MB limit" in at.error[0].value
    assert folder_hashes(fresh_small_dir) == before


def test_good_upload_confirmed_adds_articles_and_keeps_annotations(
    fresh_small_dir, monkeypatch
) -> None:
    annotate_s1(fresh_small_dir)
    annotations = (fresh_small_dir / "annotations.csv").read_bytes()
    s1 = load_corpus(fresh_small_dir / "articles.csv").frame.iloc[0]
    changed_s1 = f's1,{s1["title"]},2023-01-05,AidLens Wire,,"{s1["text"]} More later."\n'
    before = folder_hashes(fresh_small_dir)
    at = upload(
        data_page(fresh_small_dir, monkeypatch),
        "more.csv",
        (HEADER + changed_s1 + NEW_ARTICLE).encode(),
    )
    plan = metrics(at)
    assert (plan["Added"], plan["Updated"], plan["Removed"], plan["Unchanged"]) == (
        "1",
        "1",
        "0",
        "0",
    )
    assert "1 annotated article(s) change" in at.warning[0].value
    affected = at.dataframe[0].value
    assert list(affected["id"]) == ["s1"] and list(affected["change"]) == ["text changes"]
    assert folder_hashes(fresh_small_dir) == before  # shown, not written

    at.button(key="data_confirm").click().run()
    assert not at.exception
    assert "now holds 5 article(s): 1 added, 1 updated, 0 removed" in at.success[0].value
    corpus = load_corpus(fresh_small_dir / "articles.csv").frame
    assert list(corpus["id"]) == ["s2", "s3", "s4", "s1", "s5"]
    assert corpus.set_index("id").loc["s1", "text"].endswith("More later.")
    assert (fresh_small_dir / "annotations.csv").read_bytes() == annotations
    figures = metrics(at)
    assert (figures["Articles"], figures["Annotated articles"]) == ("5", "1")
    assert at.file_uploader[0].key == "data_file_1"  # the uploader starts empty again
    assert at.file_uploader[0].value is None


def test_replace_keeps_the_annotations_of_removed_articles(fresh_small_dir, monkeypatch) -> None:
    annotate_s1(fresh_small_dir)
    annotations = (fresh_small_dir / "annotations.csv").read_bytes()
    at = upload(
        data_page(fresh_small_dir, monkeypatch),
        "new.csv",
        (HEADER + NEW_ARTICLE).encode(),
        "replace",
    )
    assert (metrics(at)["Added"], metrics(at)["Removed"]) == ("1", "4")
    affected = at.dataframe[0].value
    assert list(affected["id"]) == ["s1"]
    assert list(affected["change"]) == ["removed from the corpus"]
    at.button(key="data_confirm").click().run()
    assert list(load_corpus(fresh_small_dir / "articles.csv").frame["id"]) == ["s5"]
    assert (fresh_small_dir / "annotations.csv").read_bytes() == annotations
    assert any("no longer in the corpus" in i.value and "s1" in i.value for i in at.info)


def test_plan_changed_since_shown_is_not_written(fresh_small_dir, monkeypatch) -> None:
    at = upload(data_page(fresh_small_dir, monkeypatch), "new.csv", (HEADER + NEW_ARTICLE).encode())
    assert metrics(at)["Added"] == "1"
    with open(fresh_small_dir / "articles.csv", "a", encoding="utf-8") as fh:
        fh.write("s6,Someone else's upload,2023-06-01,,,Poland sent more aid to Ukraine.\n")
    before = (fresh_small_dir / "articles.csv").read_bytes()
    at.button(key="data_confirm").click().run()
    assert "changed since the plan was shown" in at.warning[-1].value
    assert (fresh_small_dir / "articles.csv").read_bytes() == before
    at.button(key="data_confirm").click().run()  # the plan now shown is the one written
    assert list(load_corpus(fresh_small_dir / "articles.csv").frame["id"])[-2:] == ["s6", "s5"]


def test_disk_full_on_confirm_loses_nothing(fresh_small_dir, monkeypatch) -> None:
    annotate_s1(fresh_small_dir)
    # Replace with a subset: no new text to process, so the write is what fails.
    frame = load_corpus(fresh_small_dir / "articles.csv").frame
    row = frame.iloc[1]
    subset = HEADER + f's2,{row["title"]},2023-02-10T09:30:00,,,"{row["text"]}"\n'
    at = upload(data_page(fresh_small_dir, monkeypatch), "subset.csv", subset.encode(), "replace")
    before = folder_hashes(fresh_small_dir)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", full)
        at.button(key="data_confirm").click().run()
    assert not at.exception
    assert "could not be written" in at.error[0].value and "full" in at.error[0].value
    after = folder_hashes(fresh_small_dir)
    assert {name: after[name] for name in before} == before  # every file as it was
    assert set(after) - set(before) <= {"articles.csv.lock"}  # no temp file left behind


def test_read_only_without_the_password(fresh_small_dir, monkeypatch) -> None:
    monkeypatch.setenv("AIDLENS_DATA", str(fresh_small_dir))
    monkeypatch.setenv("AIDLENS_PASSWORD", "s3cret")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("app_pages/data.py").run()
    assert not at.file_uploader
    assert any("read-only" in i.value for i in at.info)
    assert metrics(at)["Articles"] == "4"  # reading stays open


def test_exports_are_made_on_click_with_the_right_content(fresh_small_dir, monkeypatch) -> None:
    annotate_s1(fresh_small_dir, annotator="=1+1")  # a name a spreadsheet would run
    made: dict[str, object] = {}
    add_deferred = MediaFileManager.add_deferred

    def capture(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        made[file_name] = data_callable
        return add_deferred(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", capture)
    at = data_page(fresh_small_dir, monkeypatch)
    assert not any(b.proto.disabled for b in at.get("download_button"))
    assert set(made) == {"aidlens-gold.csv", "aidlens-gold.jsonl", "aidlens-gold.spacy"}

    rows = list(
        pd.read_csv(io.BytesIO(made["aidlens-gold.csv"]()), dtype=str).itertuples(index=False)
    )
    assert [(r.article_id, r.text, r.label, r.annotator) for r in rows] == [
        ("s1", "United States", "GPE", "'=1+1"),
        ("s1", "Ukraine", "PERSON", "'=1+1"),
        ("s1", "Antony Blinken", "PERSON", "'=1+1"),
    ]
    [line] = made["aidlens-gold.jsonl"]().decode().splitlines()
    doc = json.loads(line)
    assert doc["id"] == "s1" and len(doc["spans"]) == 3
    assert {doc["text"][s["start"] : s["end"]] for s in doc["spans"]} == {
        "United States",
        "Ukraine",
        "Antony Blinken",
    }
    docs = list(DocBin().from_bytes(made["aidlens-gold.spacy"]()).get_docs(spacy.blank("en").vocab))
    assert [(e.text, e.label_) for e in docs[0].ents] == [
        ("United States", "GPE"),
        ("Ukraine", "PERSON"),
        ("Antony Blinken", "PERSON"),
    ]

    made.clear()
    at.checkbox(key="data_export_raw").check().run()
    assert b"\n" in made["aidlens-gold.csv"]() and b",=1+1," in made["aidlens-gold.csv"]()


def test_evaluation_after_a_saved_correction(fresh_small_dir, monkeypatch) -> None:
    at = data_page(fresh_small_dir, monkeypatch)
    assert any("nothing to score" in i.value for i in at.info)
    annotate_s1(fresh_small_dir, status="in_progress")
    at.run()
    assert any("No article is marked done yet" in i.value for i in at.info)
    at.toggle(key="data_all").set_value(True).run()
    scores = at.dataframe[-1].value.set_index("label")
    assert "overall" in scores.index and "PERSON" in scores.index
    # Ukraine is gold PERSON but the model says GPE: PERSON recall is below 1, GPE precision too.
    assert scores.loc["PERSON", "recall"] < 1 and scores.loc["PERSON", "support"] == 2
    assert scores.loc["GPE", "precision"] < 1
    [chart] = at.get("vega_lite_chart")
    assert json.loads(chart.proto.spec)["encoding"]["x"]["field"] == "f1"
