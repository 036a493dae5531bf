"""What the amount's clause says of it besides its stage: the words above it, and context.

frame_chain is the chain of words from the amount up to its clause's verb, which stage.py reads
for requests and vetoes (clause_path, the shorter walk context.py reads, stops at the first
verb but an xcomp or a participle); the rest find what makes a clause's amount a context
figure: several givers ("allies pledged"), pooled money, a running total, Ukraine's own money
or Russia's (the giver's own spending is purposes.py's, money for several countries
recipients.py's).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from aidlens.amounts.lexicon import RELATIVE_PRONOUNS
from aidlens.amounts.named import LABELS as GIVER_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from aidlens.amounts.doc_facts import DocFacts

# Deps of a verb that only describes a noun or serves another verb: the walk goes on above it.
DEPENDENT = frozenset({"xcomp", "acl", "relcl", "pcomp", "amod"})
# Deps of a clause of its own: its verb ends the frame.
CLAUSE = frozenset({"ROOT", "ccomp", "conj", "parataxis", "advcl"})
VERBS = frozenset({"VERB", "AUX"})
SEVERAL_GIVERS = "sum of several givers"  # pooled money: no one giver's commitment
# Verbs whose subject is the figure itself ("which reached", "which totals", "which is worth").
MEASURING = frozenset(
    {"be", "reach", "total", "amount", "stand", "exceed", "top", "hit", "surpass", "near", "equal"}
    | {"rise", "climb", "grow", "fall", "drop", "come", "run", "cost"}
)


def frame_chain(span: Span) -> list[Token]:
    """Return the words above the amount up to its clause's verb (included), nearest first,
    but none in another item of a list the amount is in (other_item)."""
    chain: list[Token] = []
    for tok in span.root.ancestors:
        if other_item(tok, span.root):
            continue
        chain.append(tok)
        if tok.pos_ in VERBS and tok.dep_ in CLAUSE and not _shares_frame(tok):
            break
    return chain


def other_item(tok: Token, root: Token) -> bool:
    """Return whether a word above an amount stands in another item of a list split by
    semicolons, which the parser often hangs one item on another's words: in "after the White
    House had asked for $33bn; $12.3bn in the stopgap" nothing asked for the $12.3bn, and in
    "Germany, €700m; blocked EPF tranche, €500m" only the €500m is blocked. The list's own
    head, before its colon, governs every item ("passed four laws: $13.6bn in March; ..."), and
    so does the sentence's verb before the amount, which later items leave out ("A fire unit
    costs €140m; a Patriot system, close to €1bn")."""
    lo, hi = sorted((tok.i, root.i))
    semicolons = _semicolons(tok.doc)
    k = bisect_right(semicolons, lo)
    if k == len(semicolons) or semicolons[k] >= hi:
        return False
    head = tok.dep_ == "ROOT" or any(t.text == ":" for t in tok.doc[lo + 1 : semicolons[k]])
    return not (tok.i < root.i and head)


@lru_cache(maxsize=2)
def _semicolons(doc: Doc) -> tuple[int, ...]:
    """Return the positions of a Doc's semicolons, found once per Doc: every word above every
    amount asks."""
    return tuple(t.i for t in doc if t.text == ";")


def _shares_frame(verb: Token) -> bool:
    """Return whether a conjoined verb with no subject of its own serves the same verb as the
    one it is joined to: "proposed extending the programme and enlarging it to NOK 135bn"."""
    head = verb.head
    if verb.dep_ != "conj" or head.pos_ not in VERBS or head.dep_ not in DEPENDENT:
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


