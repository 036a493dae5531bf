"""The Annotate page: correct an article's entities, save at once, move through the queue.

Every edit is saved to the store as soon as it is made (there is no unsaved state to lose),
on the revision the annotator was shown; if someone saved the article since, the store refuses
it with ConflictError and the page shows both versions to choose from.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from aidlens.browse import segments
from aidlens.corrections import apply_everywhere, preview_everywhere, working_spans
from aidlens.errors import AidLensError, ConflictError
from aidlens.spans import (
    Span,
    check_spans,
    label_phrase,
    new_span,
    overlapping,
    relabel_span,
    remove_span,
    with_span,
)
from aidlens.store import ArticleState
from components.access import access_gate
from components.entity_text import label_colours, segments_html
from components.loading import AppData, app_data
from components.plain_text import md
from components.span_picker import span_picker

KEY = "ann_"  # widget key prefix of this page
STATUS_NAMES = {"todo": "To do", "in_progress": "In progress", "done": "Done"}
OPENED, PENDING, CONFLICT, SELECTED, MESSAGE = (
    KEY + "opened",  # article id -> the revision the annotator was last shown
    KEY + "pending",  # an edit that replaces overlapping spans, waiting for confirmation
    KEY + "conflict",  # the ConflictError of a refused save
    KEY + "selected",  # (start, end) of the span clicked in the text
    KEY + "message",  # (kind, text) to show once after a rerun
)


# The labels annotators fix most often come first, so that keys 1-9 reach them.
FIRST_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "MONEY", "PRODUCT", "EVENT", "DATE")


def key_order(labels: tuple[str, ...]) -> list[str]:
    """Return the labels with the most used first (keys 1-9), then the rest in their order."""
    first = [lb for lb in FIRST_LABELS if lb in labels]
    return first + [lb for lb in labels if lb not in first]


def _init() -> None:
    """Set up this page's session keys once."""
    for key, value in ((OPENED, {}), (PENDING, None), (CONFLICT, None), (SELECTED, None)):
        st.session_state.setdefault(key, value)
    st.session_state.setdefault(MESSAGE, None)


def annotator_name() -> str:
    """Return the annotator's name, asked once and kept in the session and the URL."""
    current = st.session_state.get("aidlens_annotator") or st.query_params.get("annotator", "")
    name = st.sidebar.text_input("Your name (recorded with every save)", value=current)
    name = name.strip()
    st.session_state["aidlens_annotator"] = name
    if name and st.query_params.get("annotator") != name:
        st.query_params["annotator"] = name
    return name


def _say(kind: str, text: str) -> None:
    """Keep a message to show on the next run (after st.rerun)."""
    st.session_state[MESSAGE] = (kind, md(text))


def save(
    data: AppData, article_id: str, spans: tuple[Span, ...], *, status: str | None = None
) -> ArticleState | None:
    """Save the article on the revision shown; return its new state, or None when refused."""
    base = st.session_state[OPENED].get(article_id, 0)
    try:
        state = data.store.save(
            article_id,
            spans,
            annotator=st.session_state["aidlens_annotator"],
            base_revision=base,
            status=status,
        )
    except ConflictError as exc:
        st.session_state[CONFLICT] = exc
        return None
    except AidLensError as exc:
        _say("error", str(exc))
        return None
    except OSError as exc:
        _say("error", f"Could not save ({exc.strerror or exc}); nothing already saved was lost.")
        return None
    st.session_state[OPENED][article_id] = state.revision
    return state


def propose(data: AppData, article_id: str, spans: tuple[Span, ...], new: tuple[Span, ...]):
    """Save `new` spans at once, or ask first when they replace overlapping spans."""
    replaced = [
        s for s in spans if s not in new and any(overlapping([n], s.start, s.end) for n in new)
    ]
    replaced = [s for s in replaced if not any((n.start, n.end) == (s.start, s.end) for n in new)]
    if replaced:
        st.session_state[PENDING] = (article_id, new, tuple(replaced))
    elif save(data, article_id, new):
        _say("success", "Saved.")


