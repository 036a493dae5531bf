"""Trends: aid over time, one stage at a time, largest donors coloured, traceable to articles."""

from __future__ import annotations

from dataclasses import astuple, replace

import altair as alt
import pandas as pd
import streamlit as st

from aidlens.analysis import (
    CHARTED_STAGES,
    MONEY_LABEL_EXPR,
    OTHER,
    REVIEWED_CHOICES,
    STAGES,
    AidFilter,
    aid_candidates,
    aid_view,
    amounts_behind,
    commitments_table,
    counted,
    cumulative_by_month,
    extracted_candidates,
    money,
    reviewed_total,
)
from aidlens.query import with_sentences
from components.chart_evidence import as_time, evidence_table, selected_point
from components.loading import AppData, folder_rates
from components.plain_text import md

KEY = "trends_"  # widget key prefix of this page
# Vega's "tableau20" without its two greys, the strong shade of each hue first: the ten
# largest donors get ten clearly different colours, the next ones the light shades.
PALETTE = (
    "#4c78a8",
    "#f58518",
    "#54a24b",
    "#e45756",
    "#b79a20",
    "#439894",
    "#d67195",
    "#b279a2",
    "#9e765f",
    "#72b7b2",
    "#9ecae9",
    "#ffbf79",
    "#88d27a",
    "#ff9d98",
    "#f2cf5b",
    "#83bcb6",
    "#fcbfd2",
    "#d6a5c9",
)
OTHER_COLOUR = "#9d9d9d"
DEFAULT_TOP = 10
# A bar sums mentions of many dates and currencies: its tooltip says how they were converted,
# and the list behind the bar gives each mention's rate and date.
RATES_NOTE = "each article's date: the ECB reference rate, else a yearly one; pick the bar for each"
STAGE_NOTES = {
    "pledged": "Pledged: approved, signed, announced or promised by the giver.",
    "delivered": "Delivered: disbursed, sent, arrived, a tranche paid.",
    "requested": "Requested: asked for, proposed or pending a vote. Not aid given: listed, "
    "never charted.",
    "blocked": "Blocked: vetoed, failed, rejected, left out or withdrawn. Not aid given: listed, "
    "never charted.",
}


def donor_colours(donors: list[str]) -> tuple[list[str], list[str]]:
    """Return (domain, range) giving every donor its own colour and OTHER grey."""
    named = [d for d in donors if d != OTHER]
    if len(named) > len(PALETTE):
        raise ValueError(f"{len(named)} donors, only {len(PALETTE)} distinct colours")
    domain, colours = named, list(PALETTE[: len(named)])
    if OTHER in donors:
        domain, colours = [*domain, OTHER], [*colours, OTHER_COLOUR]
    return domain, colours


# The rows any filter can count, kept once per process and data key (not pickled per call):
# each filter change then filters these, not every amount.
@st.cache_resource(show_spinner=False, max_entries=2)
def _candidates(_data: AppData, key: tuple) -> pd.DataFrame:
    """Return the amounts an aid filter can count, with the columns counting reads."""
    reviewed, extracted = _data.load_amounts() if _data.load_amounts else (pd.DataFrame(),) * 2
    if reviewed is extracted and not extracted.empty:  # no review applied: the kept copy
        return extracted_candidates(extracted, _data.query.dataset)
    return aid_candidates(counted(reviewed))


# Aggregates are cached on the data's key and the controls, so a rerun that changes nothing
# they depend on (a click, a drill-down) does not count the amounts again.
@st.cache_data(show_spinner=False, max_entries=32)
def _aid(_data: AppData, key: tuple, flt_key: tuple, top: int) -> tuple:
    """Return the bars, the cumulative line and the donors in OTHER."""
    candidates = _candidates(_data, key)
    by_month, others = aid_view(candidates, AidFilter(*flt_key), top=top, prepared=True)
    return by_month, cumulative_by_month(by_month), others


# The commitments table counts every mention whatever the count switch says: cached apart, so
# switching to "all mentions" counts only the bars.
@st.cache_data(show_spinner=False, max_entries=16)
def _commitments(_data: AppData, key: tuple, flt_key: tuple) -> pd.DataFrame:
    """Return one row per counted commitment."""
    return commitments_table(_candidates(_data, key), AidFilter(*flt_key), prepared=True)


