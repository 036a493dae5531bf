"""The Read page: filter the corpus, open an article, see its entities highlighted."""

from __future__ import annotations

import logging
import zlib

import pandas as pd
import streamlit as st

from aidlens.analysis import ArticleFilter, date_bounds, entity_counts, filter_articles, segments
from aidlens.corpus import safe_url
from components.entity_text import legend_html, segments_html
from components.loading import AppData, app_data
from components.plain_text import md

KEY = "read_"  # widget key prefix of this page
logger = logging.getLogger(__name__)


def sidebar_filter(*, articles: pd.DataFrame, entities: pd.DataFrame) -> ArticleFilter:
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
    all_labels = sorted(entities["label"].unique())
    labels = sb.multiselect(
        "Entity labels to show", all_labels, default=all_labels, key=KEY + "labels"
    )
    query = sb.text_input("Search title and text", key=KEY + "query")
    # The most mentioned names only: a picker of every name would ship them all on each rerun.
    counts = entities["canonical"].value_counts().head(1000)
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
    """Return the id of the article to show: from the list, the picker or `?article=ID`."""
    wanted = st.query_params.get("article")
    ids = list(matches["id"])
    first_visit = st.session_state["aidlens_read_selection"] is None
    if first_visit and wanted in set(articles["id"]) and wanted not in ids:
        ids.insert(0, wanted)  # a shared link opens its article even when filtered out
    if not ids:
        return None
    titles = dict(zip(articles["id"], articles["title"], strict=True))
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
    ents = data.results.entities
    ents = ents[ents["article_id"] == article_id]
    amounts = data.results.amounts
    if not amounts.empty:
        amounts = amounts[amounts["article_id"] == article_id]
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
    ents = data.results.entities
    flt = sidebar_filter(articles=data.articles, entities=ents)
    matches = filter_articles(data.articles, ents, flt)
    st.markdown(f"**{len(matches)}** of {len(data.articles)} articles match")
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
