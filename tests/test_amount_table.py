"""The amounts table built from cached rows: canonical donors, USD by year, speed at 10,000."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from aidlens.amounts.commitments import load_rates
from aidlens.amounts.extractor import AMOUNT_COLUMNS
from aidlens.amounts.reference import KNOWN
from aidlens.amounts.standing import PART_OF_CONTEXT
from aidlens.amounts.table import AMOUNTS_TABLE_COLUMNS, amounts_table, carried_donors
from aidlens.analysis import is_charted
from aidlens.corpus.articles import Corpus
from aidlens.corpus.canonical import load_aliases

RATES = pd.DataFrame(
    {
        "year": [2022, 2023, 2023],
        "currency": ["EUR", "EUR", "GBP"],
        "usd_per_unit": [1.05, 1.1, 1.25],
    }
)


def corpus(ids: list[str], days: list[str]) -> Corpus:
    """Return a corpus of articles whose text hash is 'h' + id."""
    frame = pd.DataFrame(
        {"id": ids, "text_hash": [f"h{i}" for i in ids], "published": pd.to_datetime(days)}
    )
    return Corpus(frame=frame, path="test")


def cached(rows: list[dict]) -> pd.DataFrame:
    """Return cache rows with defaults for the columns a test does not care about."""
    base = dict.fromkeys(AMOUNT_COLUMNS, "")
    base |= {"start": 0, "end": 4, "value_high": np.nan, "vague": False, "restates": False}
    return pd.DataFrame([base | r for r in rows])


NO_ENTITIES = pd.DataFrame(columns=["article_id", "start", "end", "text", "label", "canonical"])


def test_columns_usd_by_publication_year_and_canonical_roles():
    rows = cached(
        [
            {"text_hash": "ha", "start": 9, "value": 2e9, "currency": "EUR", "donor": "Berlin"},
            {"text_hash": "hb", "start": 3, "value": 1e9, "currency": "EUR", "donor": "German"},
            {"text_hash": "hb", "start": 40, "value": 5e8, "currency": "GBP", "donor": "UK"},
            {"text_hash": "hb", "start": 80, "value": 7e8, "currency": "", "donor": ""},
            {"text_hash": "hb", "start": 90, "value": np.nan, "vague": True, "donor": ""},
        ]
    )
    rows["recipient"] = "Kyiv"
    out = amounts_table(
        corpus(["a", "b"], ["2022-05-01", "2023-05-01"]), rows, NO_ENTITIES, load_aliases(), RATES
    )
    assert list(out.columns) == list(AMOUNTS_TABLE_COLUMNS)
    assert out["value_usd"].tolist()[:3] == [2.1e9, 1.1e9, 6.25e8]
    assert out["value_usd"][3:].isna().all()  # no currency, and vague
    # "UK" via the shipped aliases, "German" via the donor table; a gap takes the donor of the
    # article's previous amount (the United Kingdom), not the article's main donor.
    assert out["donor"].tolist() == [
        "Germany",
        "Germany",
        "United Kingdom",
        "United Kingdom",
        "United Kingdom",
    ]
    assert set(out["recipient"]) == {"Ukraine"}
    assert out["commitment_id"].tolist()[4] == ""


def test_text_shared_by_two_articles_gives_rows_to_both():
    rows = cached([{"text_hash": "hx", "value": 1e9, "currency": "USD", "donor": "Japan"}])
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "text_hash": ["hx", "hx"],
            "published": pd.to_datetime(["2024-01-01", "2024-01-02"]),
        }
    )
    out = amounts_table(Corpus(frame, "t"), rows, NO_ENTITIES, load_aliases(), RATES)
    assert out["article_id"].tolist() == ["a", "b"]
    assert out["commitment_id"].nunique() == 1


def test_no_cached_rows_gives_an_empty_table_with_the_columns():
    out = amounts_table(
        corpus(["a"], ["2024-01-01"]), pd.DataFrame(), NO_ENTITIES, load_aliases(), RATES
    )
    assert out.empty and list(out.columns) == list(AMOUNTS_TABLE_COLUMNS)


def test_ten_thousand_articles_build_quickly():
    n, k = 10_000, 6
    rng = np.random.default_rng(0)
    ids = [f"a{i}" for i in range(n)]
    days = (pd.Timestamp("2022-02-24") + pd.to_timedelta(rng.integers(0, 1000, n), "D")).astype(str)
    rows = cached([{}]).iloc[[0] * (n * k)].reset_index(drop=True)
    rows = rows.assign(
        text_hash=np.repeat([f"h{i}" for i in ids], k),
        start=np.tile(np.arange(k) * 100, n),
        value=rng.integers(1, 60, n * k) * 1e8,
        currency=rng.choice(["USD", "EUR", "GBP", ""], n * k),
        donor=rng.choice(["Germany", "the White House", "Berlin", "", "EU"], n * k),
    )
    entities = pd.DataFrame(
        {
            "article_id": np.repeat(ids, 20),
            "start": np.tile(np.arange(20), n),
            "text": rng.choice(["Germany", "Kyiv", "Reuters", "Washington"], n * 20),
            "label": "GPE",
        }
    )
    start = time.perf_counter()
    out = amounts_table(corpus(ids, list(days)), rows, entities, load_aliases(), load_rates())
    assert time.perf_counter() - start < 15  # about 1 s on a developer machine
    assert len(out) == n * k
    assert out["donor"].ne("").all()


def test_a_gap_takes_the_previous_amounts_donor_else_the_main_donor():
    rows = cached(
        [
            {"text_hash": "ha", "start": 0, "value": 1e9, "currency": "EUR", "donor": ""},
            {"text_hash": "ha", "start": 10, "value": 2e9, "currency": "EUR", "donor": "Berlin"},
            {"text_hash": "ha", "start": 20, "value": 3e9, "currency": "GBP", "donor": "UK"},
            {"text_hash": "ha", "start": 30, "value": 4e9, "currency": "USD", "donor": ""},
            {"text_hash": "ha", "start": 40, "value": 4e9, "currency": "GBP", "donor": "London"},
            {"text_hash": "ha", "start": 50, "value": 5e9, "currency": "GBP", "donor": ""},
        ]
    )
    out = amounts_table(corpus(["a"], ["2023-05-01"]), rows, NO_ENTITIES, load_aliases(), RATES)
    # The first names no one before it, and the main donor (most named) has pounds of its own:
    # the giver of most euros fills it. The dollars take the previous donor, whoever it is.
    uk = "United Kingdom"
    assert out["donor"].tolist() == ["European Union", "Germany", uk, uk, uk, uk]


# (currency of the gap, the donors named before it in order, the main donor, the gap's donor)
CARRIED = [
    # Euros are not the United States' or Britain's: the nearest donor that pays in euros.
    ("EUR", ["European Union", "United States"], "United States", "European Union"),
    ("EUR", ["Germany", "United Kingdom"], "United Kingdom", "Germany"),
    # None named before pays in euros: the main donor when it may, else the Union, whose money
    # most euros are, before one that may not. (A figure in a national currency already has its
    # country from the extractor.)
    ("EUR", ["United States"], "European Union", "European Union"),
    ("EUR", ["United States"], "United States", "European Union"),
    ("EUR", ["Netherlands", "United States"], "Netherlands", "Netherlands"),
    # The IMF, the World Bank and the G7 lend in dollars or SDRs, not euros.
    ("EUR", ["International Monetary Fund"], "International Monetary Fund", "European Union"),
    ("EUR", ["European Union", "G7", "World Bank"], "G7", "European Union"),
    (
        "XDR",
        ["International Monetary Fund", "United States"],
        "United States",
        "International Monetary Fund",
    ),
    # Hryvnias name no giver: the nearest donor after all.
    (
        "UAH",
        ["International Monetary Fund"],
        "International Monetary Fund",
        "International Monetary Fund",
    ),
    # Writers convert anyone's money to dollars: the nearest donor, whoever it is.
    ("USD", ["United States", "European Union"], "United States", "European Union"),
    ("USD", ["Japan"], "United States", "Japan"),
    # A country's own currency is its own; a donor without one pays in any.
    ("GBP", ["European Union", "United Kingdom"], "United States", "United Kingdom"),
    ("EUR", ["Netherlands", "United States"], "United States", "Netherlands"),
]


@pytest.mark.parametrize(("currency", "before", "main", "donor"), CARRIED)
def test_a_gap_takes_a_donor_that_pays_in_its_currency(currency, before, main, donor):
    amounts = pd.DataFrame(
        {
            "article_id": "a",
            "start": range(len(before) + 1),
            "donor": [*before, ""],
            "currency": ["USD"] * len(before) + [currency],
        }
    )
    main_donor = pd.Series(main, index=amounts.index)
    assert carried_donors(amounts, main_donor).iloc[-1] == donor


def test_a_state_that_blocks_in_the_text_is_never_its_fallback_giver():
    """A piece on Hungary's veto names Hungary most, and its own money (a recovery plan) is
    Hungary's: neither makes Hungary the giver of the loans it held up."""
    rows = cached(
        [
            {"text_hash": "ha", "start": 0, "value": 18e9, "currency": "EUR", "donor": ""},
            {"text_hash": "ha", "start": 10, "value": 6e9, "currency": "EUR", "donor": "Budapest"},
            {"text_hash": "ha", "start": 20, "value": 18e9, "currency": "EUR", "donor": ""},
        ]
    )
    rows["blockers"] = "Hungary"
    entities = pd.DataFrame(
        {
            "article_id": ["a"] * 4,
            "start": [0, 30, 60, 90],
            "text": ["Hungary", "Budapest", "Hungary", "the European Union"],
            "label": ["GPE", "GPE", "GPE", "ORG"],
        }
    )
    out = amounts_table(corpus(["a"], ["2022-12-12"]), rows, entities, load_aliases(), RATES)
    assert out["donor"].tolist() == ["European Union", "Hungary", "European Union"]
    rows["blockers"] = ""  # no veto in the text: the most named state fills the gaps
    out = amounts_table(corpus(["a"], ["2022-12-12"]), rows, entities, load_aliases(), RATES)
    assert out["donor"].tolist() == ["Hungary", "Hungary", "Hungary"]


