"""What lies behind a chart mark: the picked point, and its articles and sentences."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from aidlens.analysis import money, rate_notes

READ_LINK = "/?article="  # the Read page is the default page


def selected_point(event, param: str) -> dict | None:
    """Return the first point picked in a chart's selection event, or None."""
    if not event:
        return None
    points = (event.get("selection") or {}).get(param) or []
    return points[0] if points else None


def as_time(value) -> pd.Timestamp:
    """Return a chart's temporal value (epoch milliseconds or ISO text) as a Timestamp."""
    return (
        pd.to_datetime(value, unit="ms") if isinstance(value, int | float) else pd.Timestamp(value)
    )


def evidence_table(
    rows: pd.DataFrame, articles: pd.DataFrame, *, key: str, rates: pd.DataFrame | None = None
) -> None:
    """Show the articles and sentences behind a chart mark, each linking to the Read page;
    amounts with `rates` also say which rate and date gave each US$ figure."""
    titles = articles[["id", "title", "published"]].rename(columns={"id": "article_id"})
    rows = rows.drop(columns=["published", "title"], errors="ignore").merge(titles, on="article_id")
    rows = rows.sort_values(["published", "article_id", "start"])
    table = pd.DataFrame(
        {
            "open": READ_LINK + rows["article_id"],
            "published": rows["published"].dt.date,
            "title": rows["title"],
            "mention": rows["text"],
            "sentence": rows["sentence"],
        }
    )
    # Amounts also say what the ledger made of them, so an analyst sees why a bar holds them.
    if "value_usd" in rows.columns:
        table.insert(4, "US$", rows["value_usd"].map(money).to_numpy())
        if rates is not None and "currency" in rows.columns:
            table.insert(5, "US$ rate", rate_notes(rows, rates).to_numpy())
        for col in ("stage", "reason", "reviewed"):
            if col in rows.columns:
                table.insert(len(table.columns) - 1, col, rows[col].to_numpy())
    st.caption(f"{rows['article_id'].nunique()} articles, {len(rows)} mentions")
    st.dataframe(
        table,
        hide_index=True,
        column_config={"open": st.column_config.LinkColumn("Read", display_text="open")},
        key=key,
    )
