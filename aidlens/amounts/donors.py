"""Who gives an amount, to whom, what kind of aid and at which stage, read from its sentence.

The words come from the shipped tables (lexicon.py): donor aliases, aid verbs, and aid
keywords (matched as whole words, case-insensitively, in the sentence). Extraction reads only
the shipped files, because its rows are cached per pipeline; a data folder's aliases.csv
applies later, in `role_names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aidlens.amounts.aid_stage import DELIVERY_NOUNS, LEGISLATURES, aid_stage
from aidlens.amounts.aid_types import aid_type_of
from aidlens.amounts.alternation import word_pattern
from aidlens.amounts.blocking import blocks, holds_block, vetoing_verbs
from aidlens.amounts.clause import other_item
from aidlens.amounts.instruments import instrument_of, measured_owner, sentence_owner
from aidlens.amounts.lenders import bare_fund, fund_is_another, lender_named_before
from aidlens.amounts.lexicon import (
    NOT_DONORS,
    RELATIVE_PRONOUNS,
    aid_keywords,
    aid_verbs,
    bare_organ,
    donor_names,
    gives,
    role_name,
)
from aidlens.amounts.recipients import RECIPIENT_DEFAULT, recipient_of
from aidlens.amounts.subjects import (
    beside,
    blocker,
    doc_actors,
    entity_child,
    in_dateline,
    listed_before,
    named_not_giving,
    opening_setting,
    overlap,
    passing_agent,
    pronoun_giver,
    pronoun_vetoer,
    unparsed_vetoer,
)
from aidlens.amounts.wholes import AMOUNT_MODIFIERS, share_noun, whole_of_share, whole_owners
from aidlens.corpus import load_aliases

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from aidlens.amounts.doc_facts import DocFacts

SHARE_OWNERS = ("amod", "compound", "nmod")  # "the American share", "the US share"


@dataclass(frozen=True)
class Roles:
    """An amount's donor and recipient as written in the text, aid type and stage."""

    donor: str
    recipient: str
    aid_type: str
    stage: str
    reason: str = ""  # the aid word that set the stage
    named_recipient: str = ""  # the recipient written 'to'/'for' the amount, if any
    blockers: str = ""  # the states that veto anything in the text ('|'), no fallback givers


