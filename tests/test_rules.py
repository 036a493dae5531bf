"""Rules: patterns.jsonl, applying rules over the model's entities, and the re-derived articles."""

from __future__ import annotations

import pandas as pd
import pytest

from aidlens.annotations import AnnotationStore, CorrectionOverlay, new_span
from aidlens.corpus import load_aliases, load_corpus
from aidlens.errors import InputError, StoreError
from aidlens.pipeline import model_id
from aidlens.processing import build_results, open_cache
from aidlens.rules import PATTERNS_FILE, Rule, RuleOverlay, add_rule, apply_rules, load_rules
from aidlens.rules.match import find_phrase
from aidlens.rules.patterns import parse_rules
from aidlens.rules.suggest import rule_suggestions
from tests.store_helpers import folder_hash


@pytest.mark.parametrize(
    ("text", "rules", "problems"),
    [
        ('{"label": "GPE", "pattern": "Kyiv"}\n', [("Kyiv", "GPE")], []),
        ('\n{"label": "GPE", "pattern": "Kyiv", "id": "k"}\n\n', [("Kyiv", "GPE")], []),
        ('{"label": "GPE", "pattern": "Kyiv"\n', [], ["line 1: is not JSON"]),
        ('["GPE", "Kyiv"]\n', [], ["line 1: is not a JSON object"]),
        ('{"label": "GPE", "pattern": [{"LOWER": "kyiv"}]}', [], ["line 1: token patterns"]),
        ('{"label": "GPE", "pattern": ""}', [], ["line 1: pattern '' is not a phrase"]),
        ('{"label": "GPE", "pattern": " Kyiv"}', [], ["line 1: pattern ' Kyiv' starts or ends"]),
        ('{"pattern": "Kyiv"}', [], ["line 1: label None is not a label"]),
        (
            '{"label": "GPE", "pattern": "Kyiv"}\nnot json\n{"label": "LOC", "pattern": "Kyiv"}\n',
            [("Kyiv", "GPE")],
            ["line 2: is not JSON", "line 3: pattern 'Kyiv' is also on line 1"],
        ),
    ],
)
def test_patterns_file_lines(text, rules, problems) -> None:
    found = parse_rules(text)
    assert [(r.text, r.label) for r in found.rules] == rules
    assert len(found.problems) == len(problems)
    for problem, expected in zip(found.problems, problems, strict=True):
        assert str(problem).startswith(f"{PATTERNS_FILE}: {expected}")


@pytest.mark.parametrize(
    ("text", "phrase", "found"),
    [
        ("Aid to Kyiv's army", "Kyiv", [(7, 11)]),
        ("Kyivstar and Kyiv-based", "Kyiv", [(13, 17)]),  # not inside a word
        ("Mark Rutte met Rutte.", "Mark Rutte", [(0, 10)]),
        ("the U.S. and US", "U.S.", [(4, 8)]),
        ("🇺🇦Kyiv🇺🇦", "Kyiv", [(2, 6)]),
        ("no such town", "Kyiv", []),
    ],
)
def test_rules_match_on_token_boundaries(text, phrase, found) -> None:
    assert list(find_phrase(phrase, {"h": text}).get("h", ())) == found


