"""Canonical names: trimming rules, the shipped alias table and a data folder's aliases.csv."""

from __future__ import annotations

import pytest

from aidlens.corpus.canonical import canonical, load_aliases
from aidlens.errors import InputError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US", "United States"),
        ("U.S.", "United States"),
        ("USA", "United States"),
        ("the United States", "United States"),
        ("The United States", "United States"),
        ("America", "United States"),
        ("America's", "United States"),
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("Britain’s", "United Kingdom"),
        ("the United Kingdom", "United Kingdom"),
        ("EU", "European Union"),
        ("the European Union", "European Union"),
        ("the  European   Union's", "European Union"),
        ("Kiev", "Kyiv"),
        ("Kyiv", "Kyiv"),
        ("Germany's", "Germany"),
        ("the Pentagon", "Pentagon"),
        ("Olaf Scholz", "Olaf Scholz"),
    ],
)
def test_builtin_aliases(text: str, expected: str) -> None:
    assert canonical(text, load_aliases()) == expected


def test_data_folder_extends_and_overrides(tmp_path) -> None:
    (tmp_path / "aliases.csv").write_text(
        "alias,canonical\nBundesrepublik,Germany\nKiev,Kiev (old spelling)\n", encoding="utf-8"
    )
    aliases = load_aliases(tmp_path)
    assert canonical("Bundesrepublik", aliases) == "Germany"
    assert canonical("Kiev", aliases) == "Kiev (old spelling)"
    assert canonical("U.S.", aliases) == "United States"


def test_bad_aliases_file_names_rows(tmp_path) -> None:
    (tmp_path / "aliases.csv").write_text("alias,canonical\nX,\n,Y\nok,fine\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_aliases(tmp_path)
    assert [(p.row, p.column) for p in info.value.problems] == [(2, "canonical"), (3, "alias")]


def test_aliases_file_needs_columns(tmp_path) -> None:
    (tmp_path / "aliases.csv").write_text("name,target\nX,Y\n", encoding="utf-8")
    with pytest.raises(InputError, match="alias,canonical"):
        load_aliases(tmp_path)
