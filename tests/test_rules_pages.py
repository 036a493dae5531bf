"""Rules in the app under AppTest: the Data page lists and removes them, Annotate offers them."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from aidlens.annotations import AnnotationStore, known_labels, new_span
from aidlens.corpus import load_corpus
from aidlens.pipeline import resolve_model_name
from aidlens.rules import PATTERNS_FILE, Rule, load_rules
from tests.conftest import ROOT

PATTERNS = (
    '{"label": "PERSON", "pattern": "Olaf Scholz"}\n'
    '{"label": "PRODUCT", "pattern": "HIMARS"}\n'
    '{"label": "GPE", "pattern": [{"LOWER": "kyiv"}]}\n'
)


def page(folder: Path, monkeypatch, path: str, **params: str) -> AppTest:
    """Return the app on one page of `folder`, editing open to everyone."""
    monkeypatch.setenv("AIDLENS_DATA", str(folder))
    monkeypatch.delenv("AIDLENS_PASSWORD", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def test_data_page_lists_rules_and_removes_one(fresh_small_dir, monkeypatch) -> None:
    (fresh_small_dir / PATTERNS_FILE).write_text(PATTERNS, encoding="utf-8")
    at = page(fresh_small_dir, monkeypatch, "app_pages/data.py")
    [table] = [
        d for d in at.dataframe if list(d.value.columns) == ["text", "label", "spans changed"]
    ]
    assert table.value.values.tolist() == [["Olaf Scholz", "PERSON", 1], ["HIMARS", "PRODUCT", 1]]
    assert any("line 3" in c.value and "token patterns" in c.value for c in at.code)
    # A bad line keeps the file from being rewritten: fix it, then remove a rule.
    (fresh_small_dir / PATTERNS_FILE).write_text(
        PATTERNS.splitlines(True)[0] + PATTERNS.splitlines(True)[1]
    )
    at.run()
    at.selectbox(key="data_rule_pick").set_value("HIMARS").run()
    at.button(key="data_rule_remove").click().run()
    assert not at.exception
    assert load_rules(fresh_small_dir).rules == (Rule("Olaf Scholz", "PERSON"),)
    assert any("Removed the rule" in s.value for s in at.success)
    [table] = [
        d for d in at.dataframe if list(d.value.columns) == ["text", "label", "spans changed"]
    ]
    assert table.value.values.tolist() == [["Olaf Scholz", "PERSON", 1]]


def test_read_page_shows_the_rule_and_annotate_starts_from_it(fresh_small_dir, monkeypatch) -> None:
    (fresh_small_dir / PATTERNS_FILE).write_text(PATTERNS, encoding="utf-8")
    at = page(fresh_small_dir, monkeypatch, "app_pages/annotate.py", article="s2", annotator="al")
    rows = at.data_editor[0].value
    scholz = rows.loc[rows["text"] == "Olaf Scholz"]
    assert scholz["label"].tolist() == ["PERSON"]  # the rule, not the model's LOC


def save_by_hand(folder: Path, article: str, phrase: str, label: str) -> None:
    """Save an article with one span set by hand, through the store as the app does."""
    frame = load_corpus(folder / "articles.csv").frame
    texts = dict(zip(frame["id"], frame["text"], strict=True))
    store = AnnotationStore(folder, texts, known_labels(folder, resolve_model_name()))
    text = texts[article]
    start = text.index(phrase)
    span = new_span(text, start, start + len(phrase), label, store.labels)
    store.save(article, [span], annotator="al", base_revision=0)


@pytest.mark.parametrize("make", [True, False])
def test_annotate_offers_a_repeated_correction_as_a_rule(
    fresh_small_dir, monkeypatch, make
) -> None:
    save_by_hand(fresh_small_dir, "s1", "Ukraine", "NORP")
    save_by_hand(fresh_small_dir, "s2", "Ukraine", "NORP")
    at = page(fresh_small_dir, monkeypatch, "app_pages/annotate.py", article="s3", annotator="al")
    offer = [m.value for m in at.markdown if "a rule?" in m.value]
    assert len(offer) == 1 and "Ukraine" in offer[0] and "2 articles" in offer[0]
    at.button(key="ann_rule_make_0" if make else "ann_rule_skip_0").click().run()
    assert not at.exception
    expected = (Rule("Ukraine", "NORP"),) if make else ()
    assert load_rules(fresh_small_dir).rules == expected
    assert not [m for m in at.markdown if "a rule?" in m.value]


def test_annotate_offers_a_rule_after_apply_everywhere(fresh_small_dir, monkeypatch) -> None:
    at = page(fresh_small_dir, monkeypatch, "app_pages/annotate.py", article="s3", annotator="al")
    assert not [m for m in at.markdown if "a rule?" in m.value]
    at.text_input(key="ann_all_text").set_value("Berlin").run()
    at.selectbox(key="ann_all_label").set_value("LOC").run()
    at.button(key="ann_all_apply").click().run()
    offer = [m.value for m in at.markdown if "a rule?" in m.value]
    assert len(offer) == 1 and "Berlin" in offer[0] and "every article" in offer[0]
    at.button(key="ann_rule_make_0").click().run()
    assert not at.exception
    assert load_rules(fresh_small_dir).rules == (Rule("Berlin", "LOC"),)


def test_data_page_says_how_many_tokens_the_docbin_splits(fresh_small_dir, monkeypatch) -> None:
    save_by_hand(fresh_small_dir, "s1", "Blink", "PERSON")  # inside the token "Blinken"
    at = page(fresh_small_dir, monkeypatch, "app_pages/data.py")
    [caption] = [c.value for c in at.caption if "DocBin" in c.value]
    assert "1 token(s) are split at span boundaries" in caption
