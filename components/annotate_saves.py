"""Annotate page: the session's keys, the annotator's name, and saving with its conflict panels."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from aidlens.annotations import (
    ArticleState,
    ConflictError,
    Span,
    overlapping,
)
from components.loading import AppData
from components.page_saves import PageSaves
from components.plain_text import md

KEY = "ann_"  # widget key prefix of this page
SAVES = PageSaves(KEY, ConflictError, "nothing already saved was lost.")
STATUS_NAMES = {"todo": "To do", "in_progress": "In progress", "done": "Done"}
OPENED, PENDING, CONFLICT, SELECTED, MESSAGE = (
    KEY + "opened",  # article id -> the revision the annotator was last shown
    KEY + "pending",  # an edit that replaces overlapping spans, waiting for confirmation
    SAVES.conflict,  # the ConflictError of a refused save
    KEY + "selected",  # (start, end) of the span clicked in the text
    SAVES.message,  # (kind, text) to show once after a rerun
)
_say = SAVES.say


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


def save(
    data: AppData, article_id: str, spans: tuple[Span, ...], *, status: str | None = None
) -> ArticleState | None:
    """Save the article on the revision shown; return its new state, or None when refused."""
    base = st.session_state[OPENED].get(article_id, 0)
    name = st.session_state["aidlens_annotator"]
    state = SAVES.attempt(
        partial(
            data.store.save, article_id, spans, annotator=name, base_revision=base, status=status
        )
    )
    if state is not None:
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
    SAVES.versions(
        (title, spans_frame(state.spans), [s in only for s in state.spans])
        for title, state, only in (
            (f"Theirs ({theirs.annotator or 'unknown'})", theirs, only_theirs),
            ("Yours", yours, only_yours),
        )
    )
    SAVES.choose(
        st.session_state[OPENED],
        theirs.article_id,
        theirs.revision,
        lambda: save(data, theirs.article_id, yours.spans, status=yours.status),
    )
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
