"""The Trends page: aid amounts and entity mentions over time, each bar traceable to articles."""

from __future__ import annotations

from dataclasses import astuple

import altair as alt
import pandas as pd
import streamlit as st

from aidlens.analysis import AidFilter, period_start
from aidlens.query import (
    DataQuery,
    aid_chart_data,
    aid_evidence,
    aid_options,
    commitments,
    label_options,
    mention_evidence,
    mention_series,
    name_counts,
    top_names,
)
from components.loading import AppData, app_data
from components.plain_text import md

KEY = "trends_"  # widget key prefix of this page
READ_LINK = "/?article="  # the Read page is the default page


MAX_OPTIONS = 500  # entities offered in a picker: the most mentioned, not every name


# Aggregates are cached on the data's key and the controls, so a rerun that changes nothing
# they depend on (a click, a drill-down) asks DuckDB nothing.
@st.cache_data(show_spinner=False, max_entries=32)
def _aid(_q: DataQuery, key: tuple, flt_key: tuple) -> tuple[pd.DataFrame, ...]:
    """Return the monthly bars, the cumulative line and the commitments table for a filter."""
    flt = AidFilter(*flt_key)
    per_commitment = _commitments(_q, key, (flt.aid_types, flt.donors, flt.stages))
    return aid_chart_data(_q, flt, per_commitment=per_commitment)


@st.cache_data(show_spinner=False, max_entries=16)
def _commitments(_q: DataQuery, key: tuple, picked: tuple) -> pd.DataFrame:
    """Return each commitment's first mention and counts, for the types, donors and stages."""
    return commitments(_q, AidFilter(True, *picked))


@st.cache_data(show_spinner=False, max_entries=8)
def _aid_options(_q: DataQuery, key: tuple) -> tuple[list[str], list[str]]:
    """Return the aid types and donors to offer."""
    return aid_options(_q)


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


def _selected(event, param: str) -> dict | None:
    """Return the first point picked in a chart's selection event, or None."""
    if not event:
        return None
    points = (event.get("selection") or {}).get(param) or []
    return points[0] if points else None


def _as_time(value) -> pd.Timestamp:
    """Return a chart's temporal value (epoch milliseconds or ISO text) as a Timestamp."""
    return (
        pd.to_datetime(value, unit="ms") if isinstance(value, int | float) else pd.Timestamp(value)
    )


def aid_filter(*, data: AppData) -> AidFilter:
    """Return the aid chart's filter from its controls."""
    c1, c2, c3, c4 = st.columns(4)
    mode = c1.radio(
        "Count", ["distinct commitments", "all mentions"], key=KEY + "count", horizontal=False
    )
    aid_types, donor_names = _aid_options(data.query, data.key)
    types = c2.multiselect("Aid type", aid_types, key=KEY + "types")
    donors = c3.multiselect("Donor", donor_names, key=KEY + "donors")
    stage = c4.radio("Stage", ["all", "pledged", "delivered"], key=KEY + "stage")
    return AidFilter(
        distinct=mode == "distinct commitments",
        aid_types=tuple(types),
        donors=tuple(donors),
        stages=() if stage == "all" else (stage,),
    )


def aid_chart(by_month: pd.DataFrame, cumulative: pd.DataFrame) -> alt.LayerChart:
    """Return stacked monthly USD bars by donor with a cumulative line on its own axis."""
    # No aggregate in the encoding (the rows are already one per bar): an aggregated mark
    # would drop the raw `month` field from the clicked datum, and the selection with it.
    pick = alt.selection_point(name="bar", fields=["month", "donor"])
    bars = (
        alt.Chart(by_month)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title="Month"),
            y=alt.Y("usd:Q", title="US$", stack="zero", axis=alt.Axis(format="$.2s")),
            color=alt.Color("donor:N", title="Donor"),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="Month"),
                alt.Tooltip("donor:N", title="Donor"),
                alt.Tooltip("usd:Q", title="US$", format=",.0f"),
                alt.Tooltip("commitments:Q", title="Commitments"),
                alt.Tooltip("mentions:Q", title="Mentions"),
                alt.Tooltip("articles:Q", title="Articles"),
            ],
        )
        .add_params(pick)
    )
    line = (
        alt.Chart(cumulative)
        .mark_line(point=True, color="#444")
        .encode(
            x="yearmonth(month):T",
            y=alt.Y("cumulative_usd:Q", title="Cumulative US$", axis=alt.Axis(format="$.2s")),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="Month"),
                alt.Tooltip("cumulative_usd:Q", title="Cumulative US$", format=",.0f"),
            ],
        )
    )
    return alt.layer(bars, line).resolve_scale(y="independent")


