"""`python -m aidlens rules` and `process` with rules, on a processed copy of the small corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from aidlens import cli
from aidlens.corpus import apply_upload, load_corpus, plan_upload, read_corpus_bytes
from aidlens.rules import PATTERNS_FILE
from tests.store_helpers import folder_hash

NEW = (
    "id,title,published,source,url,text\n"
    's9,HIMARS for Kharkiv,2023-06-01,Wire,,"More HIMARS reached Kharkiv, Olaf Scholz said."\n'
)


def run(capsys, folder, *args: str) -> tuple[int, str, str]:
    """Return the exit code, stdout and stderr of one CLI run."""
    code = cli.main([args[0], *(["--data", str(folder)] if args[0] == "rules" else []), *args[1:]])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    ("patterns", "args", "message"),
    [
        (None, ("add", "--text", "Kyiv", "--label", "CITY"), "unknown label 'CITY'"),
        (None, ("add", "--text", "   ", "--label", "GPE"), "--text is empty"),
        (None, ("remove", "--text", "Kyiv"), "no rule has the text 'Kyiv'"),
        (
            '{"label": "GPE", "pattern": "Kyiv"}\n',
            ("remove", "--text", "Kiev"),
            "the rules are: 'Kyiv'",
        ),
        (
            '{"label": "GPE", "pattern": "Kyiv"}\n{oops\n',
            ("add", "--text", "Kharkiv", "--label", "GPE"),
            "patterns.jsonl: line 2: is not JSON",
        ),
        ('{"label": "GPE", "pattern": "Kyiv"}\n{oops\n', ("remove", "--text", "Kyiv"), "line 2"),
    ],
)
def test_bad_input_exits_2_and_changes_nothing(
    fresh_small_dir, capsys, patterns, args, message
) -> None:
    if patterns is not None:
        (fresh_small_dir / PATTERNS_FILE).write_text(patterns, encoding="utf-8")
    before = folder_hash(fresh_small_dir)
    code, out, err = run(capsys, fresh_small_dir, "rules", *args)
    assert code == 2 and err.startswith("error: ") and message in err, err
    assert folder_hash(fresh_small_dir) == before


def test_add_list_process_remove(fresh_small_dir, capsys) -> None:
    folder = fresh_small_dir
    code, out, _ = run(capsys, folder, "rules", "list")
    assert (code, out.strip()) == (0, f"no rules in {folder / PATTERNS_FILE}")
    for text, label in (("Olaf Scholz", "PERSON"), ("Kharkiv", "GPE"), ("HIMARS", "PRODUCT")):
        code, out, _ = run(capsys, folder, "rules", "add", "--text", text, "--label", label)
        assert code == 0 and f"added the rule '{text}' -> {label}" in out
    code, out, _ = run(capsys, folder, "rules", "add", "--text", "HIMARS", "--label", "PRODUCT")
    assert code == 0 and "already a rule" in out
    code, out, _ = run(capsys, folder, "rules", "list")
    assert code == 0
    assert out.splitlines() == [
        "Olaf Scholz\tPERSON\t1 span(s) changed",  # the model said LOC
        "Kharkiv\tGPE\t1 span(s) changed",  # inside the model's "Kyiv and Kharkiv"
        "HIMARS\tPRODUCT\t1 span(s) changed",  # the model found nothing
    ]
    code, out, _ = run(capsys, folder, "process", str(folder / "articles.csv"))
    assert code == 0 and "3 rule(s) from patterns.jsonl set 3 entities" in out
    ents = pd.read_csv(folder / "entities.csv", keep_default_na=False)
    assert list(ents.columns) == [
        "article_id",
        "start",
        "end",
        "text",
        "label",
        "canonical",
        "origin",
    ]
    ruled = ents.loc[ents["origin"] == "rule", ["article_id", "text", "label"]].values.tolist()
    assert ruled == [
        ["s1", "HIMARS", "PRODUCT"],
        ["s2", "Olaf Scholz", "PERSON"],
        ["s3", "Kharkiv", "GPE"],
    ]
    assert "Kyiv and Kharkiv" not in set(ents["text"])  # the rule won over the model's span
    assert set(ents["origin"]) == {"model", "rule"}
    code, out, _ = run(capsys, folder, "rules", "remove", "--text", "HIMARS")
    assert code == 0 and (folder / PATTERNS_FILE).read_text().count("\n") == 2


def test_rules_apply_to_a_new_upload(fresh_small_dir, capsys) -> None:
    folder = fresh_small_dir
    run(capsys, folder, "rules", "add", "--text", "HIMARS", "--label", "PRODUCT")
    run(capsys, folder, "rules", "add", "--text", "Olaf Scholz", "--label", "PERSON")
    incoming = read_corpus_bytes(NEW.encode("utf-8"), "new.csv")
    plan = plan_upload(load_corpus(folder / "articles.csv"), incoming, mode="add", annotated=())
    apply_upload(plan, folder / "articles.csv")
    code, out, err = run(capsys, folder, "process", str(folder / "articles.csv"))
    assert code == 0, err
    assert "1 processed" in out
    ents = pd.read_csv(folder / "entities.csv", keep_default_na=False)
    new = ents.loc[ents["article_id"] == "s9"]
    got = set(map(tuple, new[["text", "label", "origin"]].values.tolist()))
    assert ("HIMARS", "PRODUCT", "rule") in got
    assert any(t == "Olaf Scholz" and lab == "PERSON" for t, lab, _o in got)
