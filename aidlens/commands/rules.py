"""`rules`: list, add or remove the rules of a data folder (patterns.jsonl)."""

from __future__ import annotations

import argparse
import sys

from aidlens.analysis import open_workspace
from aidlens.annotations import check_label
from aidlens.commands._annotation import add_data_argument, data_dir, entities_with_progress
from aidlens.corpus import load_aliases
from aidlens.errors import StoreError
from aidlens.rules import PATTERNS_FILE, RuleOverlay, add_rule, load_rules, remove_rule

HELP = "List, add or remove rules: a text that is always an entity of one label (patterns.jsonl)."


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register `rules list`, `rules add --text T --label L` and `rules remove --text T`."""
    add_data_argument(p)
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("list", help="the rules, with how many spans each changes")
    add = actions.add_parser("add", help="make every TEXT an entity LABEL", allow_abbrev=False)
    add.add_argument("--text", required=True, help="the exact text, e.g. 'Kyiv'")
    add.add_argument("--label", required=True, help="the label every such text gets")
    remove = actions.add_parser("remove", help="delete the rule for TEXT", allow_abbrev=False)
    remove.add_argument("--text", required=True, help="the rule's exact text")


def list_rules(args: argparse.Namespace) -> int:
    """Print every rule with the spans it changes, and the file's bad lines; return 0."""
    folder = data_dir(args)
    ruleset = load_rules(folder)
    for problem in ruleset.problems:
        print(f"warning: {problem} (the line is skipped)", file=sys.stderr)
    if not ruleset.rules:
        print(f"no rules in {folder / PATTERNS_FILE}")
        return 0
    ws = open_workspace(folder, strict=False)
    model = entities_with_progress(ws, rules=False)
    overlay = RuleOverlay(model, ws.corpus.frame, load_aliases(folder))
    changes = overlay.changes(ruleset.rules)
    for rule in ruleset.rules:
        print(f"{rule.text}\t{rule.label}\t{changes[rule]} span(s) changed")
    return 0


def run(args: argparse.Namespace) -> int:
    """Run the action; return 0."""
    folder = data_dir(args)
    if args.action == "list":
        return list_rules(args)
    if args.action == "add":
        if not args.text.strip():
            raise StoreError("--text is empty; give the exact text the rule labels, e.g. 'Kyiv'")
        check_label(args.label, open_workspace(folder, strict=False).labels)
        _rules, new = add_rule(folder, args.text, args.label)
        if not new:
            print(f"'{args.text.strip()}' is already a rule for {args.label}; nothing to change")
            return 0
        print(f"added the rule '{args.text.strip()}' -> {args.label} to {folder / PATTERNS_FILE}")
        return 0
    remove_rule(folder, args.text)
    print(f"removed the rule '{args.text.strip()}' from {folder / PATTERNS_FILE}")
    return 0
