"""Annotate page tools: the span table, a selected span, phrase labelling, apply everywhere."""

from __future__ import annotations

import streamlit as st

from aidlens.annotations import (
    ConflictError,
    Span,
    apply_everywhere,
    check_spans,
    label_phrase,
    new_span,
    preview_everywhere,
    relabel_span,
    remove_span,
)
from aidlens.errors import AidLensError
from aidlens.query import ruled_entities_naming
from components.annotate_saves import KEY, OPENED, SELECTED, _say, propose, save, spans_frame
from components.loading import AppData
from components.plain_text import md
from components.rule_offer import OFFER


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
            ruled = ruled_entities_naming(data.query, text.strip())
            changes = preview_everywhere(data.store, ruled, text, label)
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
                if label is not None:
                    st.session_state[OFFER] = (text.strip(), label)
            st.rerun()


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
