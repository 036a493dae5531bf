"""Which corrections to offer as rules: the same text given the same label in two articles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from aidlens.rules.patterns import Rule

MIN_ARTICLES = 2  # a correction made in this many articles is offered as a rule


def rule_suggestions(
    corrections: Iterable[tuple[str, str, str]], rules: Iterable[Rule]
) -> list[tuple[Rule, int]]:
    """Return (rule, articles) for texts annotators set to one label in two or more articles.

    `corrections` are (article_id, text, label) of the spans annotators set by hand. A text
    given different labels by hand is never offered, nor one that is already that rule.
    """
    articles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for article, text, label in corrections:
        articles[text][label].add(article)
    existing = set(rules)
    out = []
    for text, by_label in articles.items():
        if len(by_label) != 1:
            continue
        [(label, where)] = by_label.items()
        rule = Rule(text, label)
        if len(where) >= MIN_ARTICLES and rule not in existing:
            out.append((rule, len(where)))
    return sorted(out, key=lambda item: (-item[1], item[0].text))
