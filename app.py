"""AidLens: wires the pages with st.navigation, nothing more."""

import streamlit as st

from aidlens.collector import relax_collector
from components.state import init_state

relax_collector()
st.set_page_config(page_title="AidLens", page_icon="🔎", layout="wide")
init_state()
pages = [
    st.Page("app_pages/read.py", title="Read", icon=":material/article:", default=True),
    st.Page("app_pages/trends.py", title="Trends", icon=":material/monitoring:"),
    st.Page("app_pages/ledger.py", title="Ledger", icon=":material/account_balance:"),
    st.Page("app_pages/annotate.py", title="Annotate", icon=":material/edit_note:"),
    st.Page("app_pages/data.py", title="Data", icon=":material/database:"),
]
st.navigation(pages).run()
