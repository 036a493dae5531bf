"""Turn a processed Doc into amount rows: find the money, read its roles and stage, link parts.

The finder (finder.py) gives the spans (misparses.py mends their parse); donors.py the giver,
recipient and aid word (a national currency's amount is that country's); stage.py the stage
from the frame; parts.py part and whole. Then the learned aid check (aid_model.py), when a
model is shipped, has the last word on whether each amount that is not a part is aid."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import TYPE_CHECKING

from aidlens.amounts.aid_model import AidCheck, aid_probabilities, decide, load_aid_model
from aidlens.amounts.aid_stage import NO_AID_WORD
from aidlens.amounts.carried import CurrencyRun
from aidlens.amounts.currencies import HOME_COUNTRY
from aidlens.amounts.doc_facts import DocFacts
from aidlens.amounts.dollars import AFTER_CHARS, converted_after, named_dollar
from aidlens.amounts.donors import RoleFinder, Roles
from aidlens.amounts.features import mention_features, sentence_features
from aidlens.amounts.finder import DOTTED_MAGNITUDES, AmountFinder
from aidlens.amounts.instruments import instrument_of
from aidlens.amounts.lexicon import donor_names
from aidlens.amounts.misparses import reattach
from aidlens.amounts.named import named_giver
from aidlens.amounts.named_dates import told_of
from aidlens.amounts.parse import ParsedAmount, parse_amount
from aidlens.amounts.parts import link_parts
from aidlens.amounts.periods import is_rate
from aidlens.amounts.rates import same_at_reference
from aidlens.amounts.recipients import RECIPIENT_DEFAULT, names_ukraine
from aidlens.amounts.reference import reference_of
from aidlens.amounts.respective import respective_givers
from aidlens.amounts.revisions import earlier_asks, revisions
from aidlens.amounts.sketch import SKETCH_COLUMNS, sentence_sketch
from aidlens.amounts.stage_cues import StageCue
from aidlens.amounts.stage_order import decide_stage
from aidlens.amounts.subjects import unnamed_organ
from aidlens.amounts.wholes import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

__all__ = ["AMOUNT_COLUMNS", "AmountExtractor", "AmountFinder", "ParsedAmount", "parse_amount"]
SHIPPED = "shipped"  # the aid model in aidlens/amounts/data/aid_model

# "€2bn ($2.2bn)", "€2bn, or $2.2bn", "€50bn, about $54bn": the second amount restates the
# first in another currency. A bare comma counts only before an approximation, and so does a
# comma after more words ("the US$40 billion law signed in May, roughly PLN 176 billion") or a
# bracket after them ("a $2.6bn package (about PLN 11.2bn)") when the two are one figure at
# the reference rates (within RESTATE_WITHIN).
_RESTATE_GAP = re.compile(r"^\s*(?:\(|,?\s*or|/|[-–—])\s*$")
_BRACKET_GAP = re.compile(r"^[\w\s'-]*\(\s*$")  # words, no other mark: one phrase
# "€18.1bn, worth roughly $20bn", "SDR 11.6bn, the equivalent of $15.6bn": a word that says
# what the first is worth restates it only when the two are one figure at the reference rates
# ("€500m, which is more than $1bn" is not).
_WORTH_GAP = re.compile(
    r"^\s*,?\s*(?:worth|(?:the )?equivalent (?:to|of)|equal to|which is|that is)\s*$"
)
_ROUGHLY = "about around roughly approximately some nearly almost"
_APPROXIMATE = frozenset({*_ROUGHLY.split(), "just over", "close to", "just under"})
# A sentence that converts: "At current exchange rates that is roughly €7 billion."
_CONVERTS = re.compile(r"\b(?:exchange rates?|(?:today's|current) rates?)\b", re.IGNORECASE)
# A sentence that points back at the figure before it: "That is roughly CZK 1.2 trillion.",
# "The law, equal to about 51 trillion won, passed ...".
_POINTS_BACK = re.compile(
    r"(?:^|,)\s*(?:that is|that's|this is|equal to|(?:the )?equivalent (?:to|of))\s*$",
    re.IGNORECASE,
)
CONVERT_REACH = 3  # sentences a conversion cue reaches back over ("How much is that in euros?")
RESTATE_WITHIN = 0.15  # a writer's rate of the day against the 2022-2025 mean
RESTATE_WORDS = 12  # the longest gap read as one phrase of the first amount
AMOUNT_COLUMNS = (
    "start",
    "end",
    "text",
    "value",
    "value_high",
    "currency",
    "qualifier",
    "vague",
    "donor",
    "recipient",
    "aid_type",
    "stage",
    "sentence",
    "restates",
    "reason",
    "part_of",
    "instrument",
    "blockers",
    "tranche_of",
    "revises",  # the offset of the figure it revises: "raised the $10bn ask to $13.6bn"
    "told",
    "organ",  # an unnamed organ gives: "the government committed €20m" (subjects.py)
    "reference",  # "the $61bn" points back, "a further $800m" is new (reference.py)
    "named",  # the giver named last before an amount that names none (named.py)
    "rate",  # a yearly or monthly figure ("€1.5bn a month"): links only to rates (linking.py)
    *SKETCH_COLUMNS,  # the sentence's content words, for the linker (sketch.py)
)


class AmountExtractor:
    """Turns a Doc into amount rows (AMOUNT_COLUMNS); build once per pipeline, from its vocab."""

    def __init__(self, vocab: Vocab, aid_model: AidCheck | str | None = SHIPPED):
        """`aid_model`: the learned aid check, SHIPPED, or None for the rules alone."""
        self.find = AmountFinder(vocab)
        self.roles = RoleFinder()
        self.aid_model = load_aid_model() if aid_model == SHIPPED else aid_model

    def __call__(
        self, doc: Doc, text: str | None = None, ents: tuple[Span, ...] | None = None
    ) -> list[dict]:
        """Return one row per money amount in `doc`, donor and recipient as written.

        `text` is the text `doc` was made from, and `ents` its entities, when the caller has
        them: Doc.text joins every token anew, and Doc.ents makes a Span of each entity.
        """
        rows, kept = self._rule_rows(DocFacts(doc, text, ents))
        if self.aid_model is not None and rows:
            probabilities = aid_probabilities(self.aid_model, _features(rows, kept))
            for row, (_, _, verb_stage), p in zip(rows, kept, probabilities, strict=True):
                decide(row, p, verb_stage)
        _follow_restated(rows)
        return rows

    def rule_rows(self, doc: Doc) -> tuple[list[dict], list[list[str]]]:
        """Return the rows the rules alone give `doc`, and each row's feature words."""
        rows, kept = self._rule_rows(DocFacts(doc))
        return rows, _features(rows, kept)

    def _rule_rows(self, facts: DocFacts) -> tuple[list[dict], list[tuple[Span, Span, str]]]:
        """Return the rules' rows and, for each, (span, sentence, the aid word's stage)."""
        spans = reattach(self.find(facts.doc, facts.ents))
        if not spans:
            return [], []
        text = facts.text  # Doc.text joins every token: only when there are amounts
        span_sents = [facts.sent_of(s.start) for s in spans]  # Span.sent walks the tokens
        rows: list[dict] = []
        mentions: list[Mention] = []
        kept: list[tuple[Span, Span, str]] = []  # span, sentence, the aid word's stage
        prev: tuple[Span, Span, ParsedAmount] | None = None
        prev_roles = prev_cue = None
        said_donor = 0  # the token after the last amount that names its donor
        run = CurrencyRun()  # the currency written last, which a bare figure takes
        roles_of = self.roles(facts, spans, span_sents)
        paired = _paired(spans, span_sents, text)
        for k, (span, sent, roles) in enumerate(zip(spans, span_sents, roles_of, strict=True)):
            roles = replace(roles, donor=paired[k]) if k in paired else roles
            end = _end_char(span)
            said = text[span.start_char : end]  # Span.text makes a Token of each word
            country = self.roles.actor(roles.donor) if roles.donor else None
            following = text[end : end + AFTER_CHARS]  # "$500m Canadian"
            parsed = parse_amount(said, country or run.krone_country)
            parsed = named_dollar(parsed, said, following)
            if parsed.value is None and not parsed.vague:
                continue
            parsed = run.carry(span, parsed, country)
            restates = prev is not None and _restates(text, prev, (span, sent, parsed))
            if restates:  # the same amount in another currency: the same donor, aid and stage
                roles, cue = prev_roles, prev_cue
            else:
                first = prev is None or prev[1].start != sent.start  # no figure before it
                roles = self._home_giver(roles, parsed, first, converted_after(following))
                aid = StageCue(roles.stage, roles.reason)
                other = self._other(roles)
                foreign = bool(other) and self._foreign(other, roles)
                cue = decide_stage(span, facts, aid, other, k in paired, foreign)
            sentence = text[sent.start_char : sent.end_char].strip()
            rows.append(
                {
                    "start": span.start_char,
                    "end": end,
                    "text": said,
                    "value": parsed.value,
                    "value_high": parsed.value_high,
                    "currency": parsed.currency,
                    "qualifier": parsed.qualifier,
                    "vague": parsed.vague,
                    "donor": roles.donor,
                    "recipient": roles.recipient,
                    "aid_type": roles.aid_type,
                    "stage": cue.stage,
                    "sentence": sentence,
                    "restates": restates,
                    "instrument": instrument_of(
                        text, sent.start_char, sent.end_char, span.start_char
                    ),
                    "blockers": roles.blockers,
                    "told": told_of(text, sent.start_char, sent.end_char, span.start_char),
                    "organ": not roles.donor and unnamed_organ(span),
                    "reference": reference_of(span),
                    "named": "" if roles.donor else self._named(facts, sent, span, said_donor),
                    "rate": is_rate(span),
                    **dict(zip(SKETCH_COLUMNS, sentence_sketch(sentence), strict=True)),
                }
            )
            other = self._other(roles)
            for_ukraine = (bool(roles.named_recipient) or names_ukraine(span)) and not other
            donor = self.roles.actor(roles.donor) if roles.donor else ""
            mentions.append(
                Mention(
                    span,
                    sent.start,
                    parsed.value,
                    parsed.currency,
                    cue.stage,
                    cue.reason,
                    for_ukraine,
                    restates,
                    donor,
                    for_other=other not in ("", donor),
                )
            )
            prev, prev_roles, prev_cue = (span, sent, parsed), roles, cue
            said_donor = span.end if roles.donor else said_donor
            kept.append((span, sent, roles.stage))
        link_parts(mentions)
        revised = _revised(mentions)
        for k, (row, m) in enumerate(zip(rows, mentions, strict=True)):
            row.update(
                stage=m.stage,
                reason=m.reason,
                part_of=_start_of(mentions, m.part_of),
                tranche_of=_start_of(mentions, m.tranche_of),
                revises=_start_of(mentions, revised.get(k)),
            )
        return rows, kept

    def _home_giver(
        self, roles: Roles, parsed: ParsedAmount, first: bool, converted: bool
    ) -> Roles:
        """Return the roles with the giver whose own money the currency is, if any: "SEK 4.3bn"
        is Sweden's whoever else is named. Its sentence's `first` figure, approximated ("The US
        package, about PLN 3.4bn") or `converted` in brackets for a known giver ("Congress
        approved ¥6 trillion ($45 billion)"), converts another giver's money for the home
        reader: it stays the giver its aid word's frame names."""
        home = HOME_COUNTRY.get(parsed.currency)
        if home is None or (roles.donor and self.roles.actor(roles.donor) == home):
            return roles
        framed = roles.donor and roles.reason != NO_AID_WORD
        converted &= self.roles.actor(roles.donor) in donor_names()  # not "The Defence Strategy"
        if framed and first and (converted or parsed.qualifier in _APPROXIMATE):
            return roles
        return replace(roles, donor=home)

    def _named(self, facts: DocFacts, sent: Span, span: Span, after: int) -> str:
        """Return the giver named last before an amount that names none, in its sentence or the
        one before, after the last amount that names its donor (named.py)."""
        first = facts.sent_of(sent.start - 1).start if sent.start > 0 else sent.start
        stop = bisect_left(facts.ent_starts, span.start)  # the entities before the amount
        return named_giver(facts.ents, max(first, after), stop, self.roles.actor)

    def _foreign(self, other: str, roles: Roles) -> bool:
        """Return whether the other recipient is surely not the giver's own organ: not the giver,
        and no giver at all when the amount names none ("$13.1bn for the Pentagon" is the US's
        money for Ukraine's war; "$14.3bn for Israel" is money for Israel)."""
        if roles.donor:
            return other != self.roles.actor(roles.donor)
        return other not in donor_names()

    def _other(self, roles: Roles) -> str:
        """Return the recipient written for the amount when it is not Ukraine ('' otherwise)."""
        named = self.roles.actor(roles.named_recipient) if roles.named_recipient else ""
        return "" if named in ("", RECIPIENT_DEFAULT) else named


