"""The annotation store on real files: saves, conflicts, history, undo, bad rows, faults."""

from __future__ import annotations

import errno
import threading

import pytest
from filelock import FileLock

from aidlens.annotations import files as files_module
from aidlens.annotations.files import ANNOTATIONS, LOCK, REVIEWS
from aidlens.annotations.spans import Span
from aidlens.annotations.state import ConflictError
from aidlens.annotations.store import HISTORY, AnnotationStore, Edit
from aidlens.errors import StoreError
from tests.store_helpers import TEXTS, folder_hash, make_folder, open_store, sp

HEADER = "article_id,start,end,text,label,origin,annotator,updated_at\n"
REVIEW_HEADER = "article_id,status,annotator,updated_at,revision\n"
GOOD_ROW = "a1,0,9,Joe Biden,PERSON,human,ann,2024-01-01T00:00:00+00:00\n"


@pytest.fixture
def folder(tmp_path):
    return make_folder(tmp_path / "data")


def test_untouched_article_is_empty_todo_at_revision_0(folder) -> None:
    state = open_store(folder).get("a1")
    assert (state.spans, state.status, state.revision, state.touched) == ((), "todo", 0, False)
    assert not (folder / ANNOTATIONS).exists()


def test_save_round_trips_through_the_files(folder) -> None:
    spans = [sp("a1", "Berlin", "GPE"), sp("a1", "Joe Biden", "PERSON")]
    saved = open_store(folder).save("a1", spans, annotator="ann", base_revision=0)
    assert [s.text for s in saved.spans] == ["Joe Biden", "Berlin"]  # sorted
    assert (saved.revision, saved.status, saved.annotator) == (1, "in_progress", "ann")
    assert spans[0].text == "Berlin"  # the caller's list is untouched
    fresh = open_store(folder).get("a1")
    assert fresh == saved
    lines = (folder / ANNOTATIONS).read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER.strip()
    assert lines[1].startswith("a1,0,9,Joe Biden,PERSON,human,ann,")
    assert (folder / REVIEWS).read_text().splitlines()[1].startswith("a1,in_progress,ann,")


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (None, None, "in_progress"),
        ("done", None, "done"),
        (None, "done", "done"),
        ("done", "in_progress", "in_progress"),
    ],
)
def test_status_follows_saves(folder, first, second, expected) -> None:
    store = open_store(folder)
    s1 = store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="a", base_revision=0, status=first)
    s2 = store.save("a1", [], annotator="a", base_revision=s1.revision, status=second)
    assert s2.status == expected
    assert open_store(folder).get("a1").status == expected


def test_an_unchanged_save_makes_no_new_revision(folder) -> None:
    store = open_store(folder)
    first = store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="a", base_revision=0)
    again = store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="b", base_revision=1)
    assert again == first
    assert len(store.history("a1")) == 1


def test_unchanged_spans_keep_who_set_them(folder) -> None:
    store = open_store(folder)
    first = store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="ann", base_revision=0)
    spans = [*first.spans, sp("a1", "Kyiv", "GPE")]
    second = store.save("a1", spans, annotator="bob", base_revision=1)
    who = {s.text: (s.annotator, s.updated_at) for s in second.spans}
    assert who["Berlin"] == ("ann", first.spans[0].updated_at)
    assert who["Kyiv"][0] == "bob"


def test_a_stale_save_raises_conflict_with_both_versions_and_changes_nothing(folder) -> None:
    alice, bob = open_store(folder), open_store(folder)
    opened = bob.get("a1")
    alice.save("a1", [sp("a1", "Berlin", "GPE")], annotator="alice", base_revision=0)
    before = folder_hash(folder)
    with pytest.raises(ConflictError) as err:
        bob.save("a1", [sp("a1", "Kyiv", "LOC")], annotator="bob", base_revision=opened.revision)
    assert folder_hash(folder) == before
    assert err.value.theirs.revision == 1
    assert [s.text for s in err.value.theirs.spans] == ["Berlin"]
    assert [s.text for s in err.value.yours.spans] == ["Kyiv"]
    assert "alice" in str(err.value) and "revision 1" in str(err.value)
    # Bob chooses: both spans, saved on the new revision.
    merged = [*err.value.theirs.spans, *err.value.yours.spans]
    saved = bob.save("a1", merged, annotator="bob", base_revision=err.value.theirs.revision)
    assert [s.text for s in saved.spans] == ["Berlin", "Kyiv"]
    assert alice.get("a1") == saved


