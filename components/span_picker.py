"""An inline text component: select words with the mouse, pick a label, click a span to edit it.

Built on st.components.v2 with no JavaScript build step. The text is put in with `textContent`
only (never innerHTML), and labels are shown through CSS `attr()`, so they are not part of the
selectable text and the selection's offsets are the article's character offsets.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

CSS = """
.aidlens-picker .labels { margin-bottom: 0.6rem; display: flex; flex-wrap: wrap; gap: 0.3rem; }
.aidlens-picker .labels button {
  border: 1px solid rgba(0,0,0,0.2); border-radius: 0.4rem; padding: 0.15rem 0.5rem;
  font-size: 0.8rem; cursor: pointer; }
.aidlens-picker .labels button[disabled] { opacity: 0.45; cursor: default; }
.aidlens-picker .hint { font-size: 0.8rem; opacity: 0.7; margin-bottom: 0.4rem; }
.aidlens-picker .text { line-height: 2.3; white-space: pre-wrap; font-size: 1rem; }
.aidlens-picker mark { padding: 0.1em 0.3em; border-radius: 0.35em; cursor: pointer; }
.aidlens-picker mark::after {
  content: attr(data-label); font-size: 0.65em; font-weight: bold; margin-left: 0.35em;
  vertical-align: middle; }
.aidlens-picker mark.picked { outline: 2px solid #c00; }
"""

JS = """
export default function(component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector('.aidlens-picker');
  if (!root) { root = document.createElement('div'); root.className = 'aidlens-picker';
               parentElement.appendChild(root); }
  root.replaceChildren();
  const labels = data.labels || [];
  const hint = document.createElement('div'); hint.className = 'hint';
  hint.textContent = data.hint || '';
  const bar = document.createElement('div'); bar.className = 'labels';
  const body = document.createElement('div'); body.className = 'text';
  let current = null;
  const buttons = labels.map((label, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = (i < 9 ? (i + 1) + ' · ' : '') + label;
    b.style.background = (data.colours || {})[label] || '#eee';
    b.disabled = true;
    b.onclick = () => pick(label);
    bar.appendChild(b);
    return b;
  });
  const setCurrent = (sel) => { current = sel; buttons.forEach(b => { b.disabled = !current; }); };
  const text = data.text || '';
  let pos = 0;
  const addText = (from, to) => {
    if (to <= from) return;
    const s = document.createElement('span'); s.dataset.start = String(from);
    s.textContent = text.slice(from, to); body.appendChild(s);
  };
  for (const span of (data.spans || [])) {
    if (span.start < pos) continue;
    addText(pos, span.start);
    const m = document.createElement('mark');
    m.dataset.start = String(span.start);
    m.dataset.label = span.label;
    m.textContent = text.slice(span.start, span.end);
    m.style.background = (data.colours || {})[span.label] || '#ddd';
    m.onclick = (e) => {
      if (!window.getSelection().isCollapsed) return;
      e.stopPropagation();
      setTriggerValue('clicked', {start: span.start, end: span.end});
    };
    body.appendChild(m);
    pos = span.end;
  }
  addText(pos, text.length);
  const owner = (node) => {
    let el = node.nodeType === 3 ? node.parentElement : node;
    while (el && el !== body && el.dataset.start === undefined) el = el.parentElement;
    return el;
  };
  const offsetIn = (node, offset) => {
    if (node === body) {
      const kid = body.childNodes[offset];
      return kid ? Number(kid.dataset.start) : text.length;
    }
    const el = owner(node);
    if (!el || el === body) return null;
    if (node.nodeType === 3) return Number(el.dataset.start) + offset;
    return Number(el.dataset.start) + (offset > 0 ? el.textContent.length : 0);
  };
  const onMouseUp = () => {
    const sel = window.getSelection();
    const inside = sel && body.contains(sel.anchorNode) && body.contains(sel.focusNode);
    if (!inside || sel.isCollapsed) { setCurrent(null); return; }
    let a = offsetIn(sel.anchorNode, sel.anchorOffset);
    let b = offsetIn(sel.focusNode, sel.focusOffset);
    if (a === null || b === null) { setCurrent(null); return; }
    if (a > b) [a, b] = [b, a];
    setCurrent({start: a, end: b});
  };
  const pick = (label) => {
    if (!current) return;
    setTriggerValue('pick', {start: current.start, end: current.end, label: label});
    setCurrent(null);
  };
  const onKey = (e) => {
    const t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
    if (/^[1-9]$/.test(e.key) && current && labels[Number(e.key) - 1]) {
      e.preventDefault(); pick(labels[Number(e.key) - 1]);
    }
  };
  body.addEventListener('mouseup', onMouseUp);
  document.addEventListener('keydown', onKey);
  root.appendChild(hint); root.appendChild(bar); root.appendChild(body);
  return () => { document.removeEventListener('keydown', onKey); };
}
"""


@dataclass(frozen=True)
class PickerEvent:
    """What the annotator did in the text: picked a label for a selection, or clicked a span."""

    kind: str  # pick | clicked
    start: int | None = None
    end: int | None = None
    label: str | None = None


@functools.cache
def _component():
    """Return the registered component (registered once per process, on first use)."""
    return st.components.v2.component("aidlens.span_picker", css=CSS, js=JS, isolate_styles=False)


def span_picker(
    *,
    text: str,
    spans: Sequence[Mapping],
    labels: Sequence[str],
    colours: Mapping[str, str],
    key: str,
    hint: str = "",
) -> PickerEvent | None:
    """Show the text with its spans; return what the annotator did on this run, if anything."""
    data = {
        "text": text,
        "spans": [
            {"start": int(s["start"]), "end": int(s["end"]), "label": str(s["label"])}
            for s in sorted(spans, key=lambda s: (s["start"], s["end"]))
        ],
        "labels": list(labels),
        "colours": dict(colours),
        "hint": hint,
    }
    result = _component()(
        data=data,
        key=key,
        on_pick_change=lambda: None,
        on_clicked_change=lambda: None,
    )
    return to_event(result)


def to_event(result) -> PickerEvent | None:
    """Return the event in a component result (trigger values last one run), or None."""
    pick = getattr(result, "pick", None)
    if pick:
        return PickerEvent("pick", int(pick["start"]), int(pick["end"]), str(pick["label"]))
    clicked = getattr(result, "clicked", None)
    if clicked:
        return PickerEvent("clicked", int(clicked["start"]), int(clicked["end"]))
    return None
