"""The Read page: filter the corpus, open an article, see its entities highlighted."""

from __future__ import annotations

import logging
import zlib
from dataclasses import astuple

import pandas as pd
import streamlit as st

from aidlens.analysis import ArticleFilter, date_bounds, entity_counts, rate_notes, segments
from aidlens.corpus import safe_url
from aidlens.query import (
    DataQuery,
    article_amounts,
    article_entities,
    article_page,
    label_options,
    name_counts,
)
from components.entity_text import legend_html, segments_html
from components.loading import AppData, app_data, folder_rates
from components.plain_text import md

KEY = "read_"  # widget key prefix of this page
PAGE_SIZE = 100  # articles listed at a time: the list is paged, never shipped whole
logger = logging.getLogger(__name__)


# Answers are cached on the data's key (it changes with the dataset and with every save).
@st.cache_data(show_spinner=False, max_entries=8)
def _labels(_q: DataQuery, key: tuple) -> list[str]:
    """Return the entity labels present."""
    return label_options(_q)


@st.cache_data(show_spinner=False, max_entries=8)
def _names(_q: DataQuery, key: tuple) -> pd.Series:
    """Return the 1,000 most mentioned names with their mention counts."""
    return name_counts(_q, limit=1000)


@st.cache_data(show_spinner=False, max_entries=64)
def _page(
    _q: DataQuery, _articles: pd.DataFrame, key: tuple, flt_key: tuple, page: int
) -> tuple[int, pd.DataFrame]:
    """Return how many articles match the filter and the page `page` (from 0) of them."""
    flt = ArticleFilter(*flt_key)
    return article_page(_q, _articles, flt, offset=page * PAGE_SIZE, limit=PAGE_SIZE)


def sidebar_filter(*, articles: pd.DataFrame, data: AppData) -> ArticleFilter:
    """Return the filter the analyst set in the sidebar."""
    first, last = date_bounds(articles["published"])
    sb = st.sidebar
    picked = sb.date_input(
        "Published between", value=(first, last), min_value=first, max_value=last, key=KEY + "dates"
    )
    # While a range is half-picked the widget returns one date: keep the full range until then.
    start, end = picked if isinstance(picked, tuple | list) and len(picked) == 2 else (first, last)
    sources = sorted(s for s in articles["source"].unique() if s)
    chosen_sources = sb.multiselect("Source", sources, key=KEY + "sources")
    all_labels = _labels(data.query, data.key)
    labels = sb.multiselect(
        "Entity labels to show", all_labels, default=all_labels, key=KEY + "labels"
    )
    query = sb.text_input("Search title and text", key=KEY + "query")
    # The most mentioned names only: a picker of every name would ship them all on each rerun.
    counts = _names(data.query, data.key)
    mentions = sb.multiselect(
        "Mentions (articles naming all of these)",
        list(counts.index),
        format_func=lambda c: f"{c} ({counts[c]})",
        key=KEY + "mentions",
    )
    return ArticleFilter(
        start=start,
        end=end,
        sources=tuple(chosen_sources),
        labels=tuple(labels),
        query=query,
        mentions=tuple(mentions),
    )


def pick_article(matches: pd.DataFrame, articles: pd.DataFrame) -> str | None:
    """Return the id of the article to show: from the listed page, the picker or `?article=ID`."""
    wanted = st.query_params.get("article")
    ids = list(matches["id"])
    titles = dict(zip(matches["id"], matches["title"], strict=True))
    first_visit = st.session_state["aidlens_read_selection"] is None
    if first_visit and wanted not in titles:
        row = articles.loc[articles["id"] == wanted, "title"]
        if len(row):  # a shared link opens its article even when filtered out
            ids.insert(0, wanted)
            titles[wanted] = row.iloc[0]
    if not ids:
        return None
    index = ids.index(wanted) if wanted in ids else 0
    chosen = st.selectbox(
        "Open article", ids, index=index, format_func=lambda i: f"{titles[i]} ({i})"
    )
    if chosen != wanted:
        st.query_params["article"] = chosen
    st.session_state["aidlens_read_selection"] = chosen
    return chosen


