"""What the learned aid check reads of one amount: the rules' verdict and the words around it.

Each amount becomes a short list of feature words ("rule_pledged", "why_signed", "up0_dobj_law",
"l_pledge", "s_trillion", "mag_12"). spaCy's bag-of-words text classifier (aid_model.py) reads
them as a document, single words and adjacent pairs, so their order matters: the check is a
linear model over the rules' stage and reason (and the two together), the dependency path
above the amount, its prepositions, the words on either side, the sentence's content words
and the amount's size, in US dollars at one rate per currency (rates.reference_rate). Both
training and extraction build them here, from the rows the rules wrote, so they always agree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aidlens.amounts.rates import reference_rate

if TYPE_CHECKING:
    from spacy.tokens import Span

WINDOW = 6  # words on either side of the amount
ANCESTORS = 4  # words above the amount in the parse


def mention_features(
    span: Span, sent: Span, row: Mapping[str, Any], sentence: list[str] | None = None
) -> list[str]:
    """Return the feature words of one amount `span` in `sent` and the row the rules wrote;
    `sentence`: sentence_features(sent), when the caller has them."""
    sentence = sentence_features(sent) if sentence is None else sentence
    return [*_rule_features(row), *_parse_features(span), *_word_features(span, sent), *sentence]


def sentence_features(sent: Span) -> list[str]:
    """Return a sentence's content words as features: each amount of the sentence has them."""
    return [f"s_{t.lemma_.lower()}" for t in sent if t.is_alpha and not t.is_stop]


def _rule_features(row: Mapping[str, Any]) -> list[str]:
    """Return what the rules said: stage, reason words, part, donor, recipient, size, currency."""
    reason = str(row.get("reason") or "none").lower()
    feats = [f"rule_{row.get('stage') or 'none'}", "why_" + reason.replace(" ", "_")]
    feats += ["why_" + w for w in reason.replace(",", " ").split()]
    flags = (("part_of", "has_part"), ("donor", "has_donor"), ("restates", "restates"))
    feats += [name for key, name in flags if row.get(key)]
    if row.get("vague"):
        feats.append("vague")
    feats.append("rec_" + str(row.get("recipient") or "none").replace(" ", "_").lower())
    value = row.get("value")
    if value is not None and value == value and float(value) >= 1:  # not NaN
        # Its size in US dollars: ¥471.9bn is a $3bn loan, not a budget of 1e11.
        usd = float(value) * (reference_rate(str(row.get("currency") or "")) or 1.0)
        feats.append(f"mag_{int(math.log10(usd))}" if usd >= 1 else "mag_0")
    feats.append(f"cur_{row.get('currency') or 'none'}")
    return feats


def _parse_features(span: Span) -> list[str]:
    """Return the amount's dependency relation, the words above it and its prepositions."""
    root = span.root
    feats = [f"dep_{root.dep_}", f"head_{root.head.lemma_.lower()}"]
    for i, tok in enumerate(list(root.ancestors)[:ANCESTORS]):
        feats += [f"up_{tok.lemma_.lower()}", f"up{i}_{tok.dep_}_{tok.lemma_.lower()}"]
    for tok in (root, root.head):
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            objects = (c for c in prep.children if c.dep_ == "pobj")
            feats += [f"prep_{prep.lower_}_{o.lemma_.lower()}" for o in objects]
    return feats


def _word_features(span: Span, sent: Span) -> list[str]:
    """Return the words just before and after the amount, in its sentence."""
    doc = span.doc
    before = (doc[i] for i in range(max(sent.start, span.start - WINDOW), span.start))
    after = (doc[i] for i in range(span.end, min(sent.end, span.end + WINDOW)))
    feats = [f"l_{t.lemma_.lower()}" for t in before if t.is_alpha]
    feats += [f"r_{t.lemma_.lower()}" for t in after if t.is_alpha]
    return feats
