"""`python -m aidlens train` on a tiny hand-written gold set: the split, a quick run, refusals."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import spacy

from aidlens import cli
from aidlens.annotations.spans import Span, known_labels, new_span
from aidlens.annotations.store import AnnotationStore
from aidlens.corpus.articles import load_corpus
from aidlens.errors import TrainingError
from aidlens.pipeline import model_id
from aidlens.training.examples import gold_doc
from aidlens.training.models import latest_model
from aidlens.training.run import TrainOptions, train
from aidlens.training.split import split_done
from tests.store_helpers import ROOT, folder_hash

TRAIN_CSV = ROOT / "tests" / "data" / "train_articles.csv"
# The gold spans of the twelve done articles (t13 and t14 stay untouched: rehearsal texts).
GOLD = {
    "t01": [("Norway", "GPE"), ("40", "CARDINAL"), ("Ukraine", "GPE"), ("Monday", "DATE"),
            ("Norwegian", "NORP"), ("Oslo", "GPE")],
    "t02": [("Odesa", "GPE"), ("Egypt", "GPE"), ("Tuesday", "DATE"), ("Turkey", "GPE")],
    "t03": [("Germany", "GPE"), ("12", "CARDINAL"), ("Kharkiv", "GPE"), ("February", "DATE"),
            ("German", "NORP")],
    "t04": [("World Bank", "ORG"), ("$1.2 billion", "MONEY"), ("Ukraine", "GPE"),
            ("Friday", "DATE")],
    "t05": [("Ursula von der Leyen", "PERSON"), ("Kyiv", "GPE"), ("Saturday", "DATE"),
            ("Volodymyr Zelensky", "PERSON"), ("three hours", "TIME")],
    "t06": [("Canada", "GPE"), ("200", "CARDINAL"), ("Ukrainian", "NORP"), ("Poland", "GPE"),
            ("this spring", "DATE"), ("Canadian", "NORP")],
    "t07": [("Polish", "NORP"), ("Lviv", "GPE"), ("April", "DATE"), ("European Union", "ORG")],
    "t08": [("Japan", "GPE"), ("second", "ORDINAL"), ("$4.5 billion", "MONEY"), ("Ukraine", "GPE"),
            ("Thursday", "DATE"), ("Tokyo", "GPE")],
    "t09": [("Estonia", "GPE"), ("Dnipro", "GPE"), ("Sunday", "DATE"), ("60", "CARDINAL"),
            ("3", "CARDINAL")],
    "t10": [("UNICEF", "ORG"), ("150,000", "CARDINAL"), ("Ukraine", "GPE"), ("2023", "DATE")],
    "t11": [("France", "GPE"), ("300", "CARDINAL"), ("Zaporizhzhia", "GPE"), ("Wednesday", "DATE"),
            ("Emmanuel Macron", "PERSON"), ("Paris", "GPE")],
    "t12": [("Vilnius", "GPE"), ("NATO", "ORG"), ("Ukraine", "GPE"),
            ("Jens Stoltenberg", "PERSON")],
}  # fmt: skip


def save_gold(folder: Path, model_name: str, ids: list[str]) -> None:
    """Save the gold spans of `ids` as done, through the annotation store."""
    frame = load_corpus(folder / "articles.csv").frame
    texts = dict(zip(frame["id"], frame["text"], strict=True))
    store = AnnotationStore(folder, texts, known_labels(folder, model_name))
    for article_id in ids:
        text = texts[article_id]
        spans = []
        for phrase, label in GOLD[article_id]:
            start = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text).start()
            spans.append(new_span(text, start, start + len(phrase), label, store.labels))
        store.save(article_id, spans, annotator="gold", base_revision=0, status="done")


@pytest.fixture(scope="module")
def gold_folder(tmp_path_factory, model_name) -> Path:
    """Return a data folder with the twelve done articles and two untouched (do not modify)."""
    folder = tmp_path_factory.mktemp("train") / "data"
    folder.mkdir()
    shutil.copy(TRAIN_CSV, folder / "articles.csv")
    save_gold(folder, model_name, sorted(GOLD))
    return folder


@pytest.fixture
def data(tmp_path, gold_folder) -> Path:
    """Return a writable copy of the gold folder."""
    return Path(shutil.copytree(gold_folder, tmp_path / "data"))


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """Run `python -m aidlens ...` in process; return the exit code, stdout and stderr."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


IDS = [f"a{i:02d}" for i in range(40)]


