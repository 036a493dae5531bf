"""The Data page: corpus figures, upload of an articles CSV, gold-set exports, evaluation, training.

User text (uploaded file names, ids, titles, problem messages) only ever reaches the page inside
a fenced code block, a table or st.text, so neither HTML nor Markdown in it takes effect.
Nothing is written before the user confirms an upload, and then only articles.csv (and the
processed-results cache); annotations.csv is never touched, so no annotation is ever dropped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import partial

import altair as alt
import pandas as pd
import streamlit as st

from aidlens import settings
from aidlens.analysis import (
    ExportResult,
    corpus_figures,
    evaluate,
    export,
    gold_set,
    gold_states,
    scores_frame,
)
from aidlens.annotations import AnnotationStore
from aidlens.atomic import write_error
from aidlens.corpus import (
    MODES,
    Corpus,
    UploadPlan,
    annotated_effects,
    apply_upload,
    plan_fingerprint,
    plan_upload,
    read_corpus_bytes,
)
from aidlens.errors import AidLensError, CorpusError, Problem
from aidlens.query import entity_total, model_entities_of
from components.access import access_gate
from components.loading import AppData, app_data, ensure_processed
from components.rules_panel import rules_section
from components.training_section import training_section

KEY = "data_"  # widget and session key prefix of this page
ROUND = KEY + "upload_round"  # bumped after a write, so the uploader starts empty again
PARSED = KEY + "parsed"  # (file id, corpus or problems): a rerun does not parse the file again
SHOWN = KEY + "plan_shown"  # fingerprint of the plan the user was last shown
FLASH = KEY + "flash"  # what the last write did, shown after the rerun that follows it
SPLIT = KEY + "split_tokens"  # (store version, done only) -> tokens the DocBin export splits
MODE_LABELS = {"add": "Add to the corpus", "replace": "Replace the corpus"}
EXPORTS = (  # format, button label, file name, MIME type
    ("csv", "CSV", "aidlens-gold.csv", "text/csv"),
    ("jsonl", "JSONL", "aidlens-gold.jsonl", "application/jsonl"),
    ("spacy", "spaCy DocBin", "aidlens-gold.spacy", "application/octet-stream"),
)
logger = logging.getLogger(__name__)


def fenced(lines: Iterable[str]) -> str:
    """Return the lines as a Markdown code block that no backtick run in them can close."""
    body = "\n".join(line.replace("\r", "\\r").replace("\n", "\\n") for line in lines)
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{body}\n{fence}"


def refusal(problems: list[Problem]) -> str:
    """Return the st.error text for a refused upload: where the problems are, then each one."""
    rows = sorted({p.row for p in problems if p.row is not None})
    where = ""
    if rows:
        shown = ", ".join(str(r) for r in rows[:20]) + (", …" if len(rows) > 20 else "")
        where = f" (row {shown})" if len(rows) == 1 else f" (rows {shown})"
    return (
        f"The upload was refused: {len(problems)} problem(s){where}. Nothing was changed. "
        "Fix the file and upload it again. Every problem, with its file, row and column:\n\n"
        + fenced(str(p) for p in problems)
    )


def figures(data: AppData) -> None:
    """Show the corpus figures, and the store's bad rows and orphans when there are any."""
    fig = corpus_figures(len(data.corpus), entity_total(data.query), data.store)
    cols = st.columns(4)
    cols[0].metric("Articles", f"{fig.articles:,}")
    cols[1].metric("Entities", f"{fig.entities:,}", help="with annotators' corrections applied")
    cols[2].metric("Annotated articles", f"{fig.annotated:,}", help="corrected or reviewed")
    cols[3].metric("Done", f"{fig.done:,}", help="reviewed and accepted")
    problems = data.store.problems
    if problems:
        st.warning(
            f"{len(problems)} row(s) of the annotation files could not be used. They stay in the "
            "file as they are and every good row is loaded; fix these by hand:\n\n"
            + fenced(str(p) for p in problems)
        )
    orphans = data.store.orphans
    if orphans:
        st.info(
            f"{len(orphans)} annotated article(s) are no longer in the corpus; their annotations "
            "are kept in the annotation files and come back if the articles do:\n\n"
            + fenced(orphans)
        )


def read_upload(name: str, raw: bytes, file_id: str) -> Corpus | None:
    """Return the uploaded corpus, or None after showing every problem with st.error."""
    held = st.session_state.get(PARSED)
    if held is None or held[0] != file_id:
        try:
            held = (file_id, read_corpus_bytes(raw, name))
        except CorpusError as exc:
            held = (file_id, exc.problems)
        st.session_state[PARSED] = held
    if isinstance(held[1], list):
        st.error(refusal(held[1]))
        return None
    corpus: Corpus = held[1]
    if corpus.warnings:
        st.warning("The file was read, with a caveat:\n\n" + fenced(corpus.warnings))
    return corpus


