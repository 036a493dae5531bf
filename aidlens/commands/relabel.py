"""`relabel`: relabel or remove every span with a given text, in every article of the corpus."""

from __future__ import annotations

import argparse

from aidlens.analysis import open_workspace
from aidlens.annotations import apply_everywhere, check_annotator, check_label, preview_everywhere
from aidlens.commands._annotation import add_data_argument, data_dir, entities_with_progress
from aidlens.errors import StoreError

HELP = "Relabel (or remove) every span whose text is TEXT, in every article of the corpus."


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the options of `relabel`."""
    add_data_argument(p)
    p.add_argument("--text", required=True, help="the exact span text, e.g. 'Kyiv'")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--label", help="the label every such span gets")
    what.add_argument("--remove", action="store_true", help="remove every such span")
    p.add_argument("--annotator", required=True, help="your name, recorded with the save")


def run(args: argparse.Namespace) -> int:
    """Relabel or remove the spans in one save; return 0."""
    annotator = check_annotator(args.annotator)
    text = args.text.strip()
    if not text:
        raise StoreError("--text is empty; give the exact text of the spans to change")
    ws = open_workspace(data_dir(args))
    if args.label is not None:
        check_label(args.label, ws.labels)
    entities = entities_with_progress(ws)
    changes = preview_everywhere(ws.store, entities, text, args.label)
    if not changes:
        if args.label is None or not (entities["text"] == text).any():
            raise StoreError(
                f"no span has the text '{text}' in the corpus; give a span's exact text "
                "(case and spaces count)"
            )
        print(f"every span '{text}' is already {args.label}; nothing to change")
        return 0
    apply_everywhere(ws.store, changes, annotator=annotator)
    spans = sum(c.changed for c in changes)
    what = f"relabelled {args.label}" if args.label else "removed"
    print(f"{spans} span(s) '{text}' {what} in {len(changes)} article(s)")
    return 0
