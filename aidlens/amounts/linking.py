"""Which mentions are one commitment: a learned same-commitment score per pair, then clustering.

A pair of mentions (close values of one unit) is scored by a logistic model over PAIR_FEATURES:
same donor, equal value, values within rounding of each other ("$61.4bn", "about $61bn"), how
far apart the values are, same written currency, same named instrument, days apart (and its
square: a week and a month apart differ little, a month and a year a lot), same article,
landmark size, a precise figure written again, the size (to a tenth of a decade), one figure of
two significant digits or more written again ("£2.3bn": a donor's "€2bn" recurs for new
packages, its "£2.3bn" less), how far apart a request and another figure of its donor in one
article are ("$33bn asked, $40bn passed": the value gap tells less there), and the days between
the dates the two sentences name for their figures, else their articles' ("the $1bn drawdown of
24 April": named_dates.py), and whether the later mention points back to a commitment already
told or announces a new one ("the $61bn", "a further $800m": reference.py), and how many of
their sentences' content words the two share (sketch.py: a package's restatements months apart
share its words, two round figures of one donor for different things fewer).
It is trained on the reviewed commitment ids of gold folders (`train-amounts --links`,
aidlens.training.link_check) and shipped as data/link_model.json. When the file also holds
boosted trees over the same features (pair_trees.py), their log-odds score the pair instead:
the logistic model adds each feature's weight whatever the others say, and the trees learn
that an equal value of one donor a year apart is one commitment while a round value of two
donors is not (leaving one gold folder out, pairs F1 0.81 -> 0.90; BENCHMARKS.md).
Rules guessed the weights before (45 days, same donor, 5% off) and lost most restatements
months apart: reviewers link a request, its blocked bill and its law, or a pledge and its full
delivery, however far apart.

Clustering: in date order, each mention joins the commitment of its best-scoring earlier
mention when that score reaches the model's threshold (single link), else starts a new one.
Candidates are the NEIGHBOURS nearest mentions in (unit, value, date) order within SPREAD of
its value: a corpus restates a few values thousands of times, and pairs must stay linear.
Two different single instruments (the Ukraine Facility, the Peace Facility) never link, two
donors only on a telling figure, a delivery and a pledge only when the delivery is the whole sum
(allowed), a rate only with a rate, and one figure restated in another currency in one article
always does (_restated), as does one named single instrument restated by its donor within
rounding (_instrument_restated, of any size since the sixty-second session).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from aidlens.amounts.pair_trees import PairTrees
from aidlens.amounts.reference import KNOWN, NEW
from aidlens.amounts.sketch import overlap, sketches

LINK_MODEL = Path(__file__).with_name("data") / "link_model.json"
PAIR_FEATURES = (
    "bias",
    "same_donor",
    "equal_value",
    "value_gap",
    "same_currency",
    "same_instrument",
    "day_gap",
    "same_article",
    "landmark",
    "precise_equal",
    "size",
    "precise_day_gap",
    "day_gap_squared",
    "within_rounding",
    "specific_equal",
    "request_gap",
    "told_gap",
    "later_known",
    "later_new",
    "shared_words",
)
NEIGHBOURS = 16  # candidates per mention on each side in value order
SPREAD = math.log(1.3)  # no restatement is 30% off ($33bn asked, $40bn passed: 21%)
EQUAL = 1e-9
# A delivery of the whole pledge ("the $20bn was paid in December") is that commitment
# delivered, as the Kiel Tracker's rows and reviewers keep it; a part paid (a tranche) is not.
FULL = math.log(1.05)
ROUNDED = math.log(1.05)  # "$61.4bn" restated as "about $61bn"; beyond, the odds fall fast
CROSS_CURRENCY = math.log(1.08)  # a writer's rate and the ECB's of that day differ a little
LANDMARK_USD = 10e9  # restated for years ("the $61 billion", "the €50 billion")
YEAR = math.log1p(365)  # day gaps are scaled so that a year is 1
# Round figures of one donor a year apart: the gold's pairs are as often two packages as one
# (leaving one of thirty-four sets out, 5 linked right and 7 wrong; BENCHMARKS.md).
ROUND_HORIZON = 365
# The size feature in tenths of a decade ($50bn and $61bn apart, $60bn and $61bn not): given
# every digit, the trees learn the gold's recurring packages by their exact value and link
# a package they never saw worse (`train-amounts --commitments-out`: pairs F1 0.861 -> 0.888;
# BENCHMARKS.md).
SIZE_STEPS = 10


@dataclass(frozen=True, eq=False)
class LinkModel:
    """The linker's learned score of a pair: logistic weights, and boosted trees when trained."""

    weights: np.ndarray  # in PAIR_FEATURES order
    threshold: float  # linked when the probability of one commitment reaches it
    trees: PairTrees | None = None

    @property
    def cut(self) -> float:
        """Return the threshold as log-odds: a pair links when its logit reaches it."""
        return math.log(self.threshold / (1 - self.threshold))

    def logits(self, columns: list[np.ndarray]) -> np.ndarray:
        """Return the log-odds of one commitment of pairs given as PAIR_FEATURES columns."""
        if self.trees is not None:
            return self.trees.logits(columns)
        z = np.zeros(len(columns[0]))
        for w, column in zip(self.weights, columns, strict=True):
            z += w * column
        return z