G7_TEXT = "G7 leaders agreed a $50 billion loan."
SHARES = [
    # (sentence of the member's amount, donor, US$ value, a share of the G7's whole?)
    ("The United States will lend $20 billion.", "United States", 20e9, True),
    ("Japan will also send $4 billion in weapons this year.", "Japan", 4e9, False),
    ("Japan's share is $3 billion.", "Japan", 3e9, True),
]


@pytest.mark.parametrize(("sentence", "donor", "usd", "share"), SHARES)
def test_a_members_share_needs_a_cue(sentence, donor, usd, share):
    rows = cached(
        [
            {"text_hash": "ha", "start": 0, "value": 50e9, "currency": "USD", "donor": "G7"},
            {"text_hash": "ha", "start": 40, "value": usd, "currency": "USD", "donor": donor},
        ]
    )
    rows["stage"] = "pledged"
    rows["sentence"] = [G7_TEXT, sentence]
    out = amounts_table(corpus(["a"], ["2024-10-01"]), rows, NO_ENTITIES, load_aliases(), RATES)
    assert out["part_of"].tolist() == ["", "a:0" if share else ""]


# (the sentences after the G7's whole, each one's amount as (donor, value, currency), the
# part_of each gets): a member's amount right after a share is a share too, as a list of them
# goes on; but a member gives one share, so its next figure is its own aid.
FOLLOWING_SHARES = [
    (
        ["The United States will lend $20 billion.", "Canada adds $4 billion."],
        [("US", 20e9, "USD"), ("Canada", 4e9, "USD")],
        ["a:0", "a:0"],
    ),
    (
        [
            "Britain's share is £2.26 billion.",
            "That comes on top of the £3 billion a year of military support it promised.",
        ],
        [("UK", 2.26e9, "GBP"), ("UK", 3e9, "GBP")],
        ["a:0", ""],
    ),
]