@st.cache_data(show_spinner=False, max_entries=4)
def _choices(_amounts: pd.DataFrame, key: tuple) -> dict[str, list[str]]:
    """Return the options of the aid type, donor and instrument pickers."""
    return {c: _options(_amounts, c) for c in ("aid_type", "donor", "instrument")}


def _options(amounts: pd.DataFrame, column: str) -> list[str]:
    """Return the distinct non-empty values of a column, sorted ([] when it is absent)."""
    if column not in amounts.columns:
        return []
    # Distinct values first: stripping and iterating every row cost 0.1 s a column at 10,000.
    values = pd.Series(amounts[column].dropna().unique()).astype(str).str.strip()
    return sorted(set(values[values.ne("")]))


def aid_filter(*, amounts: pd.DataFrame, key: tuple) -> tuple[AidFilter, int]:
    """Return the aid chart's filter from its controls, and how many donors get a colour."""
    choices = _choices(amounts, key)
    c1, c2, c3 = st.columns([1, 2, 1])
    mode = c1.radio("Count", ["distinct commitments", "all mentions"], key=KEY + "count")
    stage = c2.radio(
        "Stage (charted apart, never summed)",
        (*CHARTED_STAGES, *(s for s in STAGES if s not in CHARTED_STAGES)),
        horizontal=True,
        key=KEY + "stage",
        help="Pledges and deliveries are charted apart; requests and blocked packages are "
        "listed, never charted.",
    )
    reviewed = c3.radio("Reviewed", REVIEWED_CHOICES, key=KEY + "reviewed")
    c4, c5, c6, c7 = st.columns([1, 1, 1, 1])
    types = c4.multiselect("Aid type", choices["aid_type"], key=KEY + "types")
    donors = c5.multiselect("Donor", choices["donor"], key=KEY + "donors")
    instruments = c6.multiselect(
        "Instrument",
        choices["instrument"],
        key=KEY + "instruments",
        help="Named instruments (Ukraine Facility, ERA loans, USAI...), once extraction "
        "records them.",
    )
    top = c7.number_input(
        "Donors coloured",
        min_value=1,
        max_value=len(PALETTE),
        value=DEFAULT_TOP,
        key=KEY + "top",
        help="The largest donors in view each get a colour; the rest are grouped as "
        f"“{OTHER}”. Raise this to expand them.",
    )
    flt = AidFilter(
        distinct=mode == "distinct commitments",
        aid_types=tuple(types),
        donors=tuple(donors),
        stages=(stage,),
        reviewed=reviewed,
        instruments=tuple(instruments),
    )
    return flt, int(top)


def _usd_axis(title: str) -> alt.Axis:
    """Return a US$ axis whose labels read as money ("$220bn")."""
    return alt.Axis(title=title, labelExpr=MONEY_LABEL_EXPR)


def aid_chart(by_month: pd.DataFrame, cumulative: pd.DataFrame) -> alt.LayerChart:
    """Return stacked monthly USD bars by donor with a cumulative line on its own axis."""
    # No aggregate in the encoding (the rows are already one per bar): an aggregated mark
    # would drop the raw `month` field from the clicked datum, and the selection with it.
    pick = alt.selection_point(name="bar", fields=["month", "donor"])
    totals = by_month.groupby("donor")["usd"].sum()
    order = sorted(totals.index, key=lambda d: (d == OTHER, -totals[d], d))
    domain, colours = donor_colours(order)
    bars_data = by_month.assign(
        usd_text=by_month["usd"].map(money),
        reviewed_text=by_month["reviewed_usd"].map(money),
        rates=RATES_NOTE,
    )
    bars = (
        alt.Chart(bars_data)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title="Month"),
            y=alt.Y("usd:Q", stack="zero", axis=_usd_axis("US$")),
            color=alt.Color(
                "donor:N", title="Donor", scale=alt.Scale(domain=domain, range=colours)
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.4)),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="Month"),
                alt.Tooltip("donor:N", title="Donor"),
                alt.Tooltip("usd_text:N", title="US$"),
                alt.Tooltip("usd:Q", title="US$ exact", format=",.0f"),
                alt.Tooltip("rates:N", title="US$ at"),
                alt.Tooltip("reviewed_text:N", title="Reviewed US$"),
                alt.Tooltip("commitments:Q", title="Commitments"),
                alt.Tooltip("mentions:Q", title="Mentions"),
                alt.Tooltip("articles:Q", title="Articles"),
            ],
        )
        .add_params(pick)
    )
    line = (
        alt.Chart(cumulative.assign(cumulative_text=cumulative["cumulative_usd"].map(money)))
        .mark_line(point=True, color="#444")
        .encode(
            x="yearmonth(month):T",
            y=alt.Y("cumulative_usd:Q", axis=_usd_axis("Cumulative US$")),
            tooltip=[
                alt.Tooltip("yearmonth(month):T", title="Month"),
                alt.Tooltip("cumulative_text:N", title="Cumulative US$"),
                alt.Tooltip("cumulative_usd:Q", title="Cumulative US$ exact", format=",.0f"),
            ],
        )
    )
    return alt.layer(bars, line).resolve_scale(y="independent")