@pytest.mark.parametrize(
    ("text", "model", "rules", "rows"),
    [
        # the rule wins over a disagreeing model label
        ("Kyiv said now", [(0, 4, "PERSON")], [("Kyiv", "GPE")], [(0, 4, "Kyiv", "GPE", "rule")]),
        # the same span and label stays the model's and changes nothing
        ("Kyiv said now", [(0, 4, "GPE")], [("Kyiv", "GPE")], [(0, 4, "Kyiv", "GPE", "model")]),
        # a model span overlapping the rule's is dropped; one elsewhere is kept
        (
            "Kyiv said now",
            [(0, 9, "ORG"), (10, 13, "DATE")],
            [("Kyiv", "GPE")],
            [(0, 4, "Kyiv", "GPE", "rule"), (10, 13, "now", "DATE", "model")],
        ),
        # of two overlapping rules the longer wins, at every occurrence
        (
            "Mark Rutte met Mark Rutte.",
            [(5, 10, "ORG")],
            [("Rutte", "PERSON"), ("Mark Rutte", "PERSON")],
            [(0, 10, "Mark Rutte", "PERSON", "rule"), (15, 25, "Mark Rutte", "PERSON", "rule")],
        ),
        # no match: the model's rows as they were
        ("Kyivstar", [(0, 8, "ORG")], [("Kyiv", "GPE")], [(0, 8, "Kyivstar", "ORG", "model")]),
    ],
)
def test_rule_beats_model(text, model, rules, rows) -> None:
    articles = pd.DataFrame({"id": ["a"], "text_hash": ["h"], "text": [text]})
    ents = pd.DataFrame(
        [("a", s, e, text[s:e], lab, text[s:e]) for s, e, lab in model],
        columns=["article_id", "start", "end", "text", "label", "canonical"],
    )
    out = apply_rules(ents, articles, [Rule(t, lab) for t, lab in rules], {})
    got = out[["start", "end", "text", "label", "origin"]].values.tolist()
    assert [tuple(r) for r in got] == rows
    assert list(out.columns) == [
        "article_id",
        "start",
        "end",
        "text",
        "label",
        "canonical",
        "origin",
    ]


@pytest.fixture
def sample(sample_data_dir, model_name):
    """Return the processed sample corpus and its model entities."""
    corpus = load_corpus(sample_data_dir / "articles.csv")
    cache = open_cache(sample_data_dir, model_id(model_name))
    return corpus, build_results(corpus, cache, load_aliases(sample_data_dir)).entities


def articles_with(corpus, phrase: str) -> int:
    """Return how many articles hold `phrase` as whole tokens."""
    texts = dict(zip(corpus.frame["id"], corpus.frame["text"], strict=True))
    return len(find_phrase(phrase, texts))


def test_a_change_of_rules_rederives_only_the_articles_it_touches(sample) -> None:
    corpus, model = sample
    overlay = RuleOverlay(model, corpus.frame, {})
    kyiv, pentagon = Rule("Kyiv", "GPE"), Rule("Pentagon", "ORG")
    steps = [
        ([kyiv], articles_with(corpus, "Kyiv")),
        ([kyiv, pentagon], articles_with(corpus, "Pentagon")),
        ([kyiv, pentagon], None),  # nothing changed: the table is reused
        ([pentagon], articles_with(corpus, "Kyiv")),
        ([pentagon, Rule("Kyiv", "LOC")], articles_with(corpus, "Kyiv")),  # a relabelled rule
    ]
    for rules, rederived in steps:
        before = overlay.rederived
        table = overlay.entities(rules)
        if rederived is None:
            assert overlay.rederived == before and overlay.entities(rules) is table
        else:
            assert 0 < overlay.rederived == rederived < len(corpus)
        fresh = apply_rules(model, corpus.frame, rules, {})
        pd.testing.assert_frame_equal(table, fresh)  # spliced == built from scratch
    final = overlay.entities([pentagon, Rule("Kyiv", "LOC")])
    kyivs = final.loc[final["text"] == "Kyiv"]
    assert set(kyivs["label"]) == {"LOC"} and set(kyivs["origin"]) == {"rule"}
    untouched = model.loc[
        ~model["article_id"].isin(final.loc[final["origin"] == "rule", "article_id"])
    ]
    assert len(untouched) and len(final) > 0


def test_counts_of_spans_each_rule_changes(sample) -> None:
    corpus, model = sample
    overlay = RuleOverlay(model, corpus.frame, {})
    rules = [Rule("Kyiv", "GPE"), Rule("Kyiv Oblast", "GPE"), Rule("nowhere-at-all", "GPE")]
    counts = overlay.changes(rules)
    table = overlay.entities(rules)
    assert sum(counts.values()) == (table["origin"] == "rule").sum()
    assert counts[Rule("nowhere-at-all", "GPE")] == 0
    kyiv_model = model.loc[model["text"] == "Kyiv"]
    assert counts[Rule("Kyiv", "GPE")] >= (kyiv_model["label"] != "GPE").sum() > 0


