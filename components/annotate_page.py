"""The Annotate page: correct an article's entities, save at once, move through the queue.

Every edit is saved to the store as soon as it is made (there is no unsaved state to lose),
on the revision the annotator was shown; if someone saved the article since, the store refuses
it with ConflictError and the page shows both versions to choose from.
"""

from __future__ import annotations

import hashlib
import itertools

import streamlit as st

from aidlens.analysis import segments
from aidlens.annotations import (
    ConflictError,
    Span,
    new_span,
    with_span,
    working_spans,
)
from aidlens.errors import AidLensError
from aidlens.query import article_entities
from components.access import access_gate
from components.annotate_saves import (
    CONFLICT,
    KEY,
    OPENED,
    SAVES,
    SELECTED,
    STATUS_NAMES,
    _init,
    _say,
    annotator_name,
    conflict_panel,
    key_order,
    pending_panel,
    propose,
    save,
)
from components.annotate_tools import (
    _table_edit,
    everywhere_panel,
    phrase_form,
    selected_panel,
    spans_frame,
)
from components.entity_text import label_colours, segments_html
from components.loading import AppData, app_data
from components.plain_text import md
from components.rule_offer import offer_panel
from components.span_picker import span_picker

QUEUE_WINDOW = 500  # articles of the queue offered in the picker at a time


def statuses(data: AppData) -> dict[str, str]:
    """Return the status of every touched article (the others are to do), read once."""
    return {a: s.status for a, s in data.store.states().items()}


def queue_counts(data: AppData, status_of: dict[str, str]) -> dict[str, int]:
    """Return how many articles are todo, in_progress and done, as `store.counts`."""
    # From the touched articles alone: a pass over 100,000 ids per count costs a rerun 20 ms.
    out = dict.fromkeys(STATUS_NAMES, 0)
    for status in status_of.values():
        out[status] += 1
    out["todo"] += len(data.store.article_ids) - len(status_of)
    return out


