"""The learned aid check of amounts: its decisions, the table's doubt, training and the CLI."""

from __future__ import annotations

import csv
import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from aidlens.amounts.aid_model import AID_MODEL_DIR, DOUBTED, decide, load_aid_model
from aidlens.amounts.aid_stage import NO_AID_WORD
from aidlens.amounts.context import WITHDRAWN
from aidlens.amounts.linking import LINK_MODEL
from aidlens.amounts.standing import doubted_alone, parts_take_their_whole, unbacked_to_context
from aidlens.errors import InputError
from aidlens.processing import EXTRACTOR_VERSION
from aidlens.training import gold_digest
from aidlens.training.aid_check import check_version_bumped
from tests.conftest import ROOT

# The module, not the function the package exports under its name.
cc = importlib.import_module("aidlens.training.cross_check")

# Every tuning set, as the Makefile's train-amounts target trains on them: a new set fails this
# test until the models are retrained with it.
GOLD = ("sample_data", "dev_data", *sorted(p.name for p in ROOT.glob("tune*_data")))


def test_the_shipped_model_was_trained_on_the_current_gold_and_rules():
    meta = load_aid_model(AID_MODEL_DIR).meta["aidlens"]
    assert meta["extractor_version"] == EXTRACTOR_VERSION, "retrain with train-amounts"
    assert meta["gold"] == {name: gold_digest(ROOT / name) for name in GOLD}