@pytest.mark.parametrize(("sentences", "amounts", "parts"), FOLLOWING_SHARES)
def test_members_amounts_after_a_share(sentences, amounts, parts):
    whole = {"text_hash": "ha", "start": 0, "value": 50e9, "currency": "USD", "donor": "G7"}
    rows = cached(
        [
            whole,
            *(
                {"text_hash": "ha", "start": 40 * k, "value": v, "currency": c, "donor": d}
                for k, (d, v, c) in enumerate(amounts, start=1)
            ),
        ]
    )
    rows["stage"] = "pledged"
    rows["sentence"] = [G7_TEXT, *sentences]
    out = amounts_table(corpus(["a"], ["2024-10-01"]), rows, NO_ENTITIES, load_aliases(), RATES)
    assert out["part_of"].tolist() == ["", *parts]


def test_a_members_payment_of_its_share_is_a_delivery_of_the_whole_not_a_part():
    """A share paid is its own commitment, whose parent is the group's pledge (tranche_of),
    and so charted as delivered; the share pledged is a part, charted with its whole."""
    sentences = [G7_TEXT, "The United States paid its $20 billion share.", "Canada adds $4bn."]
    rows = cached(
        [
            {"text_hash": "ha", "start": 0, "value": 50e9, "currency": "USD", "donor": "G7"},
            {"text_hash": "ha", "start": 40, "value": 20e9, "currency": "USD", "donor": "US"},
            {"text_hash": "ha", "start": 80, "value": 4e9, "currency": "USD", "donor": "Canada"},
        ]
    )
    rows["stage"] = ["pledged", "delivered", "pledged"]
    rows["sentence"] = sentences
    out = amounts_table(corpus(["a"], ["2024-12-10"]), rows, NO_ENTITIES, load_aliases(), RATES)
    assert out["part_of"].tolist() == ["", "", "a:0"]
    assert out["parent_id"].tolist() == ["", out["commitment_id"][0], ""]
    assert out["commitment_id"][0] not in ("", out["commitment_id"][1])