# Plural nouns that name many givers at once: "allies pledged", "donors mobilised".
_MANY = "ally donor partner government country lender nation member participant delegation"
MANY_GIVERS = frozenset(_MANY.split())
EU_MEMBERS = "27"  # the Union's member states since 2020
TOGETHER = frozenset({"jointly", "together", "collectively"})
ASSEMBLING = frozenset({"put", "bring", "pull", "piece"})  # "putting together a package"
# Money raised by several givers at once: "$60bn had been mobilised at the conference".
POOLING_VERBS = frozenset({"mobilise", "mobilize", "pool"})
RECEIVING = frozenset({"receive", "get", "obtain"})  # the recipient's side: "received ... from"
# What a government does with its own money: "Ukraine's finance ministry raised 8bn hryvnias".
OWN_MONEY_VERBS = frozenset({"raise", "borrow", "spend", "earn", "collect", "issue"})
UKRAINE = frozenset({"ukraine", "kyiv", "ukrainian", "ukraine's"})
# What an appeal or a crowdfunding campaign raises is many private givers' money.
RAISING_VERBS = frozenset({"raise", "collect", "gather", "bring"})
APPEALS = frozenset({"appeal", "campaign", "fundraiser", "drive", "crowdfunding", "telethon"})
# Money Russia spends, earns or owes is never aid to Ukraine: "Russia's military spent $66bn".
RUSSIA = frozenset({"russia", "moscow", "kremlin"})
POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})
# A running total passes a mark: "Sweden's total support will exceed SEK 100 billion".
PASSING_VERBS = frozenset({"exceed", "surpass", "top", "reach", "pass", "near"})
TOTAL_WORDS = frozenset({"total", "overall", "cumulative", "combined"})
AID_NOUNS = frozenset({"support", "aid", "assistance", "funding", "help", "lending"})
PERIODS = frozenset({"week", "month", "year", "quarter", "decade"})
# Several laws or packages an amount sums: "approved $113bn across four bills" (not tranches:
# "€18bn in twelve monthly tranches" is one loan paid in parts).
PACKAGES = frozenset({"bill", "law", "package", "measure", "act", "appropriation", "supplemental"})
# Other countries written as a common noun: "for European partners", "to allies".
NATIONS = frozenset({"country", "partner", "ally", "neighbour", "neighbor", "nation", "state"})
# Verbs that size their subject: several packages so sized are a sum, not one commitment.
SUMMING_VERBS = frozenset({"be", "total", "amount", "come", "add", "reach"})


def several_givers(span: Span) -> bool:
    """Return whether the amount's clause has several givers: 'allies pledged', 'jointly fund'."""
    if _joint(span):
        return True
    verb = next((t for t in frame_chain(span) if t.pos_ in VERBS), None)
    if verb is not None and verb.lemma_.lower() in RECEIVING and _from_many(verb):
        return True  # "Ukraine received $42.5bn from partners last year"
    if verb is None or _from_one(span) or beside_its_giver(span) or _its_own(span):
        return False
    if verb.dep_ == "relcl" and any(c.dep_ == "poss" for c in verb.head.children):
        return False  # "the G7's loans, which together are worth ...": one group gives
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
    subjects = [next((c for c in s.children if c.dep_ == "pobj"), s) for s in subjects]
    # "Together, the G7 partners will lend": one group; "putting together a package": no givers.
    group = any(_named_owner(s) for s in subjects) or verb.lemma_.lower() in ASSEMBLING
    if not group and any(c.dep_ == "advmod" and c.lower_ in TOGETHER for c in verb.children):
        return True
    if any(_between_them(c) for tok in _around(span, verb) for c in tok.children):
        return True  # "have lined up $19.8bn in budget support between them"
    for subj in subjects:
        many = subj.tag_ in ("NNS", "NNPS") and subj.lemma_.lower() in MANY_GIVERS
        if many and not _named_owner(subj):
            return True  # but "G7 countries lend": the group gives
        names = [subj, *(c for c in subj.children if c.dep_ == "conj" and c.pos_ == "PROPN")]
        givers = [n for n in names if n.lower_ not in UKRAINE]  # "Ukraine and Japan signed"
        if subj.pos_ == "PROPN" and len(givers) > 1:
            return True  # "Denmark, Norway and Sweden said they would fund ..."
    return False