def test_save_many_is_all_or_nothing_on_conflict(folder) -> None:
    store, other = open_store(folder), open_store(folder)
    other.save("a2", [sp("a2", "Kyiv", "GPE")], annotator="o", base_revision=0)
    edits = [Edit("a1", (sp("a1", "Kyiv", "GPE"),), 0), Edit("a2", (), 0)]
    with pytest.raises(ConflictError) as err:
        store.save_many(edits, annotator="me")
    assert [c.article_id for c in err.value.conflicts] == ["a2"]
    assert store.get("a1").revision == 0


@pytest.mark.parametrize(
    ("article", "spans", "kwargs", "message"),
    [
        ("zz", [], {}, "unknown article 'zz'"),
        ("a1", [Span(0, 9, "Joe Biden", "PERSN")], {}, "unknown label 'PERSN'"),
        ("a1", [Span(0, 999, "", "PERSON")], {}, "outside the text"),
        ("a1", [Span(9, 3, "", "PERSON")], {}, "not before end"),
        ("a1", [Span(0, 9, "", "PERSON"), Span(4, 13, "", "PERSON")], {}, "overlap"),
        ("a1", [], {"status": "finished"}, "status 'finished'"),
        ("a1", [], {"annotator": "  "}, "no annotator name"),
    ],
)
def test_refused_saves_change_nothing(folder, article, spans, kwargs, message) -> None:
    store = open_store(folder)
    store.save("a2", [sp("a2", "Kyiv", "GPE")], annotator="a", base_revision=0)
    before = folder_hash(folder)
    options = {"annotator": "me", "base_revision": 0, **kwargs}
    with pytest.raises(StoreError, match=message):
        store.save(article, spans, **options)
    assert folder_hash(folder) == before


def test_span_text_is_taken_from_the_article_and_whitespace_trimmed(folder) -> None:
    saved = open_store(folder).save(
        "a1", [Span(13, 26, "whatever", "PERSON")], annotator="a", base_revision=0
    )
    assert [(s.start, s.end, s.text) for s in saved.spans] == [(14, 25, "Olaf Scholz")]


def test_history_records_who_when_and_before_after(folder) -> None:
    store = open_store(folder)
    store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="ann", base_revision=0)
    store.save("a1", [sp("a1", "Berlin", "LOC")], annotator="bob", base_revision=1, status="done")
    store.save("a2", [sp("a2", "Kyiv", "GPE")], annotator="ann", base_revision=0)
    entries = store.history("a1")
    assert [(e.annotator, e.revision, e.action) for e in entries] == [
        ("ann", 1, "save"),
        ("bob", 2, "save"),
    ]
    last = entries[-1]
    assert [s.label for s in last.spans_before] == ["GPE"]
    assert [s.label for s in last.spans_after] == ["LOC"]
    assert (last.status_before, last.status_after) == ("in_progress", "done")
    assert last.at.startswith("20")
    assert [e.article_id for e in store.history()] == ["a1", "a1", "a2"]


def test_undo_steps_back_through_saves_and_back_to_untouched(folder) -> None:
    store = open_store(folder)
    store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="ann", base_revision=0)
    store.save("a1", [sp("a1", "Berlin", "LOC")], annotator="ann", base_revision=1, status="done")
    undone = store.undo("a1", "bob")
    assert [s.label for s in undone.spans] == ["GPE"]
    assert (undone.status, undone.revision, undone.annotator) == ("in_progress", 3, "bob")
    assert undone.spans[0].annotator == "ann"  # put back as it was
    untouched = store.undo("a1", "bob")
    assert (untouched.spans, untouched.status, untouched.touched) == ((), "todo", False)
    assert "a1" not in open_store(folder).states()
    with pytest.raises(StoreError, match="nothing to undo"):
        store.undo("a1", "bob")
    assert [e.action for e in store.history("a1")] == ["save", "save", "undo", "undo"]