@lru_cache(maxsize=4)
def load_link_model(path: Path = LINK_MODEL) -> LinkModel:
    """Return a saved link model (its trees too when the file holds them)."""
    model = json.loads(Path(path).read_text(encoding="utf-8"))
    weights = dict(zip(model["features"], model["weights"], strict=True))
    trees = PairTrees.from_dict(model["trees"]) if model.get("trees") else None
    if trees is not None and model["features"] != list(PAIR_FEATURES):
        msg = f"{path}: its trees split on other features than {PAIR_FEATURES}; retrain it"
        raise ValueError(msg)
    vector = np.array([weights.get(f, 0.0) for f in PAIR_FEATURES])
    return LinkModel(vector, float(model["threshold"]), trees)


def _arrays(d: pd.DataFrame) -> dict[str, np.ndarray]:
    """Return the columns pairs compare, texts as integer codes (-1 for none): comparing
    millions of pairs of strings is what costs."""
    out = {c: pd.factorize(d[c].fillna("").astype(str))[0] for c in ("unit", "written", "who")}
    out["article"] = pd.factorize(d["article_id"].astype(str))[0]
    named = d["named"].fillna("").astype(str)
    out["named"] = np.where(named.eq(""), -1, pd.factorize(named)[0])
    out["match"] = d["match"].to_numpy(dtype="float64")
    dated = d["dated"] if "dated" in d else d["match"]
    out["dated"] = dated.to_numpy(dtype="float64")
    out["day"] = d["day"].to_numpy(dtype="float64")
    told = d["told"].to_numpy(dtype="float64") if "told" in d else np.full(len(d), np.nan)
    out["when"] = np.where(np.isnan(told), out["day"], told)
    out["precise"] = d["precise"].to_numpy(dtype=bool)
    digits = d["digits"] if "digits" in d else pd.Series(1, index=d.index)
    out["digits"] = digits.to_numpy(dtype="int64")
    delivered = d["delivered"] if "delivered" in d else pd.Series(False, index=d.index)
    out["delivered"] = delivered.to_numpy(dtype=bool)
    requested = d["requested"] if "requested" in d else pd.Series(False, index=d.index)
    out["requested"] = requested.to_numpy(dtype=bool)
    out["figure"] = d["figure"].to_numpy() if "figure" in d else np.arange(len(d))
    reference = d["reference"] if "reference" in d else pd.Series("", index=d.index)
    out["known"] = reference.eq(KNOWN).to_numpy()
    out["new"] = reference.eq(NEW).to_numpy()
    rate = d["rate"] if "rate" in d else pd.Series(False, index=d.index)
    out["rate"] = rate.to_numpy(dtype=bool)
    out["sketch"] = sketches(d)
    return out


