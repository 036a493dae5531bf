"""Leave one gold folder out: how the learned checks do on a writer they never saw.

Each folder in turn is scored with the whole pipeline (the rules, the aid check, the linker and
the table's doubt, as `process` and `evaluate --amounts` run them) while the aid check and the
linker are trained on the other folders only. Scores on folders a model was trained on flatter
it; these are the fair ones (`train-amounts --cross-check`). Nothing is written.

The sets retell the same packages, so the linker of a fold has mostly seen the left-out set's
packages in other sets. With `packages_out` it is also trained without the pairs of any
commitment the left-out set's gold names (`--cross-check --packages-out`): a writer who tells of
packages no set told, as held-out articles do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from aidlens.amounts import amounts_table
from aidlens.analysis import prf, score_amounts
from aidlens.errors import InputError, Problem
from aidlens.training.aid_check import AidExample, folder_examples, train_aid_model
from aidlens.training.link_check import (
    ReviewedPairs,
    folder_amounts,
    folder_rows,
    reviewed_pairs,
    train_link_model,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

POOLED = "pooled"


class ParsedOnce:
    """The pipeline, parsing each text once: every fold reads the same folders again.

    Extraction only reads a Doc, so one Doc serves every fold.
    """

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.vocab: Vocab = nlp.vocab
        self.docs: dict[str, Doc] = {}

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Yield the Doc of each text, parsing only the texts not seen before."""
        texts = list(texts)
        new = [t for t in dict.fromkeys(texts) if t not in self.docs]
        self.docs.update(zip(new, self.nlp.pipe(new), strict=True))
        return (self.docs[t] for t in texts)


def cross_check(
    folders: Sequence[Path], nlp: Language, packages_out: bool = False
) -> dict[str, dict]:
    """Return the amount scores of each folder left out, and of all of them pooled; with
    `packages_out`, each fold's linker never trains on a pair of the left-out set's commitments."""
    if len(folders) < 2:
        msg = "--cross-check needs at least two --gold folders: one is left out in turn"
        raise InputError([Problem(str(folders[0] if folders else "--gold"), msg)])
    parsed = ParsedOnce(nlp)
    # The aid check's examples are the rules' rows: the same in every fold, so found once.
    examples = {f: folder_examples(f, parsed) for f in folders}
    scores = {
        str(held): _fold(held, [f for f in folders if f != held], parsed, examples, packages_out)
        for held in folders
    }
    return {**scores, POOLED: pooled(list(scores.values()))}


def _fold(
    held: Path,
    rest: list[Path],
    nlp: ParsedOnce,
    examples: Mapping[Path, list[AidExample]],
    packages_out: bool,
) -> dict:
    """Return the scores of `held` with the aid check and the linker trained on `rest`."""
    aid_model = train_aid_model([e for f in rest for e in examples[f]])
    f = folder_rows(held, nlp, aid_model)
    held_ids = set(f.gold["commitment_id"].fillna("").astype(str)) - {""}
    pairs = [reviewed_pairs(*folder_amounts(r, nlp, aid_model)) for r in rest]
    left_out = held_ids if packages_out else set()
    link_model = train_link_model([without_commitments(p, left_out) for p in pairs])
    amounts = amounts_table(f.corpus, f.rows, f.entities, f.aliases, f.rates, link_model=link_model)
    published = f.corpus.frame.set_index("id")["published"]
    return score_amounts(f.gold, amounts, published, f.rates)


def without_commitments(pairs: ReviewedPairs, ids: set[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return (features, same) of the pairs neither of whose sides is one of the commitments
    `ids`: a pair that says "not one" of such a commitment teaches it too."""
    keep = ~(np.isin(pairs.first, list(ids)) | np.isin(pairs.second, list(ids)))
    return pairs.x[keep], pairs.same[keep]


def pooled(results: list[dict]) -> dict:
    """Return the scores of several folders as one: counts summed, then the ratios."""
    counts = ("gold", "extracted", "matched")
    out: dict[str, dict] = {"mentions": {k: sum(r["mentions"][k] for r in results) for k in counts}}
    for key in ("aid", "linking"):
        out[key] = prf(*(sum(r[key][c] for r in results) for c in ("tp", "fp", "fn")))
    for key in ("donor", "stage"):
        right, of = (sum(r[key][c] for r in results) for c in ("right", "of"))
        out[key] = {"right": right, "of": of, "accuracy": right / of if of else None}
    got, true = (sum(r["pledged_total"][c] for r in results) for c in ("extracted_usd", "gold_usd"))
    out["pledged_total"] = {
        "extracted_usd": got,
        "gold_usd": true,
        "ratio": got / true if true else None,
    }
    return out
