"""Who the names and subjects around an amount are, when they are not its giver's verb's.

"Hungary vetoed the €50bn": Hungary blocks, the giver is elsewhere (donors.py skips it); so
do "at their summit in Italy" (a place), "through the World Bank" (a channel), "for NATO
allies" (one it is for) and a wire's dateline ("SEOUL, Oct. 3 (HRW) —"). Some still say who
gives when nothing else does: the setting a sentence opens on ("In Washington, the request
for $61.4bn") and a country's unnamed organ ("the government committed €20m"). The subject of
a receiving verb is the recipient ("Israel would receive $14.3bn"). A pronoun heading the
amount's clause gives for the name that is the subject before it (`pronoun_giver`: "Japan
waits. In May it doubled its loan to $600m"); any name before it, the first version, did worse
on the tuning sets (BENCHMARKS.md). The names themselves are the Doc's actors (`doc_actors`):
its entities and the known names the model left untagged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from aidlens.amounts.aid_stage import LEGISLATURES
from aidlens.amounts.blocking import SUBJECT_FAILS, VETOING, blocks, holds_block
from aidlens.amounts.lexicon import ACTOR, actor_names

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from aidlens.amounts.doc_facts import DocFacts

SUBJECTS = ("nsubj", "nsubjpass")
# A pronoun that vetoes stands for a state named just before it.
PRONOUNS = frozenset(("he", "she", "it", "they", "him", "her", "them"))
STATE_LABELS = frozenset(("GPE", "NORP"))
# A pronoun heading the amount's clause, or owning its noun, stands for a giver named before.
GIVING_PRONOUNS = frozenset(("it", "they", "its", "their"))
OPEN_CLAUSES = frozenset(("acl", "advcl", "xcomp", "conj"))  # may share their head's subject
ACTOR_LABELS = frozenset({"GPE", "ORG", "NORP", "PERSON"})  # leaders, even Kyiv, are PERSON
_VERBS = ("VERB", "AUX")
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside"})
# Meetings a place names where they sit ("NATO's Washington summit", "the Rome conference").
MEETINGS = frozenset({"summit", "conference", "meeting", "forum", "talks"})
# A loan's guarantor or backer is not its lender ("a $500m World Bank loan guaranteed by the UK").
BACKING = frozenset({"guarantee", "back"})
NOT_GIVING_VERBS = frozenset({"withdraw", "veto", "block", "oppose", "object", "host", "visit"})
CHANNEL_PREPOSITIONS = frozenset({"through", "via", "into", "to", "for", "alongside"})
# "with" the lender it works with is a channel too ("co-financed with the World Bank", "in
# cooperation with the World Bank"), though not "agreed with the IMF", whose money it is.
JOINT_WORDS = frozenset({"cooperation", "partnership", "conjunction", "tandem", "coordination"})
# A country's own organs, written without its name: "the government announced €500m" is the
# article's country's.
ORGANS = frozenset({"government", "cabinet", "coalition", "ministry", "minister", "chancellor"})
RECEIVING = frozenset({"receive", "get", "obtain"})  # whose subject is the recipient
CHANNEL_DEPTH = 4  # "into a fund managed by the World Bank": by, managed, fund, into
DATELINE_TAIL = 8  # "SEOUL, Oct. 3 (HRW) —": tokens from the place to the dash
DASHES = frozenset({"—", "–", "-", "--"})
# A gapped list's giver may carry a relative clause: "the EU, whose Parliament approved it, €18bn".
RELATIVE_WORDS = frozenset({"which", "who", "whose"})
RELATIVE_CLAUSE_WORDS = 20  # the longest such clause looked back over


def blocker(span: Span, subject_of: Callable[[Token], Span | None]) -> Span | None:
    """Return the actor blocking the amount ('Hungary vetoed the €50bn'), or None.

    The subject of a verb that only fails ('the bill failed', 'aid stalled') is what is
    blocked, and so is a subject holding the amount ('a bill with $60bn was blocked').
    """
    for tok in span.root.ancestors:
        if tok.pos_ not in _VERBS or not blocks(tok):
            continue
        heads = [c for c in tok.children if c.dep_ in SUBJECTS]
        if tok.lemma_.lower() in SUBJECT_FAILS or any(span.root in h.subtree for h in heads):
            return None
        return subject_of(tok)
    return None


def named_not_giving(ent: Span) -> bool:
    """Return whether an entity is written as a place ('at their summit in Italy', 'the Rome
    conference', 'the London-based bank'), a channel ('through the World Bank', 'into a World
    Bank fund', 'co-financed with the World Bank') or a state lifting its block."""
    head = ent.root.head
    if ent.root.dep_ == "pobj" and head.lower_ in PLACE_PREPOSITIONS:
        return True
    # A venue ("at NATO's Washington summit the prime minister added €95m", the small model
    # tags "Vilnius" ORG there); not "the G7 summit" or "the EU summit", a group's own.
    named = ent.label_ in ("GPE", "ORG") and all(t.is_alpha and t.is_title for t in ent)
    if named and ent.root.dep_ in ("compound", "nmod") and head.lemma_ in MEETINGS:
        return True
    if _is_channel(ent) or _based_in(ent):
        return True
    # The subject of a blocking verb is no giver: "after Hungary withdrew its objections"; nor
    # is one lifting its veto ("Budapest lifted its objection, and the €18bn can go ahead").
    blocking = head.lemma_.lower() in NOT_GIVING_VERBS or holds_block(head)
    return ent.root.dep_ == "nsubj" and blocking


def opening_setting(span: Span, sent: Span, ent_of: dict[int, Span]) -> Span | None:
    """Return the place the amount's sentence opens on, 'In Washington, the request for $61.4bn':
    a place elsewhere is no giver ('at the summit in Italy'), but a capital set before the comma
    is where the government acting sits, when no other name in the sentence gives."""
    if any(_state_vetoes(t) for t in span.root.ancestors if t.pos_ in _VERBS):
        return None  # "In Budapest, the government vetoed the €50bn": the blocker, not the giver
    first = ent_of.get(sent.start)
    if first is not None and in_dateline(first):  # "BERLIN — The cabinet approved €4bn"
        return first
    ent = ent_of.get(sent.start + 1)
    if sent[0].lower_ != "in" or ent is None or ent.start != sent.start + 1:
        return None
    return ent if ent.end < sent.end and sent.doc[ent.end].text == "," else None


def in_dateline(ent: Span) -> bool:
    """Return whether a name is a dateline's place ('SEOUL, Oct. 3 (HRW) — The United States
    approved $12.3bn', 'STRASBOURG / WASHINGTON —'): where the piece was filed, not who gives.
    Capitals and slashes from the sentence's start, then a dash before any lower-case word."""
    if not ent.text.isupper():  # first: Span.sent walks the tokens
        return False
    doc, sent = ent.doc, ent.sent
    if any(t.text not in "/," and not t.is_upper for t in doc[sent.start : ent.end]):
        return False
    for tok in doc[ent.end : min(ent.end + DATELINE_TAIL, sent.end)]:
        if tok.text in DASHES:
            return True
        if tok.is_lower and tok.is_alpha:
            return False
    return False


def unnamed_organ(span: Span) -> bool:
    """Return whether the first subject above the amount is a country's organ written without
    its name ('the government committed €20m', 'the prime minister promised $3bn', 'the
    cabinet's draft sets aside €4bn')."""
    for tok in span.root.ancestors:
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS] if tok.pos_ in _VERBS else []
        if not subjects:
            continue
        heads = [*subjects, *(p for c in subjects for p in c.children if p.dep_ == "poss")]
        return any(t.lemma_.lower() in ORGANS for t in heads)
    return False


