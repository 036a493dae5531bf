"""The Arrow-built CSV export: byte for byte what pandas' to_csv writes, only faster."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidlens.processing.csv_export import csv_bytes, csv_chunks

TEXT = st.one_of(
    st.none(),
    st.just(float("nan")),
    st.text(alphabet=st.sampled_from(list("ab ,\"\n\r\t;Kü€'=")), max_size=6),
)
FLOAT = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([12500000000.0, 0.1, 1e16, 1e-7, 61000000000.0, -0.0]),
)
COLUMNS = {
    "object": st.lists(TEXT, min_size=4, max_size=4),
    "string": st.lists(TEXT, min_size=4, max_size=4).map(lambda v: pd.array(v, dtype="str")),
    "int": st.lists(st.integers(-(2**62), 2**62), min_size=4, max_size=4).map(
        lambda v: np.array(v, dtype="int64")
    ),
    "bool": st.lists(st.booleans(), min_size=4, max_size=4).map(np.array),
    "float": st.lists(FLOAT, min_size=4, max_size=4).map(lambda v: np.array(v, dtype="float64")),
    "date": st.lists(
        st.one_of(st.none(), st.datetimes(min_value=pd.Timestamp("2000-01-01").to_pydatetime())),
        min_size=4,
        max_size=4,
    ).map(lambda v: pd.to_datetime(pd.Series(v, dtype="object")).astype("M8[us]")),
    "mixed": st.lists(st.one_of(TEXT, st.integers()), min_size=4, max_size=4),
}


def pandas_bytes(frame: pd.DataFrame) -> bytes:
    """Return the bytes pandas writes: what the exports always were."""
    return frame.to_csv(index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").encode()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(sorted(COLUMNS)), min_size=1, max_size=5), st.data())
def test_the_bytes_equal_pandas_for_any_columns(kinds, data) -> None:
    frame = pd.DataFrame(
        {f"{k},{i}" if i == 2 else f"{k}{i}": data.draw(COLUMNS[k]) for i, k in enumerate(kinds)}
    )
    assert csv_bytes(frame) == pandas_bytes(frame)
    # Written a few rows at a time, as the exports are: the same bytes (dates formatted whole).
    assert b"".join(csv_chunks(frame, data.draw(st.integers(1, 4)))) == pandas_bytes(frame)


@pytest.mark.parametrize("rows", [0, 1, 3])
def test_tables_without_rows_or_with_few_rows(rows) -> None:
    frame = pd.DataFrame({"a": ["x"] * rows, "b": list(range(rows))})
    assert csv_bytes(frame) == pandas_bytes(frame)


def test_a_real_export_reads_back_the_same(tmp_path) -> None:
    frame = pd.DataFrame(
        {
            "article_id": ["A1", "A1", "A2"],
            "start": [0, 10, 4],
            "text": ['the "Pentagon"', "Kyiv,\nUkraine", "€50bn"],
            "canonical": [np.nan, "Kyiv", None],
        }
    )
    path = tmp_path / "x.csv"
    path.write_bytes(csv_bytes(frame))
    back = pd.read_csv(path, keep_default_na=False)
    assert back["text"].tolist() == frame["text"].tolist()
    assert back["canonical"].tolist() == ["", "Kyiv", ""]


def test_the_usual_columns_are_not_left_to_pandas(monkeypatch) -> None:
    import aidlens.processing.csv_export as export

    frame = pd.DataFrame(
        {
            "id": pd.array(["a", None, "c"], dtype="str"),
            "n": np.array([1, 2, 3]),
            "x": [1.5, np.nan, 1e20],
            "ok": [True, False, True],
            "t": ["x,y", None, 'q"'],
            "day": pd.to_datetime(["2024-01-01", None, "2024-03-05"]),
        }
    )
    expected = pandas_bytes(frame)
    monkeypatch.setattr(export, "_pandas_bytes", lambda frame: pytest.fail("left to pandas"))
    assert csv_bytes(frame) == expected