@pytest.mark.parametrize(
    ("version", "gold", "shipped", "refused"),
    [
        (EXTRACTOR_VERSION, {"tune_data": "new"}, True, True),  # new gold, same version: stale
        (EXTRACTOR_VERSION, {"tune_data": "old"}, True, False),  # the same gold again
        ("0", {"tune_data": "new"}, True, False),  # the version was bumped since
        (EXTRACTOR_VERSION, {"tune_data": "new"}, False, False),  # not the shipped check
    ],
)
def test_the_shipped_check_is_replaced_on_new_gold_only_after_a_version_bump(
    tmp_path, version, gold, shipped, refused
):
    out = tmp_path / "aid_model"
    out.mkdir()
    meta = {"aidlens": {"extractor_version": version, "gold": {"tune_data": "old"}}}
    (out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    home = out if shipped else tmp_path / "other"
    if refused:
        with pytest.raises(InputError, match="bump EXTRACTOR_VERSION"):
            check_version_bumped(out, gold, home)
    else:
        check_version_bumped(out, gold, home)  # no error: the check may be replaced


def _row(stage: str, reason: str = "signed", part_of: str = "") -> dict:
    return {"stage": stage, "reason": reason, "part_of": part_of}


# (row, probability, aid word's stage, stage after, start of the reason after)
DECISIONS = [
    (_row("pledged"), 0.9, "pledged", "pledged", "signed"),
    (_row("pledged"), 0.2, "pledged", "pledged", DOUBTED),
    (_row("delivered", "sent"), 0.1, "delivered", "delivered", DOUBTED),
    (_row("", "estimate"), 0.8, "delivered", "delivered", "learned: aid"),
    (_row("", "estimate"), 0.8, "", "pledged", "learned: aid"),
    (_row("", "estimate"), 0.3, "pledged", "", "estimate"),
    (_row("pledged", NO_AID_WORD), 0.7, "pledged", "pledged", "learned: aid"),
    # The rules keep the benefit of the doubt between 0.4 and 0.6.
    (_row("pledged"), 0.47, "pledged", "pledged", "signed"),
    (_row("pledged"), 0.41, "pledged", "pledged", "signed"),
    (_row("pledged"), 0.38, "pledged", "pledged", DOUBTED),
    (_row("", "estimate"), 0.55, "pledged", "", "estimate"),
    (_row("", "estimate"), 0.62, "pledged", "pledged", "learned: aid"),
    # Parts keep their stage; a doubted one is marked, for the table to drop when its whole is
    # a context figure (then the part alone would be the aid).
    (_row("pledged", part_of="12"), 0.9, "pledged", "pledged", "signed"),
    (_row("pledged", part_of="12"), 0.41, "pledged", "pledged", "signed"),
    (_row("pledged", part_of="12"), 0.1, "pledged", "pledged", DOUBTED),
    (_row("requested", "sought", part_of="12"), 0.1, "pledged", "requested", "sought"),
    (_row("", "estimate", part_of="12"), 0.9, "pledged", "", "estimate"),
    (_row("requested", "sought"), 0.9, "pledged", "requested", "sought"),
    (_row("blocked", "vetoed"), 0.1, "pledged", "blocked", "vetoed"),
    # A running total may restate one commitment ("the $61bn in all"): doubted, not context,
    # so that a pledge of its commitment can back it; unless the check is near sure it is none.
    (_row("", "running total"), 0.3, "delivered", "delivered", DOUBTED),
    (_row("", "running total"), 0.3, "", "pledged", DOUBTED),
    (_row("", "running total"), 0.05, "pledged", "", "running total"),
    (_row("", "running total"), 0.7, "pledged", "pledged", "learned: aid"),
    (_row("", "estimate"), 0.3, "pledged", "", "estimate"),  # an estimate restates nothing
    # A figure the speaker took back at once is none, however aid-like its words.
    (_row("", WITHDRAWN), 0.95, "pledged", "", WITHDRAWN),
]


@pytest.mark.parametrize(("row", "p", "verb_stage", "stage", "reason"), DECISIONS)
def test_decide(row, p, verb_stage, stage, reason):
    decide(row, p, verb_stage)
    assert (row["stage"], row["reason"][: len(reason)]) == (stage, reason)


def test_a_doubted_mention_counts_only_when_its_commitment_is_backed():
    amts = pd.DataFrame(
        {
            "stage": ["pledged", "pledged", "pledged", "pledged", "", "requested", "pledged"],
            "reason": ["signed", f"{DOUBTED} (0.2)", NO_AID_WORD, NO_AID_WORD, "", "asked", "x"],
            "commitment_id": ["C1", "C1", "C2", "C1", "", "C3", "C3"],
            "part_of": "",
        }
    )
    amts.loc[6, "reason"] = NO_AID_WORD  # backed by a request only: not backed
    assert doubted_alone(amts).tolist() == [False, False, True, False, False, False, True]
    amts.loc[2, "part_of"] = "a:10"  # a member's share found after the check: left alone
    assert not doubted_alone(amts)[2]


DOUBT = f"{DOUBTED} (0.1); rules: for initiative"


@pytest.mark.parametrize(
    ("whole_stage", "part_stage", "part_reason", "part_of", "stage", "reason"),
    [
        ("pledged", "", DOUBT, "a:0", "pledged", "part of a pledged whole"),  # a law's part
        ("requested", "", DOUBT, "a:0", "requested", "part of a requested whole"),
        ("pledged", "", DOUBT, "b:0", "pledged", "part of a pledged whole"),  # in a later article
        ("", "", DOUBT, "a:0", "", DOUBT),  # a context figure's part stays with it
        ("pledged", "", "part of a context figure", "a:0", "", "part of a context figure"),
        ("pledged", "delivered", "paid", "a:0", "delivered", "paid"),  # a stage of its own
        ("pledged", "", DOUBT, "", "", DOUBT),  # no whole
        ("pledged", "", DOUBT, "a:99", "", DOUBT),  # a whole not in the table
    ],
)
def test_a_doubted_part_takes_its_staged_whole_stage(
    whole_stage, part_stage, part_reason, part_of, stage, reason
):
    amts = pd.DataFrame(
        {
            "article_id": ["a" if part_of != "b:0" else "b", "a", "a"],
            "start": [0, 40, 80],
            "stage": [whole_stage, part_stage, "pledged"],
            "reason": ["passed", part_reason, "signed"],
            "part_of": ["", part_of, ""],
        }
    )
    parts_take_their_whole(amts)
    assert amts.loc[1, ["stage", "reason"]].tolist() == [stage, reason]
    assert amts.loc[[0, 2], "stage"].tolist() == [whole_stage, "pledged"]  # the rest as it was


@pytest.mark.parametrize(
    ("whole_stage", "ruled", "stage", "reason"),
    [
        ("pledged", "delivered", "delivered", "paid part of a pledged whole"),  # "paid its $20bn"
        ("delivered", "delivered", "delivered", "paid part of a delivered whole"),
        ("pledged", "pledged", "pledged", "part of a pledged whole"),
        ("requested", "delivered", "requested", "part of a requested whole"),  # not yet aid
    ],
)
def test_a_doubted_part_the_rules_found_paid_stays_a_delivery(whole_stage, ruled, stage, reason):
    amts = pd.DataFrame(
        {
            "article_id": ["a", "a"],
            "start": [0, 40],
            "stage": [whole_stage, ""],
            "reason": ["agreed", DOUBT],
            "part_of": ["", "a:0"],
        }
    )
    parts_take_their_whole(amts, pd.Series([whole_stage, ruled]))
    assert amts.loc[1, ["stage", "reason"]].tolist() == [stage, reason]


def _gold_folder(folder: Path, source: str, n: int) -> Path:
    """Write the first `n` articles of a gold folder and their reviewed amounts to `folder`."""
    with open(ROOT / source / "articles.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader][:n]
        fields = reader.fieldnames
    with open(folder / "articles.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields)
        writer.writeheader()
        writer.writerows(rows)
    ids = {r["id"] for r in rows}
    gold = pd.read_csv(ROOT / source / "gold/amount_reviews.csv", dtype=str, keep_default_na=False)
    (folder / "gold").mkdir()
    gold[gold["article_id"].isin(ids)].to_csv(folder / "gold/amount_reviews.csv", index=False)
    return folder


def test_an_unbacked_doubted_mention_keeps_the_id_of_a_commitment_that_stands():
    doubt = f"{DOUBTED} (0.2); rules: signed"
    amts = pd.DataFrame(
        [
            ("2024-01-10", "requested", "asked", "C1"),  # a request stands ...
            ("2024-01-12", "pledged", doubt, "C1"),  # ... so its doubted figure keeps C1
            ("2024-01-12", "pledged", doubt, "C2"),  # nothing else of C2: no commitment
            ("2024-02-01", "pledged", "signed", "C3"),
            ("2024-02-03", "pledged", doubt, "C3"),  # backed by the pledge before it: charted
            ("2024-03-01", "pledged", doubt, "C4"),  # written before C4's pledge: context of C4
            ("2024-03-09", "pledged", "approved", "C4"),
        ],
        columns=["published", "stage", "reason", "commitment_id"],
    ).assign(part_of="")
    unbacked_to_context(amts)
    assert amts["stage"].tolist() == ["requested", "", "", "pledged", "pledged", "", "pledged"]
    assert amts["commitment_id"].tolist() == ["C1", "C1", "", "C3", "C3", "C4", "C4"]


@pytest.fixture(scope="module")
def small_gold(tmp_path_factory) -> Path:
    """Five development articles and their reviewed amounts, as a gold folder."""
    return _gold_folder(tmp_path_factory.mktemp("gold"), "dev_data", 5)


def _cli(*args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "aidlens", "train-amounts", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_train_amounts_writes_a_loadable_model_with_its_meta(small_gold, tmp_path):
    out = tmp_path / "model"
    done = _cli("--gold", str(small_gold), "--out", str(out), "--epochs", "3")
    assert done.returncode == 0, done.stderr
    assert "saved to" in done.stdout
    model = load_aid_model(out)
    assert model.meta["aidlens"]["gold"] == {small_gold.name: gold_digest(small_gold)}
    assert not list(tmp_path.glob(".model.*"))  # no temporary folder left behind


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--out", "{existing}"), "exists; pass --force"),
        (("--eval", "{gold}"), "both trained on and scored on"),
    ],
)
def test_train_amounts_refuses_bad_input(small_gold, tmp_path, extra, message):
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine")
    args = [a.format(existing=existing, gold=small_gold) for a in extra]
    out_args = [] if "--out" in args else ["--out", str(tmp_path / "new")]
    done = _cli("--gold", str(small_gold), *out_args, *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert (existing / "keep.txt").read_text() == "mine"
    assert not (tmp_path / "new").exists()


def test_train_amounts_names_a_folder_without_reviews(tmp_path):
    shutil.copy(ROOT / "dev_data" / "articles.csv", tmp_path / "articles.csv")
    done = _cli("--gold", str(tmp_path), "--out", str(tmp_path / "m"))
    assert done.returncode == 2
    assert "amount_reviews.csv" in done.stderr and str(tmp_path) in done.stderr


def test_train_amounts_links_writes_the_link_weights_with_their_meta(small_gold, tmp_path):
    out = tmp_path / "links.json"
    done = _cli("--links", "--gold", str(small_gold), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "pairs" in done.stdout and "saved to" in done.stdout
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["gold"] == {small_gold.name: gold_digest(small_gold)}
    assert len(model["weights"]) == len(model["features"])


def test_cross_check_scores_each_folder_with_models_trained_on_the_others(small_gold, tmp_path):
    (tmp_path / "sample").mkdir()
    other = _gold_folder(tmp_path / "sample", "sample_data", 6)
    shipped = (AID_MODEL_DIR / "meta.json").read_bytes()
    done = _cli("--cross-check", "--gold", str(small_gold), "--gold", str(other), "--json")
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)
    assert set(scores) == {str(small_gold), str(other), "pooled"}
    for key in ("tp", "fp", "fn"):
        assert scores["pooled"]["aid"][key] == sum(
            scores[str(f)]["aid"][key] for f in (small_gold, other)
        )
    assert scores["pooled"]["aid"]["tp"] > 0  # the rules and a model trained on 5 articles find aid
    assert (AID_MODEL_DIR / "meta.json").read_bytes() == shipped  # nothing written
    assert not (tmp_path / "sample" / "cache").exists()


def test_commitments_out_scores_the_linker_on_commitments_it_never_saw(small_gold, tmp_path):
    (tmp_path / "sample").mkdir()
    # Eight sample articles, not six: on eleven, a linker trained on a quarter of so few pairs
    # found 3 of 36 before a retrain of the aid check and 0 after; on thirteen, 38 of 72.
    other = _gold_folder(tmp_path / "sample", "sample_data", 8)
    shipped = LINK_MODEL.read_bytes()
    done = _cli("--commitments-out", "--gold", str(small_gold), "--gold", str(other), "--json")
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)
    assert [s["seed"] for s in scores["seeds"]] == [1, 2, 3, 4]
    for key in ("tp", "fp", "fn"):
        assert scores["pooled"][key] == sum(s[key] for s in scores["seeds"])
    assert scores["pooled"]["tp"] > 0  # thirteen articles hold packages written more than once
    assert LINK_MODEL.read_bytes() == shipped  # nothing written


def test_packages_out_trains_no_fold_linker_on_the_left_out_commitments(
    small_gold, tmp_path, nlp, monkeypatch
):
    (tmp_path / "sample").mkdir()
    other = _gold_folder(tmp_path / "sample", "sample_data", 6)
    folders = [small_gold, other]
    gold_ids = {
        f: set(pd.read_csv(f / "gold/amount_reviews.csv", dtype=str).commitment_id.dropna())
        for f in folders
    }
    seen, trained = [], []
    real_pairs, real_train = cc.reviewed_pairs, cc.train_link_model

    def spy_pairs(amounts, gold):
        pairs = real_pairs(amounts, gold)
        seen.append(pairs)
        return pairs

    def spy_train(pairs):
        trained.append(sum(len(y) for _, y in pairs))
        return real_train(pairs)

    monkeypatch.setattr(cc, "reviewed_pairs", spy_pairs)
    monkeypatch.setattr(cc, "train_link_model", spy_train)
    scores = cc.cross_check(folders, nlp, packages_out=True)
    assert set(scores) == {str(small_gold), str(other), cc.POOLED}
    # Fold k trained on the other folder's pairs, less those of the left-out folder's commitments.
    for pairs, held, n in zip(seen, folders, trained, strict=True):
        ids = list(gold_ids[held])
        touched = np.isin(pairs.first, ids) | np.isin(pairs.second, ids)
        assert n == len(pairs.same) - touched.sum()
    assert sum(len(p.same) for p in seen) > sum(trained)  # the two folders share packages


def test_packages_out_needs_the_cross_check(small_gold):
    done = _cli("--packages-out", "--gold", str(small_gold))
    assert done.returncode == 2
    assert "--packages-out" in done.stderr and "add --cross-check" in done.stderr
    assert "Traceback" not in done.stderr


def test_cross_check_needs_two_folders(small_gold):
    done = _cli("--cross-check", "--gold", str(small_gold))
    assert done.returncode == 2
    assert "at least two --gold folders" in done.stderr and "Traceback" not in done.stderr