# A built chart is kept per data key and controls: building and validating it again on each
# rerun (a click elsewhere on the page) cost 50 ms at 100,000 articles. Charts are not changed
# once built, so sessions may share them.
@st.cache_resource(show_spinner=False, max_entries=32)
def _aid_chart(
    _by_month: pd.DataFrame, _cumulative: pd.DataFrame, key: tuple, flt_key: tuple, top: int
) -> alt.LayerChart:
    """Return the aid chart of the bars computed for these controls."""
    return aid_chart(_by_month, _cumulative)


def reviewed_caption(by_month: pd.DataFrame, *, what: str = "shown") -> str:
    """Return how much of what is shown is reviewed, as Markdown-safe text."""
    done, total = reviewed_total(by_month)
    share = f" ({done / total:.0%})" if total else ""
    return md(f"{money(done)} of {money(total)} {what} reviewed{share}.")


def bar_picked(event, bars: pd.DataFrame) -> tuple[pd.Timestamp | None, str | None]:
    """Return the (month, donor) of the clicked bar, or of the bar picked from the list."""
    point = selected_point(event, "bar")
    if point is not None:
        return as_time(point["month"]).to_period("M").start_time, point.get("donor")
    labels = [f"{m:%b %Y} · {d} · {money(u)}" for m, d, u in bars[["month", "donor", "usd"]].values]
    chosen = st.selectbox(
        "Click a bar, or pick one, to list the articles behind it",
        range(len(labels)),
        index=None,
        format_func=lambda i: labels[i],
        key=KEY + "aid_bar",
    )
    if chosen is None:
        return None, None
    return bars.iloc[chosen]["month"], bars.iloc[chosen]["donor"]


def aid_section(data: AppData) -> None:
    """Draw aid over time: bars, cumulative line, drill-down and the commitments table."""
    st.subheader("Aid over time", anchor=False)
    amounts = data.amounts
    if amounts.empty or "value_usd" not in amounts.columns:
        st.info("No aid amounts were found in this corpus.")
        return
    flt, top = aid_filter(amounts=amounts, key=data.amounts_key)
    st.caption(md(STAGE_NOTES[flt.stages[0]]))
    by_month, cumulative, others = _aid(data, data.amounts_key, astuple(flt), top)
    table_key = astuple(replace(flt, distinct=False))
    if by_month.empty:
        st.info("No amounts match these filters.")
        return
    if flt.stages[0] not in CHARTED_STAGES:
        st.caption(reviewed_caption(by_month, what="listed"))
        commitments = _commitments(data, data.amounts_key, table_key)
        st.dataframe(commitments, hide_index=True, key=KEY + "commits_listed")
        return
    st.caption(reviewed_caption(by_month))
    event = st.altair_chart(
        _aid_chart(by_month, cumulative, data.amounts_key, astuple(flt), top),
        on_select="rerun",
        selection_mode="bar",
        key=KEY + "aid_chart",
    )
    if others:
        st.caption(md(f"{OTHER} ({len(others)}): {', '.join(others)}."))
    month, donor = bar_picked(event, by_month.sort_values(["month", "donor"]))
    if month is not None:
        st.markdown(f"**Behind {month:%B %Y} · {md(donor)}**")
        behind = amounts_behind(amounts, flt, month=month, donor=donor, others=others)
        behind = with_sentences(data.query, behind)
        evidence_table(behind, data.articles, key=KEY + "aid_evidence", rates=folder_rates(data))
    # Listed only once opened: one row per commitment takes a quarter of a second to build at
    # 100,000 articles, which a page that does not show it should not pay.
    box = st.expander("Commitments", expanded=False, key=KEY + "commits_box", on_change="rerun")
    if box.open:
        commitments = _commitments(data, data.amounts_key, table_key)
        box.dataframe(commitments, hide_index=True, key=KEY + "commits")