def test_undo_after_a_new_save_undoes_that_save(folder) -> None:
    store = open_store(folder)
    store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="a", base_revision=0)
    store.undo("a1", "a")
    store.save("a1", [sp("a1", "Kyiv", "GPE")], annotator="a", base_revision=2)
    assert store.undo("a1", "a").spans == ()
    # The first save was undone already: nothing is left to undo.
    with pytest.raises(StoreError, match="nothing to undo"):
        store.undo("a1", "a")


def test_undo_with_a_stale_base_revision_conflicts(folder) -> None:
    store = open_store(folder)
    store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="a", base_revision=0)
    store.save("a1", [], annotator="a", base_revision=1)
    with pytest.raises(ConflictError):
        store.undo("a1", "a", base_revision=1)


def test_counts_and_queue_follow_status(folder) -> None:
    store = open_store(folder)
    store.save("a2", [sp("a2", "Kyiv", "GPE")], annotator="a", base_revision=0, status="done")
    store.save("a3", [], annotator="a", base_revision=0)
    assert store.counts() == {"todo": 2, "in_progress": 1, "done": 1}
    assert store.queue("todo") == ["a1", "a4"]
    assert store.queue("done") == ["a2"]
    assert store.states()["a3"].spans == ()  # touched with no entities at all


BAD_ROWS = [
    ("a1,abc,9,Joe Biden,PERSON,human,x,t\n", "start", "'abc' is not a whole number"),
    ("a1,0,9,Joe Biden,PERSN,human,x,t\n", "label", "unknown label 'PERSN'"),
    ("a1,14,999,Olaf Scholz,PERSON,human,x,t\n", "end", "outside the text"),
    ("a1,25,14,Olaf Scholz,PERSON,human,x,t\n", "end", "not before end"),
    ("a1,14,25,Olaf Scholtz,PERSON,human,x,t\n", "text", "is not the article text"),
    ("a1,14,25,Olaf Scholz,PERSON,robot,x,t\n", "origin", "origin 'robot'"),
    ("a1,14,25,Olaf Scholz\n", None, "expected 8 columns, found 4"),
    ("a1,4,13,Biden met,PERSON,human,x,t\n", "start", "overlaps the span 'Joe Biden'"),
    ("a1,13,25, Olaf Scholz,PERSON,human,x,t\n", "start", "whitespace"),
    (",14,25,Olaf Scholz,PERSON,human,x,t\n", "article_id", "empty article_id"),
    ('a1,14,25,"Olaf Scholz,PERSON,human,x,t\n', None, "expected 8 columns"),
]


@pytest.mark.parametrize(("row", "column", "message"), BAD_ROWS)
def test_bad_annotation_rows_are_reported_and_kept_verbatim(folder, row, column, message) -> None:
    raw = HEADER + GOOD_ROW + row
    (folder / ANNOTATIONS).write_text(raw, encoding="utf-8", newline="")
    store = open_store(folder)
    [problem] = store.problems
    assert (problem.row, problem.column) == (3, column)
    assert message in problem.message and problem.file.endswith(ANNOTATIONS)
    assert [s.text for s in store.get("a1").spans] == ["Joe Biden"]  # the good row loads
    store.save("a2", [sp("a2", "Kyiv", "GPE")], annotator="a", base_revision=0)
    written = (folder / ANNOTATIONS).read_text(encoding="utf-8")
    assert row in written and GOOD_ROW in written
    assert written.startswith(HEADER)
    again = open_store(folder)
    assert [(p.row, p.column) for p in again.problems] == [(4, column)]
    assert {a for a in again.states()} == {"a1", "a2"}


def test_saving_the_article_of_a_bad_row_keeps_the_bad_row(folder) -> None:
    bad = "a1,0,9,Joe Biden,PERSN,human,x,t\n"
    (folder / ANNOTATIONS).write_text(HEADER + bad, encoding="utf-8")
    store = open_store(folder)
    assert store.get("a1").spans == ()
    store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="a", base_revision=0)
    assert bad in (folder / ANNOTATIONS).read_text(encoding="utf-8")
    assert len(open_store(folder).problems) == 1