def test_a_payment_in_a_parts_commitment_is_no_part():
    """The US's $20bn share pledged (a part of the G7's loans) and paid months later are one
    commitment; the payment is still charted as delivered, not folded into the whole."""
    rows = cached(
        [
            {"text_hash": "ha", "start": 0, "value": 50e9, "currency": "USD", "donor": "G7"},
            {"text_hash": "ha", "start": 40, "value": 20e9, "currency": "USD", "donor": "US"},
            {"text_hash": "hb", "start": 0, "value": 20e9, "currency": "USD", "donor": "US"},
        ]
    )
    rows["stage"] = ["pledged", "pledged", "delivered"]
    rows["sentence"] = [G7_TEXT, "The United States will lend $20 billion.", "The US paid $20bn."]
    days = ["2024-10-01", "2024-12-10"]
    out = amounts_table(corpus(["a", "b"], days), rows, NO_ENTITIES, load_aliases(), RATES)
    assert out["part_of"].tolist() == ["", "a:0", ""]
    assert out["stage"][2] == "delivered"


def test_a_commitments_part_of_never_points_to_a_later_whole():
    # "$15bn" signed in 2022 (article a) is restated in 2024 (article b) as a part of a bill
    # ("the $15bn signed in 2022": it points back).
    rows = cached(
        [
            {"text_hash": "ha", "start": 0, "value": 15e9, "currency": "USD", "donor": "US"},
            {"text_hash": "hb", "start": 0, "value": 90e9, "currency": "USD", "donor": "US"},
            {"text_hash": "hb", "start": 40, "value": 15e9, "currency": "USD", "donor": "US"},
        ]
    )
    rows["stage"] = "pledged"
    rows["part_of"] = ["", "", "0"]
    rows["reference"] = ["", "", KNOWN]
    days = ["2022-03-01", "2024-04-01"]
    out = amounts_table(corpus(["a", "b"], days), rows, NO_ENTITIES, load_aliases(), RATES)
    assert out["commitment_id"][0] == out["commitment_id"][2]  # a landmark restated
    assert out["part_of"].tolist() == ["", "", "b:0"]


def test_the_law_passing_a_requests_part_is_no_part_of_the_request():
    # "$61.4bn" for Ukraine inside a "$106bn" request (article a); the "$61bn" enacted months
    # later (article b) is one commitment with it, and charted: the request holds no law.
    rows = cached(
        [
            {"text_hash": "ha", "start": 0, "value": 106e9, "currency": "USD", "donor": "US"},
            {"text_hash": "ha", "start": 40, "value": 61.4e9, "currency": "USD", "donor": "US"},
            {"text_hash": "hb", "start": 0, "value": 61e9, "currency": "USD", "donor": "US"},
        ]
    )
    rows["stage"] = ["requested", "requested", "pledged"]
    rows["part_of"] = ["", "0", ""]
    days = ["2023-10-20", "2024-04-24"]
    out = amounts_table(corpus(["a", "b"], days), rows, NO_ENTITIES, load_aliases(), RATES)
    assert out["commitment_id"][1] == out["commitment_id"][2]  # a landmark restated
    assert out["part_of"].tolist() == ["", "a:0", ""]


# The part's reason from the extractor | its stage and reason in the table | charted alone
PART_OF_CONTEXT_CASES = [
    # The check did not doubt it: a part of a context figure is the aid, charted on its own.
    ("includes", "pledged", "includes", True),
    # The check doubted it: it goes with its whole.
    ("learned: not aid (0.12); rules: includes", "", PART_OF_CONTEXT, False),
]