def test_annotator_beats_rule_beats_model(fresh_small_dir, model_name) -> None:
    corpus = load_corpus(fresh_small_dir / "articles.csv")
    cache = open_cache(fresh_small_dir, model_id(model_name))
    model = build_results(corpus, cache, {}).entities
    ruled = apply_rules(model, corpus.frame, [Rule("Ukraine", "PERSON")], {})
    ukraine = ruled.loc[ruled["text"] == "Ukraine"]
    assert set(ukraine["label"]) == {"PERSON"} and set(ukraine["origin"]) == {"rule"}
    assert len(ukraine) == 2  # s1 and s2
    texts = dict(zip(corpus.frame["id"], corpus.frame["text"], strict=True))
    store = AnnotationStore(fresh_small_dir, texts, ("GPE", "PERSON"))
    text = store.text("s1")
    s = text.index("Ukraine")
    store.save(
        "s1", [new_span(text, s, s + 7, "GPE", store.labels)], annotator="a", base_revision=0
    )
    shown = CorrectionOverlay(ruled, {}).entities(store)
    got = shown.loc[shown["text"] == "Ukraine", ["article_id", "label", "origin"]]
    assert got.values.tolist() == [["s1", "GPE", "human"], ["s2", "PERSON", "rule"]]


def test_saves_are_refused_while_the_file_has_bad_lines(tmp_path) -> None:
    (tmp_path / PATTERNS_FILE).write_text('{"label": "GPE", "pattern": "Kyiv"}\n{oops\n')
    before = folder_hash(tmp_path)
    with pytest.raises(InputError, match="line 2"):
        add_rule(tmp_path, "Kharkiv", "GPE")
    assert folder_hash(tmp_path) == before
    with pytest.raises(StoreError, match="empty"):
        add_rule(tmp_path, "  ", "GPE")


def test_add_replaces_a_rule_for_the_same_text(tmp_path) -> None:
    assert add_rule(tmp_path, "Kyiv", "PERSON")[1]
    assert add_rule(tmp_path, " Kyiv ", "GPE")[1]
    assert not add_rule(tmp_path, "Kyiv", "GPE")[1]
    assert load_rules(tmp_path).rules == (Rule("Kyiv", "GPE"),)
    assert (tmp_path / PATTERNS_FILE).read_text() == '{"label": "GPE", "pattern": "Kyiv"}\n'
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("corrections", "expected"),
    [
        ([("a", "Kyiv", "GPE"), ("b", "Kyiv", "GPE")], [(Rule("Kyiv", "GPE"), 2)]),
        ([("a", "Kyiv", "GPE"), ("a", "Kyiv", "GPE")], []),  # one article
        ([("a", "Kyiv", "GPE"), ("b", "Kyiv", "GPE"), ("c", "Kyiv", "LOC")], []),  # disagree
        ([("a", "Rutte", "PERSON"), ("b", "Rutte", "PERSON")], []),  # already a rule
    ],
)
def test_suggestions_from_repeated_corrections(corrections, expected) -> None:
    assert rule_suggestions(corrections, [Rule("Rutte", "PERSON")]) == expected


@pytest.mark.parametrize(
    "phrase", ["Kyiv", "U.S.", "United States", "the", "$", "billion", "Ukraine's", "-", "Mr."]
)
def test_matching_around_occurrences_equals_matching_whole_texts(sample, phrase) -> None:
    from spacy.matcher import PhraseMatcher

    from aidlens.rules.match import blank_english

    corpus, _model = sample
    texts = dict(zip(corpus.frame["text_hash"], corpus.frame["text"], strict=True))
    nlp = blank_english()
    matcher = PhraseMatcher(nlp.vocab)
    matcher.add("P", [nlp.make_doc(phrase)])
    whole = {}
    for h, text in texts.items():
        doc = nlp.make_doc(text)
        spans = tuple(sorted((doc[s:e].start_char, doc[s:e].end_char) for _i, s, e in matcher(doc)))
        if spans:
            whole[h] = spans
    assert find_phrase(phrase, texts) == whole
