"""The aid chart's candidate rows kept beside the dataset: equal to what the page would make.

`process` writes them when no review applies (reviewed amounts change on every save, and are
prepared in memory); a copy that is missing, damaged or of another dataset is never read.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

from aidlens.analysis import (
    aid_candidates,
    candidates_copy,
    counted,
    ensure_extracted_candidates,
    extracted_candidates,
)
from aidlens.processing import app_amounts
from tests.conftest import ROOT, open_dataset, sample_without

folder = sample_without(candidates_copy.COPY_NAME)  # the processed sample, no kept copy


def _dataset(folder: Path, model_name: str):
    """Return the folder's dataset and its amounts as the app maps them."""
    dataset = open_dataset(folder, model_name)[0]
    return dataset, app_amounts(dataset)


def _refuse(*args, **kwargs):
    raise AssertionError("prepared the candidates again although a current copy was there")


def _process(folder: Path) -> subprocess.CompletedProcess:
    """Run `process` on the folder's articles."""
    cmd = [sys.executable, "-m", "aidlens", "process", str(folder / "articles.csv")]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_copy_holds_what_the_page_would_prepare(folder, model_name, monkeypatch):
    dataset, amounts = _dataset(folder, model_name)
    expected = aid_candidates(counted(amounts))
    assert len(expected) > 0
    first = extracted_candidates(amounts, dataset)  # no copy yet: prepared, then written
    assert (dataset.root / candidates_copy.COPY_NAME).is_file()
    assert_frame_equal(first, expected)
    monkeypatch.setattr(candidates_copy, "aid_candidates", _refuse)
    assert_frame_equal(extracted_candidates(amounts, dataset), expected)  # mapped from the copy


@pytest.mark.parametrize("damage", ["truncated", "empty", "another dataset's"])
def test_a_bad_copy_is_never_read(folder, model_name, damage):
    dataset, amounts = _dataset(folder, model_name)
    path = dataset.root / candidates_copy.COPY_NAME
    if damage == "truncated":
        extracted_candidates(amounts, dataset)
        path.write_bytes(path.read_bytes()[:300])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        extracted_candidates(amounts.iloc[:3], replace(dataset, key="0" * 32))
    assert_frame_equal(extracted_candidates(amounts, dataset), aid_candidates(counted(amounts)))
    assert candidates_copy._read(dataset) is not None  # ... and written again, current


def test_process_writes_the_copy_the_page_reads(folder, model_name):
    done = _process(folder)
    assert done.returncode == 0, done.stderr
    dataset, amounts = _dataset(folder, model_name)
    kept = candidates_copy._read(dataset)
    assert kept is not None
    assert_frame_equal(kept, aid_candidates(counted(amounts)))


def test_ensure_writes_only_when_the_copy_is_not_current(folder, model_name, monkeypatch):
    dataset, amounts = _dataset(folder, model_name)
    ensure_extracted_candidates(amounts, dataset)
    assert candidates_copy._read(dataset) is not None
    monkeypatch.setattr(candidates_copy, "aid_candidates", _refuse)
    monkeypatch.setattr(candidates_copy, "_read", _refuse)  # the footer says it is current
    ensure_extracted_candidates(amounts, dataset)


def test_process_keeps_no_copy_when_reviews_apply(folder):
    shutil.copy(ROOT / "sample_data" / "gold" / "amount_reviews.csv", folder)
    done = _process(folder)
    assert done.returncode == 0, done.stderr
    assert not (folder / "cache" / "dataset" / candidates_copy.COPY_NAME).exists()
