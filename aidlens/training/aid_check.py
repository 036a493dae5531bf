"""Train the learned aid check (aidlens.amounts aid_model) from folders of reviewed amounts.

A gold folder holds articles.csv and the reviewed amounts, gold/amount_reviews.csv (a data
folder's own amount_reviews.csv serves too). Each amount the rules find is an example: its
feature words, and whether the review charts it (pledged or delivered, not a part). The model
is spaCy's bag-of-words text classifier over single feature words and adjacent pairs of them
(the rules' stage with their reason, two words in a row), trained with `nlp.update`. Boosted
trees over the same words (aid_trees.py) are trained beside it and saved in its folder as
trees.json; the check averages the two. It is written to a temporary folder first, then moved
into place.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from aidlens.amounts import (
    AID,
    AID_MODEL_DIR,
    NOT_AID,
    AidCheck,
    AmountExtractor,
    aid_probabilities,
    write_trees,
)
from aidlens.analysis import is_charted, match_mentions, read_gold_amounts
from aidlens.errors import InputError, Problem
from aidlens.processing import EXTRACTOR_VERSION
from aidlens.training.aid_trees import train_trees

if TYPE_CHECKING:
    from spacy.language import Language

GOLD_FILES = (Path("gold") / "amount_reviews.csv", Path("amount_reviews.csv"))
BOW = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    # Pairs of adjacent feature words: leave-one-writer-out aid-or-not F1 0.81 -> 0.82 (seeds
    # 0 to 3); triples overfit (0.81).
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 65536,
}


@dataclass(frozen=True)
class AidExample:
    """One amount the rules found: where, its feature words, and whether it is charted aid."""

    article_id: str
    start: int
    features: list[str]
    aid: bool
    rule_aid: bool


def gold_file(folder: Path) -> Path:
    """Return the reviewed amounts of a gold folder; raise InputError when it has none."""
    for name in GOLD_FILES:
        if (Path(folder) / name).is_file():
            return Path(folder) / name
    msg = "holds no gold/amount_reviews.csv or amount_reviews.csv; review its amounts first"
    raise InputError([Problem(str(folder), msg)])


def gold_digest(folder: Path) -> str:
    """Return a digest of a gold folder's articles and reviewed amounts."""
    digest = hashlib.sha256()
    for path in (Path(folder) / "articles.csv", gold_file(folder)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def folder_examples(folder: Path, nlp: Language) -> list[AidExample]:
    """Return one example per amount the rules find in a gold folder's articles."""
    with open(Path(folder) / "articles.csv", encoding="utf-8-sig", newline="") as fh:
        texts = {r["id"]: r["text"] for r in csv.DictReader(fh)}
    gold = read_gold_amounts(gold_file(folder), texts)
    extractor = AmountExtractor(nlp.vocab, aid_model=None)
    found, features = [], []
    for article_id, doc in zip(texts, nlp.pipe(texts.values()), strict=True):
        rows, feats = extractor.rule_rows(doc)
        found += [{**row, "article_id": article_id} for row in rows]
        features += feats
    return _label(gold, pd.DataFrame(found), features)


def _label(gold: pd.DataFrame, found: pd.DataFrame, features: list[list[str]]) -> list:
    """Return the examples, each labelled by the reviewed mention its span overlaps."""
    if found.empty:
        return []
    aid = dict.fromkeys(found.index, False)
    charted = is_charted(gold)
    for gi, ei in match_mentions(gold, found):
        aid[ei] = bool(charted[gi])
    rule_aid = is_charted(found)
    return [
        AidExample(r.article_id, int(r.start), features[i], aid[i], bool(rule_aid[i]))
        for i, r in enumerate(found.itertuples())
    ]


def train_aid_model(examples: Sequence[AidExample], epochs: int = 20, seed: int = 0) -> AidCheck:
    """Return the check trained on the examples, both its models (deterministic for a seed)."""
    trees = train_trees([e.features for e in examples], [e.aid for e in examples], seed)
    return AidCheck(train_bow(examples, epochs, seed), trees)


def train_bow(examples: Sequence[AidExample], epochs: int = 20, seed: int = 0) -> Language:
    """Return a bag-of-words text classifier trained on the examples."""
    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example
    from spacy.util import minibatch

    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": BOW})
    textcat.add_label(AID)
    textcat.add_label(NOT_AID)
    data = [
        Example.from_dict(
            Doc(nlp.vocab, words=e.features or ["none"]),
            {"cats": {AID: float(e.aid), NOT_AID: float(not e.aid)}},
        )
        for e in examples
    ]
    optimizer = nlp.initialize(lambda: data)
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(data)
        for batch in minibatch(data, 16):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def check_scores(model: AidCheck | None, examples: Sequence[AidExample]) -> dict[str, float]:
    """Return precision, recall and F1 of 'charted aid' over the examples, rules or model."""
    if model is None:
        said = [e.rule_aid for e in examples]
    else:
        said = [p >= 0.5 for p in aid_probabilities(model, [e.features for e in examples])]
    tp = sum(s and e.aid for s, e in zip(said, examples, strict=True))
    fp = sum(s and not e.aid for s, e in zip(said, examples, strict=True))
    fn = sum(e.aid and not s for s, e in zip(said, examples, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}


def save_aid_model(check: AidCheck, out: Path, gold: Sequence[Path], force: bool) -> None:
    """Write the check with its meta to `out` through a temporary folder (never half-written)."""
    out = Path(out)
    if out.exists() and not force:
        raise InputError([Problem(str(out), "exists; pass --force to replace it")])
    digests = {Path(g).name: gold_digest(g) for g in gold}
    check_version_bumped(out, digests)
    nlp = check.bow
    nlp.meta["name"] = "aid_check"
    nlp.meta["aidlens"] = {
        "extractor_version": EXTRACTOR_VERSION,
        "gold": digests,
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "trees": len(check.trees.trees) if check.trees else 0,
    }
    tmp = out.with_name(f".{out.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    if check.trees is not None:
        write_trees(check.trees, tmp)
    _swap(tmp, out)


def check_version_bumped(out: Path, digests: dict[str, str], shipped: Path = AID_MODEL_DIR) -> None:
    """Refuse to replace the shipped check with one trained on other gold under the same
    EXTRACTOR_VERSION: the new check decides other amounts, and rows cached under that version
    would keep the old verdicts."""
    meta = Path(out) / "meta.json"
    if Path(out).resolve() != Path(shipped).resolve() or not meta.is_file():
        return
    old = json.loads(meta.read_text(encoding="utf-8")).get("aidlens", {})
    if old.get("extractor_version") == EXTRACTOR_VERSION and old.get("gold") != digests:
        msg = (
            f"was trained on other gold under EXTRACTOR_VERSION {EXTRACTOR_VERSION}; bump "
            "EXTRACTOR_VERSION in aidlens/processing/extract.py first, or rows cached under it "
            "keep the old check's verdicts"
        )
        raise InputError([Problem(str(out), msg)])


def _swap(tmp: Path, out: Path) -> None:
    """Move the new folder into place, the old one (if any) out of the way first."""
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