@pytest.mark.parametrize(
    ("rows", "row", "column", "message"),
    [
        ("a1,finished,x,t,1\n", 2, "status", "status 'finished'"),
        ("a1,done,x,t,one\n", 2, "revision", "revision 'one'"),
        ("a1,done,x,t,1\na1,done,y,t,2\n", 3, "article_id", "a second row"),
    ],
)
def test_bad_review_rows_are_reported_and_kept(folder, rows, row, column, message) -> None:
    (folder / REVIEWS).write_text(REVIEW_HEADER + rows, encoding="utf-8")
    store = open_store(folder)
    [problem] = store.problems
    assert (problem.row, problem.column) == (row, column) and message in problem.message
    store.save("a2", [], annotator="a", base_revision=0)
    assert rows.splitlines()[-1] in (folder / REVIEWS).read_text(encoding="utf-8")


def test_rows_of_articles_no_longer_in_the_corpus_are_kept_untouched(folder) -> None:
    orphan = "gone,0,4,Kyiv,GPE,human,x,t\n"
    (folder / ANNOTATIONS).write_text(HEADER + GOOD_ROW + orphan, encoding="utf-8")
    store = open_store(folder)
    assert store.problems == () and store.orphans == ("gone",)
    store.save("a1", [], annotator="a", base_revision=0)
    assert orphan in (folder / ANNOTATIONS).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id,start,end\na1,0,9\n", "the header is id,start,end"),
        (HEADER.encode() + b"a1,0,9,Joe \xff,PERSON,human,x,t\n", "not UTF-8"),
    ],
)
def test_an_unreadable_file_refuses_saves_and_stays_as_it_is(folder, content, message) -> None:
    (folder / ANNOTATIONS).write_bytes(content)
    store = open_store(folder)
    assert message in str(store.problems[0])
    before = folder_hash(folder)
    with pytest.raises(StoreError, match="Fix .*annotations.csv first"):
        store.save("a2", [], annotator="a", base_revision=0)
    assert folder_hash(folder) == before


def test_a_spreadsheet_saved_file_with_bom_and_crlf_loads(folder) -> None:
    content = "\ufeff" + (HEADER + GOOD_ROW).replace("\n", "\r\n")
    (folder / ANNOTATIONS).write_text(content, encoding="utf-8", newline="")
    store = open_store(folder)
    assert store.problems == ()
    assert [s.text for s in store.get("a1").spans] == ["Joe Biden"]
    store.save("a2", [sp("a2", "Kyiv", "GPE")], annotator="a", base_revision=0)
    assert [s.text for s in open_store(folder).get("a1").spans] == ["Joe Biden"]


def test_a_full_disk_gives_a_clear_error_and_loses_nothing(folder, monkeypatch) -> None:
    store = open_store(folder)
    saved = store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="a", base_revision=0)
    before = folder_hash(folder)

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(files_module, "write_temp", full)
    with pytest.raises(StoreError, match="disk .* is full.*Nothing was saved"):
        store.save("a1", [], annotator="a", base_revision=1)
    assert folder_hash(folder) == before
    assert store.get("a1") == saved
    monkeypatch.undo()
    assert store.save("a1", [], annotator="a", base_revision=1).revision == 2


def test_a_save_cut_between_the_two_replaces_is_completed_from_the_history(folder) -> None:
    store = open_store(folder)
    store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="a", base_revision=0)
    old_annotations = (folder / ANNOTATIONS).read_bytes()
    old_reviews = (folder / REVIEWS).read_bytes()
    store.save("a1", [sp("a1", "Kyiv", "GPE")], annotator="a", base_revision=1, status="done")
    # As if killed after the history append: annotations.csv replaced or not, reviews.csv not.
    for ann_bytes in (old_annotations, (folder / ANNOTATIONS).read_bytes()):
        (folder / ANNOTATIONS).write_bytes(ann_bytes)
        (folder / REVIEWS).write_bytes(old_reviews)
        state = open_store(folder).get("a1")
        assert ([s.text for s in state.spans], state.revision, state.status) == (
            ["Kyiv"],
            2,
            "done",
        )
    fresh = open_store(folder)
    fresh.save("a1", [], annotator="b", base_revision=2)
    assert open_store(folder).get("a1").revision == 3
    assert "a1,in_progress" not in (folder / REVIEWS).read_text()


