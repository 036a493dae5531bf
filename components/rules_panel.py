"""Data page: the rules of patterns.jsonl, with how many spans each changes; editors remove one.

Rule texts and problem messages reach the page only inside a table or a code block.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from aidlens.errors import AidLensError
from aidlens.rules import remove_rule
from components.loading import AppData

KEY = "data_"  # the Data page's widget key prefix


def rules_section(data: AppData, *, editable: bool, flash_key: str) -> None:
    """List the rules with the spans each changes; an editor may remove one."""
    st.subheader("Rules", anchor=False)
    rules = data.rules
    if rules.problems:
        st.warning(
            f"{len(rules.problems)} line(s) of patterns.jsonl could not be used and are skipped; "
            "fix them by hand:"
        )
        st.code("\n".join(str(p) for p in rules.problems), language="text")
    if not rules.rules:
        st.info(
            "No rules yet. On the Annotate page, a text relabelled in every article, or given "
            "the same label by hand in two articles, can be made a rule."
        )
        return
    changes = data.rule_layer.changes(rules.rules)
    table = pd.DataFrame(
        [(r.text, r.label, changes[r]) for r in rules.rules],
        columns=["text", "label", "spans changed"],
    )
    st.dataframe(table, hide_index=True, key=KEY + "rules")
    st.caption(
        "A rule labels its text in every article, after the model (the rule wins where they "
        "disagree); an annotator's saved spans win over both. Kept in patterns.jsonl."
    )
    if not editable:
        return
    left, right = st.columns([3, 1])
    texts = [r.text for r in rules.rules]
    text = left.selectbox("Rule to remove", texts, key=KEY + "rule_pick")
    if right.button("Remove rule", key=KEY + "rule_remove") and text is not None:
        try:
            remove_rule(data.data_dir, text)
        except (AidLensError, OSError) as exc:
            st.error("The rule was not removed:")
            st.code(str(exc), language="text")
            return
        st.session_state[flash_key] = f"Removed the rule for “{text}”."
        st.rerun()