def _from_many(verb: Token) -> bool:
    """Return whether a verb's money comes "from" many givers no one group owns ("partners")."""
    froms = (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from")
    nouns = [o for p in froms for o in p.children if o.dep_ == "pobj"]
    return any(
        n.tag_ == "NNS" and n.lemma_.lower() in MANY_GIVERS and not _named_owner(n) for n in nouns
    )


def beside_its_giver(span: Span) -> bool:
    """Return whether the amount comes right after a giver's name, as lists give each its own
    figure: "Canada (C$5bn), Japan (¥471.9bn) and Britain (£2.26bn) make up the rest", "the
    other lenders are the EU, with €18.1bn; the United Kingdom, with £2.26bn" (not "provided
    Ukraine with $41.7bn")."""
    doc, i = span.doc, span.start - 1
    if i >= 2 and doc[i].lower_ == "with" and doc[i - 1].text == ",":
        i -= 1
    elif i < 1 or doc[i].text != "(":
        return False
    return doc[i - 1].ent_type_ in GIVER_LABELS


def _joint(span: Span) -> bool:
    """Return whether the amount's noun is a joint one ("a joint $500m package"), which no one
    giver owns ("the G7's joint loan" is the group's)."""
    noun = span.root.head if span.root.head.pos_ == "NOUN" else span.root
    joint = any(c.dep_ == "amod" and c.lower_ == "joint" for c in noun.children)
    return joint and not _named_owner(noun)


def _its_own(span: Span) -> bool:
    """Return whether the amount is one giver's "of its own" ("and Germany $500m of its own")."""
    owns = (o for p in span.root.children if p.lower_ == "of" for o in p.children)
    return any(o.lower_ == "own" and any(c.dep_ == "poss" for c in o.children) for o in owns)


def _named_owner(noun: Token) -> bool:
    """Return whether a noun is owned or named by one giver: "the G7's loans", "G7 countries",
    "EU governments", or counts the Union's members, who decide as one ("all 27 governments
    agreed")."""
    owners = ("poss", "compound", "nmod")
    named = any(c.dep_ in owners and c.pos_ == "PROPN" for c in noun.children)
    return named or any(c.dep_ == "nummod" and c.text == EU_MEMBERS for c in noun.children)


def _from_one(span: Span) -> bool:
    """Return whether the amount itself comes 'from' one giver ('a pledge of $5bn from Japan')."""
    for tok in (span.root, span.root.head):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "from":
                return True
    return False


def frame_context(span: Span) -> str:
    """Return why the clause makes the amount a context figure ('' when it does not).

    Pooled money ("mobilised"), a total passing a mark ("total support will exceed"), and
    Ukraine's own money ("Ukraine's finance ministry raised").
    """
    verb = next((t for t in frame_chain(span) if t.pos_ in VERBS), None)
    if verb is None:
        return ""
    lemma = verb.lemma_.lower()
    subject = verb_subject(verb)
    if subject is not None and span.start <= subject.i < span.end:
        subject = None  # "$60bn had been mobilised": the amount is the subject
    if lemma in POOLING_VERBS and not _from_one(span) and subject is None:
        return SEVERAL_GIVERS
    if _over_a_period(verb, span) or _since_participle(span, verb) or _over_packages(span, verb):
        return "running total"
    if _valued_over_a_period(verb, span):
        return "running total"
    if subject is None:
        return ""
    if lemma in SUMMING_VERBS and subject.tag_ == "NNS" and subject.lemma_.lower() in PACKAGES:
        return "running total"  # "The twelve packages together are worth about €590m"
    mods = [c for c in subject.children if c.dep_ in ("amod", "compound", "poss")]
    words = {subject.lower_, *(m.lower_ for m in mods)}
    if lemma in PASSING_VERBS and words & (TOTAL_WORDS | AID_NOUNS):  # "aid will exceed €12bn"
        return "running total"
    if lemma in RAISING_VERBS and subject.lemma_.lower() in APPEALS:
        return SEVERAL_GIVERS  # "The DEC appeal raised more than £120m": the public's
    if lemma in OWN_MONEY_VERBS and words & UKRAINE and not _from_one(span):
        return "Ukraine's own money"
    if {subject.lemma_.lower(), *(m.lemma_.lower() for m in mods if m.dep_ != "amod")} & RUSSIA:
        return "Russia's own money"  # the subject or its owner, not "Russian assets" (amod)
    return ""


def _over_a_period(verb: Token, span: Span) -> bool:
    """Return whether a perfect verb sums over a period: "has committed £2.3bn in 2022",
    "had sent $2bn since he took office", "has given €1bn so far". The period never holds the
    amount: "has sent nothing since a $300m drawdown in March" dates from it."""
    auxes = {c.lemma_.lower() for c in verb.children if c.dep_ == "aux"}
    if "have" not in auxes or verb.tag_ != "VBN":
        return False
    for child in verb.children:
        if child.left_edge.i <= span.root.i <= child.right_edge.i:
            continue
        # "since 2022", "so far"; not a bare "has since followed with €668m" (afterwards)
        since = child.lower_ == "since" and child.n_lefts + child.n_rights > 0
        if since or _so_far(child) or (child.dep_ == "advcl" and _since(child)):
            return True
        during = child.dep_ == "prep" and child.lower_ in ("in", "over", "during", "within")
        if during and any(_period(p) for p in child.children if p.dep_ == "pobj"):
            return True
    return False


def _valued_over_a_period(verb: Token, span: Span) -> bool:
    """Return whether the amount is what all that was given over a period is worth: "the
    military aid it has sent so far is worth more than €220m", "weapons sent from Poland since
    February are worth about $1.6bn" (not "the tanks it delivered last year are worth €500m")."""
    subject = verb_subject(verb)
    if span.root.head.lower_ != "worth" or subject is None:
        return False
    for clause in (c for c in subject.children if c.dep_ in ("relcl", "acl")):
        since = any(c.lower_ == "since" and c.n_lefts + c.n_rights > 0 for c in clause.children)
        if _over_a_period(clause, span) or (clause.tag_ == "VBN" and since):
            return True
    return False


def _so_far(tok: Token) -> bool:
    """Return whether a word is the 'far' of a running "so far", not of a superlative's ("the
    largest such drawdown so far")."""
    if tok.lower_ != "far":
        return False
    return not any(t.tag_ in ("JJS", "RBS") for t in tok.doc[max(tok.i - 5, 0) : tok.i])


def _since_participle(span: Span, verb: Token) -> bool:
    """Return whether a participle on the clause or the amount says since when: "counts $41bn
    in assistance committed since February" (hung on the verb, the amount or its noun)."""
    for tok in _around(span, verb):
        for part in (c for c in tok.children if c.dep_ in ("advcl", "acl") and c.tag_ == "VBN"):
            if any(c.lower_ == "since" and c.n_lefts + c.n_rights > 0 for c in part.children):
                return True
    return False


def _around(span: Span, verb: Token) -> list[Token]:
    """Return the words a modifier of the amount hangs on: the clause's verb, the amount, and
    the nouns it is 'in' or 'of' ("$41bn in assistance committed since February")."""
    root = span.root
    return [verb, root, *(o for p in root.children if p.lower_ in ("in", "of") for o in p.children)]


def _over_packages(span: Span, verb: Token) -> bool:
    """Return whether the amount sums several laws or packages: "approved $113bn across four
    bills", "has approved $175bn in five laws"."""
    for tok in (verb, span.root):
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            if any(c.dep_ == "pobj" and _counted_packages(c) for c in prep.children):
                return True
    return False


def _counted_packages(noun: Token) -> bool:
    """Return whether a noun counts several laws or packages ("four bills", "five laws")."""
    # The tag and lemma first: every word before an amount is asked.
    if noun.tag_ != "NNS" or noun.lemma_.lower() not in PACKAGES:
        return False
    return any(c.dep_ == "nummod" for c in noun.children)


def enumerated(span: Span, facts: DocFacts) -> bool:
    """Return whether the amount is one item of a list of counted laws or packages ("across
    four laws: $13.6bn in March, $40bn in May"): one of them, not their sum."""
    sent = facts.sent_of(span.start)  # Span.sent walks the tokens
    for noun in sent:
        if noun.i >= span.start:
            return False
        if not _counted_packages(noun):
            continue
        colon = next((t for t in sent if noun.i < t.i < span.start and t.text == ":"), None)
        # The colon closes the counted noun's phrase ("five laws passed since 2022:"), or an
        # adverbial the parser hangs on the verb ("in four bills since February 2022:"): no
        # other clause comes between.
        inside = {t.i for t in noun.subtree}
        doc = span.doc
        if colon is not None and all(
            i in inside or doc[i].pos_ not in VERBS for i in range(noun.i, colon.i)
        ):
            return True
    return False


def _between_them(prep: Token) -> bool:
    """Return whether a preposition shares the money out among its givers ('between them'),
    not lists what a package holds ("70 vehicles, among them 28 carriers")."""
    if prep.dep_ != "prep" or prep.lower_ not in ("between", "among", "amongst"):
        return False
    them = next((c for c in prep.children if c.lower_ in ("them", "themselves")), None)
    if them is None or len(list(prep.children)) > 1:
        return False
    after = them.nbor() if them.i + 1 < len(them.doc) else None
    return after is None or after.pos_ not in ("NUM", "PROPN", "NOUN", "DET", "ADJ")


def _since(clause: Token) -> bool:
    """Return whether a clause is introduced by 'since' ('since he took office')."""
    return any(c.dep_ == "mark" and c.lower_ == "since" for c in clause.children)


def _period(noun: Token) -> bool:
    """Return whether a noun names a period of time: a year ('2022'), a week, a month, a year."""
    return (noun.like_num and len(noun.text) == 4) or noun.lemma_.lower() in PERIODS


def verb_subject(verb: Token) -> Token | None:
    """Return the subject of a verb (a passive one's agent), if any."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON":
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def clause_path(span: Span) -> list[Token]:
    """Return the tokens from the amount up to its clause's verb (and the verb an xcomp serves)."""
    path = [span.root]
    for tok in span.root.ancestors:
        path.append(tok)
        # Past an xcomp ("asked Congress to approve") and a participle ("the total approved").
        if tok.pos_ in VERBS and tok.dep_ != "xcomp" and (tok.dep_, tok.tag_) != ("acl", "VBN"):
            break
    return path


def antecedent(tok: Token) -> Token:
    """Return the noun a relative pronoun stands for when its verb measures it ("the deficit,
    which reached C$62bn": 'deficit'), else the word itself: "a budget that sets aside C$500m
    for Ukraine" holds the amount, it is not its measure."""
    verb = tok.head
    measured = verb.dep_ == "relcl" and verb.lemma_.lower() in MEASURING
    return verb.head if measured and tok.lower_ in RELATIVE_PRONOUNS else tok
