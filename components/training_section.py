"""The Data page's Training section: the last training report, training, and switching models.

Training runs in this script run with a progress bar (a few minutes on the sample). "Use this
model" switches every session to a trained model; its results are cached under its own name and
version, so the base model's stay cached and switching back costs nothing.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from aidlens import settings
from aidlens.errors import AidLensError
from aidlens.training import (
    MIN_DONE,
    TrainedModel,
    TrainOptions,
    demo_edits,
    latest_model,
    load_demo_gold,
    score_table,
    train,
)
from components.loading import AppData, chosen_model, use_model
from components.plain_text import md

KEY = "data_train_"  # widget key prefix (the Data page's)
FLASH = KEY + "flash"


def _same(a: str | Path, b: str | Path) -> bool:
    """Return whether two pipeline names or folders are the same one."""
    return str(Path(a).resolve()) == str(Path(b).resolve()) if Path(a).is_dir() else a == b


def report_view(model: TrainedModel) -> None:
    """Show a model's held-out scores: F1 of each column, then P, R and F1 per label."""
    report = model.report
    cols = st.columns(3)
    names = {"base": "Base model", "rules": "Base + rules", "trained": "Trained model"}
    for col, (column, name) in zip(cols, names.items(), strict=True):
        delta = report[column]["f"] - report["base"]["f"] if column != "base" else None
        col.metric(f"{name}: F1", f"{report[column]['f']:.3f}", delta=_points(delta))
    st.caption(
        md(
            f"Trained {model.date} from {report['base_model']} on {len(report['train'])} done "
            f"article(s), {report['epochs']} epoch(s); scored on {len(report['held_out'])} "
            f"held-out article(s) it never trained on: {', '.join(report['held_out'])}. "
            f"Rules: {report['rules_file'] or 'no patterns.jsonl, so the same as the base'}. "
            f"Folder: {model.path}"
        )
    )
    number = st.column_config.NumberColumn
    config = {"label": "Label", "support": number("Support", help="held-out gold spans")}
    for column, name in names.items():
        for part, title in (("p", "P"), ("r", "R"), ("f", "F1")):
            config[f"{column}_{part}"] = number(f"{name} {title}", format="%.3f")
    st.dataframe(score_table(report), hide_index=True, column_config=config, key=KEY + "scores")


def _points(delta: float | None) -> str | None:
    """Return an F1 difference as points (hundredths), or None."""
    return None if delta is None else f"{delta * 100:+.1f} points"


def train_now(data: AppData) -> None:
    """Train on the folder's done articles with a progress bar; flash the outcome."""
    bar = st.progress(0.0, text="Starting…")

    def progress(fraction: float, what: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=md(what))

    try:
        report = train(
            TrainOptions(data_dir=data.data_dir, base=data.model_name), progress=progress
        )
    except AidLensError as exc:
        bar.empty()
        st.error("Training was refused; nothing was written.\n\n" + md(exc))
        return
    bar.empty()
    gain = (report["trained"]["f"] - report["base"]["f"]) * 100
    st.session_state[FLASH] = f"Trained a model: held-out F1 {gain:+.1f} points over the base."
    st.rerun()


def model_buttons(data: AppData, latest: TrainedModel | None) -> None:
    """Show "Use this model" for the last trained model, and the way back to the default."""
    switchable = latest is not None and not _same(data.model_name, latest.path)
    if switchable and st.button("Use this model", key=KEY + "use", type="primary"):
        use_model(str(latest.path))
        st.rerun()
    if chosen_model() is not None and st.button("Use the default model", key=KEY + "default"):
        use_model(None)
        st.rerun()


def demo_button(data: AppData) -> None:
    """Offer the sample's gold set when the folder holds the sample with nothing annotated."""
    if not demo_edits(data.store):
        return
    st.info(
        "Nothing is annotated here yet and these are the sample's articles: load the sample's "
        "hand-checked gold set (every article done) to try training."
    )
    if st.button("Load the sample's gold set (demo)", key=KEY + "demo"):
        try:
            saved = load_demo_gold(data.store)
        except AidLensError as exc:
            st.error("The gold set was not loaded; nothing was changed.\n\n" + md(exc))
            return
        st.session_state[FLASH] = f"Loaded the sample's gold set: {saved} articles marked done."
        st.rerun()


def training_section(data: AppData, *, editable: bool) -> None:
    """Show the last training report, and for editors the train and switch buttons."""
    st.subheader("Training", anchor=False)
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash)
    st.caption(md(f"The app uses the model {data.model_name}."))
    latest = latest_model(settings.models_dir(), data.data_dir)
    if latest is None:
        st.info(
            "No model has been trained on this folder's gold set yet. Training fine-tunes the "
            f"model's NER on the articles marked done (at least {MIN_DONE}), holding a fifth out "
            "to score it: `python -m aidlens train`, or the button below."
        )
    else:
        report_view(latest)
    if not editable:
        st.info("This section is read-only for you: unlock editing in the sidebar to train.")
        return
    demo_button(data)
    model_buttons(data, latest)
    if st.button("Train a model", key=KEY + "start", help="A few minutes on the sample's gold."):
        train_now(data)