def _paired(spans: list[Span], sents: list[Span], text: str) -> dict[int, str]:
    """Return amount position -> the giver "respectively" writes for it in its sentence
    ("Sweden and Norway are contributing $275m and $135m respectively"), of the Doc's `text`."""
    if "respectively" not in text.lower():
        return {}  # as most texts: no sentence of theirs need be read word by word
    by_sentence: dict[int, list[int]] = {}
    for k, sent in enumerate(sents):
        by_sentence.setdefault(sent.start, []).append(k)
    paired: dict[int, str] = {}
    for at in by_sentence.values():
        givers = respective_givers([spans[i] for i in at], sents[at[0]])
        paired.update({at[k]: giver for k, giver in givers.items()})
    return paired


def _revised(mentions: list[Mention]) -> dict[int, int]:
    """Return the figure each amount revises (revisions.py), unless one is the other's part."""
    found = earlier_asks(mentions) | revisions([m.span for m in mentions])
    wholes = {(i, w) for i, m in enumerate(mentions) for w in (m.part_of, m.tranche_of)}
    return {b: a for b, a in found.items() if (b, a) not in wholes and (a, b) not in wholes}


def _end_char(span: Span) -> int:
    """Return where the amount's text ends: before the full stop the tokenizer keeps on "m."
    at a sentence end ("paid $500m."), which is no part of the figure a reviewer marks."""
    dotted = span[-1].lower_ in DOTTED_MAGNITUDES
    return span.end_char - 1 if dotted else span.end_char