def _state_vetoes(verb: Token) -> bool:
    """Return whether a verb vetoes and its subject is not a house or party, who hold up their
    own country's aid ("In Washington, Republicans blocked the $61bn"; a government refusing its
    own package, "rejected", does not veto)."""
    subjects = (c for c in verb.children if c.dep_ in SUBJECTS)
    return verb.lemma_.lower() in VETOING and not any(c.lower_ in LEGISLATURES for c in subjects)


def unparsed_vetoer(verb: Token, ent_of: dict[int, Span]) -> Span | None:
    """Return the actor written just before a vetoing verb the parser left without a subject
    ('On 6 December Hungary blocked the €18bn': Hungary is parsed into the date's phrase)."""
    if verb.lemma_.lower() not in VETOING or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    i = verb.i - 1
    while i >= 0 and verb.doc[i].pos_ in ("AUX", "ADV", "PART"):
        i -= 1
    ent = ent_of.get(i)
    return ent if ent is not None and ent.end == i + 1 and ent.sent == verb.sent else None


def pronoun_vetoer(
    verb: Token, ent_of: dict[int, Span], is_state: Callable[[Span], bool]
) -> Span | None:
    """Return the state a pronoun vetoing stands for: the last state named before it in its
    sentence or the one before ("Hungary's prime minister was out of the room, but he then
    vetoed the €50bn"), so that the state is no giver of what it blocks."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.lemma_.lower() not in VETOING or subject is None or subject.lower_ not in PRONOUNS:
        return None
    sent = verb.sent
    first = sent.doc[sent.start - 1].sent.start if sent.start else sent.start
    for i in range(subject.i - 1, first - 1, -1):
        ent = ent_of.get(i)
        if ent is not None and ent.label_ in STATE_LABELS and is_state(ent):
            return ent
    return None


def pronoun_giver(
    span: Span, ent_of: dict[int, Span], may_give: Callable[[Span], bool]
) -> Span | None:
    """Return the giver a pronoun stands for: the subject of the amount's clause ("Japan is
    patient. In May it doubled its loan to $600m") or the owner of its noun ("Its first
    €500m"), when `may_give`. It is the last subject before it in its sentence ("Tokyo said
    it would double"); a pronoun heading a subject with none before stands for the subject of
    the sentence before. A subject that is no name takes the pronoun ("The idea is that the EU
    pays half. It replaces"; "the cabinet said it would pay")."""
    pronoun = _giving_pronoun(span)
    if pronoun is None:
        return None
    sent = pronoun.sent
    # The last subject written before it: "Norway put its share at NOK 1.5bn, and Denmark said
    # it was setting aside $90m" is Denmark's.
    before = [t for t in sent[: pronoun.i - sent.start] if t.dep_ in SUBJECTS]
    subject = next((t for t in reversed(before) if not _pronominal(t)), None)
    heads = pronoun if pronoun.dep_ in SUBJECTS else pronoun.head
    if subject is None and heads.dep_ in SUBJECTS and sent.start:
        root = sent.doc[sent.start - 1].sent.root
        subject = next((c for c in root.children if c.dep_ in SUBJECTS), None)
    found = None if subject is None else _name_of(subject, ent_of)
    return found if found is not None and may_give(found) else None


def _pronominal(subject: Token) -> bool:
    """Return whether a subject is a giving pronoun or owned by one ("its contribution", "the
    IMF, whose board approved": the board is the IMF's, named before it)."""
    owners = [subject, *(c for c in subject.children if c.dep_ == "poss")]
    return any(t.lower_ in GIVING_PRONOUNS or t.lower_ == "whose" for t in owners)


def _name_of(subject: Token, ent_of: dict[int, Span]) -> Span | None:
    """Return the name a subject is, or whose organ it is ("Japan's government": Japan), else
    None: "Germany's €3bn top-up ... It also matches" is about the money, not Germany."""
    if subject.i in ent_of:
        return ent_of[subject.i]
    if subject.lemma_.lower() not in ORGANS:
        return None
    return entity_child(subject, ent_of, ("poss", "compound", "amod"))


def _giving_pronoun(span: Span) -> Token | None:
    """Return the pronoun owning the amount's noun, else the subject of its first verb."""
    for tok in (span.root, span.root.head):  # "its first €500m", "its $600m loan"
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is not None and tok.pos_ not in _VERBS:
            return owner if owner.lower_ in GIVING_PRONOUNS else None
    # A clause without a subject of its own takes its head's: "a loan co-financed with the
    # World Bank", "it doubled a loan, financed with the World Bank, to $600m".
    for verb in (t for t in span.root.ancestors if t.pos_ in _VERBS):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject if subject.lower_ in GIVING_PRONOUNS else None
        if verb.dep_ not in OPEN_CLAUSES:
            return None
    return None


def listed_before(span: Span, ent_of: dict[int, Span]) -> Span | None:
    """Return the actor written just before the amount: 'Canada C$5bn', 'the Dutch government
    €500m', 'Germany another $500m', 'Canada, with another $500m' (a gapped clause of a list of
    pledges)."""
    doc, i = span.doc, span.start - 1
    if i >= 0 and doc[i].lower_ == "another":
        i -= 1
    if i >= 0 and doc[i].lower_ == ",":  # "the EU, whose Parliament approved it, €18.1bn"
        i = _before_relative_clause(doc, i)
    joined = i >= 0 and doc[i].lower_ == "with"
    if joined:
        i -= 2 if i >= 1 and doc[i - 1].lower_ == "," else 1
    if i < 0:
        return None
    if i in ent_of:
        return ent_of[i]
    tok = doc[i]
    # After "with" only a name itself: "a World Bank fund, with $3bn of it" is no giver's list.
    if tok.pos_ != "NOUN" or tok.dep_ == "compound" or joined:
        return None
    return entity_child(tok, ent_of, ("amod", "compound", "poss"))


def _before_relative_clause(doc: Doc, comma: int) -> int:
    """Return the index just before a relative clause set off by commas that ends at `comma`
    ("the European Union, whose Parliament approved its part, €18.1bn": the clause's name
    gives the gapped figure), else `comma`: any other aside keeps its own words."""
    for j in range(comma - 1, max(comma - RELATIVE_CLAUSE_WORDS, 0), -1):
        if doc[j].is_sent_start or doc[j].lower_ in (";", ":"):
            return comma
        if doc[j].lower_ == ",":
            return j - 1 if doc[j + 1].lower_ in RELATIVE_WORDS else comma
    return comma


def entity_child(tok: Token, ent_of: dict[int, Span], deps: tuple[str, ...]) -> Span | None:
    """Return the actor attached to `tok` by one of `deps` ('the German government')."""
    return next((ent_of[c.i] for c in tok.children if c.dep_ in deps and c.i in ent_of), None)


def _is_channel(ent: Span) -> bool:
    """Return whether an entity is inside a phrase the money goes through or into: "channel
    $4.5bn through the World Bank", "disbursed $20bn to a World Bank fund", "into a fund
    managed by the World Bank", "co-financed with the World Bank", or names the loans another
    guarantees ("$3bn in World Bank loan guarantees"). A few words up, so as not to climb out
    of the phrase."""
    if _guaranteed(ent.root):
        return True
    for tok in list(ent.root.ancestors)[:CHANNEL_DEPTH]:
        if tok.dep_ == "prep" and tok.lower_ in CHANNEL_PREPOSITIONS:
            return True
        if tok.dep_ == "prep" and tok.lower_ == "with" and _joint(tok.head):
            return True
        if tok.pos_ in _VERBS and tok.dep_ not in ("acl", "relcl"):
            return False
    return False


def _based_in(ent: Span) -> bool:
    """Return whether a place is where something is based ("the London-based bank"): the
    bank gives, not the city."""
    doc = ent.doc
    return (
        ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ == "based"
    )


def _guaranteed(tok: Token) -> bool:
    """Return whether a name heads a compound on a guarantee ("$3bn in World Bank loan
    guarantees"): the lender's loans, another's guarantee."""
    while tok.dep_ == "compound":
        tok = tok.head
        if tok.lemma_.lower() == "guarantee":  # the small model tags it a verb there too
            return True
    return False


def _joint(head: Token) -> bool:
    """Return whether a word says two lenders act together ("co-financed", "cooperation")."""
    doc, i = head.doc, head.i
    prefixed = i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "co"
    return prefixed or head.lower_.startswith("co-") or head.lemma_.lower() in JOINT_WORDS


def passing_agent(noun: Token) -> Token | None:
    """Return who passed, approved or proposed the noun, as a participle's agent says ('a bill
    passed by the U.S. Senate', 'the facility proposed by the Commission'); not one blocking it
    ('a package vetoed by Hungary') nor backing it ('a World Bank loan guaranteed by the UK')."""
    for verb in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        if blocks(verb) or verb.lemma_.lower() in NOT_GIVING_VERBS | BACKING:
            continue
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def beside(tok: Token) -> bool:
    """Return whether a word on the path is a preposition that puts a noun beside the amount's
    rather than measuring it ("payments under the €18bn programme"; not "of", "worth")."""
    return tok.dep_ == "prep" and tok.lower_ not in ("of", "worth")


def receiver(word: Token | None, ent_of: dict[int, Span]) -> Span | None:
    """Return the named subject of a receiving verb, the amount's recipient: "Israel would
    receive $14.3bn" is money for Israel, as "$14.3bn for Israel" is."""
    if word is None or word.lemma_.lower() not in RECEIVING:
        return None
    subject = next((c for c in word.children if c.dep_ == "nsubj"), None)
    return ent_of.get(subject.i) if subject is not None else None


def overlap(a: Span, b: Span) -> bool:
    """Return whether two spans share a token."""
    return a.start < b.end and b.start < a.end


def doc_actors(facts: DocFacts) -> list[Span]:
    """Return the doc's actor entities plus known names the model left untagged ('Kyiv') or
    cut short ('Group of' ORG, 'Seven' CARDINAL): a known name wins over entities inside it."""
    tagged = [e for e in facts.ents if e.label_ in ACTOR_LABELS]
    at = {i: e for e in tagged for i in range(e.start, e.end)}
    spans = {(e.start_char, e.end_char) for e in tagged}
    for m in actor_names().finditer(facts.text):
        if m.span() in spans:
            continue  # as most names: an entity already, with nothing shorter inside it
        span = facts.doc.char_span(m.start(), m.end(), label=ACTOR)
        if span is None:
            continue
        # By identity: these spans never overlap, so no two are equal, and a Span's hash
        # hashes its Doc, label and offsets.
        inside = {id(at[i]): at[i] for i in range(span.start, span.end) if i in at}.values()
        if any(e.start <= span.start and span.end <= e.end for e in inside):
            continue  # an entity holding the name: "the Bank of England" is not England
        # The name replaces the entities inside it and those it cuts: the model's "Apulia the
        # Group of" (ORG) and "Seven" are "the Group of Seven".
        for e in inside:
            for i in range(e.start, e.end):
                at.pop(i, None)
        at.update(dict.fromkeys(range(span.start, span.end), span))
    return sorted({id(e): e for e in at.values()}.values(), key=lambda e: e.start)
