"""The Data page's Training section under AppTest: train, see the report, switch models."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from aidlens.pipeline import model_id
from tests.conftest import ROOT
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
