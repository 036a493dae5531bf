"""Checks shared by the amount frame tests: a mention's stage and reason, a part and its whole."""

from __future__ import annotations

from collections.abc import Mapping


def check_stage(rows: Mapping[str, dict], amount: str, stage: str, reason: str) -> None:
    """Assert the mention `amount` has `stage` and a reason holding `reason` (any case)."""
    row = rows[amount]
    assert row["stage"] == stage
    assert reason.lower() in row["reason"].lower()


def check_part(rows: Mapping[str, dict], sentence: str, part: str, whole: str) -> None:
    """Assert `part` points at `whole` by its offset in `sentence` (at nothing when empty)."""
    expected = str(sentence.index(whole)) if whole else ""
    assert rows[part]["part_of"] == expected