def queue_panel(data: AppData) -> str | None:
    """Show the review queue and progress; return the id of the article to annotate."""
    status_of = statuses(data)
    counts = queue_counts(data, status_of)
    total = sum(counts.values()) or 1
    st.progress(counts["done"] / total, text=f"{counts['done']} of {total} articles done")
    status = st.sidebar.radio(
        "Queue",
        list(STATUS_NAMES),
        format_func=lambda s: f"{STATUS_NAMES[s]} ({counts[s]})",
        key=KEY + "status",
    )
    ids = [a for a in data.store.article_ids if status_of.get(a, "todo") == status]
    wanted = st.query_params.get("article")
    if wanted in data.store.article_ids and wanted not in ids:
        ids.insert(0, wanted)
    if not ids:
        st.info(f"No article is {STATUS_NAMES[status].lower()}.")
        return None
    # A window of the queue around the open article: a picker of 100,000 ids would ship them all.
    at = ids.index(wanted) if wanted in ids else 0
    first = max(0, at - QUEUE_WINDOW // 10)
    shown = ids[first : first + QUEUE_WINDOW]
    rows = data.articles.loc[data.articles["id"].isin(shown), ["id", "title"]]
    titles = dict(zip(rows["id"], rows["title"], strict=True))
    chosen = st.sidebar.selectbox(
        "Article",
        shown,
        index=at - first,
        format_func=lambda i: f"{titles[i]} ({i})",
    )
    if chosen != wanted:
        st.query_params["article"] = chosen
    return chosen


def next_article(data: AppData, after: str) -> str | None:
    """Return the next article still to do after `after`, in corpus order, wrapping round."""
    status_of = statuses(data)
    ids = data.store.article_ids
    try:
        start = ids.index(after) + 1
    except ValueError:
        start = 0
    # Walk from `after` and stop at the first one to do: usually the very next article.
    for i in itertools.chain(ids[start:], ids[:start]):
        if i != after and status_of.get(i, "todo") in ("todo", "in_progress"):
            return i
    return None


def accept_and_next(data: AppData, article_id: str, spans: tuple[Span, ...]) -> None:
    """Mark the article done with the spans shown and open the next one to do (a callback)."""
    # A callback runs before the page: the click costs one run, not a run, a save and a rerun.
    if save(data, article_id, spans, status="done"):
        nxt = next_article(data, article_id)
        if nxt:
            st.query_params["article"] = nxt
        _say("success", "Marked done." + ("" if nxt else " Nothing left to do."))
        st.session_state[SELECTED] = None


def editor(data: AppData, article_id: str) -> None:
    """Draw the three ways to edit an article's spans, and the queue actions."""
    state = data.store.get(article_id)
    opened = st.session_state[OPENED]
    shown = opened.get(article_id)  # edits this run are based on what the last run showed
    if shown is not None and shown != state.revision and st.session_state[CONFLICT] is None:
        st.info(f"{md(state.annotator or 'Someone')} saved this article meanwhile; showing it.")
    spans = working_spans(state, article_entities(data.query, article_id, layer="ruled"))
    text = data.store.text(article_id)
    row = data.articles.loc[data.articles["id"] == article_id].iloc[0]
    st.subheader(md(row["title"]), anchor=False)
    st.caption(
        f"{STATUS_NAMES[state.status]} · revision {state.revision}"
        + (f" · last saved by {md(state.annotator)}" if state.annotator else " · model entities")
    )
    c1, c2, _ = st.columns([1, 1, 3])
    c1.button(
        "Accept and next",
        key=KEY + "accept",
        type="primary",
        shortcut="A",
        on_click=accept_and_next,
        args=(data, article_id, spans),
    )
    if c2.button("Undo last save", key=KEY + "undo", shortcut="U", disabled=state.revision == 0):
        try:
            new = data.store.undo(
                article_id, st.session_state["aidlens_annotator"], base_revision=state.revision
            )
        except ConflictError as exc:
            st.session_state[CONFLICT] = exc
        except (AidLensError, OSError) as exc:
            _say("error", str(exc))
        else:
            opened[article_id] = new.revision
            _say("success", "Undone.")
        st.rerun()
    st.caption(
        "Keys: select words, then 1–9 picks a label · A accepts and opens the next · U undoes. "
        "Click a highlighted span to relabel or remove it."
    )
    if conflict_panel(data) or pending_panel(data):
        opened.setdefault(article_id, state.revision)
        return
    event = span_picker(
        text=text,
        spans=[{"start": s.start, "end": s.end, "label": s.label} for s in spans],
        labels=key_order(data.labels),
        colours=label_colours(),
        key=f"{KEY}picker_{_slug(article_id)}",
        hint="Select words with the mouse, then press a number or click a label.",
    )
    if event is not None and event.kind == "pick":
        try:
            new = new_span(text, event.start, event.end, event.label, data.labels)
        except AidLensError as exc:
            _say("error", str(exc))
        else:
            propose(data, article_id, spans, with_span(spans, new))
        st.rerun()
    if event is not None and event.kind == "clicked":
        st.session_state[SELECTED] = (event.start, event.end)
    selected = next((s for s in spans if (s.start, s.end) == st.session_state[SELECTED]), None)
    if selected is not None:
        selected_panel(data, article_id, spans, selected)
    table_key = f"{KEY}table_{article_id}_{state.revision}"
    st.markdown("**Spans** (edit a label, move start/end, delete or add rows)")
    st.data_editor(
        spans_frame(spans),
        key=table_key,
        num_rows="dynamic",
        hide_index=True,
        disabled=["text", "origin"],
        column_config={
            "label": st.column_config.SelectboxColumn("label", options=list(data.labels)),
            "start": st.column_config.NumberColumn("start", min_value=0, step=1),
            "end": st.column_config.NumberColumn("end", min_value=0, step=1),
        },
        on_change=_table_edit,
        args=(data, article_id, spans, table_key),
    )
    phrase_form(data, article_id, spans)
    everywhere_panel(data, article_id, selected)
    offer_panel(data)
    if st.session_state[CONFLICT] is None:
        opened[article_id] = state.revision  # what this run showed is the base of the next edit


def _slug(article_id: str) -> str:
    """Return a widget-key-safe stand-in for an article id (components refuse '__' in keys)."""
    return hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).hexdigest()


def render() -> None:
    """Draw the Annotate page."""
    _init()
    data = app_data()
    st.title("Annotate", anchor=False)
    SAVES.flash()
    for problem in data.store.problems:
        st.warning(md(f"{problem} (kept as it is in the file)"))
    can_edit = access_gate(key_prefix=KEY)
    name = annotator_name()
    article_id = queue_panel(data)
    if article_id is None:
        return
    if not can_edit or not name:
        st.info(
            "Read-only: "
            + ("unlock editing in the sidebar." if not can_edit else "give your name.")
        )
        ents = article_entities(data.query, article_id)
        row = data.articles.loc[data.articles["id"] == article_id].iloc[0]
        st.subheader(md(row["title"]), anchor=False)
        st.html(segments_html(segments(row["text"], ents)))
        return
    editor(data, article_id)