@pytest.mark.parametrize(
    ("n", "eval_split", "seed", "held"),
    [(10, 0.2, 0, 2), (12, 0.2, 0, 2), (12, 0.2, 7, 2), (40, 0.25, 3, 10), (44, 0.2, 0, 9)],
)
def test_the_split_is_disjoint_complete_and_fixed_by_the_seed(n, eval_split, seed, held) -> None:
    ids = [f"a{i:02d}" for i in range(n)]
    split = split_done(ids, eval_split=eval_split, seed=seed)
    assert not set(split.train) & set(split.held_out)
    assert set(split.train) | set(split.held_out) == set(ids)
    assert len(split.held_out) == held
    assert split == split_done(list(reversed(ids)), eval_split=eval_split, seed=seed)


def test_another_seed_holds_out_other_articles() -> None:
    held = {split_done(IDS, eval_split=0.2, seed=s).held_out for s in range(5)}
    assert len(held) > 1


@pytest.mark.parametrize(
    ("n", "eval_split", "message"),
    [
        (9, 0.2, "only 9 article(s) are marked done"),
        (0, 0.2, "only 0 article(s)"),
        (12, 0.02, "holds none out"),
        (12, 0.0, "must be between 0 and 1"),
        (12, 0.99, "leaves none to train on"),
    ],
)
def test_the_split_refuses_too_little(n, eval_split, message) -> None:
    with pytest.raises(TrainingError, match=message.replace("(", r"\(").replace(")", r"\)")):
        split_done(IDS[:n], eval_split=eval_split, seed=0)


def test_train_quick_writes_a_loadable_model_and_three_columns(data, tmp_path, capsys) -> None:
    out = tmp_path / "models" / "tiny"
    code, stdout, _ = run_cli(capsys, "train", "--data", str(data), "--out", str(out), "--quick",
                              "--json")  # fmt: skip
    assert code == 0
    result = json.loads(stdout)
    for column in ("base", "rules", "trained"):
        assert set(result[column]) >= {"p", "r", "f"}
        assert 0.0 <= result[column]["f"] <= 1.0
    assert result["rules"] == result["base"]  # no patterns.jsonl in the folder
    label_columns = next(iter(result["per_label"].values()))
    assert set(label_columns) == {"base", "rules", "trained"}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    # Held-out scores come from articles never trained on, and untouched articles rehearse.
    assert result["held_out"] == report["held_out"] and len(report["held_out"]) == 2
    assert not set(report["held_out"]) & set(report["train"])
    assert set(report["held_out"]) | set(report["train"]) == set(GOLD)
    assert report["rehearsal_articles"] == 2
    assert "| overall (micro) |" in (out / "report.md").read_text(encoding="utf-8")
    config = spacy.util.load_config(out / "config.cfg")  # the generated training config
    assert "ner" not in config["training"]["frozen_components"]
    assert {"tok2vec", "tagger", "parser"} <= set(config["training"]["frozen_components"])
    assert config["training"]["max_epochs"] == 2
    assert config["paths"]["train"] is None  # the temp corpus is gone
    assert "Frozen components" in (out / "training-log.txt").read_text(encoding="utf-8")
    nlp = spacy.load(out)
    assert "ner" in nlp.pipe_names
    assert {"GPE", "PERSON"} <= set(nlp.get_pipe("ner").labels)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert set(meta["aidlens"]) >= {"base_model", "date", "data_hash", "scores"}
    assert model_id(str(out)).name == "en_aidlens_tiny"  # AIDLENS_MODEL=path picks it up
    assert sorted(p.name for p in out.parent.iterdir() if p.name != ".tiny.lock") == ["tiny"]


def test_the_rules_column_uses_the_folders_patterns(data, tmp_path) -> None:
    patterns = [
        {"label": label, "pattern": phrase} for spans in GOLD.values() for phrase, label in spans
    ]
    (data / "patterns.jsonl").write_text("".join(json.dumps(p) + "\n" for p in patterns))
    report = train(TrainOptions(data_dir=data, out=tmp_path / "m", quick=True, epochs=1, seed=3))
    assert report["rules_file"] == "patterns.jsonl"
    assert report["rules"]["r"] == 1.0
    assert report["rules"]["f"] >= report["base"]["f"]
    assert latest_model(tmp_path, data).path == (tmp_path / "m").resolve()