def show_plan(plan: UploadPlan, titles: dict[str, str]) -> None:
    """Show what the upload would change, and the annotated articles it affects."""
    st.markdown(
        f"**{MODE_LABELS[plan.mode]}**: afterwards the corpus holds "
        f"**{plan.article_count:,}** article(s)."
    )
    cols = st.columns(4)
    cols[0].metric("Added", f"{len(plan.added):,}")
    cols[1].metric("Updated", f"{len(plan.updated):,}", help="same id, different text")
    cols[2].metric("Removed", f"{len(plan.removed):,}")
    cols[3].metric("Unchanged", f"{len(plan.unchanged):,}")
    if plan.annotated_changed:
        st.warning(
            f"{len(plan.annotated_changed)} annotated article(s) change or leave the corpus. Their "
            "annotations are kept in the annotation files, never dropped: spans that no longer "
            "fit a changed text are listed on this page as rows to fix, and the annotations of a "
            "removed article come back if it is uploaded again."
        )
        st.dataframe(
            annotated_effects(plan, titles), hide_index=True, key=KEY + "annotated_changed"
        )


def write_upload(data: AppData, incoming: Corpus, plan: UploadPlan) -> bool:
    """Process the new texts with a progress bar, then write articles.csv; return success."""
    try:
        ensure_processed(incoming, data.data_dir, data.model_name)
        apply_upload(plan, data.data_dir / "articles.csv")
    except OSError as exc:
        logger.warning("upload not written to %s: %s", data.data_dir, exc)
        st.error(
            "The upload could not be written; articles.csv is as it was.\n\n"
            + fenced([write_error(exc, data.data_dir)])
        )
        return False
    except AidLensError as exc:
        st.error("The upload could not be processed; nothing was changed.\n\n" + fenced([str(exc)]))
        return False
    return True


def confirm(data: AppData, incoming: Corpus, plan: UploadPlan) -> None:
    """Show the confirm button; on a click on the plan shown, write it and rerun."""
    fingerprint = plan_fingerprint(plan)
    clicked = st.button(
        f"Confirm: {MODE_LABELS[plan.mode].lower()}", type="primary", key=KEY + "confirm"
    )
    shown, st.session_state[SHOWN] = st.session_state.get(SHOWN), fingerprint
    if not clicked:
        return
    if shown != fingerprint:
        st.warning(
            "The corpus or the annotations changed since the plan was shown. The plan above "
            "is up to date now: check it and confirm again."
        )
        return
    if write_upload(data, incoming, plan):
        st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
        st.session_state[FLASH] = (
            f"The corpus now holds {plan.article_count:,} article(s): {len(plan.added):,} added, "
            f"{len(plan.updated):,} updated, {len(plan.removed):,} removed. "
            "Every annotation was kept."
        )
        for key in (PARSED, SHOWN):
            st.session_state.pop(key, None)
        st.rerun()


def handle_upload(data: AppData, *, name: str, raw: bytes, file_id: str, mode: str) -> None:
    """Validate an uploaded CSV and show its plan with a confirm button; write only on confirm."""
    incoming = read_upload(name, raw, file_id)
    if incoming is None:
        return
    plan = plan_upload(data.corpus, incoming, mode=mode, annotated=data.store.states().keys())
    titles = dict(zip(data.articles["id"], data.articles["title"], strict=True))
    show_plan(plan, titles)
    confirm(data, incoming, plan)


def upload_section(data: AppData, *, editable: bool) -> None:
    """Show the uploader when this session may edit; say the page is read-only otherwise."""
    st.subheader("Upload articles", anchor=False)
    if not editable:
        st.info("This page is read-only for you: unlock editing in the sidebar to upload.")
        return
    limit = settings.get_int("AIDLENS_MAX_UPLOAD_MB")
    upload = st.file_uploader(
        "Articles CSV: id, title, published, text, and optionally source and url",
        key=f"{KEY}file_{st.session_state.get(ROUND, 0)}",
        max_upload_size=limit,
        help=f"Up to {limit} MB (AIDLENS_MAX_UPLOAD_MB). Nothing changes before you confirm.",
    )
    mode = st.radio(
        "The upload",
        MODES,
        format_func=MODE_LABELS.__getitem__,
        horizontal=True,
        key=KEY + "mode",
        help="Add: new ids are added and known ids updated. Replace: the corpus becomes the file.",
    )
    if upload is None:
        st.session_state.pop(SHOWN, None)
        return
    handle_upload(data, name=upload.name, raw=upload.getvalue(), file_id=upload.file_id, mode=mode)


def export_data_result(
    store: AnnotationStore, fmt: str, done_only: bool, raw: bool
) -> ExportResult:
    """Return the export of the gold set in `fmt`, read from the store now."""
    gold = gold_set(store, statuses=("done",) if done_only else None)
    return export(gold, fmt, raw=raw)