def _start_of(mentions: list[Mention], index: int | None) -> str:
    """Return the character offset of the mention at `index`, as text ('' for None)."""
    return "" if index is None else str(mentions[index].span.start_char)


def _follow_restated(rows: list[dict]) -> None:
    """Give each restatement ("€250m (about CZK 6.3bn)") the final verdict of the amount it
    restates, the row before it: one figure, one stage, whatever the check made of each."""
    for before, row in zip(rows, rows[1:], strict=False):
        if row["restates"]:
            for key in ("stage", "reason", "part_of", "tranche_of"):
                row[key] = before[key]


def _features(rows: list[dict], kept: list[tuple[Span, Span, str]]) -> list[list[str]]:
    """Return the feature words of each row, from its (span, sentence, stage) in `kept`."""
    sentences: dict[int, list[str]] = {}  # a sentence's own features, read once for its amounts
    out = []
    for (span, sent, _), row in zip(kept, rows, strict=True):
        if sent.start not in sentences:
            sentences[sent.start] = sentence_features(sent)
        out.append(mention_features(span, sent, row, sentences[sent.start]))
    return out


def _converts(text: str, prev: tuple, this: tuple) -> bool:
    """Return whether a sentence converts the last amount of a sentence before it into another
    currency: "NOK 75 billion. At current exchange rates that is roughly €7 billion." (a few
    sentences on, a caller's question between), "That is roughly CZK 1.2 trillion.", "The law,
    equal to about 51 trillion won, passed" (the sentence right after it)."""
    (_, before_sent, before_parsed), (span, sent, parsed) = prev, this
    # The words before the amount, cut from the Doc's text the extractor holds (Doc.text would
    # join every token of the Doc again for each amount).
    said = text[sent.start_char : span.start_char]
    if not (_CONVERTS.search(sent.text) or _POINTS_BACK.search(said)):
        return False
    adjacent = before_sent.end == sent.start
    if not adjacent and not _converts_after(sent.doc[before_sent.end : sent.start]):
        return False
    # Its only amount: "Japan's share is ¥471.9bn, about $3bn at current rates" converts its own.
    if any(e.label_ == "MONEY" and e.start != span.start for e in sent.ents):
        return False
    return _one_figure(before_parsed, parsed)


