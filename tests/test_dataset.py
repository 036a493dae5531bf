"""The monthly Parquet dataset: written by `process`, checked by its manifest, rebuilt when damaged.

A damaged partition (missing, truncated, from another extractor version) is found by
`check_dataset` and rebuilt by `ensure_dataset` from the cache; the rebuilt dataset holds exactly
the rows of the pandas path. The app says what it rebuilt.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest

from aidlens.corpus import load_aliases, load_corpus
from aidlens.pipeline import model_id
from aidlens.processing import (
    build_results,
    check_dataset,
    dataset_root,
    ensure_dataset,
    month_of,
    open_cache,
    read_manifest,
)
from aidlens.processing.dataset_key import dataset_key
from tests.conftest import ROOT


@pytest.fixture
def folder(sample_data_dir, tmp_path) -> Path:
    """Return a writable copy of the processed sample with its dataset."""
    dest = tmp_path / "data"
    shutil.copytree(sample_data_dir, dest)
    return dest


def _open(folder: Path, model_name: str):
    """Return the folder's corpus, cache and aliases."""
    corpus = load_corpus(folder / "articles.csv")
    return corpus, open_cache(folder, model_id(model_name)), load_aliases(folder)


def _problems(folder: Path, model_name: str) -> list[str]:
    """Return what check_dataset finds wrong with the folder's dataset."""
    corpus, cache, _ = _open(folder, model_name)
    months = set(month_of(corpus.frame["published"]))
    key = dataset_key(corpus, cache, folder)
    return check_dataset(dataset_root(folder), key=key, model=cache.dir.name, months=months)


def _read_back(folder: Path, table: str) -> pd.DataFrame:
    """Return every row of one table of the dataset, as its manifest lists them."""
    root = dataset_root(folder)
    manifest = read_manifest(root)
    files = [root / p["files"][table] for _, p in sorted(manifest["partitions"].items())]
    return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)


def _first_file(folder: Path, table: str) -> Path:
    """Return the file of the first month holding rows of `table`."""
    root = dataset_root(folder)
    parts = read_manifest(root)["partitions"]
    month = next(m for m, p in sorted(parts.items()) if p["rows"][table] > 0)
    return root / parts[month]["files"][table]


def _truncate(path: Path) -> None:
    """Cut the file in half, as a crash or a full disk would."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _older_version(folder: Path) -> None:
    """Mark one partition as made by an older extractor version."""
    path = dataset_root(folder) / "manifest.json"
    manifest = json.loads(path.read_text())
    first = sorted(manifest["partitions"])[0]
    manifest["partitions"][first]["version"] = "0"
    path.write_text(json.dumps(manifest))


DAMAGES = [
    ("missing entities", lambda f: _first_file(f, "entities").unlink(), "partition missing"),
    ("truncated amounts", lambda f: _truncate(_first_file(f, "amounts")), "truncated"),
    ("older version", _older_version, "extractor 0"),
    ("no manifest", lambda f: (dataset_root(f) / "manifest.json").unlink(), "no manifest"),
    (
        "wrong count",
        lambda f: _first_file(f, "entities").write_bytes(pd.DataFrame({"a": [1]}).to_parquet()),
        "rows, the manifest says",
    ),
]


def test_a_processed_folder_is_sound(sample_data_dir, model_name) -> None:
    assert _problems(sample_data_dir, model_name) == []
    corpus, cache, aliases = _open(sample_data_dir, model_name)
    results = build_results(corpus, cache, aliases)
    manifest = read_manifest(dataset_root(sample_data_dir))
    rows = [p["rows"] for p in manifest["partitions"].values()]
    assert sum(r["entities"] for r in rows) == len(results.entities)
    assert sum(r["amounts"] for r in rows) == len(results.amounts)
    assert set(manifest["partitions"]) == set(month_of(corpus.frame["published"]))


@pytest.mark.parametrize(("what", "damage", "reported"), DAMAGES, ids=[d[0] for d in DAMAGES])
def test_damage_is_found_and_rebuilt(folder, model_name, what, damage, reported) -> None:
    before = {t: _read_back(folder, t) for t in ("entities", "amounts")}
    damage(folder)
    problems = _problems(folder, model_name)
    assert any(reported in p for p in problems), problems
    told: list[list[str]] = []
    corpus, cache, aliases = _open(folder, model_name)
    ensure_dataset(corpus, cache, aliases, on_rebuild=told.append)
    assert told and any(reported in p for p in told[0])
    assert _problems(folder, model_name) == []
    for table, frame in before.items():
        assert_frame_equal(_read_back(folder, table), frame)


def test_only_changed_months_are_rewritten(folder, model_name) -> None:
    root = dataset_root(folder)
    old = read_manifest(root)["partitions"]
    articles = pd.read_csv(folder / "articles.csv")
    newest = articles["published"].max()
    articles.loc[articles["published"] == newest, "title"] = "A new title"
    first = sorted(old)[0]
    articles = articles[~articles["published"].str.startswith(first)]
    articles.to_csv(folder / "articles.csv", index=False)
    corpus, cache, aliases = _open(folder, model_name)
    ensure_dataset(corpus, cache, aliases)
    new = read_manifest(root)["partitions"]
    dropped = set(old) - set(new)
    assert dropped == {first}  # the oldest month's articles were removed
    same = [m for m in new if new[m]["files"] == old[m]["files"]]
    assert len(same) == len(new)  # a title is not in the result rows: nothing rewritten
    assert not list((root / "entities").glob(f"month={dropped.pop()}/*.parquet"))


def test_process_writes_the_dataset(folder) -> None:
    shutil.rmtree(dataset_root(folder))
    out = subprocess.run(
        [sys.executable, "-m", "aidlens", "process", str(folder / "articles.csv")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert "building the Parquet dataset (no manifest)" in out.stderr
    assert "monthly partitions" in out.stdout
    assert (folder / "entities.csv").exists() and (folder / "amounts.csv").exists()
    assert read_manifest(dataset_root(folder))["partitions"]


def test_the_app_says_what_it_rebuilt(folder, monkeypatch) -> None:
    _truncate(_first_file(folder, "entities"))
    monkeypatch.setenv("AIDLENS_DATA", str(folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    toasts = [t.value for t in at.toast]
    assert any("Rebuilt the Parquet dataset" in t and "truncated" in t for t in toasts), toasts
