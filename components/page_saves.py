"""Saving from a page, shared by the Annotate and Ledger pages: messages, refusals, conflicts.

A page saves at once on every action; what it says about a save is kept for the next run (the
action reruns the page); a save refused because someone saved the article since is kept for
the conflict panel, which shows both versions and lets the user keep theirs or save their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from typing import TypeVar

import pandas as pd
import streamlit as st

from aidlens.errors import AidLensError
from components.plain_text import md

T = TypeVar("T")


class PageSaves:
    """A page's session keys for saving (`<prefix>message`, `<prefix>conflict`) and their use."""

    def __init__(self, prefix: str, conflict_type: type[Exception], nothing_lost: str):
        self.prefix = prefix
        self.message = prefix + "message"  # (kind, text) to show once after a rerun
        self.conflict = prefix + "conflict"  # the conflict error of a refused save
        self.conflict_type = conflict_type
        self.nothing_lost = nothing_lost  # what a failed write says was kept

    def init(self) -> None:
        """Set up the message and conflict keys once."""
        for key in (self.message, self.conflict):
            st.session_state.setdefault(key, None)

    def say(self, kind: str, text: str) -> None:
        """Keep a message to show on the next run (after st.rerun)."""
        st.session_state[self.message] = (kind, md(text))

    def flash(self) -> None:
        """Show the message kept for this run, once."""
        message = st.session_state[self.message]
        if message:
            getattr(st, message[0])(message[1])
            st.session_state[self.message] = None

    def attempt(self, save: Callable[[], T]) -> T | None:
        """Return what `save` returns; None when refused (the conflict kept, or a message)."""
        try:
            return save()
        except self.conflict_type as exc:
            st.session_state[self.conflict] = exc
        except AidLensError as exc:
            self.say("error", str(exc))
        except OSError as exc:
            self.say("error", f"Could not save ({exc.strerror or exc}); {self.nothing_lost}")
        return None

    def versions(self, sides: Iterable[tuple[str, pd.DataFrame, list[bool]]]) -> None:
        """Show two versions side by side: a title, the table, and which rows differ."""
        for col, (title, table, differs) in zip(st.columns(2), sides, strict=False):
            with col:
                st.markdown(f"**{md(title)}**")
                st.dataframe(table.assign(differs=differs), hide_index=True)

    def choose(
        self,
        opened: MutableMapping[str, int],
        article_id: str,
        their_revision: int,
        save_mine: Callable[[], object],
    ) -> None:
        """Offer "Keep theirs" and "Use mine" (saved on their revision); rerun on a choice."""
        c1, c2 = st.columns(2)
        if c1.button("Keep theirs", key=self.prefix + "keep_theirs"):
            opened[article_id] = their_revision
            st.session_state[self.conflict] = None
            st.rerun()
        if c2.button("Use mine", key=self.prefix + "use_mine", type="primary"):
            opened[article_id] = their_revision
            st.session_state[self.conflict] = None
            if save_mine():
                self.say("success", "Saved your version.")
            st.rerun()
