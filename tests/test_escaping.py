"""Hostile article text reaches HTML only escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from aidlens.analysis.browse import segments
from components.entity_text import legend_html, segments_html
from tests.conftest import ROOT
from tests.test_annotate_page import shown as md_shown


class TagCollector(HTMLParser):
    """Collects the tags, attribute names and text a browser would see."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs |= {name for name, _ in attrs}

    def handle_data(self, data):
        self.text += data


PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_entity_and_label_are_escaped(payload: str) -> None:
    text = f"Before {payload} after"
    start = text.index(payload)
    ents = pd.DataFrame(
        [
            {
                "start": start,
                "end": start + len(payload),
                "text": payload,
                "label": payload,
                "canonical": payload,
            }
        ]
    )
    html = segments_html(segments(text, ents)) + legend_html([payload])
    parser = TagCollector()
    parser.feed(html)
    assert parser.tags <= {"div", "mark", "span", "br"}
    assert parser.attrs <= {"class", "style", "title"}
    assert payload in parser.text  # shown as text, whole


def test_hostile_article_in_the_app(small_data_dir, monkeypatch) -> None:
    monkeypatch.setenv("AIDLENS_DATA", str(small_data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["article"] = "s4"
    at.run()
    assert not at.exception
    html = "".join(h.proto.body for h in at.get("html"))
    assert "&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt;" in html
    assert "<script" not in html and "<svg" not in html and "<b>" not in html
    # Titles and sources go through Streamlit's own text elements, never raw HTML.
    assert md_shown(at.subheader[0].value) == "Hostile <script>alert('title')</script>"
    assert not at.get("link_button")  # a javascript: url never becomes a link


def test_colours_are_displacys() -> None:
    from spacy.displacy.render import DEFAULT_LABEL_COLORS

    from components.entity_text import label_colours

    assert label_colours() == dict(DEFAULT_LABEL_COLORS)
