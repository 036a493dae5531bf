"""Session state: the few named keys the pages share, set up once per session."""

from __future__ import annotations

import streamlit as st

# Every key the app keeps in st.session_state, with its initial value.
DEFAULTS = {
    "aidlens_annotator": "",
    "aidlens_read_selection": None,
    "aidlens_unlocked": "",  # components.access: set once this session typed the password
}


def init_state() -> None:
    """Set up the shared session keys that are not there yet."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = value