@pytest.mark.parametrize(("reason", "stage", "reason_out", "alone"), PART_OF_CONTEXT_CASES)
def test_a_part_of_a_whole_the_table_makes_a_context_figure(
    reason: str, stage: str, reason_out: str, alone: bool
) -> None:
    # A "$200bn package" is too large for aid to one country: a context figure. Its "$61bn"
    # is then the aid, unless the check doubts it; the part of a pledged whole stays a part,
    # charted with its whole only, doubted or not.
    part = {"currency": "USD", "stage": "pledged", "reason": reason}
    rows = cached(
        [
            {"text_hash": "ha", "start": 0, "value": 2e11, "currency": "USD", "stage": "pledged"},
            {"text_hash": "ha", "start": 20, "value": 6.1e10, "part_of": "0", **part},
            {"text_hash": "ha", "start": 40, "value": 5e10, "currency": "USD", "stage": "pledged"},
            {"text_hash": "ha", "start": 60, "value": 3e10, "part_of": "40", **part},
        ]
    )
    rows["donor"] = "United States"
    out = amounts_table(corpus(["a"], ["2024-04-24"]), rows, NO_ENTITIES, load_aliases(), RATES)
    got = out.set_index("start")
    assert got.loc[0, "reason"] == "too large for aid to one country"
    assert (got.loc[20, "stage"], got.loc[20, "reason"]) == (stage, reason_out)
    assert (got.loc[20, "commitment_id"] != "") == alone
    charted = dict(zip(out["start"], is_charted(out), strict=True))
    assert charted[20] == alone
    assert (got.loc[60, "stage"], got.loc[60, "part_of"]) == ("pledged", "a:40")
    assert not charted[60]


def test_a_restatement_takes_the_donor_of_the_figure_it_restates():
    # "$500m (about €460m)" in a piece on US aid: the euros are a conversion, not the Union's.
    amounts = pd.DataFrame(
        {
            "article_id": ["a", "a", "a"],
            "start": [0, 10, 30],
            "donor": ["", "", ""],
            "currency": ["USD", "EUR", "EUR"],
            "restates": [False, True, False],
        }
    )
    main_donor = pd.Series("United States", index=amounts.index)
    got = carried_donors(amounts, main_donor).tolist()
    assert got == ["United States", "United States", "European Union"]


# A later context figure of the same donor and value | its reason | keeps the pledge's commitment
RESTATING_CASES = [
    ("sum of several givers", True),  # "the G7 partners' $5.2bn": the pledge, pooled
    ("too large for aid to one country", True),
    ("estimate", False),  # an estimate of the same size is no commitment
    ("budget", False),
]


@pytest.mark.parametrize(("reason", "linked"), RESTATING_CASES)
def test_a_context_figure_restating_a_standing_commitment_keeps_its_id_uncharted(
    reason: str, linked: bool
) -> None:
    rows = cached(
        [
            {"text_hash": "ha", "value": 5.2e9, "stage": "pledged", "reason": "signed"},
            {"text_hash": "hb", "value": 5.2e9, "stage": "", "reason": reason},
        ]
    ).assign(currency="USD", donor="Japan")
    days = ["2024-01-10", "2024-01-20"]
    out = amounts_table(corpus(["a", "b"], days), rows, NO_ENTITIES, load_aliases(), RATES)
    pledge, later = out["commitment_id"].tolist()
    assert pledge != ""
    assert (later == pledge) == linked and (later == "") != linked
    assert out["stage"].tolist() == ["pledged", ""]
    assert is_charted(out).tolist() == [True, False]


def test_a_restating_context_figure_with_no_standing_commitment_gets_no_id():
    # The €140bn loan, too large to chart, restated by a pooled sum: nothing stands, no commitment.
    rows = cached(
        [
            {"text_hash": "ha", "value": 1.4e11, "reason": "too large for aid to one country"},
            {"text_hash": "hb", "value": 1.4e11, "reason": "sum of several givers"},
        ]
    ).assign(currency="EUR", donor="European Union", stage="")
    days = ["2024-01-10", "2024-01-20"]
    out = amounts_table(corpus(["a", "b"], days), rows, NO_ENTITIES, load_aliases(), RATES)
    assert out["commitment_id"].tolist() == ["", ""]
