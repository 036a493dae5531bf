"""Annotate page: offer to make a correction a rule (after "apply to every article", or when the
same text got the same label by hand in two articles). Rules are saved to patterns.jsonl.
"""

from __future__ import annotations

import streamlit as st

from aidlens.errors import AidLensError
from aidlens.rules import Rule, add_rule, rule_suggestions
from components.annotate_saves import KEY, _say
from components.loading import AppData
from components.plain_text import md

OFFER = KEY + "rule_offer"  # (text, label) of the last apply-everywhere relabel
DISMISSED = KEY + "rule_dismissed"  # rules the annotator said no to, this session
SUGGESTED = KEY + "rule_suggested"  # (store version, rules key, suggestions), kept across reruns
MAX_OFFERS = 3


def repeated(data: AppData) -> list[tuple[Rule, int]]:
    """Return the rules the store's hand corrections suggest, worked out once per save."""
    key = (data.store.version, data.rules.key)
    held = st.session_state.get(SUGGESTED)
    if held is None or held[0] != key:
        corrections = [
            (a, s.text, s.label)
            for a, state in data.store.states().items()
            for s in state.spans
            if s.origin == "human"
        ]
        held = (key, rule_suggestions(corrections, data.rules.rules))
        st.session_state[SUGGESTED] = held
    return held[1]


def offers(data: AppData) -> list[tuple[Rule, str]]:
    """Return (rule, why) for each rule to offer now, the apply-everywhere one first."""
    out: list[tuple[Rule, str]] = []
    existing = set(data.rules.rules)
    dismissed = st.session_state.setdefault(DISMISSED, set())
    last = st.session_state.get(OFFER)
    if last is not None and Rule(*last) not in existing:
        out.append((Rule(*last), "you relabelled it in every article"))
    for rule, n in repeated(data):
        if all(rule != r for r, _ in out):
            out.append((rule, f"you gave it this label by hand in {n} articles"))
    return [(r, why) for r, why in out if r not in dismissed][:MAX_OFFERS]


def _make(data: AppData, rule: Rule) -> None:
    """Save `rule` to patterns.jsonl; say what happened after the rerun."""
    try:
        add_rule(data.data_dir, rule.text, rule.label)
    except (AidLensError, OSError) as exc:
        _say("error", f"The rule was not saved: {exc}")
    else:
        st.session_state.pop(OFFER, None)
        _say(
            "success",
            f"“{rule.text}” is now always {rule.label}, in every article, old and new "
            "(unless an annotator saved otherwise).",
        )


def offer_panel(data: AppData) -> None:
    """Show each rule on offer with a button to make it a rule and one to dismiss it."""
    for i, (rule, why) in enumerate(offers(data)):
        with st.container(border=True):
            st.markdown(
                f"Make **{md(rule.text)}** → **{md(rule.label)}** a rule? ({md(why)}). A rule "
                "labels it in every article, and in every article uploaded later."
            )
            c1, c2, _ = st.columns([1, 1, 3])
            if c1.button("Make this a rule", key=f"{KEY}rule_make_{i}", type="primary"):
                _make(data, rule)
                st.rerun()
            if c2.button("Not now", key=f"{KEY}rule_skip_{i}"):
                st.session_state[DISMISSED].add(rule)
                if st.session_state.get(OFFER) == (rule.text, rule.label):
                    st.session_state.pop(OFFER, None)
                st.rerun()
