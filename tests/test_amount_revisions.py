"""Revisions: a figure changed in its sentence ("raised the $10bn ask to $13.6bn") or first asked
near what passed ("had asked for $10bn") is one commitment with it (original sentences)."""

from __future__ import annotations

import pandas as pd
import pytest

from aidlens.amounts.commitments import assign_commitments
from tests.test_commitments import frame, groups

# (sentence, the amount that points, the figure it revises or '' for none)
REVISIONS = [
    # A figure that replaces another is that line revised; not a programme replacing another.
    (
        "The €4bn replaces the €3.5bn announced in Berlin in March, itself up on last year.",
        "€4bn",
        "€3.5bn",
    ),
    (
        "The new $20bn programme replaces the $15.6bn arrangement approved in 2023.",
        "$20bn",
        "",
    ),
    (
        "Norway enlarged the NOK 75 billion agreed last year to NOK 135 billion.",
        "NOK 135 billion",
        "NOK 75 billion",
    ),
    (
        "The programme, worth NOK 75 billion in 2023, has since been enlarged to NOK 135 billion.",
        "NOK 135 billion",
        "NOK 75 billion",
    ),
    (
        "The White House first sought $6.4 billion in late February, then raised its ask to $10 "
        "billion.",
        "$10 billion",
        "$6.4 billion",
    ),
    (
        "The government raised it to NOK 85 billion from the NOK 35 billion first planned.",
        "NOK 85 billion",
        "NOK 35 billion",
    ),
    (
        "Congress approved $13.6 billion, up from the $10 billion the White House requested.",
        "$13.6 billion",
        "$10 billion",
    ),
    (
        "The fund, first proposed at €20 billion, was cut to €5 billion.",
        "€5 billion",
        "€20 billion",
    ),
    ("The EU scaled back its €20bn plan to €5bn.", "€5bn", "€20bn"),
    (
        "Norway's budget for Ukraine this year is NOK 85 billion, up from the NOK 35 billion "
        "first set aside.",
        "NOK 85 billion",
        "NOK 35 billion",
    ),
    # The parser reads "from X to Y" as a range: both figures under "from".
    (
        "In March the committee raised this year's line for Ukraine from €2.2 billion to €5.4 "
        "billion.",
        "€5.4 billion",
        "€2.2 billion",
    ),
    # "to" hangs on the clause of the old figure; when it was agreed is no budget year.
    (
        "The frame would rise from the NOK 75 billion agreed last year to NOK 135 billion.",
        "NOK 135 billion",
        "NOK 75 billion",
    ),
    (
        "Norway will raise the fund from the NOK 75 billion agreed in 2023 to NOK 135 billion.",
        "NOK 135 billion",
        "NOK 75 billion",
    ),
    # A range with no verb of change is no revision.
    ("Estimates of the cost ranged from €2 billion to €5 billion.", "€5 billion", ""),
    # A date after the comma is no longer the old figure's.
    (
        "Congress wrote $400m a year into the act, down from the $500m a year in the Senate's "
        "version, a small sum next to the $60.8bn of April 2024.",
        "$400m",
        "$500m",
    ),
    # Last year's figure and this year's are two budget lines, two commitments.
    (
        "Germany's draft budget halves military aid for Ukraine to about €4bn, down from more than "
        "€7bn this year.",
        "about €4bn",
        "",
    ),
    ("Germany will give €8bn next year, up from €4bn in 2024.", "€8bn", ""),
    (
        "Norway raised its aid to NOK 85 billion from NOK 35 billion last year.",
        "NOK 85 billion",
        "",
    ),
    # Another giver changes its own figure: no revision of the first.
    ("Germany gave €2bn and France raised its aid to €3bn.", "€3bn", ""),
    (
        "Germany offered €2 billion in May, and in June France raised it to €3 billion.",
        "€3 billion",
        "",
    ),
    # A total the new tranche brings the support to is no revision of the tranche.
    (
        "EU governments agreed a second €500 million tranche, doubling the facility's support "
        "to €1 billion.",
        "€1 billion",
        "",
    ),
    # A figure after "to" that the parser hangs on the verb is no old figure.
    (
        "Last summer the coalition's draft for 2025 cut planned military aid for Ukraine to €4 "
        "billion, roughly half of the nearly €8 billion budgeted for 2024.",
        "€4 billion",
        "",
    ),
    ("The US sent $1 billion to Ukraine and $2 billion to Israel.", "$2 billion", ""),
    # What was first asked, near what passed, is the earlier version of the same commitment.
    (
        "Congress passed $13.6 billion for Ukraine. The White House had asked for $10 billion.",
        "$10 billion",
        "$13.6 billion",
    ),
    (
        "The law provides $40.1 billion for Ukraine, more than the $33 billion the administration "
        "had asked for.",
        "$33 billion",
        "$40.1 billion",
    ),
    (
        "Congress passed $13.6 billion for Ukraine. Its request had been $10 billion.",
        "$10 billion",
        "$13.6 billion",
    ),
    # A plan floated is no ask: another instrument replaced it.
    (
        "EU leaders agreed a €90 billion loan for Ukraine. The Commission had first floated a "
        "reparations loan of €140 billion.",
        "€140 billion",
        "",
    ),
    # Ukraine asking is a need; what a giver then pledged does not answer all of it.
    (
        "France pledged €415 million for the grid. Kyiv had asked for €800 million.",
        "€800 million",
        "",
    ),
    # Too far apart to be the same money asked and passed.
    (
        "Congress passed $13.6 billion for Ukraine. The White House had asked for $33 billion.",
        "$33 billion",
        "",
    ),
]


@pytest.mark.parametrize(("sentence", "amount", "revised"), REVISIONS)
def test_a_revision_points_to_the_figure_it_revises(amount_rows, sentence, amount, revised):
    rows = amount_rows(sentence)
    expected = str(sentence.index(revised)) if revised else ""
    assert rows[amount]["revises"] == expected


def _ledger(revises: list[str], donors: tuple[str, str] = ("United States",) * 2) -> list[int]:
    """Return the commitment groups of a request, the law it became (which may point to it) and
    the request written again two months later."""
    rows = frame(
        [
            ("a", 0, 10, donors[0], 10e9, None, "USD"),
            ("a", 0, 80, donors[1], 13.6e9, None, "USD"),
            ("b", 60, 10, donors[0], 10e9, None, "USD"),
        ]
    )
    rows["stage"] = ["requested", "pledged", "requested"]
    rows["revises"] = revises
    return groups(assign_commitments(rows))


def test_a_revision_joins_the_commitments_on_either_side():
    assert _ledger(["", "", ""])[1] != _ledger(["", "", ""])[0]
    assert _ledger(["", "a:10", ""]) == [0, 0, 0]  # the law joins the request and its restatement


def test_a_revision_between_two_givers_joins_nothing():
    assert _ledger(["", "a:10", ""], ("United States", "Germany"))[1] != 0


def test_a_revision_of_an_unknown_offset_is_ignored():
    assert len(set(_ledger(["", "a:999", ""]))) == 2


def test_revision_keys_survive_a_frame_without_them():
    rows = frame([("a", 0, 10, "Germany", 2e9, None, "EUR")])
    assert isinstance(assign_commitments(rows), pd.Series)
