"""Render an article's segments as HTML with displaCy's colours; every piece of text is escaped.

Written by hand rather than with displacy.render because amounts need their own style and a
hover title, labels can be toggled, and displaCy does not escape label names.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from aidlens.analysis import Segment

AMOUNT_STYLE = "background:#fff3c4;border-bottom:2px solid #d49b00;"
FALLBACK_COLOUR = "#ddd"
_MARK = (
    '<mark class="entity" title="{title}" style="background:{colour};padding:0.1em 0.35em;'
    'margin:0 0.1em;line-height:2.2;border-radius:0.35em;">{text}<span style="font-size:0.7em;'
    "font-weight:bold;line-height:1;border-radius:0.35em;vertical-align:middle;"
    'margin-left:0.4rem;text-transform:uppercase;">{label}</span></mark>'
)
_AMOUNT = (
    '<mark class="amount" title="{title}" style="{style}padding:0.1em 0.3em;border-radius:0.2em;'
    'line-height:2.2;">{text}<span style="font-size:0.7em;font-weight:bold;margin-left:0.3rem;'
    'vertical-align:middle;">💰</span></mark>'
)


# displaCy's DEFAULT_LABEL_COLORS (spacy/displacy/render.py), held here because importing it
# imports spaCy, half a second of every cold start that otherwise never needs spaCy;
# tests/test_escaping.py checks that the two tables stay equal.
DISPLACY_COLOURS = {
    "ORG": "#7aecec",
    "PRODUCT": "#bfeeb7",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "PERSON": "#aa9cfc",
    "NORP": "#c887fb",
    "FAC": "#9cc9cc",
    "EVENT": "#ffeb80",
    "LAW": "#ff8197",
    "LANGUAGE": "#ff8197",
    "WORK_OF_ART": "#f0d0ff",
    "DATE": "#bfe1d9",
    "TIME": "#bfe1d9",
    "MONEY": "#e4e7d2",
    "QUANTITY": "#e4e7d2",
    "ORDINAL": "#e4e7d2",
    "CARDINAL": "#e4e7d2",
    "PERCENT": "#e4e7d2",
}


def label_colours() -> dict[str, str]:
    """Return displaCy's default colour per entity label (a copy the caller may change)."""
    return dict(DISPLACY_COLOURS)


def colour(label: str, colours: dict[str, str]) -> str:
    """Return the colour of `label`, a neutral grey for labels displaCy does not know."""
    return colours.get(label, FALLBACK_COLOUR)


def segments_html(segs: Iterable[Segment]) -> str:
    """Return the article body as HTML: paragraphs kept, entities and amounts marked, escaped."""
    colours = label_colours()
    parts = []
    for seg in segs:
        text = html.escape(seg.text)
        if seg.kind == "entity":
            parts.append(
                _MARK.format(
                    title=html.escape(seg.title),
                    colour=colour(seg.label or "", colours),
                    text=text,
                    label=html.escape(seg.label or ""),
                )
            )
        elif seg.kind == "amount":
            title = html.escape(seg.title)
            parts.append(_AMOUNT.format(title=title, style=AMOUNT_STYLE, text=text))
        else:
            parts.append(text)
    body = "".join(parts).replace("\n", "<br>")
    return f'<div class="aidlens-article" style="line-height:2;">{body}</div>'


def legend_html(labels: Iterable[str], *, with_amounts: bool = False) -> str:
    """Return a legend of label chips in their colours (escaped)."""
    colours = label_colours()
    chips = [
        f'<span style="background:{colour(lbl, colours)};padding:0.15em 0.5em;'
        f'border-radius:0.35em;margin-right:0.3em;font-size:0.8em;">{html.escape(lbl)}</span>'
        for lbl in labels
    ]
    if with_amounts:
        chips.append(
            f'<span style="{AMOUNT_STYLE}padding:0.15em 0.5em;font-size:0.8em;">amount 💰</span>'
        )
    return "<div>" + "".join(chips) + "</div>"
