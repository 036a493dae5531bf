"""The corrections' tables saved beside the dataset: a new process reads them, never stale ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from aidlens.annotations import AnnotationStore, Span, known_labels
from aidlens.corpus import load_aliases, load_corpus
from aidlens.pipeline import model_id
from aidlens.processing import ensure_dataset, open_cache
from aidlens.query import DataQuery, entity_total, saved_corrections
from aidlens.query import engine as engine_module
from aidlens.query.saved_corrections import TABLES, saved_folder


class Folder:
    """A processed data folder with corrected articles, opened as a new process would."""

    def __init__(self, path: Path, model_name: str):
        self.path, self.model_name = path, model_name
        self.corpus = load_corpus(path / "articles.csv")
        self.texts = dict(zip(self.corpus.frame["id"], self.corpus.frame["text"], strict=True))
        self.aliases = load_aliases(path)
        cache = open_cache(path, model_id(model_name))
        self.dataset = ensure_dataset(self.corpus, cache, self.aliases)

    def store(self, labels: tuple[str, ...] | None = None) -> AnnotationStore:
        """Return a new store of the folder (its known labels unless given)."""
        labels = labels or tuple(known_labels(self.path, self.model_name))
        return AnnotationStore(self.path, self.texts, labels)

    def query(self, labels: tuple[str, ...] | None = None, aliases: dict | None = None):
        """Return a new query over the dataset, synced once with a new store."""
        published = self.corpus.frame.set_index("id")["published"]
        q = DataQuery(self.dataset, published, self.aliases if aliases is None else aliases)
        q.sync(self.store(labels))
        return q

    def built(self, labels: tuple[str, ...] | None = None, aliases: dict | None = None):
        """Return a new query whose first sync builds the tables, reading no saved file."""
        with pytest.MonkeyPatch.context() as m:
            m.setattr(engine_module, "load_saved", lambda *args: False)
            m.setattr(engine_module, "save", lambda *args: False)
            return self.query(labels, aliases)

    @property
    def files(self) -> list[Path]:
        """Return the saved tables' files."""
        folder = saved_folder(self.dataset.root)
        return sorted(folder.glob("*.parquet")) if folder.is_dir() else []


def tables(q: DataQuery, without: str = "") -> dict[str, pd.DataFrame]:
    """Return the three correction tables of a query in a fixed order, less `without` columns."""
    drop = f" EXCLUDE ({without})" if without else ""
    return {
        t: q.frame(f"SELECT *{drop if t == 'corrected' else ''} FROM {t} ORDER BY ALL")
        for t in TABLES
    }


def assert_same_tables(a: DataQuery, b: DataQuery, without: str = "") -> None:
    """Assert two queries hold the same correction tables, row for row."""
    pairs = zip(tables(a, without).items(), tables(b, without).values(), strict=True)
    for (name, left), right in pairs:
        assert_frame_equal(left, right, obj=name)


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """Record every time a query builds the correction tables (how many articles)."""
    seen: list[int] = []
    original = DataQuery._replace

    def counting(self, changed, states):
        seen.append(len(changed))
        return original(self, changed, states)

    monkeypatch.setattr(DataQuery, "_replace", counting)
    return seen


@pytest.fixture
def folder(sample_data_dir, tmp_path, model_name, monkeypatch) -> Folder:
    """A copy of the processed sample with three corrected articles; any store counts as large."""
    monkeypatch.setattr(saved_corrections, "MIN_ROWS", 1)
    path = tmp_path / "data"
    shutil.copytree(sample_data_dir, path)
    f = Folder(path, model_name)
    store = f.store()
    for n, article in enumerate(list(f.texts)[:3]):
        spans = [Span(0, 3, f.texts[article][:3], "ORG")] if n < 2 else []
        store.save(article, spans, annotator="ann", base_revision=0, status="done")
    return f


def test_a_new_process_reads_the_tables_the_first_one_built(folder, builds) -> None:
    first = folder.query()
    assert builds == [3] and len(folder.files) == len(TABLES)
    second = folder.query()
    assert builds == [3]  # read, not built again
    assert_same_tables(first, second)
    assert entity_total(second) == entity_total(first)


