"""Ledger page: its session keys, saving amount reviews at once, undo and the conflict panel.

Every save is based on the revision of each article the analyst was last shown; if someone
saved that article since, the store refuses with AmountConflictError and the page shows both
versions to choose from, as the Annotate page does.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

import pandas as pd
import streamlit as st

from aidlens.analysis import by_article, merged_reviews
from aidlens.annotations import AmountConflictError, AmountReview
from aidlens.errors import AidLensError
from components.loading import AppData
from components.page_saves import PageSaves
from components.plain_text import md

KEY = "ledger_"  # widget key prefix of this page
SAVES = PageSaves(KEY, AmountConflictError, "nothing saved was lost.")
OPENED, CONFLICT, MESSAGE, SAVED = (
    KEY + "opened",  # article id -> the revision of its amount reviews last shown
    SAVES.conflict,  # the AmountConflictError of a refused save
    SAVES.message,  # (kind, text) to show once after a rerun
    KEY + "saved",  # per action of this session, the article ids it saved (U undoes the last)
)
say, flash = SAVES.say, SAVES.flash
SHOWN_FIELDS = ["start", "end", "text", "stage", "reason", "donor", "recipient", "value"]
SHOWN_FIELDS += ["currency", "aid_type", "part_of", "commitment_id", "annotator"]


def init_state() -> None:
    """Set up this page's session keys once."""
    for key, value in ((OPENED, {}), (CONFLICT, None), (MESSAGE, None), (SAVED, [])):
        st.session_state.setdefault(key, value)


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
        base = opened.get(article_id, revision)
        reviews_now = merged_reviews(current, new)
        done = SAVES.attempt(
            partial(store.save, article_id, reviews_now, annotator=name, base_revision=base)
        )
        if done is None:
            return False
        opened[article_id] = done[0]
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
    sides = []
    for title, version, other in (("Theirs", theirs, yours), ("Yours", yours, theirs)):
        others = {(r.key, r.values) for r in other}
        differs = [(r.key, r.values) not in others for r in version]
        sides.append((title, reviews_frame(version), differs))
    SAVES.versions(sides)
    opened = st.session_state[OPENED]
    SAVES.choose(opened, exc.article_id, their_revision, lambda: save_reviews(data, yours))
    return True
