"""The checked copy of annotations.csv in the cache: a new process skips checks, never a change."""

from __future__ import annotations

import json
import shutil

import pytest

from aidlens.annotations import files as files_module
from aidlens.annotations.files import ANNOTATIONS
from aidlens.annotations.records import SpanRowCheck
from aidlens.annotations.snapshot import SHARDS, read_shards, shard_of, snapshot_folder
from aidlens.annotations.store import AnnotationStore
from tests.store_helpers import LABELS, TEXTS, make_folder, open_store, sp

SAVES = (("a1", "Berlin", "GPE"), ("a2", "Kyiv", "GPE"), ("a3", "NATO", "ORG"))


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A folder with three saved articles; every store counts as large (it keeps shards)."""
    monkeypatch.setattr(files_module, "MIN_ROWS", 1)
    folder = make_folder(tmp_path / "data")
    store = open_store(folder)
    for a, phrase, label in SAVES:
        store.save(a, [sp(a, phrase, label)], annotator="ann", base_revision=0)
    return folder


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """Record the article id of every annotations.csv row the store checks."""
    seen: list[str] = []
    original = SpanRowCheck.__call__

    def counting(self, fields, earlier, text):
        seen.append(fields[0])
        return original(self, fields, earlier, text)

    monkeypatch.setattr(SpanRowCheck, "__call__", counting)
    return seen


def shards(folder) -> list:
    """Return the shard files of a folder."""
    return sorted(snapshot_folder(folder).glob("*.json"))


def full_parse(folder, texts=TEXTS, labels=LABELS) -> AnnotationStore:
    """Return a store that read the folder with no shards at all (its own are thrown away)."""
    away = snapshot_folder(folder).with_name("away")
    snapshot_folder(folder).rename(away)
    try:
        return AnnotationStore(folder, texts, labels)
    finally:
        shutil.rmtree(snapshot_folder(folder), ignore_errors=True)
        away.rename(snapshot_folder(folder))


def full_parse_states(folder) -> dict:
    """Return the states a store reads with no shards at all."""
    return full_parse(folder).states()


def test_saves_keep_the_shards_so_a_new_process_checks_no_row(folder, checks) -> None:
    assert {p.name for p in shards(folder)} == {
        f"annotations-{shard_of(a):03d}.json" for a, _, _ in SAVES
    }
    states = open_store(folder).states()
    assert checks == []
    assert states == full_parse_states(folder)
    assert [s.text for s in states["a2"].spans] == ["Kyiv"]


def test_a_save_from_another_process_is_in_the_shards_too(folder, checks) -> None:
    mine = open_store(folder)
    open_store(folder).save("a2", [sp("a2", "Kyiv", "ORG")], annotator="b", base_revision=1)
    assert [s.label for s in mine.get("a2").spans] == ["ORG"]
    checks.clear()
    states = open_store(folder).states()
    assert checks == []
    assert states == full_parse_states(folder)


def test_rows_added_by_hand_are_checked_and_the_rest_is_not(folder, checks) -> None:
    path = folder / ANNOTATIONS
    text = TEXTS["a4"]
    start = text.index("Tallinn")
    with path.open("a", encoding="utf-8", newline="") as fh:
        fh.write(f"a4,{start},{start + 7},Tallinn,GPE,human,hand,t\n")
    states = open_store(folder).states()
    assert checks == ["a4"]
    assert states == full_parse_states(folder)
    assert [s.text for s in states["a4"].spans] == ["Tallinn"]


def test_a_full_check_of_a_large_file_writes_every_shard(folder, checks) -> None:
    for p in shards(folder):
        p.unlink()
    open_store(folder).states()
    assert len(shards(folder)) == SHARDS
    checks.clear()
    open_store(folder).states()
    assert checks == []


def test_an_article_whose_text_changed_is_checked_again(folder, checks) -> None:
    texts = {**TEXTS, "a2": "Kyiv" + TEXTS["a2"]}  # the saved span no longer fits the text
    store = AnnotationStore(folder, texts, LABELS)
    assert checks == ["a2"]
    [problem] = store.problems
    assert problem.row == 3 and problem.file.endswith(ANNOTATIONS)
    assert full_parse(folder, texts).problems == (problem,)
    assert store.get("a2").spans == () and len(store.get("a3").spans) == 1


def test_an_article_gone_from_the_corpus_is_an_orphan_again(folder) -> None:
    texts = {a: t for a, t in TEXTS.items() if a != "a3"}
    store = AnnotationStore(folder, texts, LABELS)
    assert store.orphans == ("a3",)
    assert set(store.states()) == {"a1", "a2"}


def test_other_labels_make_the_snapshot_unusable(folder, checks) -> None:
    labels = tuple(label for label in LABELS if label != "ORG")
    store = AnnotationStore(folder, TEXTS, labels)
    assert sorted(set(checks)) == ["a1", "a2", "a3"]
    assert [p.column for p in store.problems] == ["label"]
    assert store.get("a3").spans == () and len(store.get("a1").spans) == 1


def test_a_hand_edit_in_the_middle_is_reported_at_its_row(folder) -> None:
    path = folder / ANNOTATIONS
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",GPE,", ",GEP,")  # the a2 row, line 3 of the file
    path.write_text("".join(lines), encoding="utf-8")
    store = open_store(folder)
    assert [(p.row, p.column) for p in store.problems] == [(3, "label")]
    assert store.get("a2").spans == () and len(store.get("a3").spans) == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"\xff\xfe" + raw,
        lambda raw: json.dumps({"format": 99}).encode(),
        lambda raw: json.dumps({"format": 1, "labels": sorted(LABELS), "articles": 5}).encode(),
        lambda raw: b"[]",
    ],
    ids=["truncated", "not-utf8", "other-format", "bad-articles", "not-an-object"],
)
def test_damaged_shards_cost_a_full_check_never_a_wrong_span(folder, checks, damage) -> None:
    for path in shards(folder):
        path.write_bytes(damage(path.read_bytes()))
    states = open_store(folder).states()
    assert sorted(set(checks)) == ["a1", "a2", "a3"]
    assert states == full_parse_states(folder)


@pytest.mark.parametrize(
    "row", [["0", 6, "Berlin", "GPE", "human", "ann", "t"], [0, 6, "Berlin", "GPE"]]
)
def test_a_shard_span_of_the_wrong_shape_is_not_used(folder, checks, row) -> None:
    path = snapshot_folder(folder) / f"annotations-{shard_of('a1'):03d}.json"
    doc = json.loads(path.read_bytes())
    [entry] = [e for e in doc["articles"] if e[0] == "a1"]
    entry[4][0] = row
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert open_store(folder).states() == full_parse_states(folder)
    assert "a1" in checks


def test_a_small_store_writes_no_shards(tmp_path) -> None:
    folder = make_folder(tmp_path / "data")
    store = open_store(folder)
    store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="ann", base_revision=0)
    open_store(folder).states()
    assert not snapshot_folder(folder).exists()  # one row is below MIN_ROWS


def test_a_cache_that_cannot_be_written_still_opens_and_saves(folder) -> None:
    cache = snapshot_folder(folder)
    for p in shards(folder):
        p.unlink()
    cache.rmdir()
    cache.write_text("a file where the folder should be", encoding="utf-8")
    store = open_store(folder)
    assert set(store.states()) == {"a1", "a2", "a3"}
    store.save("a4", [sp("a4", "Tallinn", "GPE")], annotator="b", base_revision=0)
    assert set(open_store(folder).states()) == {"a1", "a2", "a3", "a4"}
    assert cache.read_text(encoding="utf-8") == "a file where the folder should be"


def test_the_shards_give_the_articles_back_in_file_order(folder) -> None:
    store = open_store(folder)
    store.save("a4", [sp("a4", "Tallinn", "GPE")], annotator="b", base_revision=0)
    store.save("a1", [sp("a1", "Berlin", "LOC")], annotator="b", base_revision=1)
    store.save("a2", [], annotator="b", base_revision=1)  # its rows leave the file
    seed = read_shards(snapshot_folder(folder), LABELS, TEXTS)
    written = (folder / ANNOTATIONS).read_text(encoding="utf-8").splitlines()[1:]
    assert list(seed.blocks) == list(dict.fromkeys(line.split(",")[0] for line in written))
    assert list(seed.blocks) == ["a1", "a3", "a4"]
