"""The annotation commands (correct, relabel, export, evaluate) against a processed folder."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from aidlens import cli
from aidlens.annotations.files import ANNOTATIONS
from aidlens.corpus.articles import load_corpus
from aidlens.corpus.canonical import load_aliases
from aidlens.pipeline import model_id
from aidlens.processing.process import build_results, open_cache
from tests.conftest import make_data_dir
from tests.store_helpers import ANNOTATION_CSV, ROOT, TEXTS, folder_hash

BAD_ROW = "a1,0,9,Joe Biden,PERSN,human,x,t\n"
HEADER = "article_id,start,end,text,label,origin,annotator,updated_at\n"


@pytest.fixture(scope="session")
def processed(tmp_path_factory, nlp, model_name):
    """Return the hand-written corpus, processed by the real pipeline (do not modify)."""
    return make_data_dir(ANNOTATION_CSV, tmp_path_factory.mktemp("annotate"), nlp, model_name)


@pytest.fixture
def data(tmp_path, processed):
    dest = tmp_path / "data"
    shutil.copytree(processed, dest)
    return dest


def model_entities(folder, model_name):
    """Return the model's entities of the folder, from its cache."""
    corpus = load_corpus(folder / "articles.csv")
    cache = open_cache(folder, model_id(model_name))
    return build_results(corpus, cache, load_aliases(folder)).entities


