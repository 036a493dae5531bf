"""What an amount is for, and who asks for it: the giver's own spending or defence, a need.

Money a giver spends on its own forces ("a €100bn fund to re-equip its own armed forces", "could
mobilise up to €800bn for European defence") and what an appeal or a relief plan asks for ("The
flash appeal asks for $1.1bn") are context figures: no giver commits them to Ukraine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidlens.amounts.clause import APPEALS, POSSESSIVES, UKRAINE, VERBS, frame_chain, verb_subject

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from aidlens.amounts.doc_facts import DocFacts

# What an appeal or a relief plan asks for is a need that many givers may meet: "The flash
# appeal asks for $1.1bn", "the regional refugee plan seeks $690m", "UN agencies seek $3.1bn".
ASKING_VERBS = frozenset({"ask", "seek", "request"})
RELIEF_ASKERS = frozenset({"agency", "charity", "ngo"}) | APPEALS
RELIEF_WORDS = frozenset({"humanitarian", "response", "refugee", "flash", "relief", "un", "aid"})
UN_NAMES = frozenset({"un", "nations", "ocha", "unhcr", "unicef", "wfp"})
OWN_DEFENCE = POSSESSIVES | {"own", "european", "europe", "europe's", "national", "collective"}


def appeal_target(span: Span) -> bool:
    """Return whether an appeal, a relief plan or a UN agency asks for the amount (a need the
    plan sets, no giver's request): "The flash appeal asks for $1.1bn", "launched their plans,
    asking for $3.32bn", not "The White House asks Congress for $24bn"."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "for" and _appeal(root.head.head):
        return True  # "launched a flash appeal for $1bn"
    verb = next((t for t in frame_chain(span) if t.pos_ in VERBS), None)
    if verb is None or verb.lemma_.lower() not in ASKING_VERBS:
        return False
    subject = verb_subject(verb)
    if subject is None and verb.dep_ in ("advcl", "xcomp"):  # "..., asking for $3.3bn"
        subject = verb_subject(verb.head)
    # "the humanitarian needs and response plan seeks $2.63bn": either subject may say it
    return subject is not None and any(_relief_asker(s) for s in (subject, *subject.conjuncts))


def _appeal(noun: Token) -> bool:
    """Return whether a noun is an appeal or campaign ("a flash appeal for $1bn")."""
    return noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() in APPEALS


def _relief_asker(subject: Token) -> bool:
    """Return whether the subject of an asking verb is an appeal, a relief plan or UN agency."""
    lemma = subject.lemma_.lower()
    mods = {
        t.lower_
        for c in subject.children
        if c.dep_ in ("amod", "compound", "poss")
        for t in c.subtree
    }
    if lemma in RELIEF_ASKERS or (lemma == "plan" and mods & RELIEF_WORDS):
        return True
    return subject.ent_type_ == "ORG" and subject.lower_ in UN_NAMES


# After "on its own", what the giver keeps the money for ("spends £50bn on its own defence"),
# not how it gives ("each lent on its own terms").
OWN_USES = frozenset({"defence", "defense", "military", "armed", "army", "forces", "industry"})


def own_spending(words: list[str]) -> bool:
    """Return whether the words after the amount (words_after) keep it for the giver and name
    no Ukraine: "a €100bn fund to re-equip its own armed forces", "and Germany added $500m of
    its own" (not "€1bn of arms for Ukraine from its own stocks"). Read from the words, as the
    parse of such purpose clauses is often broken; spending on defence is own_defence's, which
    stage_order.py asks first."""
    if UKRAINE & set(words):
        return False
    # "from its own stocks" is where the aid comes from, not what it is for; "and Germany added
    # $500m of its own" is its own contribution; "each a separate drawdown with its own list"
    # is what it holds, and "worth €2bn on its own", "each lent on its own schedule" how it is
    # ("spends £50bn on its own defence" is still the giver's).
    for i, (word, own) in enumerate(zip(words, words[1:], strict=False)):
        if word not in POSSESSIVES or own != "own":
            continue
        before, after = words[i - 1] if i else "", words[i + 2 : i + 3]
        manner = before == "on" and not set(after) & OWN_USES  # "lent on its own schedule"
        if before not in ("from", "of", "with") and not manner:
            return True
    return False


def own_defence(words: list[str]) -> bool:
    """Return whether the words after the amount (words_after) spend it on the giver's own
    defence and name no Ukraine ("could mobilise up to €800bn for European defence")."""
    return not UKRAINE & set(words) and _on_defence(words)


def words_after(span: Span, facts: DocFacts) -> list[str]:
    """Return the words after the amount to the end of its clause (lower case)."""
    words: list[str] = []
    doc = span.doc
    for tok in (doc[i] for i in range(span.end, facts.sent_of(span.start).end)):
        if tok.lower_ in (";", ":") or (tok.lower_ == "and" and words[-1:] == [","]):
            break
        words.append(tok.lower_)
    return words


def _on_defence(words: list[str]) -> bool:
    """Return whether the words spend the money 'on'/'to' defence or the armed forces ("an
    extra £13.4bn a year on defence", "add $9bn to defence", "on the Dutch armed forces")."""
    for i, w in enumerate(words):
        # "according to Defence Minister Ruben Brekelmans" names a source, not a use.
        if w not in ("on", "to") or words[i - 1 : i] == ["according"]:
            continue
        rest = words[i + 1 : i + 5]
        if rest[:1] in (["defence"], ["defense"]) or "armed forces" in " ".join(rest):
            return True
    return any(_for_own_defence(words[i + 1 : i + 4]) for i, w in enumerate(words) if w == "for")


def _for_own_defence(rest: list[str]) -> bool:
    """Return whether the words after 'for' name the givers' own defence ("for European
    defence", "for Europe's own defence"), not a kind of aid ("for air defence")."""
    defence = next((k for k, w in enumerate(rest) if w in ("defence", "defense")), None)
    return defence is not None and defence > 0 and set(rest[:defence]) <= OWN_DEFENCE