def evidence_table(rows: pd.DataFrame, articles: pd.DataFrame, *, key: str) -> None:
    """Show the articles and sentences behind a chart mark, each linking to the Read page."""
    titles = articles[["id", "title", "published"]].rename(columns={"id": "article_id"})
    rows = rows.drop(columns=["published", "title"], errors="ignore").merge(titles, on="article_id")
    rows = rows.sort_values(["published", "article_id", "start"])
    table = pd.DataFrame(
        {
            "open": READ_LINK + rows["article_id"],
            "published": rows["published"].dt.date,
            "title": rows["title"],
            "mention": rows["text"],
            "sentence": rows["sentence"],
        }
    )
    st.caption(f"{rows['article_id'].nunique()} articles, {len(rows)} mentions")
    st.dataframe(
        table,
        hide_index=True,
        column_config={"open": st.column_config.LinkColumn("Read", display_text="open")},
        key=key,
    )


def aid_section(data: AppData) -> None:
    """Draw aid over time: bars, cumulative line, drill-down and the commitments table."""
    st.subheader("Aid over time", anchor=False)
    if data.query.dataset.rows("amounts") == 0:
        st.info("No aid amounts were found in this corpus.")
        return
    flt = aid_filter(data=data)
    by_month, cumulative, commitments = _aid(data.query, data.key, astuple(flt))
    if by_month.empty:
        st.info("No amounts match these filters.")
        return
    event = st.altair_chart(
        aid_chart(by_month, cumulative),
        on_select="rerun",
        selection_mode="bar",
        key=KEY + "aid_chart",
    )
    bars = by_month.sort_values(["month", "donor"])
    labels = [
        f"{m:%b %Y} · {d} · US${u:,.0f}" for m, d, u in bars[["month", "donor", "usd"]].values
    ]
    point = _selected(event, "bar")
    if point is not None:
        month, donor = _as_time(point["month"]).to_period("M").start_time, point.get("donor")
    else:
        chosen = st.selectbox(
            "Click a bar, or pick one, to list the articles behind it",
            range(len(labels)),
            index=None,
            format_func=lambda i: labels[i],
            key=KEY + "aid_bar",
        )
        if chosen is None:
            month = None
        else:
            month, donor = bars.iloc[chosen]["month"], bars.iloc[chosen]["donor"]
    if month is not None:
        st.markdown(f"**Behind {month:%B %Y} · {md(donor)}**")
        behind = aid_evidence(data.query, flt, month=month, donor=donor)
        evidence_table(behind, data.articles, key=KEY + "aid_evidence")
    with st.expander("Commitments", expanded=False):
        st.dataframe(commitments, hide_index=True, key=KEY + "commits")


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
            mentions_chart(frame, share=share, freq=freq),
            on_select="rerun",
            selection_mode="point",
            key=KEY + "mentions_chart",
        )
        point = _selected(event, "point")
        options = frame[["period", "canonical"]].values.tolist()
        if point is not None:
            period, name = _as_time(point["period"]), point["canonical"]
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
        st.altair_chart(
            alt.Chart(top)
            .mark_bar()
            .encode(
                x=alt.X("mentions:Q", title="Mentions"),
                y=alt.Y("canonical:N", sort="-x", title=None),
                color=alt.Color("label:N", legend=None),
                row=alt.Row("label:N", title=None),
                tooltip=["label", "canonical", "mentions", "articles"],
            )
            .resolve_scale(y="independent"),
            key=KEY + "top_chart",
        )


def render() -> None:
    """Draw the Trends page."""
    data = app_data()
    aid_section(data)
    st.divider()
    mentions_section(data)
