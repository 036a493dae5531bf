"""The Ledger page: commitments largest first, a needs-review queue, and amount corrections.

Each commitment lists its mentions and their sentences (linking to the Read page); each
mention can be confirmed as it is, corrected (not aid, stage, donor, recipient, value and
currency, aid type, part_of), split out of its commitment, or its commitment merged into
another. Everything is saved at once through the amount review store.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from aidlens.amounts import AID_TYPES
from aidlens.analysis import (
    commitments_frame,
    confirmations,
    mentions_of,
    merge_into,
    money,
    rate_notes,
    review_of,
    review_weights,
    reviewed_by_stage,
    split_id,
)
from aidlens.annotations import REVIEW_STAGES
from aidlens.query import with_sentences
from components.access import access_gate
from components.annotate_saves import annotator_name
from components.chart_evidence import READ_LINK
from components.ledger_saves import (
    CONFLICT,
    KEY,
    conflict_panel,
    flash,
    init_state,
    remember_shown,
    save_reviews,
    say,
    undo_last,
)
from components.loading import AppData, amount_review_store, app_data, folder_rates
from components.plain_text import md

VIEWS = ("needs review", "all commitments")
# The commitment picked, the one to pick on the next run, and the one the last run showed.
PICKED, GOTO, SHOWN = KEY + "commitment", KEY + "goto", KEY + "shown"
SEEN = KEY + "seen"  # (commitment id, its mentions) as the last run showed them
ACTION_KEYS = (KEY + "confirm", KEY + "merge")  # buttons acting on the commitment shown
LISTED = 200  # commitments listed in the table (the picker offers every one)


# Cached on the data's key, which changes with every save (the review store's version).
@st.cache_data(show_spinner=False, max_entries=8)
def _ledger(_amounts: pd.DataFrame, key: tuple) -> tuple:
    """Return the commitments, the needs-review queue and (reviewed, total) US$ per stage."""
    return commitments_frame(_amounts), review_weights(_amounts), reviewed_by_stage(_amounts)


def _slug(*parts: object) -> str:
    """Return a widget-key-safe stand-in for a mention or commitment id."""
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def commitment_label(row: pd.Series) -> str:
    """Return a commitment as one line of a picker."""
    has_share = "share" in row and pd.notna(row["share"])
    share = f" · {row['share']:.1%} of {row['stage']}" if has_share else ""
    done = " · reviewed" if row["reviewed"] else ""
    return (
        f"{money(row['value_usd']) or 'no value'} · {row['donor'] or 'unknown'} · "
        f"{row['stage'] or 'not aid'} · {row['commitment_id']}{share}{done}"
    )


def reviewed_caption(shares: dict[str, tuple[float, float]]) -> str:
    """Return how much of each charted stage is reviewed ("Pledged $0 of $390bn reviewed ·
    delivered ..."): pledges and deliveries are charted apart, so never one sum."""
    parts = [
        f"{stage} {money(done)} of {money(total)} reviewed"
        for stage, (done, total) in shares.items()
    ]
    if not parts:
        return "Nothing charted yet."
    text = " · ".join(parts)
    return f"{text[0].upper()}{text[1:]} (charted apart, never summed)."


def list_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the commitments as a table to read: money as money, the largest first."""
    shown = frame.head(LISTED)
    table = pd.DataFrame(
        {
            "US$": shown["value_usd"].map(money),
            "donor": shown["donor"],
            "stage": shown["stage"],
            "instrument": shown["instrument"],
            "first": pd.to_datetime(shown["first_date"]).dt.date,
            "mentions": shown["mentions"],
            "reviewed": shown["reviewed"],
            "commitment": shown["commitment_id"],
        }
    )
    if "share" in shown.columns:
        table.insert(1, "share of its stage", shown["share"].map("{:.1%}".format))
    return table


def mentions_table(mentions: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """Return a commitment's mentions with their sentences and a link to read each article,
    each figure in US$ and the rate and date that gave it (`rates`: the data folder's)."""
    # The sentence comes right after the figure: it is what an analyst reads to judge the row,
    # and at the table's end it sat past the right edge, behind a scroll. The figure in US$
    # sits beside it as written; the rate beside its currency.
    cols = ["stage", "reason", "donor", "recipient", "value", "currency", "US$ rate"]
    cols += ["aid_type", "part_of"]
    table = mentions.reindex(columns=["article_id", "published", "text", "sentence", *cols])
    table = table.assign(
        open=READ_LINK + mentions["article_id"].astype(str),
        published=pd.to_datetime(mentions["published"]).dt.date,
        reviewed=mentions["reviewed"] if "reviewed" in mentions.columns else False,
        **{"US$": mentions["value_usd"].map(money), "US$ rate": rate_notes(mentions, rates)},
    )
    return table[["open", "published", "text", "US$", "sentence", *cols, "reviewed"]]


def _go_next(ids: list[str], current: str) -> None:
    """Select the commitment after `current` (N)."""
    i = ids.index(current) if current in ids else -1
    st.session_state[PICKED] = ids[(i + 1) % len(ids)]


def actions(data: AppData, mentions: pd.DataFrame, ids: list[str], current: str) -> None:
    """Draw Confirm (A), Next (N) and Undo (U) for the commitment shown."""
    c1, c2, c3, _ = st.columns([1, 1, 1, 2])
    if c1.button("Confirm all mentions", key=KEY + "confirm", type="primary", shortcut="A"):
        if save_reviews(data, confirmations(mentions)):
            say("success", f"Confirmed {len(mentions)} mention(s) of {current}.")
            rest = [i for i in ids if i != current]
            if rest:  # open the next one (the selectbox exists already: set it next run)
                after = ids.index(current) if current in ids else 0
                st.session_state[GOTO] = rest[min(after, len(rest) - 1)]
        st.rerun()
    c2.button("Next", key=KEY + "next", shortcut="N", on_click=_go_next, args=(ids, current))
    if c3.button("Undo last save", key=KEY + "undo", shortcut="U"):
        undo_last(data)
        st.rerun()
    st.caption("Keys: A confirms every mention as it is · N opens the next · U undoes your save.")


def merge_panel(data: AppData, mentions: pd.DataFrame, others: pd.DataFrame) -> None:
    """Offer to merge the commitment shown into another."""
    ids = others["commitment_id"].tolist()
    labels = dict(zip(ids, [commitment_label(r) for _, r in others.iterrows()], strict=True))
    c1, c2 = st.columns([4, 1])
    target = c1.selectbox(
        "Merge this commitment into",
        ids,
        index=None,
        format_func=lambda i: labels[i],
        key=KEY + "merge_target",
    )
    if c2.button("Merge", key=KEY + "merge", disabled=target is None):
        if save_reviews(data, merge_into(mentions, target)):
            say("success", f"Merged {len(mentions)} mention(s) into {target}.")
        st.rerun()


def mention_form(data: AppData, row: dict) -> None:
    """Draw the correction form of one mention, and Split out."""
    slug = _slug(row["article_id"], row["start"])

    def k(name: str) -> str:
        """Return the key of one of this mention's widgets."""
        return f"{KEY}{name}_{slug}"

    stage = row.get("stage") if row.get("stage") in REVIEW_STAGES else None
    with st.form(KEY + "form_" + slug):
        c1, c2, c3 = st.columns(3)
        not_aid = c1.checkbox("Not aid", value=stage is None, key=k("not_aid"))
        new_stage = c2.selectbox(
            "Stage", REVIEW_STAGES, index=_index(REVIEW_STAGES, stage), key=k("stage")
        )
        reason = c3.text_input(
            "Reason (why this stage, or why not aid)", _text(row, "reason"), key=k("reason")
        )
        c4, c5, c6 = st.columns(3)
        donor = c4.text_input("Donor", _text(row, "donor"), key=k("donor"))
        recipient = c5.text_input("Recipient", _text(row, "recipient"), key=k("recipient"))
        aid_type = c6.selectbox(
            "Aid type", AID_TYPES, index=_index(AID_TYPES, row.get("aid_type")), key=k("type")
        )
        c7, c8, c9 = st.columns(3)
        value = c7.number_input(
            "Value", min_value=0.0, value=_number(row.get("value")), step=1e6, key=k("value")
        )
        currency = c8.text_input("Currency (ISO code)", _text(row, "currency"), key=k("currency"))
        part_of = c9.text_input(
            "Part of (ARTICLE_ID:START of the whole)", _text(row, "part_of"), key=k("part_of")
        )
        submitted = st.form_submit_button("Save correction", key=k("save"), type="primary")
    if submitted:
        review = review_of(
            row,
            stage="" if not_aid else (new_stage or ""),
            reason=reason.strip(),
            donor=donor.strip(),
            recipient=recipient.strip(),
            aid_type=aid_type or "",
            value=value,
            currency=currency.strip().upper(),
            part_of=part_of.strip(),
        )
        if save_reviews(data, [review]):
            say("success", "Saved.")
        st.rerun()
    new_id = split_id(row["commitment_id"], row["article_id"], row["start"])
    if st.button("Split this mention out of its commitment", key=k("split")):
        if save_reviews(data, [review_of(row, commitment_id=new_id)]):
            say("success", f"Split out as commitment {new_id}.")
        st.rerun()


def _index(options: tuple[str, ...], value: object) -> int | None:
    """Return the position of `value` in `options`, or None."""
    return options.index(value) if value in options else None


def _text(row: dict, name: str) -> str:
    """Return a row's cell as text ("" when missing)."""
    value = row.get(name)
    return "" if value is None or pd.isna(value) else str(value)


def _number(value: object) -> float | None:
    """Return a cell as a float, or None when missing."""
    return None if value is None or pd.isna(value) else float(value)


def commitment_panel(
    data: AppData, ids: list[str], commitments: pd.DataFrame, cid: str, *, editable: bool
) -> None:
    """Show one commitment with its mentions; with editing rights, the ways to correct it."""
    amounts = data.amounts
    head = commitments.loc[commitments["commitment_id"] == cid].iloc[0]
    mentions = mentions_of(amounts, cid)
    st.subheader(md(commitment_label(head)), anchor=False)
    st.caption(
        md(
            f"{head['mentions']} mention(s) in {mentions['article_id'].nunique()} article(s) · "
            f"first {pd.Timestamp(head['first_date']):%d %b %Y}"
            + (f" · delivery of {head['parent_id']}" if head["parent_id"] else "")
        )
    )
    st.dataframe(
        mentions_table(with_sentences(data.query, mentions), folder_rates(data)),
        hide_index=True,
        column_config={
            "open": st.column_config.LinkColumn("Read", display_text="open"),
            "sentence": st.column_config.TextColumn("sentence", width="large"),
            # As written, in the mention's currency: 61,400,000,000, not 61400000000.
            "value": st.column_config.NumberColumn("value", format="localized"),
        },
        key=KEY + "mentions",
    )
    if not editable:
        return
    # Confirm and merge act on the mentions as the analyst saw them on the last run: if someone
    # saved meanwhile, the store's conflict panel then shows both versions.
    seen_cid, seen = st.session_state.get(SEEN, (None, None))
    acted_on = seen if seen_cid == cid else mentions
    st.session_state[SEEN] = (cid, mentions)
    actions(data, acted_on, ids, cid)
    merge_panel(data, acted_on, commitments[commitments["commitment_id"] != cid])
    records = mentions.to_dict("records")
    picked = st.selectbox(
        "Correct a mention",
        range(len(records)),
        format_func=lambda i: f"{records[i]['text']} · {records[i]['article_id']}",
        key=KEY + "mention",
    )
    if picked is not None:
        mention_form(data, records[picked])
    remember_shown(data, mentions["article_id"].unique())


def render() -> None:
    """Draw the Ledger page."""
    init_state()
    data = app_data()
    st.title("Ledger", anchor=False)
    flash()
    store = amount_review_store(data)  # before any save: it checks them against the amounts
    for problem in store.problems:
        st.warning(md(f"{problem} (kept as it is in the file)"))
    can_edit = access_gate(key_prefix=KEY)
    name = annotator_name()
    amounts = data.amounts
    if amounts.empty:
        st.info("No aid amounts were found in this corpus.")
        return
    commitments, queue, shares = _ledger(amounts, data.key)
    st.caption(md(reviewed_caption(shares)))
    view = st.radio("Show", VIEWS, horizontal=True, key=KEY + "view")
    listed = queue if view == VIEWS[0] else commitments
    if listed.empty:
        st.success("Nothing left to review." if view == VIEWS[0] else "No commitments.")
        return
    st.dataframe(list_table(listed), hide_index=True, key=KEY + "list")
    ids = listed["commitment_id"].tolist()
    labels = dict(zip(ids, [commitment_label(r) for _, r in listed.iterrows()], strict=True))
    if GOTO in st.session_state:
        st.session_state[PICKED] = st.session_state.pop(GOTO)
    current = st.session_state.get(PICKED)
    if current not in ids and current in set(commitments["commitment_id"]):
        # Keep showing what the analyst opened (someone may have reviewed it meanwhile): an
        # action must apply to the commitment on screen, never to the one that took its place.
        ids = [current, *ids]
        head = commitments.loc[commitments["commitment_id"] == current].iloc[0]
        labels[current] = commitment_label(head)
    elif current not in ids:
        st.session_state.pop(PICKED, None)
    cid = st.selectbox("Commitment", ids, format_func=lambda i: labels[i], key=PICKED)
    # A click acts on what the last run showed: when that commitment is gone (someone merged or
    # removed it meanwhile), the click is refused rather than applied to its successor.
    stale = st.session_state.get(SHOWN) not in (None, cid)
    st.session_state[SHOWN] = cid
    editable = can_edit and bool(name)
    if not editable:
        st.info(
            "Read-only: "
            + ("unlock editing in the sidebar." if not can_edit else "give your name.")
        )
    if st.session_state[CONFLICT] is not None and editable:
        conflict_panel(data)
        return
    if stale and any(st.session_state.get(k) for k in ACTION_KEYS):
        say(
            "warning",
            "The commitment you had open was changed by someone meanwhile and is gone; "
            "nothing was saved. Check the one shown now before acting.",
        )
        st.rerun()
    commitment_panel(data, ids, commitments, cid, editable=editable)