def stored(folder):
    """Return article -> [(start, end, text, label, origin)] from annotations.csv."""
    out: dict[str, list] = {}
    with open(folder / ANNOTATIONS, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            row = (int(r["start"]), int(r["end"]), r["text"], r["label"], r["origin"])
            out.setdefault(r["article_id"], []).append(row)
    return out


def run(*args: str) -> int:
    return cli.main([str(a) for a in args])


def correct(folder, *args: str) -> int:
    return run("correct", "--data", folder, "--annotator", "ann", *args)


def test_correct_adds_a_missed_entity_to_the_model_spans(data, model_name, capsys) -> None:
    model = model_entities(data, model_name)
    a1_model = model[model["article_id"] == "a1"]
    assert correct(data, "--article", "a1", "--start", "47", "--end", "51", "--label", "GPE") == 0
    spans = stored(data)["a1"]
    assert (47, 51, "Kyiv", "GPE", "human") in spans
    assert len(spans) == len(a1_model) + 1
    assert {s[4] for s in spans if s[2] != "Kyiv"} == {"model"}
    out = capsys.readouterr().out
    assert "labelled 'Kyiv' (47-51) GPE" in out and "revision 1" in out


def test_correct_trims_whitespace_and_replaces_what_it_overlaps(data, capsys) -> None:
    text = TEXTS["a2"]
    start = text.index("European") - 1  # a space taken along by the selection
    end = text.index("Union") + len("Union")
    assert correct(data, "--article", "a2", "--start", start, "--end", end, "--label", "ORG") == 0
    spans = stored(data)["a2"]
    assert (start + 1, end, "European Union", "ORG", "human") in spans
    assert not [s for s in spans if s[0] < end and start + 1 < s[1] and s[2] != "European Union"]
    assert "replaced 'The European Union' ORG" in capsys.readouterr().out


def test_correct_relabels_then_removes_and_sets_status(data, capsys) -> None:
    kyiv = TEXTS["a3"].index("Kyiv")
    args = ["--article", "a3", "--start", kyiv, "--end", kyiv + 4]
    assert correct(data, *args, "--label", "GPE", "--status", "done") == 0
    assert (kyiv, kyiv + 4, "Kyiv", "GPE", "human") in stored(data)["a3"]
    assert correct(data, *args, "--remove") == 0
    assert [s for s in stored(data)["a3"] if s[2] == "Kyiv"] == []
    reviews = list(csv.DictReader(io.StringIO((data / "reviews.csv").read_text(encoding="utf-8"))))
    assert [(r["article_id"], r["status"], r["revision"]) for r in reviews] == [("a3", "done", "2")]
    assert "removed the span" in capsys.readouterr().out


def test_relabel_changes_every_span_with_that_text(data, model_name, capsys) -> None:
    model = model_entities(data, model_name)
    kyiv_articles = sorted(set(model.loc[model["text"] == "Kyiv", "article_id"]))
    assert kyiv_articles  # the model does tag Kyiv somewhere (as PERSON, in fact)
    kyiv = TEXTS["a1"].index("Kyiv")
    correct(data, "--article", "a1", "--start", kyiv, "--end", kyiv + 4, "--label", "PERSON")
    assert (
        run("relabel", "--data", data, "--text", "Kyiv", "--label", "GPE", "--annotator", "b") == 0
    )
    spans = stored(data)
    kyivs = [s for a in spans for s in spans[a] if s[2] == "Kyiv"]
    assert kyivs and {s[3] for s in kyivs} == {"GPE"}
    assert set(kyiv_articles) | {"a1"} == {
        a for a in spans if any(s[2] == "Kyiv" for s in spans[a])
    }
    out = capsys.readouterr().out
    assert f"in {len(set(kyiv_articles) | {'a1'})} article(s)" in out
    # Again: nothing left to change, and that is not an error.
    assert (
        run("relabel", "--data", data, "--text", "Kyiv", "--label", "GPE", "--annotator", "b") == 0
    )
    assert "nothing to change" in capsys.readouterr().out


def test_relabel_remove_drops_every_such_span(data, model_name) -> None:
    assert run("relabel", "--data", data, "--text", "Kyiv", "--remove", "--annotator", "b") == 0
    assert not [s for spans in stored(data).values() for s in spans if s[2] == "Kyiv"]


def test_export_writes_the_three_formats(data, tmp_path, capsys) -> None:
    text = TEXTS["a4"]
    start = text.index("=SUM(A1)")
    args = ["--article", "a4", "--start", start, "--end", start + 8, "--label", "ORG"]
    assert correct(data, *args) == 0
    for fmt, name in (("csv", "gold.csv"), ("jsonl", "gold.jsonl"), ("spacy", "gold.spacy")):
        assert run("export", "--data", data, "--format", fmt, "--out", tmp_path / name) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "gold.csv").read_text(encoding="utf-8"))))
    assert "'=SUM(A1)" in [r["text"] for r in rows]
    [line] = (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["id"] == "a4" and record["text"] == text
    assert {"start": start, "end": start + 8, "label": "ORG"} in record["spans"]
    assert (tmp_path / "gold.spacy").stat().st_size > 0
    assert (
        run("export", "--data", data, "--format", "csv", "--out", tmp_path / "raw.csv", "--raw")
        == 0
    )
    raw_rows = list(csv.DictReader(io.StringIO((tmp_path / "raw.csv").read_text(encoding="utf-8"))))
    assert "=SUM(A1)" in [r["text"] for r in raw_rows]
    assert "wrote" in capsys.readouterr().out


def test_evaluate_scores_the_model_against_done_articles(data, model_name, capsys) -> None:
    model = model_entities(data, model_name)
    a3 = model[model["article_id"] == "a3"]
    first = a3.iloc[0]
    # Accept a3 as the model tagged it: relabelling a span to its own label changes nothing.
    args = ["--article", "a3", "--start", first.start, "--end", first.end]
    assert correct(data, *args, "--label", first.label, "--status", "done") == 0
    capsys.readouterr()
    assert run("evaluate", "--data", data, "--json") == 0
    perfect = json.loads(capsys.readouterr().out)
    assert perfect["overall"] == {"p": 1.0, "r": 1.0, "f": 1.0, "support": len(a3)}
    # Now correct the model's "Kyiv" PERSON to GPE: one false positive, one false negative.
    kyiv = a3[a3["text"] == "Kyiv"].iloc[0]
    args = ["--article", "a3", "--start", kyiv.start, "--end", kyiv.end, "--label", "GPE"]
    assert correct(data, *args) == 0
    capsys.readouterr()
    assert run("evaluate", "--data", data, "--json") == 0
    scores = json.loads(capsys.readouterr().out)
    n = len(a3)
    assert scores["overall"]["p"] == pytest.approx((n - 1) / n)
    assert scores["overall"]["support"] == n
    assert scores["per_label"]["GPE"]["r"] == pytest.approx(
        (len(a3[a3["label"] == "GPE"])) / (len(a3[a3["label"] == "GPE"]) + 1)
    )
    assert run("evaluate", "--data", data) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split() == ["label", "precision", "recall", "F1", "support"]
    assert "overall" in table and "1 article(s)" in table


def with_bad_row(folder):
    (folder / ANNOTATIONS).write_text(HEADER + BAD_ROW, encoding="utf-8")
    return folder


REFUSALS = [
    (
        ["correct", "--article", "zz", "--start", 0, "--end", 4, "--label", "GPE"],
        "unknown article 'zz'",
    ),
    (
        ["correct", "--article", "a1", "--start", 0, "--end", 9, "--label", "PERSN"],
        "unknown label 'PERSN'",
    ),
    (
        ["correct", "--article", "a1", "--start", 0, "--end", 999, "--label", "GPE"],
        "outside the text",
    ),
    (
        ["correct", "--article", "a1", "--start", -1, "--end", 4, "--label", "GPE"],
        "outside the text",
    ),
    (["correct", "--article", "a1", "--start", 9, "--end", 0, "--label", "GPE"], "not before end"),
    (
        ["correct", "--article", "a1", "--start", 9, "--end", 10, "--label", "GPE"],
        "only whitespace",
    ),
    (["correct", "--article", "a1", "--start", 1, "--end", 5, "--remove"], "no span at 1-5"),
    (["relabel", "--text", "Atlantis", "--label", "GPE"], "no span has the text 'Atlantis'"),
    (["relabel", "--text", "Kyiv", "--label", "CITY"], "unknown label 'CITY'"),
    (["relabel", "--text", "  ", "--remove"], "--text is empty"),
    (["evaluate"], "no article is marked done"),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS)
def test_refused_input_exits_2_and_changes_nothing(data, capsys, args, message) -> None:
    # A saved article first, so that the store files exist and must stay as they are.
    kyiv = TEXTS["a1"].index("Kyiv")
    correct(data, "--article", "a1", "--start", kyiv, "--end", kyiv + 4, "--label", "GPE")
    before = folder_hash(data)
    capsys.readouterr()
    annotator = ["--annotator", "ann"] if args[0] in ("correct", "relabel") else []
    assert run(args[0], "--data", data, *args[1:], *annotator) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert "Traceback" not in err
    assert folder_hash(data) == before


@pytest.mark.parametrize(
    "args",
    [
        [
            "correct",
            "--article",
            "a2",
            "--start",
            0,
            "--end",
            4,
            "--label",
            "GPE",
            "--annotator",
            "a",
        ],
        ["relabel", "--text", "Kyiv", "--label", "GPE", "--annotator", "a"],
        ["export", "--format", "csv", "--out", "OUT"],
        ["evaluate", "--all-touched"],
    ],
)
def test_a_bad_annotations_file_is_refused_row_by_row(data, tmp_path, capsys, args) -> None:
    with_bad_row(data)
    before = folder_hash(data)
    args = [tmp_path / "out.csv" if a == "OUT" else a for a in args]
    assert run(args[0], "--data", data, *args[1:]) == 2
    err = capsys.readouterr().err
    assert "annotations.csv, row 2, column 'label': unknown label 'PERSN'" in err
    assert "fix or delete the rows above" in err
    assert folder_hash(data) == before
    assert not (tmp_path / "out.csv").exists()


def test_an_empty_annotator_name_is_refused(data, capsys) -> None:
    before = folder_hash(data)
    args = ["--article", "a1", "--start", 0, "--end", 9, "--label", "PERSON", "--annotator", " "]
    assert run("correct", "--data", data, *args) == 2
    assert "no annotator name" in capsys.readouterr().err
    assert folder_hash(data) == before


def test_a_folder_without_articles_is_refused(tmp_path, capsys) -> None:
    assert run("export", "--data", tmp_path, "--format", "csv", "--out", tmp_path / "x.csv") == 2
    assert "articles.csv" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["correct", "--article", "a1", "--start", "0", "--end", "9", "--annotator", "a"],
        ["export", "--format", "xml", "--out", "x"],
        ["relabel", "--text", "Kyiv", "--label", "GPE", "--remove", "--annotator", "a"],
    ],
)
def test_usage_errors_exit_2(data, args) -> None:
    with pytest.raises(SystemExit) as exc:
        run(args[0], "--data", data, *args[1:])
    assert exc.value.code == 2