def _save_elsewhere(folder: Folder) -> dict:
    """Save one more article through another store, as a peer process would."""
    article = list(folder.texts)[5]
    folder.store().save(article, [], annotator="peer", base_revision=0, status="done")
    return {}


def _other_labels(folder: Folder) -> dict:
    """Open the store with one label fewer: other spans are valid."""
    labels = known_labels(folder.path, folder.model_name)
    return {"labels": tuple(label for label in labels if label != "ORG")}


def _other_aliases(folder: Folder) -> dict:
    """Give the query another alias table: other canonical names."""
    return {"aliases": {**folder.aliases, "Ukraine": "Ukraina"}}


@pytest.mark.parametrize("change", [_save_elsewhere, _other_labels, _other_aliases])
def test_tables_saved_from_other_content_are_not_read(folder, builds, change) -> None:
    folder.query()
    given = change(folder)
    q = folder.query(**given)
    assert len(builds) == 2  # built again, for the new content
    assert_same_tables(q, folder.built(**given))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:100])


def _garbage(path: Path) -> None:
    path.write_bytes(b"PAR1 not a parquet file PAR1")


def _remove(path: Path) -> None:
    path.unlink()


@pytest.mark.parametrize("damage", [_truncate, _garbage, _remove])
@pytest.mark.parametrize("table", TABLES)
def test_damaged_files_are_built_again_never_read_wrong(folder, builds, damage, table) -> None:
    first = folder.query()
    damage(next(p for p in folder.files if p.name.endswith(f"-{table}.parquet")))
    second = folder.query()
    assert len(builds) == 2
    assert_same_tables(first, second)
    assert len(folder.files) == len(TABLES)  # written whole again
    assert_same_tables(first, folder.query())
    assert len(builds) == 2  # and read by the next process


def test_another_tables_file_of_the_right_key_is_not_read(folder, builds) -> None:
    first = folder.query()
    corrected, touched = (next(p for p in folder.files if f"-{t}." in p.name) for t in TABLES[:2])
    shutil.copy(touched, corrected)  # the wrong columns under the right name
    assert_same_tables(first, folder.query())
    assert len(builds) == 2


def test_a_save_after_reading_the_tables_shows_on_the_next_sync(folder, builds) -> None:
    folder.query()
    q = folder.query()
    store = folder.store()
    article = list(folder.texts)[0]
    state = store.get(article)
    store.save(article, [], annotator="ann", base_revision=state.revision)
    q.sync(store)
    assert builds == [3, 1]
    assert q.frame(f"SELECT * FROM corrected WHERE article_id = '{article}'").empty
    # `seq` numbers the rows of one sync's batch, so a later sync's rows restart it.
    assert_same_tables(q, folder.built(), without="seq")


def test_only_the_latest_content_keeps_its_files(folder) -> None:
    folder.query()
    before = {p.name for p in folder.files}
    _save_elsewhere(folder)
    folder.query()
    after = {p.name for p in folder.files}
    assert len(after) == len(TABLES) and not before & after


def test_a_small_store_writes_no_files(folder, monkeypatch) -> None:
    monkeypatch.setattr(saved_corrections, "MIN_ROWS", 5_000)
    folder.query()
    assert folder.files == []


def test_a_folder_that_cannot_be_written_still_syncs(folder, builds) -> None:
    saved_folder(folder.dataset.root).write_text("a file where the folder would be")
    first = folder.query()
    second = folder.query()
    assert len(builds) == 2 and entity_total(first) == entity_total(second)


def test_a_write_that_fails_half_way_leaves_no_file_behind(folder, builds) -> None:
    def refuse(src, dst):
        raise OSError("disk full")

    with pytest.MonkeyPatch.context() as m:
        m.setattr(saved_corrections.os, "replace", refuse)
        first = folder.query()
    assert list(saved_folder(folder.dataset.root).iterdir()) == []  # no copy, no half file
    assert_same_tables(first, folder.query())
    assert len(builds) == 2  # nothing was saved, so the next process built them again
