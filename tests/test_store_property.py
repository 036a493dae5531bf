"""Property test: random span edits, saves, stale saves, undos and reopenings, two store objects.

After every step, for the two stores and a freshly opened one: every span lies inside its text,
equals its slice, has a known label and overlaps no other; and every save that returned is what
the files hold (same spans, status and revision as the model of the test expects).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from aidlens.annotations.spans import label_phrase, new_span, relabel_span, remove_span, with_span
from aidlens.annotations.state import ArticleState, ConflictError
from aidlens.annotations.store import AnnotationStore
from aidlens.errors import SpanError, StoreError

IDS = ("x", "y,1", 'z"q', "=w")
LABELS = ("ORG", "GPE", 'ODD,"L"')
# Commas, quotes, CR/LF and non-ASCII stress the CSV files; spaces make trimming happen.
ALPHABET = st.sampled_from(list('ab ,"\n\r\té€Kyiv'))
TEXT = st.text(ALPHABET, min_size=1, max_size=40)


def key(state: ArticleState) -> tuple:
    """Return what must survive a save: spans (offsets, label, origin), status, revision."""
    spans = tuple((s.start, s.end, s.text, s.label, s.origin) for s in state.spans)
    return (spans, state.status, state.revision)


class StoreMachine(RuleBasedStateMachine):
    """Two store objects on one folder, driven by random edits."""

    @initialize(texts=st.lists(TEXT, min_size=len(IDS), max_size=len(IDS)))
    def setup(self, texts: list[str]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="aidlens-prop-"))
        self.texts = dict(zip(IDS, texts, strict=True))
        self.stores = [self._open(), self._open()]
        self.expected: dict[str, tuple] = {}
        self.before: dict[str, list[ArticleState]] = {a: [] for a in IDS}

    def _open(self) -> AnnotationStore:
        return AnnotationStore(self.folder, self.texts, LABELS)

    def teardown(self) -> None:
        if hasattr(self, "folder"):
            shutil.rmtree(self.folder, ignore_errors=True)

    def _record(self, old: ArticleState, new: ArticleState) -> None:
        if new.revision != old.revision:
            self.expected[new.article_id] = key(new)

    @rule(
        which=st.integers(0, 1),
        article=st.sampled_from(IDS),
        op=st.sampled_from(["add", "remove", "relabel", "phrase", "status"]),
        a=st.integers(-2, 45),
        b=st.integers(-1, 8),
        label=st.sampled_from(LABELS),
        status=st.sampled_from([None, "todo", "in_progress", "done"]),
    )
    def edit_and_save(self, which, article, op, a, b, label, status) -> None:
        store, text = self.stores[which], self.texts[article]
        state = store.get(article)
        spans = state.spans
        try:
            if op == "add":
                # Mostly offsets inside the text; a few outside, which must be refused.
                start = a % (len(text) + 1) if a >= 0 else a
                spans = with_span(spans, new_span(text, start, start + b, label, LABELS))
            elif op == "remove" and spans:
                s = spans[a % len(spans)]
                spans = remove_span(spans, s.start, s.end)
            elif op == "relabel" and spans:
                s = spans[a % len(spans)]
                spans = relabel_span(spans, s.start, s.end, label, LABELS)
            elif op == "phrase":
                phrase = text[max(a, 0) : max(a, 0) + 4]
                spans = label_phrase(text, spans, phrase, label, LABELS)
        except SpanError:
            return  # a refused edit: nothing to save
        saved = store.save(
            article, spans, annotator=f"u{which}", base_revision=state.revision, status=status
        )
        event(f"saved {op}" if saved.revision != state.revision else "unchanged")
        if saved.revision != state.revision:
            self.before[article].append(state)
        self._record(state, saved)

    @rule(which=st.integers(0, 1), article=st.sampled_from(IDS), delta=st.sampled_from([-1, 1]))
    def stale_save_conflicts(self, which, article, delta) -> None:
        store = self.stores[which]
        state = store.get(article)
        if state.revision + delta < 0:
            return
        try:
            store.save(article, (), annotator="late", base_revision=state.revision + delta)
        except ConflictError as err:
            assert key(err.theirs) == key(state)
        else:
            raise AssertionError("a stale save was accepted")

    @rule(which=st.integers(0, 1), article=st.sampled_from(IDS))
    def undo(self, which, article) -> None:
        store = self.stores[which]
        state = store.get(article)
        try:
            undone = store.undo(article, f"u{which}")
        except StoreError:
            assert self.before[article] == []
            return
        restored = self.before[article].pop()
        assert [s.key for s in undone.spans] == [s.key for s in restored.spans]
        assert undone.status == restored.status and undone.revision == state.revision + 1
        self._record(state, undone)

    @rule(which=st.integers(0, 1))
    def reopen(self, which) -> None:
        self.stores[which] = self._open()

    @invariant()
    def files_hold_every_save_and_spans_are_sound(self) -> None:
        if not hasattr(self, "folder"):
            return
        views = [s.states() for s in (*self.stores, self._open())]
        for states in views:
            touched = {a: k for a, k in self.expected.items() if k[0] or k[1] != "todo"}
            assert {a: key(s) for a, s in states.items()} == touched
            for a, state in states.items():
                text, end = self.texts[a], -1
                for s in state.spans:
                    assert 0 <= s.start < s.end <= len(text)
                    assert text[s.start : s.end] == s.text == s.text.strip()
                    assert s.label in LABELS and s.start >= end
                    end = s.end
        fresh = self._open()
        assert fresh.problems == ()
        for a, k in self.expected.items():
            assert key(fresh.get(a)) == k  # untouched again or not, the revision stays


StoreMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestStoreProperties = StoreMachine.TestCase