def without_write_override() -> list[str]:
    """Return a command prefix under which file permissions bind (root ignores them)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot make a folder read-only for us")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]


@pytest.mark.parametrize("file_mode", [0o444, 0o644])
def test_a_read_only_folder_gives_a_clear_error_and_loses_nothing(data, file_mode) -> None:
    kyiv = TEXTS["a1"].index("Kyiv")
    assert (
        correct(data, "--article", "a1", "--start", kyiv, "--end", kyiv + 4, "--label", "GPE") == 0
    )
    before = folder_hash(data)
    for path in data.iterdir():
        if path.is_file():
            path.chmod(file_mode)
    data.chmod(0o555)
    try:
        args = ["--article", "a1", "--start", 0, "--end", 9, "--remove", "--annotator", "b"]
        command = [sys.executable, "-m", "aidlens", "correct", "--data", str(data), *map(str, args)]
        done = subprocess.run(
            [*without_write_override(), *command], cwd=ROOT, capture_output=True, text=True
        )
    finally:
        data.chmod(0o755)
        for path in data.iterdir():
            if path.is_file():
                path.chmod(0o644)
    assert done.returncode == 2, done.stderr
    assert "read-only" in done.stderr and "Nothing was saved" in done.stderr
    assert "Traceback" not in done.stderr
    assert folder_hash(data) == before
    assert (0, 9, "Joe Biden", "PERSON", "model") in stored(data)["a1"]
