"""The tests shared by the amount frame modules: a mention's stage and reason, a part and its whole.

Each module passes its own cases: `test_stage_and_reason = stage_test(STAGES)` and
`test_part_and_whole = part_test(PARTS, also)`, `also` asserting what that module adds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pytest

Rows = Mapping[str, dict]


def stage_test(cases: Sequence[tuple[str, str, str, str]]) -> Callable[..., None]:
    """Return a test of (sentence, amount, stage, a word of the reason) cases."""

    @pytest.mark.parametrize(("sentence", "amount", "stage", "reason"), cases)
    def test_stage_and_reason(amount_rows, sentence, amount, stage, reason) -> None:
        row = amount_rows(sentence)[amount]
        assert row["stage"] == stage
        assert reason.lower() in row["reason"].lower()

    return test_stage_and_reason


def part_test(
    cases: Sequence[tuple[str, str, str, str]], also: Callable[[Rows, str, str], None]
) -> Callable[..., None]:
    """Return a test of (sentence, part, whole, whole's stage) cases ('' whole: no part_of)."""

    @pytest.mark.parametrize(("sentence", "part", "whole", "whole_stage"), cases)
    def test_part_and_whole(amount_rows, sentence, part, whole, whole_stage) -> None:
        rows = amount_rows(sentence)
        expected = str(sentence.index(whole)) if whole else ""
        assert rows[part]["part_of"] == expected
        if whole:
            assert rows[whole]["stage"] == whole_stage
            also(rows, part, whole)

    return test_part_and_whole