class RoleFinder:
    """Finds donor, recipient, aid type and stage of amounts; build once and reuse."""

    def __init__(self) -> None:
        self.verbs = aid_verbs()
        self.aliases = load_aliases()  # shipped table only: cached rows must not depend on a folder
        self._actors: dict[str, str] = {}
        # The surnames of the donors' people the Doc being read names in full ("Sánchez" after
        # "Pedro Sánchez"): set per Doc, since another article's "Johnson" is another man.
        self._surnames: frozenset[str] = frozenset()
        self._other_fund = False  # per Doc: its "the Fund" is another fund than the IMF
        # One regex over the sentence text: faster than a Matcher over every token of the doc.
        self.aid_types = dict(aid_keywords())
        self.keywords = word_pattern(self.aid_types, flags=re.IGNORECASE)

    def actor(self, text: str) -> str:
        """Return the actor an entity text stands for, by the shipped tables."""
        if text not in self._actors:
            self._actors[text] = role_name(text, self.aliases)
        return self._actors[text]

    def __call__(self, facts: DocFacts, spans: list[Span], sents: list[Span]) -> list[Roles]:
        """Return the roles of each amount span of a Doc (its facts), given the sentence of each."""
        if not spans:
            return []
        doc, text = facts.doc, facts.text
        actors = doc_actors(facts)
        self._surnames = self._people(actors)
        self._other_fund = fund_is_another(actors, self.actor)  # "the Fund" is CERF there
        ent_of = {i: e for e in actors for i in range(e.start, e.end)}
        names_ukraine = any(self.actor(e.text) == RECIPIENT_DEFAULT for e in actors)
        blocking = self._blocking_states(doc, ent_of)
        keywords: dict[int, list[tuple[int, str]]] = {}  # per sentence: its amounts share them
        out = []
        for span, sent in zip(spans, sents, strict=True):
            giver, word = self._giver(span, ent_of)
            share = self._share_owner(span, ent_of)  # "paid the American share, $20bn"
            giver = share.text if share is not None else giver
            wholes = whole_owners(span, ent_of)  # "its $20bn share of the G7 loan"
            before = listed_before(span, ent_of)  # "Canada C$5 billion" in a list
            if before is not None and self.actor(before.text) in donor_names():
                giver = before.text
            donor = self._full_name(giver, actors) if giver else ""
            donor = measured_owner(span, text) or donor  # "agreed the €50bn Ukraine Facility"
            if not donor:  # the instrument's donor, before the nearest name in the sentence
                whole_givers = {self.actor(w) for w in wholes}
                owner, pooled = sentence_owner(span, sent, text, whole_givers)
                if (not owner or pooled) and not giver:
                    skip = [*blocking, *wholes, *([owner] if pooled else [])]
                    owner = self._fallback(span, sent, actors, ent_of, skip)
                donor = owner
            donor = donor or lender_named_before(span, sent, actors, self.actor)  # "Its board"
            named = recipient = recipient_of(span, word, ent_of, self.actor)
            if not recipient and names_ukraine:
                recipient = RECIPIENT_DEFAULT
            if sent.start not in keywords:
                keywords[sent.start] = self._keywords(sent, text)
            aid_type = aid_type_of(span, keywords[sent.start])
            stage, reason = aid_stage(span, word, self.verbs)
            roles = Roles(donor, recipient, aid_type, stage, reason, named, "|".join(blocking))
            out.append(roles)
        return out

    def _fallback(
        self, span: Span, sent: Span, actors: list[Span], ent_of: dict[int, Span], vetoes: list[str]
    ) -> str:
        """Return the donor when no aid verb names one: the name a pronoun heading the clause
        stands for, else the nearest name, neither blocking the amount nor a state vetoing in
        the text (`vetoes`), else the place the sentence opens on ("In Washington, ..."). A
        state blocking is not the giver ("Hungary vetoed the €50bn"); a house or a party
        blocking holds up its own country's aid ("Congress blocked $60bn")."""
        blocking = blocker(span, lambda verb: self._vetoer(verb, ent_of))
        skip = set(vetoes) | ({blocking.text} if blocking and self._is_state(blocking) else set())
        pronoun = pronoun_giver(span, ent_of, lambda e: self._may_give(e, skip))
        near = pronoun.text if pronoun else self._nearest_donor(span, sent, actors, skip)
        if found := self._full_name(near, actors):
            return found
        setting = opening_setting(span, sent, ent_of)  # "In Washington, the request for $61.4bn"
        if setting is None or {setting.text, self.actor(setting.text)} & skip:
            return ""
        return setting.text if self.actor(setting.text) in donor_names() else ""

    def _people(self, actors: list[Span]) -> frozenset[str]:
        """Return the surnames of donors' people named in full ("Pedro Sánchez" -> "Sánchez"):
        later mentions use them alone. Only people: "the Bank" of "the World Bank" is not one."""
        names = {e.text for e in actors if e.label_ == "PERSON" and " " in e.text}
        return frozenset(n.split()[-1] for n in names if self.actor(n) in donor_names())

    def _blocking_states(self, doc: Doc, ent_of: dict[int, Span]) -> list[str]:
        """Return the states vetoing or holding a veto anywhere in the text (a piece on a veto
        names its vetoer most), but no state refusing its own aid ('Washington's stopgap')."""
        names = set()
        for verb in vetoing_verbs(doc):
            subject = self._vetoer(verb, ent_of)
            if subject is not None and self._is_state(subject):
                names.add(self.actor(subject.text))
        return sorted(names - {RECIPIENT_DEFAULT})

    def _vetoer(self, verb: Token, ent_of: dict[int, Span]) -> Span | None:
        """Return a blocking verb's subject, the actor before a vetoing one left without, or the
        state a pronoun vetoing stands for."""
        found = self._subject(verb, ent_of) or unparsed_vetoer(verb, ent_of)
        if found is None and verb.dep_ == "xcomp":  # "Hungary continues to hold up €500m"
            found = self._subject(verb.head, ent_of)
        return found or pronoun_vetoer(verb, ent_of, self._is_state)

    def _is_state(self, ent: Span) -> bool:
        """Return whether an actor names a state or its government ('Hungary', 'Budapest'), not
        one of its houses or parties ('Congress', 'Republicans', who hold up their own aid)."""
        return not any(t.lower_ in LEGISLATURES for t in ent)

    def _state_blocks(self, verb: Token, subject: Span) -> bool:
        """Return whether `subject`, a state, blocks what `verb` governs, or lifts its veto on
        it ('Budapest will lift its veto on the €18bn loan'): it is not the giver."""
        return (blocks(verb) or holds_block(verb)) and self._is_state(subject)

    def _full_name(self, name: str, actors: list[Span]) -> str:
        """Return the full name of a short one written earlier ('Commission' after 'the European
        Commission'), the name itself when it is a known donor, '' for a bare institution."""
        if not name or self.actor(name) in donor_names():
            return name
        longer = (e.text for e in actors if e.text.endswith(" " + name))
        full = next((t for t in longer if self.actor(t) in donor_names()), "")
        # A bare institution ("the Council", "the Treasury", "the defence ministry") names no
        # country: leave it to the earlier amounts' donor.
        bare = name.istitle() and " " not in name and name.isalpha()
        common = not any(w[:1].isupper() for w in name.split() if w.lower() != "the")
        return full or ("" if bare or common else name)

    def _is_donor(self, ent: Span, direct: bool) -> bool:
        """Return whether an entity can be a giver: a known donor, or a GPE/ORG named directly."""
        text = ent.text  # Span.text makes a Token of each word: once
        name = self.actor(text)
        dated = in_dateline(ent)
        if name in NOT_DONORS or bare_organ(name) or instrument_of(text, 0, len(text), 0) or dated:
            return False  # "the Ukraine Facility" is what is given, not who gives
        if self._other_fund and bare_fund(text):
            return False
        return self._known(text) or (direct and ent.label_ in ("GPE", "ORG"))

    def _known(self, text: str) -> bool:
        """Return whether an entity text names a known donor, or a surname of one the Doc
        names in full (whom _full_name then names in full)."""
        return self.actor(text) in donor_names() or text in self._surnames

    def _giver(self, span: Span, ent_of: dict[int, Span]) -> tuple[str, Token | None]:
        """Return (giver text or '', aid word) from the dependency path above the amount."""
        word: Token | None = None
        inherited = False  # the aid verb's subject was a pronoun or missing: look a clause up
        clause: Token | None = None  # the first verb above the amount
        path = [span.root, *(t for t in span.root.ancestors if not other_item(t, span.root))]
        share = share_noun(span) is not None  # its owner is _share_owner's, read later
        for i, tok in enumerate(path):
            if i >= 3 and whole_of_share(span.root, path[i - 2], path[i - 1], tok):
                return "", word  # the whole's giver is its instrument's or the sentence's
            owner = entity_child(tok, ent_of, ("poss",))  # "Germany's €2bn package"
            if owner is None and tok.lemma_ == "be":  # "The EU's own contribution is €18bn"
                subjects = [c for c in tok.children if c.dep_ == "nsubj"]
                owner = next(
                    (o for c in subjects if (o := entity_child(c, ent_of, ("poss",)))), None
                )
            if owner is None and tok.pos_ == "NOUN" and i and _to_give(path[i - 1]):
                named = entity_child(tok, ent_of, ("compound",))  # "the G7 plan to lend $50bn"
                owner = named if named and self.actor(named.text) in donor_names() else None
            agent = passing_agent(tok) if tok.pos_ == "NOUN" else None
            owner = owner or (ent_of.get(agent.i) if agent is not None else None)
            if owner is None and i == 1 and span.root.dep_ in AMOUNT_MODIFIERS and not share:
                named = entity_child(tok, ent_of, SHARE_OWNERS)  # "the €2bn German package"
                owner = named if named and self._known(named.text) else None
            if owner is None and i <= 1 and tok.pos_ in ("NOUN", "NUM"):
                owner = self._source_of(tok, ent_of)  # "a EUR 270 million loan from the EBRD"
                owner = owner or self._relative_giver(tok, ent_of)
            if owner is not None and self._is_donor(owner, True):
                return owner.text, word
            if i == 0:
                continue
            info = self.verbs.get(tok.lemma_.lower())
            # A noun counts only when it names the stage itself ("tranche"), not a giving verb's
            # homograph ("a fund of CHF 1.5bn" is no delivery), and only over the amount's own
            # noun ("payments under the €18bn programme" are not the programme).
            noun = tok.pos_ not in ("VERB", "AUX") and tok.lemma_.lower() not in DELIVERY_NOUNS
            if info is not None and noun and (info.giver or beside(path[i - 1])):
                info = None
            if word is None and info is not None:
                word = tok
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            if info is not None and not info.giver:  # "Ukraine received $1bn from the IMF"
                source = self._source(tok, ent_of)
                return (source.text if source else ""), word
            if inherited or (info is not None and info.giver):
                subject = self._subject(tok, ent_of)
                # Not the amount itself, which the model may tag ORG ("the EUR 2bn reserved").
                giver = subject is not None and not overlap(subject, span)
                giver = giver and self._is_donor(subject, not inherited)
                if giver and not self._state_blocks(tok, subject):  # "Slovakia refused to"
                    return subject.text, word
                inherited = True
            clause = clause or tok
            if tok.dep_ == "conj" and any(c.dep_ == "nsubj" for c in tok.children):
                break  # "..., and Ottawa buys a system for C$406m": a clause of its own
        # No aid verb names a giver: a known donor heading the amount's clause still does
        # ("Norway pointed to its programme of 75 billion kroner").
        subject = self._subject(clause, ent_of) if clause is not None else None
        heads = subject is not None and self.actor(subject.text) in donor_names()
        if heads and not self._state_blocks(clause, subject):
            return subject.text, word
        return "", word

    def _relative_giver(self, noun: Token, ent_of: dict[int, Span]) -> Span | None:
        """Return the giver a relative clause on the amount's noun names ('the €18bn loan that
        the EU wants to give'), read before the verb above, which may be another's ('Hungary
        vetoed')."""
        for clause in (c for c in noun.children if c.dep_ in ("relcl", "acl")):
            verbs = [clause, *(c for c in clause.children if c.dep_ == "xcomp")]
            if not any(gives(v) for v in verbs):
                continue
            subject = self._subject(clause, ent_of)
            if subject is not None and self._is_donor(subject, True):
                return None if self._state_blocks(clause, subject) else subject
        return None

    def _share_owner(self, span: Span, ent_of: dict[int, Span]) -> Span | None:
        """Return the donor named on the share noun the amount measures ('the US share of the
        G7 loans, $20bn'; 'the $20bn American share'), or None."""
        share = share_noun(span)
        owner = None if share is None else entity_child(share, ent_of, SHARE_OWNERS)
        if owner is not None and not overlap(owner, span) and self._is_donor(owner, True):
            return owner
        return None

    def _subject(self, verb: Token, ent_of: dict[int, Span]) -> Span | None:
        """Return the actor that is the verb's subject (or passive agent), if any."""
        for child in verb.children:
            if child.dep_ == "agent":
                child = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ != "nsubj":
                continue
            whose = any(c.lower_ == "whose" for c in child.children)  # "the IMF, whose staff"
            if (child.lower_ in RELATIVE_PRONOUNS or whose) and verb.dep_ == "relcl":
                child = verb.head  # "Germany, which sent €2bn"
            if child.pos_ == "PRON":
                return None
            ent = ent_of.get(child.i)
            if ent is not None and in_dateline(ent):
                continue  # "SEOUL, Oct. 3 — The United States approved": the parse's two subjects
            owner = entity_child(child, ent_of, ("compound", "amod", "poss"))
            if ent is not None and (owner is None or self.actor(ent.text) in donor_names()):
                return ent
            return owner  # "Germany's Treasury disbursed": the country gives
        return None

    def _source(self, verb: Token, ent_of: dict[int, Span]) -> Span | None:
        """Return the donor after 'from' under a receiving verb or its object."""
        for tok in [verb, *verb.children]:
            if (ent := self._source_of(tok, ent_of)) is not None:
                return ent
        return None

    def _source_of(self, tok: Token, ent_of: dict[int, Span]) -> Span | None:
        """Return the donor after 'from' under a word ("a loan from the EBRD") or what it is in
        ("$139m in guarantees from the Netherlands")."""
        inside = [o for p in tok.children if p.lower_ == "in" for o in p.children]
        for prep in (c for t in (tok, *inside) for c in t.children):
            if prep.dep_ == "prep" and prep.lower_ == "from":
                for pobj in prep.children:
                    ent = ent_of.get(pobj.i)
                    if ent is not None and self._is_donor(ent, True):
                        return ent
        return None

    def _nearest_donor(self, span: Span, sent: Span, actors: list[Span], skip: set[str]) -> str:
        """Return the text of the known donor closest to the amount in its sentence, but those
        in `skip` (written as, or standing for)."""
        best: tuple[int, int, str] | None = None
        for ent in actors:
            if ent.end <= sent.start or ent.start >= sent.end or overlap(ent, span):
                continue
            if not self._may_give(ent, skip):
                continue
            text = ent.text
            after = ent.start >= span.end
            distance = ent.start - span.end if after else span.start - ent.end
            key = (distance, int(after), text)  # ties: the one written before
            best = key if best is None or key < best else best
        return best[2] if best else ""

    def _may_give(self, ent: Span, skip: set[str]) -> bool:
        """Return whether a name may be the giver found near an amount: a known donor written
        as one, not in `skip` (written as, or standing for)."""
        if ent.text in skip or self.actor(ent.text) in skip:
            return False
        return self._is_donor(ent, False) and not named_not_giving(ent)

    def _keywords(self, sent: Span, text: str) -> list[tuple[int, str]]:
        """Return (offset, aid type) of each aid keyword of a sentence of `text`."""
        return [
            (m.start(), self.aid_types[m.group(0).lower()])
            for m in self.keywords.finditer(text, sent.start_char, sent.end_char)
        ]


def _to_give(verb: Token) -> bool:
    """Return whether a verb is an infinitive that gives, said of the noun above it ("the G7
    plan to lend Ukraine $50bn"), not a participle ("the G7 loans backed by asset income")."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return verb.dep_ in ("acl", "xcomp") and infinitive and gives(verb)