def _offset_pairs(a: dict[str, np.ndarray]):
    """Yield (i, j) per offset 1..NEIGHBOURS in (unit, value, date) order: same unit, values
    within SPREAD."""
    order = np.lexsort((a["day"], a["match"], a["unit"]))
    unit = a["unit"][order]
    logv = np.log(np.maximum(a["match"][order], 1e-9))
    for k in range(1, NEIGHBOURS + 1):
        ok = (unit[k:] == unit[:-k]) & (logv[k:] - logv[:-k] <= SPREAD)
        yield order[:-k][ok], order[k:][ok]


def _ratio(a: dict[str, np.ndarray], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Return how far apart the values of pairs are (|log|): as written in one currency, at each
    article's day rate across two, since a writer converts at the day's rate ("¥38bn, about
    $300m" in May 2022 is 13% off at the yen's mean rate since 2022)."""
    match = np.log(a["match"][i] / a["match"][j])
    dated = np.log(a["dated"][i] / a["dated"][j])
    same = (a["written"][i] == a["written"][j]) | np.isnan(dated)
    return np.abs(np.where(same, match, dated))


def candidate_pairs(d: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Return positions (i, j) of the pairs worth scoring: same unit, values within SPREAD,
    at most NEIGHBOURS apart in (unit, value, date) order."""
    pairs = list(_offset_pairs(_arrays(d))) or [(np.zeros(0, int), np.zeros(0, int))]
    return np.concatenate([p[0] for p in pairs]), np.concatenate([p[1] for p in pairs])


def pair_features(d: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Return the PAIR_FEATURES of the pairs (i, j) of rows of a linkable frame (linkable_rows)."""
    a = _arrays(d)
    return np.column_stack(_columns(a, i, j, _ratio(a, i, j)))


def _columns(
    a: dict[str, np.ndarray], i: np.ndarray, j: np.ndarray, ratio: np.ndarray
) -> list[np.ndarray]:
    """Return the PAIR_FEATURES columns of the pairs (i, j) whose values are `ratio` apart."""
    match, who, written = a["match"], a["who"], a["written"]
    equal = ratio < EQUAL
    gap = np.log1p(np.abs(a["day"][i] - a["day"][j])) / YEAR
    gap = np.nan_to_num(gap, nan=1.0)  # an undated article is as far as a year
    told_gap = np.log1p(np.abs(a["when"][i] - a["when"][j])) / YEAR
    told_gap = np.nan_to_num(told_gap, nan=1.0)
    precise_equal = a["precise"][i] & a["precise"][j] & equal & (written[i] == written[j])
    smaller = np.maximum(np.minimum(match[i], match[j]), 1e5)
    value_gap = np.minimum(ratio, 0.3) * 10
    asked = (a["requested"][i] | a["requested"][j]) & (a["article"][i] == a["article"][j])
    later = np.maximum(i, j)  # the frame is in date order
    columns = [
        np.ones(len(i)),
        who[i] == who[j],
        equal,
        value_gap,
        written[i] == written[j],
        (a["named"][i] >= 0) & (a["named"][i] == a["named"][j]),
        gap,
        a["article"][i] == a["article"][j],
        smaller >= LANDMARK_USD,
        precise_equal,
        np.floor((np.log10(smaller) - 9) * SIZE_STEPS) / SIZE_STEPS,
        gap * precise_equal,
        gap**2,
        (ratio <= ROUNDED) & ~equal,
        equal & (written[i] == written[j]) & (np.minimum(a["digits"][i], a["digits"][j]) >= 2),
        asked * (who[i] == who[j]) * value_gap,
        told_gap,
        a["known"][later],
        a["new"][later],
        overlap(a["sketch"], i, j),
    ]
    return [np.asarray(c, dtype="float64") for c in columns]


def allowed(d: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Return which pairs may link at all, whatever their score (see _allowed)."""
    a = _arrays(d)
    return _allowed(a, i, j, _ratio(a, i, j))


def _allowed(
    a: dict[str, np.ndarray], i: np.ndarray, j: np.ndarray, ratio: np.ndarray
) -> np.ndarray:
    """Return which pairs (`ratio` apart) may link at all, whatever their score.

    Two different single instruments never do. Two donors only do when the figure identifies
    the commitment: the same instrument, or one value written again that is a landmark or
    precise ("$61.4bn", "£2.26bn"). The gold sets are sparse (twenty articles over years), so
    the model cannot see how many donors give "€1bn" in the same week of a dense corpus. A
    delivery links to a pledge only when it delivers the whole (FULL): a tranche is its own.
    Round figures more than a year apart never do (_round_years_apart). A rate ("€1.5bn a
    month") links only to a rate: the reviewers code a monthly or yearly figure as part of its
    whole, never as the one-off of the same value ("the first €1.5bn payment of the profits").
    """
    named, match, precise = a["named"], a["match"], a["precise"]
    both_named = (named[i] >= 0) & (named[j] >= 0)
    same_named = both_named & (named[i] == named[j])
    telling = (ratio < EQUAL) & (
        (np.minimum(match[i], match[j]) >= LANDMARK_USD) | (precise[i] & precise[j])
    )
    delivery_of_part = (a["delivered"][i] != a["delivered"][j]) & (ratio > FULL)
    who = (a["who"][i] == a["who"][j]) | same_named | telling
    round_apart = _round_years_apart(a, i, j, same_named)
    same_kind = a["rate"][i] == a["rate"][j]
    return ~(both_named & ~same_named) & who & ~delivery_of_part & ~round_apart & same_kind


def _round_years_apart(
    a: dict[str, np.ndarray], i: np.ndarray, j: np.ndarray, same_named: np.ndarray
) -> np.ndarray:
    """Return the pairs of round figures ("$400m", "€2bn": one significant digit) more than
    ROUND_HORIZON days apart, neither of landmark size nor one named instrument: a donor gives
    such a figure again and again, and the trees, which see few such pairs, may link them."""
    apart = np.abs(a["day"][i] - a["day"][j]) > ROUND_HORIZON  # an undated article: False
    round_ = np.maximum(a["digits"][i], a["digits"][j]) <= 1
    landmark = np.minimum(a["match"][i], a["match"][j]) >= LANDMARK_USD
    return apart & round_ & ~same_named & ~landmark


def _restated(
    a: dict[str, np.ndarray], i: np.ndarray, j: np.ndarray, ratio: np.ndarray
) -> np.ndarray:
    """Return the pairs that are one figure restated in another currency in one article
    ("€90 billion, about $106 billion"): same donor, within CROSS_CURRENCY at the day's rate,
    or a figure and the restatement written right after it ("Seventy million Australian
    dollars, about US$50 million", which takes its figure). Too rare in the gold for the model
    to learn against two figures of one article."""
    same = (a["article"][i] == a["article"][j]) & (a["who"][i] == a["who"][j])
    converted = same & (a["written"][i] != a["written"][j]) & (ratio <= CROSS_CURRENCY)
    return converted | (a["figure"][i] == a["figure"][j])


def _instrument_restated(
    a: dict[str, np.ndarray], i: np.ndarray, j: np.ndarray, ratio: np.ndarray
) -> np.ndarray:
    """Return the pairs that are one named single instrument restated within rounding by its
    donor ("$20 billion" and "$19.6 billion" of the US's ERA loan, "€5bn" of the Ukraine
    Facility eight months apart): such an instrument is one commitment, and the gold's few
    examples leave the trees near their threshold there (models of fifty sets scored the
    Ukraine Facility's "€5bn" eight months apart under it; leaving one tuning set out, 56 such
    pairs below landmark size are one commitment in the gold, 2 are two)."""
    named = (a["named"][i] >= 0) & (a["named"][i] == a["named"][j])
    same = named & (a["who"][i] == a["who"][j]) & (a["delivered"][i] == a["delivered"][j])
    return same & (ratio <= ROUNDED)


def link_groups(d: pd.DataFrame, model: LinkModel | None = None) -> np.ndarray:
    """Return per row of a linkable frame (rows in date order) the position of its commitment's
    first mention: each mention joins its best-scoring earlier mention (see the module)."""
    model = model or load_link_model()
    a = _arrays(d)
    best = _links(a, model)
    best = best.sort_values(["late", "logit", "early"], ascending=[True, False, True])
    best = best.drop_duplicates("late")
    parent = np.arange(len(d))
    parent[best["late"].to_numpy()] = best["early"].to_numpy()
    # Each parent is earlier, so following parents ends at the first mention of the commitment.
    while True:
        jumped = parent[parent]
        if np.array_equal(jumped, parent):
            (i, j), (fi, fj) = revised_pairs(d, a), _figure_pairs(a["figure"])
            return _join_pairs(parent, np.concatenate([i, fi]), np.concatenate([j, fj]))
        parent = jumped


def _figure_pairs(figure: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return positions (i, j) of rows that write one figure ("€500m (about $577m)"): each
    picks one parent, and the two may pick two commitments ("half a billion euros" before)."""
    order = np.argsort(figure, kind="stable")
    same = figure[order][1:] == figure[order][:-1]
    return order[:-1][same], order[1:][same]


def revised_pairs(d: pd.DataFrame, a: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Return positions (i, j) of a linkable frame where j revises i in its sentence ("raised
    the $10bn ask to $13.6bn": revisions.py), of one giver and one kind (rate or not)."""
    none = np.zeros(0, int), np.zeros(0, int)
    if "revises" not in d:
        return none
    revises = d["revises"].fillna("").astype(str).to_numpy()
    j = np.flatnonzero(revises != "")
    if not len(j):  # most corpora revise few figures: no keys built for every row then
        return none
    keys = d["article_id"].astype(str) + ":" + d["start"].astype(str)
    position = pd.Series(np.arange(len(d)), index=keys.to_numpy())
    position = position[~position.index.duplicated()]
    i = position.reindex(revises[j]).to_numpy()
    j, i = j[~np.isnan(i)], i[~np.isnan(i)].astype(int)
    ok = (a["who"][i] == a["who"][j]) & (a["rate"][i] == a["rate"][j])
    return i[ok], j[ok]


def _join_pairs(first: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Return the first mentions with the commitments of each pair joined (a revision, one
    figure and its restatement): a mention picks one earlier parent, so two commitments such a
    pair bridges join only here."""
    if not len(i):
        return first
    root = np.arange(len(first))

    def find(x: int) -> int:
        while root[x] != x:
            x = root[x]
        return x

    for a, b in zip(first[i].tolist(), first[j].tolist(), strict=True):
        ra, rb = find(a), find(b)
        root[max(ra, rb)] = min(ra, rb)  # the earlier first mention names the commitment
    heads = np.unique(first)
    root[heads] = [find(h) for h in heads.tolist()]
    return root[first]


def _links(a: dict[str, np.ndarray], model: LinkModel) -> pd.DataFrame:
    """Return the allowed candidate pairs whose logit reaches the model's cut: early, late,
    logit."""
    found = []
    # Offset by offset: the pairs of a large corpus (16 per mention) never sit in memory at once.
    for i, j in _offset_pairs(a):
        ratio = _ratio(a, i, j)  # once per offset: the three steps below all compare values
        ok = _allowed(a, i, j, ratio)
        i, j, ratio = i[ok], j[ok], ratio[ok]
        z = model.logits(_columns(a, i, j, ratio))
        z[_restated(a, i, j, ratio) | _instrument_restated(a, i, j, ratio)] = np.inf
        keep = z >= model.cut
        # Orient each pair earlier -> later: the frame is in date order, so by position.
        found.append(
            pd.DataFrame(
                {"early": np.minimum(i, j)[keep], "late": np.maximum(i, j)[keep], "logit": z[keep]}
            )
        )
    columns = {"early": np.zeros(0, int), "late": np.zeros(0, int), "logit": np.zeros(0)}
    return pd.concat([pd.DataFrame(columns), *found], ignore_index=True)
