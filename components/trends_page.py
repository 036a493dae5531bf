"""The Trends page: aid amounts and entity mentions over time, each bar traceable to articles.

The mention charts ask DuckDB (`aidlens.query`) for their rows; the aid section
(`components/trends_aid.py`) reads the reviewed amounts in pandas, a few rows per article.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from aidlens.analysis import period_start
from aidlens.query import (
    DataQuery,
    label_options,
    mention_evidence,
    mention_series,
    name_counts,
    top_names,
)
from components.chart_evidence import as_time, evidence_table, selected_point
from components.loading import AppData, app_data
from components.trends_aid import KEY, aid_section

MAX_OPTIONS = 500  # entities offered in a picker: the most mentioned, not every name


# Aggregates are cached on the data's key and the controls, so a rerun that changes nothing
# they depend on (a click, a drill-down) asks DuckDB nothing.
@st.cache_data(show_spinner=False, max_entries=8)
def _counts(_q: DataQuery, key: tuple) -> pd.Series:
    """Return mentions per canonical name, the most mentioned first, at most MAX_OPTIONS."""
    return name_counts(_q, limit=MAX_OPTIONS)


@st.cache_data(show_spinner=False, max_entries=32)
def _mentions(
    _q: DataQuery, _articles: pd.DataFrame, key: tuple, picked: tuple, freq: str
) -> pd.DataFrame:
    """Return mentions per period of the picked names."""
    return mention_series(_q, _articles, picked, freq=freq)


@st.cache_data(show_spinner=False, max_entries=8)
def _labels(_q: DataQuery, key: tuple) -> list[str]:
    """Return the entity labels present."""
    return label_options(_q)


@st.cache_data(show_spinner=False, max_entries=16)
def _top(_q: DataQuery, key: tuple, labels: tuple) -> pd.DataFrame:
    """Return the most mentioned names per label."""
    return top_names(_q, n=8, labels=labels)


def mentions_chart(frame: pd.DataFrame, *, share: bool, freq: str) -> alt.Chart:
    """Return lines of mentions (or share of articles) per period, one per entity."""
    pick = alt.selection_point(name="point", fields=["period", "canonical"])
    y = (
        alt.Y("share:Q", title="Share of articles", axis=alt.Axis(format="%"))
        if share
        else alt.Y("mentions:Q", title="Mentions")
    )
    unit = "yearmonth" if freq == "month" else "yearmonthdate"
    return (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=60, filled=True))
        .encode(
            x=alt.X(f"{unit}(period):T", title="Week of" if freq == "week" else "Month"),
            y=y,
            color=alt.Color("canonical:N", title="Entity"),
            tooltip=[
                alt.Tooltip(f"{unit}(period):T", title="Period"),
                alt.Tooltip("canonical:N", title="Entity"),
                alt.Tooltip("mentions:Q", title="Mentions"),
                alt.Tooltip("articles:Q", title="Articles"),
                alt.Tooltip("share:Q", title="Share of articles", format=".0%"),
            ],
        )
        .add_params(pick)
    )


# Built charts are kept per data key and controls (see trends_aid._aid_chart).
@st.cache_resource(show_spinner=False, max_entries=32)
def _mentions_chart(_frame: pd.DataFrame, key: tuple, picked: tuple, freq: str, share: bool):
    """Return the mentions chart of the series computed for these controls."""
    return mentions_chart(_frame, share=share, freq=freq)


@st.cache_resource(show_spinner=False, max_entries=16)
def _top_chart(_top: pd.DataFrame, key: tuple, labels: tuple) -> alt.FacetChart:
    """Return the bars of the most mentioned names per label."""
    return (
        alt.Chart(_top)
        .mark_bar()
        .encode(
            x=alt.X("mentions:Q", title="Mentions"),
            y=alt.Y("canonical:N", sort="-x", title=None),
            color=alt.Color("label:N", legend=None),
            row=alt.Row("label:N", title=None),
            tooltip=["label", "canonical", "mentions", "articles"],
        )
        .resolve_scale(y="independent")
    )


def mentions_section(data: AppData) -> None:
    """Draw mentions over time with a drill-down, and the most mentioned names per label."""
    st.subheader("Mentions over time", anchor=False)
    counts = _counts(data.query, data.key)
    c1, c2, c3 = st.columns([3, 1, 1])
    picked = c1.multiselect(
        "Entities",
        list(counts.index),
        default=list(counts.index[:5]),
        format_func=lambda c: f"{c} ({counts[c]})",
        key=KEY + "entities",
    )
    freq = c2.radio("Period", ["month", "week"], key=KEY + "freq")
    share = c3.radio("Show", ["mentions", "share of articles"], key=KEY + "share") != "mentions"
    frame = _mentions(data.query, data.articles, data.key, tuple(picked), freq)
    if frame.empty:
        st.info("Pick one or more entities.")
    else:
        event = st.altair_chart(
            _mentions_chart(frame, data.key, tuple(picked), freq, share),
            on_select="rerun",
            selection_mode="point",
            key=KEY + "mentions_chart",
        )
        point = selected_point(event, "point")
        options = frame[["period", "canonical"]].values.tolist()
        if point is not None:
            period, name = as_time(point["period"]), point["canonical"]
            period = period_start(pd.Series([period]), freq).iloc[0]
        else:
            fmt = "%d %b %Y" if freq == "week" else "%b %Y"
            chosen = st.selectbox(
                "Click a point, or pick one, to list the articles behind it",
                range(len(options)),
                index=None,
                format_func=lambda i: f"{options[i][0]:{fmt}} · {options[i][1]}",
                key=KEY + "mention_point",
            )
            period, name = options[chosen] if chosen is not None else (None, None)
        if period is not None:
            rows = mention_evidence(
                data.query, data.articles, canonical=name, period=period, freq=freq
            )
            evidence_table(rows, data.articles, key=KEY + "mention_evidence")
    st.subheader("Most mentioned, per label", anchor=False)
    labels = _labels(data.query, data.key)
    shown = st.multiselect(
        "Labels",
        labels,
        default=[lb for lb in ("GPE", "ORG", "PERSON") if lb in labels],
        key=KEY + "top_labels",
    )
    top = _top(data.query, data.key, tuple(shown))
    if not top.empty:
        st.altair_chart(_top_chart(top, data.key, tuple(shown)), key=KEY + "top_chart")


def render() -> None:
    """Draw the Trends page."""
    data = app_data()
    aid_section(data)
    st.divider()
    mentions_section(data)
