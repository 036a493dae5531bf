"""Ledger page: its session keys, saving amount reviews at once, undo and the conflict panel.

Every save is based on the revision of each article the analyst was last shown; if someone
saved that article since, the store refuses with AmountConflictError and the page shows both
versions to choose from, as the Annotate page does.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from aidlens.analysis import by_article, merged_reviews
from aidlens.annotations import AmountConflictError, AmountReview
from aidlens.errors import AidLensError
from components.loading import AppData
from components.plain_text import md

KEY = "ledger_"  # widget key prefix of this page
OPENED, CONFLICT, MESSAGE, SAVED = (
    KEY + "opened",  # article id -> the revision of its amount reviews last shown
    KEY + "conflict",  # the AmountConflictError of a refused save
    KEY + "message",  # (kind, text) to show once after a rerun
    KEY + "saved",  # per action of this session, the article ids it saved (U undoes the last)
)
SHOWN_FIELDS = ["start", "end", "text", "stage", "reason", "donor", "recipient", "value"]
SHOWN_FIELDS += ["currency", "aid_type", "part_of", "commitment_id", "annotator"]


def init_state() -> None:
    """Set up this page's session keys once."""
    for key, value in ((OPENED, {}), (CONFLICT, None), (MESSAGE, None), (SAVED, [])):
        st.session_state.setdefault(key, value)


def say(kind: str, text: str) -> None:
    """Keep a message to show on the next run (after st.rerun)."""
    st.session_state[MESSAGE] = (kind, md(text))


def flash() -> None:
    """Show the message kept for this run, once."""
    message = st.session_state[MESSAGE]
    if message:
        getattr(st, message[0])(message[1])
        st.session_state[MESSAGE] = None


def remember_shown(data: AppData, article_ids: Iterable[str]) -> None:
    """Record the revision of each article shown: the base of the analyst's next save."""
    if st.session_state[CONFLICT] is not None:
        return
    for article_id in article_ids:
        st.session_state[OPENED][article_id] = data.amount_store.article(article_id)[0]


def save_reviews(data: AppData, reviews: Iterable[AmountReview]) -> bool:
    """Save reviews article by article on the revisions shown; return whether all were saved."""
    store, opened = data.amount_store, st.session_state[OPENED]
    name = st.session_state["aidlens_annotator"]
    action: list[str] = []  # one action may save several articles: U undoes them together
    st.session_state[SAVED].append(action)
    for article_id, new in by_article(reviews).items():
        revision, current = store.article(article_id)
        try:
            saved, _ = store.save(
                article_id,
                merged_reviews(current, new),
                annotator=name,
                base_revision=opened.get(article_id, revision),
            )
        except AmountConflictError as exc:
            st.session_state[CONFLICT] = exc
            return False
        except AidLensError as exc:
            say("error", str(exc))
            return False
        except OSError as exc:
            say("error", f"Could not save ({exc.strerror or exc}); nothing saved was lost.")
            return False
        opened[article_id] = saved
        action.append(article_id)
    return True


def undo_last(data: AppData) -> None:
    """Undo this session's last action (U), in every article it saved."""
    saved = [action for action in st.session_state[SAVED] if action]
    if not saved:
        say("info", "Nothing saved in this session to undo.")
        return
    action = saved[-1]
    st.session_state[SAVED] = saved[:-1]
    for article_id in reversed(action):
        try:
            revision, _ = data.amount_store.undo(article_id, st.session_state["aidlens_annotator"])
        except (AidLensError, OSError) as exc:
            say("error", str(exc))
            return
        st.session_state[OPENED][article_id] = revision
    say("success", f"Undone your last save ({', '.join(action)}).")


def reviews_frame(reviews: Iterable[AmountReview]) -> pd.DataFrame:
    """Return reviews as a table for display."""
    return pd.DataFrame(
        [[getattr(r, f) for f in SHOWN_FIELDS] for r in reviews], columns=SHOWN_FIELDS
    )


def conflict_panel(data: AppData) -> bool:
    """Show both versions of a refused save and let the analyst choose; return if shown."""
    exc: AmountConflictError | None = st.session_state[CONFLICT]
    if exc is None:
        return False
    (their_revision, theirs), yours = exc.theirs, exc.yours
    who = ", ".join(sorted({r.annotator for r in theirs if r.annotator})) or "Someone"
    st.warning(
        f"{md(who)} saved the amounts of article {md(exc.article_id)} (revision "
        f"{their_revision}) after you opened it. Compare the two versions and choose."
    )
    left, right = st.columns(2)
    sides = ((left, "Theirs", theirs, yours), (right, "Yours", yours, theirs))
    for col, title, version, other in sides:
        others = {(r.key, r.values) for r in other}
        with col:
            st.markdown(f"**{title}**")
            table = reviews_frame(version)
            st.dataframe(
                table.assign(differs=[(r.key, r.values) not in others for r in version]),
                hide_index=True,
            )
    c1, c2 = st.columns(2)
    if c1.button("Keep theirs", key=KEY + "keep_theirs"):
        st.session_state[OPENED][exc.article_id] = their_revision
        st.session_state[CONFLICT] = None
        st.rerun()
    if c2.button("Use mine", key=KEY + "use_mine", type="primary"):
        st.session_state[OPENED][exc.article_id] = their_revision
        st.session_state[CONFLICT] = None
        if save_reviews(data, yours):
            say("success", "Saved your version.")
        st.rerun()
    return True
