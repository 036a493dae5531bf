"""`correct`: label, relabel or remove one span of one article, through the annotation store."""

from __future__ import annotations

import argparse

from aidlens.analysis import open_workspace
from aidlens.annotations import (
    STATUSES,
    check_annotator,
    check_label,
    check_offsets,
    new_span,
    overlapping,
    remove_span,
    with_span,
    working_spans,
)
from aidlens.commands._annotation import add_data_argument, data_dir, entities_with_progress

HELP = "Correct one span of an article: give it a label (adding or relabelling it) or remove it."


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the options of `correct`."""
    add_data_argument(p)
    p.add_argument("--article", required=True, help="the article id (articles.csv `id`)")
    p.add_argument("--start", required=True, type=int, help="first character of the span")
    p.add_argument("--end", required=True, type=int, help="character after the span")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--label", help="label to give the span (a new span replaces overlaps)")
    what.add_argument("--remove", action="store_true", help="remove the span at these offsets")
    p.add_argument("--annotator", required=True, help="your name, recorded with the save")
    p.add_argument("--status", choices=STATUSES, help="also set the article's review status")


def run(args: argparse.Namespace) -> int:
    """Apply the correction and save it; return 0."""
    annotator = check_annotator(args.annotator)
    ws = open_workspace(data_dir(args))
    store = ws.store
    text = store.text(args.article)
    start, end = check_offsets(text, args.start, args.end)
    if args.label is not None:
        check_label(args.label, ws.labels)
    state = store.get(args.article)
    entities = None if state.touched else entities_with_progress(ws, article_ids=[args.article])
    spans = working_spans(state, entities) if entities is not None else state.spans
    if args.remove:
        spans = remove_span(spans, start, end)
        done = f"removed the span {start}-{end} '{text[start:end]}'"
    else:
        span = new_span(text, start, end, args.label, ws.labels)
        replaced = [s for s in overlapping(spans, start, end) if s.key != span.key]
        spans = with_span(spans, span)
        done = f"labelled '{span.text}' ({start}-{end}) {args.label}"
        if replaced:
            done += "; replaced " + ", ".join(f"'{s.text}' {s.label}" for s in replaced)
    saved = store.save(
        args.article, spans, annotator=annotator, base_revision=state.revision, status=args.status
    )
    print(f"article {args.article}: {done}")
    print(f"saved revision {saved.revision}: {len(saved.spans)} span(s), status {saved.status}")
    return 0
