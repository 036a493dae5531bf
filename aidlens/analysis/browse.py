"""Filtering articles and cutting an article's text into highlighted segments (plain data)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class ArticleFilter:
    """What the analyst asked for; empty fields filter nothing."""

    start: date | None = None
    end: date | None = None
    sources: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    query: str = ""
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Segment:
    """A run of article text: plain (label None), an entity, or an amount with its details."""

    text: str
    start: int
    label: str | None = None
    kind: str = "text"  # text | entity | amount
    title: str = ""
    extra: dict = field(default_factory=dict)


def article_mask(articles: pd.DataFrame, flt: ArticleFilter) -> pd.Series:
    """Return which articles match the filter's dates, sources and search text."""
    mask = pd.Series(True, index=articles.index)
    day = articles["published"].dt.date
    if flt.start:
        mask &= day >= flt.start
    if flt.end:
        mask &= day <= flt.end
    if flt.sources:
        mask &= articles["source"].isin(flt.sources)
    if flt.query.strip():
        q = flt.query.strip()
        mask &= articles["title"].str.contains(q, case=False, regex=False) | articles[
            "text"
        ].str.contains(q, case=False, regex=False)
    return mask


def filter_articles(
    articles: pd.DataFrame, entities: pd.DataFrame, flt: ArticleFilter
) -> pd.DataFrame:
    """Return matching articles, newest first, with an `entities` count of the shown labels."""
    mask = article_mask(articles, flt)
    if flt.mentions:
        hits = entities.loc[entities["canonical"].isin(flt.mentions), ["article_id", "canonical"]]
        # An article must mention every picked entity, as a search for all terms would.
        per_article = hits.drop_duplicates().groupby("article_id")["canonical"].nunique()
        wanted = set(per_article[per_article == len(set(flt.mentions))].index)
        mask &= articles["id"].isin(wanted)
    shown = entities if not flt.labels else entities[entities["label"].isin(flt.labels)]
    counts = shown.groupby("article_id").size()
    out = articles.loc[mask, ["id", "title", "published", "source"]].copy()
    out["entities"] = out["id"].map(counts).fillna(0).astype(int)
    return out.sort_values(["published", "id"], ascending=[False, True]).reset_index(drop=True)


def entity_counts(entities: pd.DataFrame) -> pd.DataFrame:
    """Return one row per distinct (text, label, canonical) with its count, most frequent first."""
    if entities.empty:
        return pd.DataFrame(columns=["text", "label", "canonical", "count"])
    grouped = entities.groupby(["text", "label", "canonical"]).size().rename("count")
    return grouped.reset_index().sort_values(["count", "text"], ascending=[False, True])


def segments(
    text: str,
    entities: pd.DataFrame,
    *,
    labels: Collection[str] | None = None,
    amounts: pd.DataFrame | None = None,
) -> list[Segment]:
    """Return the text cut into plain, entity and amount segments, in order, covering all of it.

    Amounts win over the entities they overlap (they carry the parsed value); spans that
    overlap an earlier kept span are dropped, so the segments never overlap.
    """
    spans: list[tuple[int, int, int, Segment]] = []
    if amounts is not None and not amounts.empty:
        for rec in amounts.to_dict("records"):
            seg = Segment(
                text=text[rec["start"] : rec["end"]],
                start=int(rec["start"]),
                label="AMOUNT",
                kind="amount",
                title=amount_title(rec),
                extra=rec,
            )
            spans.append((int(rec["start"]), int(rec["end"]), 0, seg))
    for rec in entities.to_dict("records"):
        if labels is not None and rec["label"] not in labels:
            continue
        seg = Segment(
            text=text[rec["start"] : rec["end"]],
            start=int(rec["start"]),
            label=rec["label"],
            kind="entity",
            title=rec.get("canonical", ""),
        )
        spans.append((int(rec["start"]), int(rec["end"]), 1, seg))
    out: list[Segment] = []
    pos = 0
    for start, end, _prio, seg in sorted(spans, key=lambda s: (s[0], s[2], -s[1])):
        if start < pos or end <= start or end > len(text):
            continue
        if start > pos:
            out.append(Segment(text=text[pos:start], start=pos))
        out.append(seg)
        pos = end
    if pos < len(text):
        out.append(Segment(text=text[pos:], start=pos))
    return out


def amount_title(rec: dict) -> str:
    """Return the hover text of an amount: parsed value, currency, USD and the rate that gave
    it (`rate_note`, when the row has one: rate_notes), donor, aid type, stage and its reason."""
    parts = []
    value, cur = rec.get("value"), rec.get("currency") or ""
    if _present(value):
        high = rec.get("value_high")
        shown = f"{value:,.0f}" + (f"–{high:,.0f}" if _present(high) else "")
        parts.append(f"{rec.get('qualifier') or ''} {shown} {cur}".strip())
    else:
        parts.append(f"vague amount {cur}".strip())
    usd = rec.get("value_usd")
    if _present(usd) and cur != "USD":
        note = rec.get("rate_note") or ""
        parts.append(f"≈ US${usd:,.0f}" + (f" at {note}" if note else ""))
    for key in ("donor", "aid_type"):
        if rec.get(key):
            parts.append(f"{key.replace('_', ' ')}: {rec[key]}")
    # Which cue decided the stage, or why the figure is no aid: the review reads the same.
    stage, reason = rec.get("stage") or "", rec.get("reason") or ""
    if stage:
        parts.append(f"stage: {stage}" + (f" ({reason})" if reason else ""))
    elif reason:
        parts.append(f"not aid: {reason}")
    return " · ".join(parts)


def _present(value: object) -> bool:
    """Return whether a cell holds a number (not None or NaN)."""
    return value is not None and not (isinstance(value, float) and value != value)


def date_bounds(published: Sequence | pd.Series) -> tuple[date, date]:
    """Return the first and last publication day."""
    s = pd.Series(published)
    return s.min().date(), s.max().date()