def queue_panel(data: AppData) -> str | None:
    """Show the review queue and progress; return the id of the article to annotate."""
    counts = data.store.counts()
    total = sum(counts.values()) or 1
    st.progress(counts["done"] / total, text=f"{counts['done']} of {total} articles done")
    status = st.sidebar.radio(
        "Queue",
        list(STATUS_NAMES),
        format_func=lambda s: f"{STATUS_NAMES[s]} ({counts[s]})",
        key=KEY + "status",
    )
    ids = data.store.queue(status)
    wanted = st.query_params.get("article")
    if wanted in data.store.article_ids and wanted not in ids:
        ids.insert(0, wanted)
    if not ids:
        st.info(f"No article is {STATUS_NAMES[status].lower()}.")
        return None
    titles = dict(zip(data.articles["id"], data.articles["title"], strict=True))
    chosen = st.sidebar.selectbox(
        "Article",
        ids,
        index=ids.index(wanted) if wanted in ids else 0,
        format_func=lambda i: f"{titles[i]} ({i})",
    )
    if chosen != wanted:
        st.query_params["article"] = chosen
    return chosen


def next_article(data: AppData, after: str) -> str | None:
    """Return the next article still to do after `after`, in corpus order, wrapping round."""
    todo = set(data.store.queue("todo")) | set(data.store.queue("in_progress"))
    ids = list(data.store.article_ids)
    start = ids.index(after) + 1 if after in ids else 0
    for i in ids[start:] + ids[:start]:
        if i in todo and i != after:
            return i
    return None


def accept_and_next(data: AppData, article_id: str, spans: tuple[Span, ...]) -> None:
    """Mark the article done with its current spans and open the next one to do."""
    if save(data, article_id, spans, status="done"):
        nxt = next_article(data, article_id)
        if nxt:
            st.query_params["article"] = nxt
        _say("success", "Marked done." + ("" if nxt else " Nothing left to do."))
        st.session_state[SELECTED] = None
    st.rerun()


def conflict_panel(data: AppData) -> bool:
    """Show both versions of a refused save and let the annotator choose; return if shown."""
    exc: ConflictError | None = st.session_state[CONFLICT]
    if exc is None:
        return False
    theirs, yours = exc.theirs, exc.yours
    st.warning(
        f"{md(theirs.annotator or 'Someone')} saved this article (revision {theirs.revision}) "
        "after you opened it. Compare the two versions and choose which to keep."
    )
    only_theirs = set(theirs.spans) - set(yours.spans)
    only_yours = set(yours.spans) - set(theirs.spans)
    left, right = st.columns(2)
    for col, title, state, only in (
        (left, f"Theirs ({theirs.annotator or 'unknown'})", theirs, only_theirs),
        (right, "Yours", yours, only_yours),
    ):
        with col:
            st.markdown(f"**{md(title)}**")
            st.dataframe(
                spans_frame(state.spans).assign(differs=[s in only for s in state.spans]),
                hide_index=True,
            )
    c1, c2 = st.columns(2)
    if c1.button("Keep theirs", key=KEY + "keep_theirs"):
        st.session_state[OPENED][theirs.article_id] = theirs.revision
        st.session_state[CONFLICT] = None
        st.rerun()
    if c2.button("Use mine", key=KEY + "use_mine", type="primary"):
        st.session_state[OPENED][theirs.article_id] = theirs.revision
        st.session_state[CONFLICT] = None
        if save(data, theirs.article_id, yours.spans, status=yours.status):
            _say("success", "Saved your version.")
        st.rerun()
    return True


