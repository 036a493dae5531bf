"""The CSV bytes pandas' `to_csv` writes for a table (minimal quoting, "\\n"), built by Arrow.

pandas formats every field in Python: 16 s for the 5 million entity rows of 100,000 articles.
Arrow's own CSV writer is ten times faster but quotes every string, so every export's bytes
would change. Here each column becomes its CSV text with Arrow compute, quoted exactly where
pandas quotes (a comma, a double quote or a newline; `"` doubled), and the lines are joined in
C++. A table with a column of any other kind (an object column holding numbers, say) is written
by pandas itself; a property test holds both ways byte for byte equal.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_NEEDS_QUOTES = '[,"\\n]'


def _s(text: str) -> pa.Scalar:
    """Return a large-string scalar (Arrow's joins want one string type throughout)."""
    return pa.scalar(text, pa.large_string())


def csv_bytes(frame: pd.DataFrame, *, header: bool = True) -> bytes:
    """Return `frame` as pandas writes it with index=False, QUOTE_MINIMAL and "\\n" endings
    (without the header line when `header` is False: a later chunk of one file)."""
    columns = [_field_texts(frame[c]) for c in frame.columns] if len(frame.columns) > 1 else [None]
    if any(c is None for c in columns):
        return _pandas_bytes(frame, header)
    header = _line([str(c) for c in frame.columns]).encode("utf-8") if header else b""
    if not len(frame):
        return header
    empty = _empty(len(frame))
    # The last field takes the line's "\n" (joined to an empty string after it): cheaper than
    # joining whole lines a second time.
    last = pc.binary_join_element_wise(columns[-1], empty, _s("\n"))
    lines = pc.binary_join_element_wise(*columns[:-1], last, _s(","))
    return header + _data_bytes(lines)


def csv_chunks(frame: pd.DataFrame, rows: int) -> Iterator[bytes]:
    """Yield `frame`'s CSV bytes (csv_bytes') `rows` rows at a time: gigabytes of CSV text at a
    million articles need never be held at once."""
    # pandas formats a date column as a whole (no time of day when none has one): so here too.
    if len(frame.columns) < 2:  # pandas' own writer, which quotes a lone empty field
        yield csv_bytes(frame)
        return
    dates = [c for c in frame.columns if isinstance(frame[c].dtype, np.dtype)]
    dates = [c for c in dates if frame[c].dtype.kind == "M"]
    if dates:
        texts = {c: pd.Series(_pandas_texts(frame[c]), index=frame.index) for c in dates}
        frame = frame.assign(**{c: t.astype("str") for c, t in texts.items()})
    for first in range(0, max(len(frame), 1), rows):
        yield csv_bytes(frame.iloc[first : first + rows], header=first == 0)


def _empty(n: int) -> pa.Array:
    """Return `n` empty strings, made by Arrow (a Python list of millions is slow)."""
    return pc.fill_null(pa.nulls(n, pa.large_string()), "")


def _pandas_bytes(frame: pd.DataFrame, header: bool) -> bytes:
    """Return `frame` as CSV bytes by pandas' own writer."""
    text = frame.to_csv(index=False, header=header, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return text.encode()


def _line(values: list[str]) -> str:
    """Return one CSV line of `values` with the csv module's minimal quoting."""
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerow(values)
    return buf.getvalue()


def _field_texts(column: pd.Series) -> pa.Array | None:
    """Return a column's CSV fields as an Arrow string array, or None for pandas to write."""
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype) and dtype == np.bool_:
        return pc.if_else(pa.array(column.to_numpy()), _s("True"), _s("False"))
    if pd.api.types.is_integer_dtype(dtype) and isinstance(dtype, np.dtype):
        return pc.cast(pa.array(column.to_numpy()), pa.large_string())
    if pd.api.types.is_float_dtype(dtype) and isinstance(dtype, np.dtype):
        return _float_texts(column.to_numpy())
    if isinstance(dtype, np.dtype) and dtype.kind == "M":
        return _pandas_texts(column)
    if pd.api.types.is_string_dtype(dtype) or dtype == np.dtype(object):
        return _string_texts(column)
    return None


def _string_texts(column: pd.Series) -> pa.Array | None:
    """Return a text column's fields quoted as needed; None when it holds anything but text."""
    # Arrow-backed text is taken as it is: through Python objects it took 10 s at 5 million.
    source = column if column.dtype == np.dtype(object) else column.array
    try:
        values = pa.array(source, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    values = pc.fill_null(values, "")
    needs = pc.match_substring_regex(values, _NEEDS_QUOTES)
    if not pc.any(needs).as_py():
        return values
    # Only the few fields that need it are quoted, then put back in their places.
    doubled = pc.replace_substring(pc.filter(values, needs), '"', '""')
    quoted = pc.binary_join_element_wise(_s('"'), doubled, _s('"'), _s(""))
    return pc.replace_with_mask(values, needs, quoted)


def _float_texts(values: np.ndarray) -> pa.Array:
    """Return floats as pandas writes them (the shortest repr; NaN as an empty field)."""
    missing = np.isnan(values)
    if missing.all():
        return _empty(len(values))
    texts = np.array([repr(float(v)) for v in values], dtype=object)
    texts[missing] = ""
    return pa.array(texts, type=pa.large_string())


def _pandas_texts(column: pd.Series) -> pa.Array:
    """Return a date column's fields as pandas formats them (its own rules for dates)."""
    text = column.to_frame().to_csv(index=False, header=False, lineterminator="\n")
    fields = ["" if f == '""' else f for f in text.split("\n")[:-1]]  # a lone empty field
    return pa.array(fields, type=pa.large_string())


def _data_bytes(lines: pa.Array) -> bytes:
    """Return the bytes of a string array's values, one after the other."""
    lines = lines.cast(pa.large_string())
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
    first, last = offsets[lines.offset], offsets[lines.offset + len(lines)]
    return lines.buffers()[2].to_pybytes()[first:last]