def export_data(store: AnnotationStore, fmt: str, done_only: bool, raw: bool) -> bytes:
    """Return the gold set in `fmt`, read from the store when the download is clicked."""
    return export_data_result(store, fmt, done_only, raw).data


def split_tokens(store: AnnotationStore, done_only: bool) -> int:
    """Return how many tokens the DocBin export splits, worked out once per store version."""
    key = (store.version, done_only)
    held = st.session_state.get(SPLIT)
    if held is None or held[0] != key:
        if store.states():
            held = (key, export_data_result(store, "spacy", done_only, False).split_tokens)
        else:
            held = (key, 0)
        st.session_state[SPLIT] = held
    return held[1]


def export_section(data: AppData) -> None:
    """Show a download button per export format; each file is made only when clicked."""
    st.subheader("Export the gold set", anchor=False)
    touched = len(data.store.states())
    if not touched:
        st.info("Nothing is annotated yet: the exports hold the articles annotators touch.")
    left, right = st.columns(2)
    done_only = left.checkbox("Only articles marked done", key=KEY + "export_done")
    raw = right.checkbox(
        "CSV: keep cells exactly as typed",
        key=KEY + "export_raw",
        help="By default a cell starting with = + - @, tab or carriage return gets a leading ' "
        "so that a spreadsheet shows it instead of running it as a formula.",
    )
    cols = st.columns(len(EXPORTS))
    for col, (fmt, label, file_name, mime) in zip(cols, EXPORTS, strict=True):
        # A callable is run only when the button is clicked: no rerun builds an export.
        col.download_button(
            label,
            data=partial(export_data, data.store, fmt, done_only, raw),
            file_name=file_name,
            mime=mime,
            on_click="ignore",
            disabled=not touched,
            icon=":material/download:",
            key=f"{KEY}export_{fmt}",
        )
    st.caption(
        "CSV: one row per span. JSONL: one article a line, as Prodigy and doccano read it. "
        f"DocBin: for `spacy train`; {split_tokens(data.store, done_only):,} token(s) are split "
        "at span boundaries, so that every span keeps exactly the text the annotator set."
    )


def f1_chart(scores: pd.DataFrame) -> alt.Chart:
    """Return a bar chart of F1 per label, best first."""
    return (
        alt.Chart(scores)
        .mark_bar()
        .encode(
            x=alt.X("f1:Q", title="F1", scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("label:N", title="Label", sort="-x"),
            tooltip=[
                alt.Tooltip("label:N", title="Label"),
                alt.Tooltip("precision:Q", title="Precision", format=".3f"),
                alt.Tooltip("recall:Q", title="Recall", format=".3f"),
                alt.Tooltip("f1:Q", title="F1", format=".3f"),
                alt.Tooltip("support:Q", title="Support"),
            ],
        )
    )


def evaluation_section(data: AppData) -> None:
    """Show the model's precision, recall and F1 against the gold set, with a chart of F1."""
    st.subheader("The model against the gold set", anchor=False)
    if not data.store.states():
        st.info(
            "Nothing is annotated yet, so there is nothing to score the model against. "
            "Correct and accept articles on the Annotate page first."
        )
        return
    every = st.toggle("Score every annotated article, not only those marked done", key=KEY + "all")
    gold = gold_states(data.store, only_done=not every)
    if not gold:
        st.info(
            "No article is marked done yet. Accept articles on the Annotate page, or score "
            "every annotated article with the switch above."
        )
        return
    model = model_entities_of(data.query, gold)
    scores = scores_frame(evaluate(model, data.store, only_done=not every))
    st.caption(
        f"{len(gold):,} article(s) in the gold set. A predicted entity counts when its start, "
        "end and label all match a gold span; overall is micro-averaged."
    )
    number = partial(st.column_config.NumberColumn, format="%.3f")
    st.dataframe(
        scores,
        hide_index=True,
        column_config={
            "label": "Label",
            "precision": number("Precision"),
            "recall": number("Recall"),
            "f1": number("F1"),
            "support": st.column_config.NumberColumn("Support", help="gold spans"),
        },
        key=KEY + "scores",
    )
    per_label = scores.iloc[:-1]  # the last row is "overall"
    if not per_label.empty:
        st.altair_chart(f1_chart(per_label), key=KEY + "f1_chart")


def render() -> None:
    """Draw the Data page."""
    data = app_data()
    editable = access_gate(key_prefix=KEY)
    st.title("Data", anchor=False)
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash)
    figures(data)
    upload_section(data, editable=editable)
    rules_section(data, editable=editable, flash_key=FLASH)
    export_section(data)
    evaluation_section(data)
    training_section(data, editable=editable)