def article_list(matches: pd.DataFrame) -> None:
    """Show the matching articles, newest first, each row linking to itself."""
    table = matches.assign(
        link="?article=" + matches["id"], published=matches["published"].dt.date
    )[["link", "title", "published", "source", "entities"]]
    st.dataframe(
        table,
        hide_index=True,
        height=min(36 * (len(table) + 1), 300),
        column_config={
            "link": st.column_config.LinkColumn(
                "Open", display_text="open", help="Opens the article (shareable link)"
            ),
            "entities": st.column_config.NumberColumn("Entities", help="entities of shown labels"),
        },
        key=KEY + "list",
    )


def article_view(*, data: AppData, article_id: str, labels: tuple[str, ...]) -> None:
    """Show one article: header, legend with label toggles, highlighted text, entity table."""
    row = data.articles.loc[data.articles["id"] == article_id].iloc[0]
    ents = article_entities(data.query, article_id)
    amounts = article_amounts(data.query, article_id)
    if not amounts.empty:  # each figure's hover says which rate and date gave its US$
        amounts = amounts.assign(rate_note=rate_notes(amounts, folder_rates(data)))
    st.subheader(md(row["title"]), anchor=False)
    meta = [row["published"].strftime("%d %B %Y")]
    if row["source"]:
        meta.append(row["source"])
    st.caption(md(" · ".join(meta)))
    url = safe_url(row["url"])
    if url:
        st.link_button("Open the original", url)
    present = [lbl for lbl in labels if lbl in set(ents["label"])]
    # Streamlit keys a widget by `key` alone, so a fixed key would carry one article's toggles
    # over to another with other labels (and drop them); each article and label set gets its own.
    toggle_key = f"{KEY}toggle_{zlib.crc32('|'.join([article_id, *present]).encode()):08x}"
    shown = st.pills("Highlight", present, selection_mode="multi", default=present, key=toggle_key)
    st.html(legend_html(shown or [], with_amounts=not amounts.empty))
    text_col, table_col = st.columns([3, 2])
    with text_col:
        segs = segments(row["text"], ents, labels=set(shown or []), amounts=amounts)
        st.html(segments_html(segs))
    with table_col:
        st.markdown("**Entities in this article**")
        st.dataframe(
            entity_counts(ents[ents["label"].isin(shown or [])]),
            hide_index=True,
            key=KEY + "entities",
        )


def render() -> None:
    """Draw the Read page."""
    data = app_data()
    flt = sidebar_filter(articles=data.articles, data=data)
    total, _ = _page(data.query, data.articles, data.key, astuple(flt), 0)
    st.markdown(f"**{total}** of {len(data.articles)} articles match")
    page = 0
    if total > PAGE_SIZE:
        pages = -(-total // PAGE_SIZE)
        if st.session_state.get(KEY + "page", 1) > pages:
            st.session_state[KEY + "page"] = 1  # the filter changed: back to the first page
        number = st.number_input(
            f"Page (of {pages}, {PAGE_SIZE} articles each)", 1, pages, 1, key=KEY + "page"
        )
        page = int(number) - 1
    total, matches = _page(data.query, data.articles, data.key, astuple(flt), page)
    article_list(matches)
    article_id = pick_article(matches, data.articles)
    if article_id is None:
        st.info("No article matches these filters.")
        return
    slot = st.empty()  # one article failing replaces its half-drawn view, not the page
    try:
        with slot.container():
            article_view(data=data, article_id=article_id, labels=flt.labels)
    except Exception as exc:  # any bug in one article; st.stop/st.rerun are not Exceptions
        logger.exception("could not show article %r", article_id)
        slot.error(
            f"Article {article_id!r} could not be shown ({type(exc).__name__}; details are in "
            "the server log). The list, other articles and other pages still work."
        )
