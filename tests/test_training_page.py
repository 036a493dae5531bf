"""The Data page's Training section under AppTest: train, see the report, switch models."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from aidlens.annotations.spans import known_labels, new_span
from aidlens.annotations.store import AnnotationStore
from aidlens.corpus.articles import load_corpus
from aidlens.errors import TrainingError
from aidlens.pipeline import model_id, resolve_model_name
from aidlens.training.demo import demo_edits, load_demo_gold
from tests.conftest import ROOT
from tests.store_helpers import folder_hash
from tests.test_train import GOLD, TRAIN_CSV, data, gold_folder, save_gold  # noqa: F401


def data_page(folder: Path, models: Path, monkeypatch, password: str = "") -> AppTest:
    """Return the app on the Data page of `folder`, training into `models`."""
    monkeypatch.setenv("AIDLENS_DATA", str(folder))
    monkeypatch.setenv("AIDLENS_MODELS_DIR", str(models))
    monkeypatch.setenv("AIDLENS_PASSWORD", password)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    at.switch_page("app_pages/data.py").run()
    assert not at.exception
    return at


def texts(at: AppTest) -> str:
    """Return every caption, info, success and error text on the page (Markdown source)."""
    return "\n".join(e.value for e in [*at.caption, *at.info, *at.success, *at.error])


def keys(at: AppTest) -> set[str]:
    """Return the keys of the page's buttons."""
    return {b.key for b in at.button}


def model_caches(folder: Path) -> list[str]:
    """Return the model keys the folder's result cache holds."""
    return sorted(p.name for p in (folder / "cache").iterdir() if p.is_dir())


def test_train_then_use_the_model_and_switch_back(data, tmp_path, monkeypatch) -> None:  # noqa: F811
    models = tmp_path / "models"
    at = data_page(data, models, monkeypatch)
    assert "No model has been trained on this folder" in texts(at)
    assert "data_train_use" not in keys(at)
    base_caches = model_caches(data)
    try:
        at.button(key="data_train_start").click().run()
        assert not at.exception
        assert "Trained a model: held-out F1" in texts(at)
        [trained] = [p for p in models.iterdir() if not p.name.startswith(".")]
        metrics = {m.label for m in at.metric}
        assert {"Base model: F1", "Base + rules: F1", "Trained model: F1"} <= metrics
        [table] = [d.value for d in at.dataframe if "trained_f" in d.value.columns]
        assert list(table["label"])[-1] == "overall (micro)"
        assert {"base_f", "rules_f", "trained_f"} <= set(table.columns)
        at.button(key="data_train_use").click().run()
        assert not at.exception
        assert f"The app uses the model {trained}." in texts(at).replace("\\", "")
        slug = model_id(str(trained)).slug
        # The trained model's results are cached apart, and the base model's stay.
        assert [c for c in model_caches(data) if c.startswith(slug + "-")]
        assert set(base_caches) < set(model_caches(data))
        assert "data_train_use" not in keys(at)
    finally:
        if "data_train_default" in keys(at):
            at.button(key="data_train_default").click().run()
    assert "data_train_default" not in keys(at)
    assert "data_train_use" in keys(at)


@pytest.mark.parametrize("password", ["secret"])
def test_read_only_sessions_see_the_report_but_no_buttons(
    data,  # noqa: F811
    tmp_path,
    monkeypatch,
    password,
) -> None:
    at = data_page(data, tmp_path / "models", monkeypatch, password=password)
    assert "read-only for you: unlock editing in the sidebar to train" in texts(at)
    assert not keys(at) & {"data_train_start", "data_train_use", "data_train_default"}


def test_training_too_little_gold_is_refused_on_the_page(tmp_path, monkeypatch, model_name) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(TRAIN_CSV, folder / "articles.csv")
    save_gold(folder, model_name, sorted(GOLD)[:3])
    at = data_page(folder, tmp_path / "models", monkeypatch)
    at.button(key="data_train_start").click().run()
    assert not at.exception
    assert "Training was refused; nothing was written." in texts(at)
    assert "only 3 article(s) are marked done" in texts(at).replace("\\", "")
    assert not (tmp_path / "models").exists()


def test_the_sample_gold_loads_as_a_demo_once(sample_data_dir, tmp_path, monkeypatch) -> None:
    folder = Path(shutil.copytree(sample_data_dir, tmp_path / "sample"))
    at = data_page(folder, tmp_path / "models", monkeypatch)
    at.button(key="data_train_demo").click().run()
    assert not at.exception
    assert "Loaded the sample's gold set: 44 articles marked done." in texts(at)
    assert {m.label: m.value for m in at.metric}["Done"] == "44"
    assert "data_train_demo" not in keys(at)  # never over annotations
    rows = (folder / "annotations.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + 2376
    assert not (ROOT / "sample_data" / "annotations.csv").exists()


def open_store(folder: Path) -> AnnotationStore:
    """Return the folder's annotation store, as the app opens it."""
    frame = load_corpus(folder / "articles.csv").frame
    texts_by_id = dict(zip(frame["id"], frame["text"], strict=True))
    return AnnotationStore(folder, texts_by_id, known_labels(folder, resolve_model_name()))


@pytest.mark.parametrize("case", ["other articles", "annotated sample"])
def test_no_demo_for_other_articles_or_over_annotations(case, tmp_path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(TRAIN_CSV if case == "other articles" else ROOT / "sample_data" / "articles.csv",
                folder / "articles.csv")  # fmt: skip
    store = open_store(folder)
    if case == "annotated sample":
        text = store.text("A001")
        span = new_span(text, 0, text.index(" "), "GPE", store.labels)
        store.save("A001", [span], annotator="ann", base_revision=0)
    assert demo_edits(store) == ()
    before = folder_hash(folder)
    with pytest.raises(TrainingError, match="nothing annotated yet"):
        load_demo_gold(store)
    assert folder_hash(folder) == before
