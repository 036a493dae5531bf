"""Showing user text in Streamlit's Markdown elements exactly as typed."""

from __future__ import annotations

# CommonMark's escapable punctuation, plus ":" (Streamlit's :color[...] and :material/...:
# directives) and "$" (LaTeX): a backslash before each makes it literal text.
_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~$:=&\"'")
# Streamlit turns URL-like text into links after Markdown is parsed, escapes or not; an
# invisible WORD JOINER after "://", "www." and "@" breaks the pattern and changes no glyph.
_JOINER = "\u2060"
_AUTOLINK_CUES = (("://", "://" + _JOINER), ("www.", "ww" + _JOINER + "w."), ("@", "@" + _JOINER))


def md(text: object) -> str:
    """Return `text` with every Markdown-special character escaped, so it shows as typed."""
    text = str(text)
    for cue, broken in _AUTOLINK_CUES:
        text = text.replace(cue, broken)
    return "".join("\\" + c if c in _SPECIAL else c for c in text)