def pending_panel(data: AppData) -> bool:
    """Show which spans a pending edit replaces and ask to apply it; return if shown."""
    pending = st.session_state[PENDING]
    if pending is None:
        return False
    article_id, new, replaced = pending
    names = md(", ".join(f"“{s.text}” ({s.label})" for s in replaced))
    st.warning(f"This edit replaces {len(replaced)} overlapping span(s): {names}")
    c1, c2 = st.columns(2)
    if c1.button("Apply", key=KEY + "apply_pending", type="primary"):
        st.session_state[PENDING] = None
        if save(data, article_id, new):
            _say("success", "Saved.")
        st.rerun()
    if c2.button("Cancel", key=KEY + "cancel_pending"):
        st.session_state[PENDING] = None
        st.rerun()
    return True


def spans_frame(spans: tuple[Span, ...]) -> pd.DataFrame:
    """Return the spans as a table for display and editing."""
    return pd.DataFrame(
        [(s.start, s.end, s.text, s.label, s.origin) for s in spans],
        columns=["start", "end", "text", "label", "origin"],
    )


def table_spans(
    text: str, spans: tuple[Span, ...], changes: dict, labels: tuple[str, ...]
) -> tuple[Span, ...]:
    """Return the spans after st.data_editor's edits (edited, deleted, added rows), checked."""
    rows = spans_frame(spans).to_dict("records")
    for index, edit in (changes.get("edited_rows") or {}).items():
        rows[int(index)].update(edit)
    deleted = {int(i) for i in changes.get("deleted_rows") or []}
    added = [r for r in changes.get("added_rows") or [] if r]
    result = []
    for i, row in enumerate([*rows, *added]):
        if i in deleted:
            continue
        for col in ("start", "end", "label"):
            if row.get(col) is None or row.get(col) == "":
                raise AidLensError(f"row {i + 1}: give a {col} for every span")
        result.append(new_span(text, row["start"], row["end"], row["label"], labels))
    checked = check_spans(text, result, labels)  # refuses overlapping rows
    return _keep_origins(spans, checked)


def _table_edit(data: AppData, article_id: str, spans: tuple[Span, ...], key: str) -> None:
    """Save the span table's edits; a callback, so it runs before a rerun could drop them."""
    try:
        new = table_spans(
            data.store.text(article_id), spans, st.session_state.get(key) or {}, data.labels
        )
    except AidLensError as exc:
        _say("error", f"Not saved: {exc}")
        return
    if save(data, article_id, new):
        _say("success", "Saved the table.")


def _keep_origins(before: tuple[Span, ...], after: tuple[Span, ...]) -> tuple[Span, ...]:
    """Return `after` with unchanged spans keeping their origin (a model span stays model)."""
    old = {s.key: s for s in before}
    return tuple(old.get(s.key, s) for s in after)


def everywhere_panel(data: AppData, article_id: str, selected: Span | None) -> None:
    """Relabel or remove every span with a given text across the corpus, after a preview."""
    with st.expander("Apply to every article", expanded=False):
        text = st.text_input(
            "Span text", value=selected.text if selected else "", key=KEY + "all_text"
        )
        action = st.selectbox("Change to", ["(remove)", *data.labels], key=KEY + "all_label")
        label = None if action == "(remove)" else action
        if not text.strip():
            return
        try:
            changes = preview_everywhere(data.store, data.model_results.entities, text, label)
        except AidLensError as exc:
            st.error(md(exc))
            return
        spans = sum(c.changed for c in changes)
        st.caption(f"{spans} span(s) in {len(changes)} article(s) would change.")
        if changes and st.button(
            f"Apply to {len(changes)} article(s)", key=KEY + "all_apply", type="primary"
        ):
            try:
                apply_everywhere(
                    data.store, changes, annotator=st.session_state["aidlens_annotator"]
                )
            except ConflictError:
                _say("error", "Someone saved one of these articles meanwhile; preview again.")
            except (AidLensError, OSError) as exc:
                _say("error", f"Not saved: {exc}")
            else:
                st.session_state[OPENED].pop(article_id, None)
                _say("success", f"Changed {spans} span(s) in {len(changes)} article(s).")
            st.rerun()