def _converts_after(between: Span) -> bool:
    """Return whether a conversion cue reaches back over these sentences: a few, none long."""
    return len(list(between.sents)) <= CONVERT_REACH and len(between) <= CONVERT_REACH * 20


def _one_figure(before: ParsedAmount, this: ParsedAmount) -> bool:
    """Return whether two amounts in two currencies are one figure at the reference rates."""
    figures = (before.value, before.currency), (this.value, this.currency)
    return None not in (before.value, this.value) and same_at_reference(*figures, RESTATE_WITHIN)


def _restates(text: str, prev: tuple, this: tuple) -> bool:
    """Return whether an amount restates the one just before it in another currency.

    Both are (span, sentence, ParsedAmount).
    """
    (before, before_sent, before_parsed), (span, sent, parsed) = prev, this
    if not parsed.currency or before_parsed.currency in ("", parsed.currency):
        return False
    if before_sent.start != sent.start:
        return _converts(text, prev, this)
    gap = text[before.end_char : span.start_char]
    if _RESTATE_GAP.match(gap):
        return True
    one_phrase = len(gap.split()) <= RESTATE_WORDS and not any(c in gap for c in ";:")
    # "€18bn in loans for Ukraine next year, worth about PLN 84bn": after its phrase
    after_phrase = one_phrase and "," in gap and _WORTH_GAP.match(gap[gap.rfind(",") :])
    if _WORTH_GAP.match(gap) or after_phrase:
        return _one_figure(before_parsed, parsed)
    # "a $2.6 billion package (about PLN 11.2 billion)": a bracket after a few words of the
    # first amount's phrase restates it as a comma before an approximation does.
    bracket = _BRACKET_GAP.match(gap) is not None
    if not bracket and (parsed.qualifier not in _APPROXIMATE or not gap.rstrip().endswith(",")):
        return False
    if gap.strip() == ",":
        return True
    return one_phrase and _one_figure(before_parsed, parsed)
