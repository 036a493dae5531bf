"""`review-amount`: correct or confirm one amount mention, saved to amount_reviews.csv."""

from __future__ import annotations

import argparse
from dataclasses import replace

from aidlens.amounts import AID_TYPES
from aidlens.analysis import model_amounts, open_workspace, review_from_amounts
from aidlens.annotations import (
    REVIEW_STAGES,
    AmountReview,
    MentionIndex,
    check_annotator,
    check_review,
    known_currencies,
)
from aidlens.commands._annotation import add_data_argument, data_dir
from aidlens.errors import InputError, Problem, StoreError

HELP = "Correct or confirm one amount mention (stage, donor, value, part_of, commitment...)."
NEW = "new"  # --commitment new: split the mention out into a commitment of its own


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Register the options of `review-amount`."""
    add_data_argument(p)
    p.add_argument("--article", required=True, help="the article id (articles.csv `id`)")
    p.add_argument("--start", required=True, type=int, help="first character of the amount")
    p.add_argument("--end", required=True, type=int, help="character after the amount")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--not-aid", metavar="REASON", help="not aid to Ukraine, and why")
    what.add_argument("--stage", help=f"one of {', '.join(REVIEW_STAGES)}")
    what.add_argument("--donor", help="the giver's name, e.g. 'United States'")
    what.add_argument("--recipient", help="who receives it (default Ukraine)")
    what.add_argument("--aid-type", help=", ".join(AID_TYPES))
    what.add_argument("--value", help="the amount in units of its currency, e.g. 350000000")
    what.add_argument("--part-of", metavar="START", help="START (or ID:START) of the whole")
    what.add_argument("--commitment", metavar="ID", help=f"merge into ID ('{NEW}': split out)")
    what.add_argument("--confirm", action="store_true", help="mark reviewed as it is")
    p.add_argument("--currency", help="with --value: the ISO currency code, e.g. EUR")
    p.add_argument("--reason", help="with --stage: the cue that decided it, in a few words")
    p.add_argument("--annotator", required=True, help="your name, recorded with the save")


def run(args: argparse.Namespace) -> int:
    """Check the correction, apply it to the mention and save it; return 0."""
    annotator = check_annotator(args.annotator)
    if args.currency is not None and args.value is None:
        raise StoreError("--currency goes with --value; give both, e.g. --value 2e9 --currency EUR")
    if args.reason is not None and args.stage is None:
        raise StoreError("--reason goes with --stage; for a figure that is not aid use --not-aid")
    ws = open_workspace(data_dir(args), strict=False)
    store = ws.amount_store
    assert store is not None  # open_workspace always opens it
    if store.problems:
        fix = Problem(str(store.path), "fix or delete the rows above by hand, then run again")
        raise InputError([*store.problems, fix])
    text = store.text(args.article)
    key = (args.article, args.start, args.end)
    # Every refusal that needs no extraction comes first: a refused command writes nothing.
    probe = _changed(AmountReview(*key, stage="pledged", reason="probe"), args)
    check_review(probe, text, MentionIndex({key: ""}), known_currencies(ws.data_dir))
    amounts = model_amounts(ws, article_ids=[args.article])
    store.use_amounts(amounts)
    revision, reviews = store.article(args.article)
    current = {r.key: r for r in reviews}
    review = _changed(current.get(key) or review_from_amounts(amounts, key, text), args)
    others = [r for r in reviews if r.key != key]
    revision, saved = store.save(
        args.article, [*others, review], annotator=annotator, base_revision=revision
    )
    done = next(r for r in saved if r.key == key)
    print(f"article {args.article}: {_describe(done)}")
    print(f"saved revision {revision}: {len(saved)} reviewed amount(s) in this article")
    return 0


def _changed(r: AmountReview, args: argparse.Namespace) -> AmountReview:
    """Return the review with the command's one change applied."""
    own = f"{r.article_id}:{r.start}"
    if args.not_aid is not None:
        return replace(r, stage="", reason=args.not_aid.strip(), commitment_id="")
    if args.stage is not None:
        r = replace(r, stage=args.stage, reason=(args.reason or r.reason).strip())
        if args.stage in ("pledged", "delivered") and not r.commitment_id:
            r = replace(r, commitment_id=own)  # charted only with a commitment: its own
        return r
    if args.value is not None:
        value = _number(args.value)
        return replace(r, value=value, currency=(args.currency or r.currency).strip().upper())
    if args.part_of is not None:
        part = args.part_of.strip()
        return replace(r, part_of=part if ":" in part else f"{r.article_id}:{part}")
    if args.commitment is not None:
        ident = args.commitment.strip()
        if not ident:
            raise StoreError(f"--commitment '' is empty; give an id, or '{NEW}' to split out")
        return replace(r, commitment_id=own if ident == NEW else ident)
    for field, value in (
        ("donor", args.donor),
        ("recipient", args.recipient),
        ("aid_type", args.aid_type),
    ):
        if value is not None:
            return replace(r, **{field: value.strip()})
    return r  # --confirm


def _number(raw: str) -> float | str:
    """Return `raw` as a float, or as given so that the store's check names it."""
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return raw


def _describe(r: AmountReview) -> str:
    """Return one line saying what the mention now is."""
    what = f"'{r.text}' ({r.start}-{r.end})"
    if not r.stage:
        return f"{what} is not aid: {r.reason}"
    value = "" if r.value is None else f" {r.value:,.0f} {r.currency}"
    part = f", part of {r.part_of}" if r.part_of else ""
    return f"{what} {r.stage}{value} by {r.donor or '?'}, commitment {r.commitment_id or '-'}{part}"