def editor(data: AppData, article_id: str) -> None:
    """Draw the three ways to edit an article's spans, and the queue actions."""
    state = data.store.get(article_id)
    opened = st.session_state[OPENED]
    shown = opened.get(article_id)  # edits this run are based on what the last run showed
    if shown is not None and shown != state.revision and st.session_state[CONFLICT] is None:
        st.info(f"{md(state.annotator or 'Someone')} saved this article meanwhile; showing it.")
    spans = working_spans(state, data.model_results.entities)
    text = data.store.text(article_id)
    row = data.articles.loc[data.articles["id"] == article_id].iloc[0]
    st.subheader(md(row["title"]), anchor=False)
    st.caption(
        f"{STATUS_NAMES[state.status]} · revision {state.revision}"
        + (f" · last saved by {md(state.annotator)}" if state.annotator else " · model entities")
    )
    c1, c2, _ = st.columns([1, 1, 3])
    if c1.button("Accept and next", key=KEY + "accept", type="primary", shortcut="A"):
        accept_and_next(data, article_id, spans)
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
    if st.session_state[CONFLICT] is None:
        opened[article_id] = state.revision  # what this run showed is the base of the next edit


def selected_panel(data: AppData, article_id: str, spans: tuple[Span, ...], span: Span) -> None:
    """Relabel or remove the span clicked in the text."""
    st.markdown(f"Selected: **{md(span.text)}** ({md(span.label)}, {span.start}–{span.end})")
    c1, c2, c3 = st.columns([2, 1, 1])
    label = c1.selectbox(
        "Label",
        data.labels,
        index=list(data.labels).index(span.label) if span.label in data.labels else 0,
        key=KEY + "sel_label",
    )
    if c2.button("Relabel", key=KEY + "sel_relabel"):
        if save(data, article_id, relabel_span(spans, span.start, span.end, label, data.labels)):
            _say("success", f"Relabelled “{span.text}” as {label}.")
        st.rerun()
    if c3.button("Remove", key=KEY + "sel_remove"):
        st.session_state[SELECTED] = None
        if save(data, article_id, remove_span(spans, span.start, span.end)):
            _say("success", f"Removed “{span.text}”.")
        st.rerun()


def phrase_form(data: AppData, article_id: str, spans: tuple[Span, ...]) -> None:
    """Label a typed phrase: its first occurrence or all of them."""
    with st.form(KEY + "phrase", clear_on_submit=True):
        c1, c2, c3 = st.columns([3, 2, 2])
        phrase = c1.text_input("Phrase", key=KEY + "phrase_text")
        label = c2.selectbox("Label", data.labels, key=KEY + "phrase_label")
        which = c3.radio("Occurrences", ["first", "all"], horizontal=True, key=KEY + "phrase_which")
        if st.form_submit_button("Label phrase"):
            try:
                new = label_phrase(
                    data.store.text(article_id),
                    spans,
                    phrase,
                    label,
                    data.labels,
                    occurrence=0 if which == "first" else None,
                )
            except AidLensError as exc:
                _say("error", str(exc))
            else:
                propose(data, article_id, spans, new)
            st.rerun()


def _slug(article_id: str) -> str:
    """Return a widget-key-safe stand-in for an article id (components refuse '__' in keys)."""
    return hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).hexdigest()


def render() -> None:
    """Draw the Annotate page."""
    _init()
    data = app_data()
    st.title("Annotate", anchor=False)
    message = st.session_state[MESSAGE]
    if message:
        getattr(st, message[0])(message[1])
        st.session_state[MESSAGE] = None
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
        ents = data.results.entities
        row = data.articles.loc[data.articles["id"] == article_id].iloc[0]
        st.subheader(md(row["title"]), anchor=False)
        st.html(segments_html(segments(row["text"], ents[ents["article_id"] == article_id])))
        return
    editor(data, article_id)