def test_a_torn_history_line_is_ignored_then_cut_off(folder) -> None:
    store = open_store(folder)
    store.save("a1", [sp("a1", "Berlin", "GPE")], annotator="a", base_revision=0)
    with open(folder / HISTORY, "ab") as fh:
        fh.write(b'{"batch":"x","at":"2024')
    assert len(open_store(folder).history()) == 1
    store.save("a1", [], annotator="a", base_revision=1)
    raw = (folder / HISTORY).read_bytes()
    assert raw.endswith(b"\n") and b'"at":"2024\n' not in raw and b'"at":"2024{' not in raw
    assert len(store.history()) == 2 == raw.count(b"\n")


def test_temp_files_left_by_a_killed_writer_are_removed_by_the_next_save(folder) -> None:
    store = open_store(folder)
    (folder / f".{ANNOTATIONS}.dead.tmp").write_bytes(b"half")
    store.save("a1", [], annotator="a", base_revision=0, status="done")
    assert not list(folder.glob(".*.tmp"))


def test_a_held_lock_gives_a_clear_error_after_the_timeout(folder) -> None:
    store = AnnotationStore(folder, TEXTS, ("GPE",), lock_timeout=0.2)
    with FileLock(str(folder / LOCK)), pytest.raises(StoreError, match="another process has held"):
        store.save("a1", [], annotator="a", base_revision=0, status="done")
    assert store.save("a1", [], annotator="a", base_revision=0, status="done").revision == 1


def test_threads_sharing_one_store_lose_no_edit(folder) -> None:
    store = open_store(folder)
    text = TEXTS["a2"]
    words = [(i, i + 1) for i, c in enumerate(text) if not c.isspace()]
    errors: list[BaseException] = []

    def worker(offsets: list[tuple[int, int]]) -> None:
        try:
            for start, end in offsets:
                while True:
                    state = store.get("a2")
                    new = Span(start, end, text[start:end], "ORG")
                    try:
                        store.save(
                            "a2", [*state.spans, new], annotator="t", base_revision=state.revision
                        )
                        break
                    except ConflictError:
                        continue
        except BaseException as exc:  # reported below: a thread's exception is otherwise lost
            errors.append(exc)

    chunks = [words[i::8][:10] for i in range(8)]
    threads = [threading.Thread(target=worker, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(open_store(folder).get("a2").spans) == sum(len(c) for c in chunks) == 80


def test_changes_by_another_store_are_read_back_exactly(folder) -> None:
    mine, theirs = open_store(folder), open_store(folder)
    for a, phrase in (("a1", "Berlin"), ("a2", "Kyiv"), ("a3", "NATO"), ("a4", "Tallinn")):
        theirs.save(a, [sp(a, phrase, "ORG")], annotator="t", base_revision=0)
    assert mine.states() == theirs.states()
    theirs.save(
        "a2", [sp("a2", "Kyiv", "GPE"), sp("a2", "Kyiv", "GPE", 1)], annotator="t", base_revision=1
    )
    theirs.save(
        "a4", [sp("a4", "@Kyiv", "GPE"), sp("a4", "Tallinn", "ORG")], annotator="t", base_revision=1
    )
    theirs.save("a1", [], annotator="t", base_revision=1)
    assert mine.states() == theirs.states() == open_store(folder).states()


@pytest.mark.parametrize(
    "text",
    ["K\rK and more", 'say "hi", ok', "two\nlines", "crlf\r\nline", "Київ, ünïcode ‘q’", "=1+1"],
)
def test_span_texts_that_stress_csv_round_trip(tmp_path, text) -> None:
    texts = {'id,"1"': text, "plain": "Kyiv"}
    store = AnnotationStore(tmp_path, texts, ("GPE",))
    spans = [Span(0, len(text.rstrip()), "", "GPE")]
    saved = store.save('id,"1"', spans, annotator='a "b", c', base_revision=0)
    store.save("plain", [Span(0, 4, "", "GPE")], annotator="a", base_revision=0)
    fresh = AnnotationStore(tmp_path, texts, ("GPE",))
    assert fresh.problems == ()
    assert fresh.get('id,"1"') == saved
    assert fresh.get('id,"1"').spans[0].text == text.strip()
