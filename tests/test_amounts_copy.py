"""The app's copy of the amounts: one memory-mapped Arrow file, equal to the dataset's rows.

It is written by `process` (or by the first page that needs it), and a copy that is missing,
damaged or of another dataset is never read: the rows come from the monthly files again.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

from aidlens.processing import (
    amounts_copy,
    app_amounts,
    build_results,
    dataset_amounts,
    ensure_amounts_copy,
)
from tests.conftest import ROOT, open_dataset, sample_without

folder = sample_without(amounts_copy.COPY_NAME)  # the processed sample, no kept copy


def _dataset(folder: Path, model_name: str):
    """Return the folder's dataset and its built amounts table."""
    dataset, corpus, cache, aliases = open_dataset(folder, model_name)
    return dataset, build_results(corpus, cache, aliases).amounts


def _refuse(*args, **kwargs):
    raise AssertionError("read the monthly files although a current copy was there")


def test_the_copy_holds_the_built_table_without_sentences(folder, model_name, monkeypatch):
    dataset, built = _dataset(folder, model_name)
    first = app_amounts(dataset)  # no copy yet: read from the months, then saved
    assert (dataset.root / amounts_copy.COPY_NAME).is_file()
    assert_frame_equal(first, built.drop(columns="sentence"), check_dtype=False)
    assert_frame_equal(first, dataset_amounts(dataset, skip=("sentence",)))
    monkeypatch.setattr(amounts_copy, "dataset_amounts", _refuse)
    assert_frame_equal(app_amounts(dataset), first)  # mapped from the copy, the same frame


@pytest.mark.parametrize(
    "damage",
    ["truncated", "empty", "another dataset's", "fewer rows"],
)
def test_a_bad_copy_is_never_read(folder, model_name, damage):
    dataset, built = _dataset(folder, model_name)
    path = dataset.root / amounts_copy.COPY_NAME
    expected = built.drop(columns="sentence")
    if damage == "truncated":
        amounts_copy.save_amounts_copy(dataset, built)
        path.write_bytes(path.read_bytes()[:200])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "another dataset's":
        amounts_copy.save_amounts_copy(replace(dataset, key="0" * 32), built)
    else:
        amounts_copy.save_amounts_copy(dataset, built.iloc[:-1])
    assert_frame_equal(app_amounts(dataset), expected, check_dtype=False)
    # ... and the copy was written again, current.
    assert amounts_copy._read_copy(dataset) is not None


def test_ensure_writes_only_when_the_copy_is_not_current(folder, model_name, monkeypatch):
    dataset, built = _dataset(folder, model_name)
    ensure_amounts_copy(dataset, built)
    assert amounts_copy._read_copy(dataset) is not None
    monkeypatch.setattr(amounts_copy, "save_amounts_copy", _refuse)
    ensure_amounts_copy(dataset, built)  # current: not written again


def test_process_writes_the_copy(folder):
    path = folder / "cache" / "dataset" / amounts_copy.COPY_NAME
    done = subprocess.run(
        [sys.executable, "-m", "aidlens", "process", str(folder / "articles.csv")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert path.is_file()