def test_force_replaces_an_existing_model(data, tmp_path, capsys) -> None:
    out = tmp_path / "old"
    out.mkdir()
    (out / "stale.txt").write_text("old model")
    code, _, _ = run_cli(capsys, "train", "--data", str(data), "--out", str(out), "--quick",
                         "--epochs", "1", "--force")  # fmt: skip
    assert code == 0
    assert not (out / "stale.txt").exists()
    assert (out / "report.json").exists()


def test_a_run_stopped_half_way_leaves_no_model(data, tmp_path) -> None:
    def stop_while_training(_fraction: float, what: str) -> None:
        if what.startswith("training"):
            raise KeyboardInterrupt

    out = tmp_path / "models" / "stopped"
    with pytest.raises(KeyboardInterrupt):
        train(TrainOptions(data_dir=data, out=out, quick=True), progress=stop_while_training)
    assert not out.exists()
    assert [p.name for p in out.parent.iterdir()] == [".stopped.lock"]


@pytest.fixture
def blank_pipeline(tmp_path) -> Path:
    """Return a pipeline folder without NER."""
    path = tmp_path / "blank"
    spacy.blank("en").to_disk(path)
    return path


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("few", "only 9 article(s) are marked done; training needs at least 10"),
        ("exists", "exists; choose another --out, or pass --force"),
        ("no-ner", "has no NER component"),
        ("none-held-out", "--eval-split 0.02 of 12 done articles holds none out"),
        ("bad-patterns", "patterns.jsonl, row 2: not JSON"),
        ("no-epochs", "--epochs 0 must be at least 1"),
        ("bad-patterns-keys", 'patterns.jsonl, row 1: needs "label" and "pattern" keys'),
    ],
)
def test_refusals_exit_2_and_change_nothing(case, message, tmp_path, model_name, blank_pipeline,
                                            gold_folder, capsys) -> None:  # fmt: skip
    data = tmp_path / "data"
    if case == "few":
        data.mkdir()
        shutil.copy(TRAIN_CSV, data / "articles.csv")
        save_gold(data, model_name, sorted(GOLD)[:9])
    else:
        shutil.copytree(gold_folder, data)
    out = tmp_path / "models" / "m"
    args = ["train", "--data", str(data), "--out", str(out), "--quick"]
    bad = {
        "bad-patterns": '{"label": "GPE", "pattern": "Kyiv"}\n{oops\n',
        "bad-patterns-keys": "[1]\n",
    }
    if case in bad:
        (data / "patterns.jsonl").write_text(bad[case], encoding="utf-8")
    if case == "exists":
        out.mkdir(parents=True)
        (out / "keep.txt").write_text("mine")
    args += {
        "no-ner": ["--base", str(blank_pipeline)],
        "none-held-out": ["--eval-split", "0.02"],
        "no-epochs": ["--epochs", "0"],
    }.get(case, [])
    before = folder_hash(data)
    code, stdout, stderr = run_cli(capsys, *args)
    assert code == 2
    assert stderr.startswith("error: ") and message in stderr
    assert stdout == ""
    assert folder_hash(data) == before
    if case == "exists":
        assert [p.name for p in out.iterdir()] == ["keep.txt"]
    else:
        assert not out.parent.exists() or not any(out.parent.iterdir())


@pytest.mark.parametrize(
    ("text", "spans", "iob", "misaligned", "unknown"),
    [
        # A span on whole tokens is gold; every other token is gold "O".
        ("Mark Rutte spoke", [(0, 10, "PERSON")], ["B", "I", "O"], 0, []),
        # A span ending inside a token ("Rutteas") is missing, never stretched to the token.
        ("Mark Rutteas spoke", [(0, 10, "PERSON")], ["", "", "O"], 1, []),
        # A label the NER does not know is missing too, and counted apart.
        ("Kyiv got aid", [(0, 4, "AIDLABEL")], ["", "O", "O"], 0, ["AIDLABEL"]),
        # Two spans a hyphen apart both stay.
        ("Paris-Berlin talks", [(0, 5, "GPE"), (6, 12, "GPE")], ["B", "O", "B", "O"], 0, []),
    ],
)
def test_gold_docs_keep_boundaries_or_leave_tokens_missing(
    nlp, text, spans, iob, misaligned, unknown
) -> None:
    gold = [Span(s, e, text[s:e], label) for s, e, label in spans]
    doc, bad, unknown_labels = gold_doc(nlp, text, gold, set(nlp.get_pipe("ner").labels))
    assert [t.ent_iob_ for t in doc] == iob
    assert bad == misaligned
    assert unknown_labels == unknown
