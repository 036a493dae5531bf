"""Build the amounts table of a corpus from cached per-text rows, with pandas over all rows.

Per text the cache holds what the sentence says (amounts.AMOUNT_COLUMNS, donor as written);
here, per article, donors become canonical (the data folder's aliases apply), a missing donor
becomes the article's main donor, values become US dollars and mentions get commitment ids.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from aidlens.amounts.aid_model import CHARTED
from aidlens.amounts.commitments import assign_commitments, parent_ids
from aidlens.amounts.currencies import CURRENCY_GIVER, OWN_CURRENCY
from aidlens.amounts.dollars import local_dollars
from aidlens.amounts.extractor import AMOUNT_COLUMNS
from aidlens.amounts.lexicon import donor_names, role_names
from aidlens.amounts.linking import ROUNDED, LinkModel
from aidlens.amounts.rates import reference_usd, usd_values
from aidlens.amounts.shares import member_shares, shared_parts
from aidlens.amounts.standing import (
    TOO_LARGE,
    keep_standing,
    parts_of_context,
    parts_take_their_whole,
    restating_context,
    unbacked_to_context,
)
from aidlens.corpus import Corpus

AMOUNTS_CSV_COLUMNS = (
    "article_id",
    "published",
    "start",
    "end",
    "text",
    "value",
    "value_high",
    "currency",
    "value_usd",
    "qualifier",
    "vague",
    "donor",
    "recipient",
    "aid_type",
    "stage",
    "commitment_id",
    "sentence",
    "reason",
    "part_of",
    "parent_id",
    "reviewed",
)
# The table also carries the instrument (commitments.csv shows it; amounts.csv keeps the contract).
AMOUNTS_TABLE_COLUMNS = (*AMOUNTS_CSV_COLUMNS, "instrument")
DONOR_ENTITY_LABELS = ("GPE", "ORG", "NORP")
GROUP_DONORS = frozenset({"European Union", "G7", "NATO"})  # named as places too ("the EU")
TOO_LARGE_USD = 150e9  # a budget, a bill, an economy: the largest aid to one country is ~$105bn


def amounts_table(
    corpus: Corpus,
    rows: pd.DataFrame,
    entities: pd.DataFrame,
    aliases: Mapping[str, str],
    rates: pd.DataFrame,
    link_model: LinkModel | None = None,
) -> pd.DataFrame:
    """Return one row per amount mention of every article (AMOUNTS_TABLE_COLUMNS); the
    commitments are linked with `link_model`, else the shipped one."""
    amts = described_amounts(corpus, rows, entities, aliases, rates)
    # A context figure (no stage: an estimate, budget, total) is no commitment, unless it may
    # restate one: it is linked too, and keeps an id only where a commitment stands.
    restating = restating_context(amts)
    ids = assign_commitments(amts[amts["stage"].ne("") | restating], link_model)
    amts["commitment_id"] = ids.reindex(amts.index, fill_value="")
    ruled = amts["stage"].copy()
    unbacked_to_context(amts)
    amts["part_of"] = shared_parts(amts)
    parts_of_context(amts)
    parts_take_their_whole(amts, ruled)
    keep_standing(amts, restating)
    amts["parent_id"] = parent_ids(amts)
    amts["reviewed"] = False
    amts = amts.sort_values(["article_id", "start"], kind="stable", ignore_index=True)
    return amts[list(AMOUNTS_TABLE_COLUMNS)]


def described_amounts(
    corpus: Corpus,
    rows: pd.DataFrame,
    entities: pd.DataFrame,
    aliases: Mapping[str, str],
    rates: pd.DataFrame,
) -> pd.DataFrame:
    """Return the amount mentions with canonical donors, US dollars and parts, before linking.

    `entities` are keyed by article_id, or by text_hash (the cache's rows: a large corpus's
    entity table need not exist for its amounts).
    """
    if rows.empty:
        rows = pd.DataFrame(columns=["text_hash", *AMOUNT_COLUMNS])
    ids = corpus.frame[["id", "text_hash", "published"]].rename(columns={"id": "article_id"})
    amts = ids.merge(rows, on="text_hash", how="inner")
    amts = amts.astype(
        {
            "start": "int64",
            "end": "int64",
            "value": "float64",
            "value_high": "float64",
            "vague": "bool",
            "restates": "bool",
        }
    )
    amts["organ"] = amts["organ"].fillna(False).astype(bool) if "organ" in amts else False
    for col in (
        "currency",
        "qualifier",
        "donor",
        "recipient",
        "aid_type",
        "stage",
        "reason",
        "instrument",
        "blockers",
        "tranche_of",
        "revises",
        "told",
        "reference",
        "named",
    ):
        amts[col] = amts[col].fillna("").astype(str) if col in amts else ""
    amts["donor"] = actor_names(amts["donor"], aliases)
    amts["recipient"] = actor_names(amts["recipient"], aliases)
    main = amts["article_id"].map(main_donors(amts, entities, aliases)).fillna("")
    country = organ_countries(amts, entities, aliases)
    amts["donor"] = carried_donors(amts, main, country, named_givers(amts, aliases))
    amts = amts.drop(columns=["text_hash", "blockers"])
    amts["currency"] = local_dollars(amts)
    amts["value_usd"] = usd_values(amts["value"], amts["currency"], amts["published"], rates)
    amts["value_ref"] = reference_usd(amts["value"], amts["currency"])
    # No aid commitment to one country comes near a budget's or an economy's size.
    # A request or a blocked plan may be that large (the €140bn reparations loan): not charted.
    huge = amts["value_usd"].ge(TOO_LARGE_USD) & amts["stage"].isin(CHARTED)
    amts.loc[huge, "stage"] = ""
    amts.loc[huge, "reason"] = TOO_LARGE
    amts["part_of"] = _whole_keys(amts, "part_of")
    amts["tranche_of"] = _whole_keys(amts, "tranche_of")
    amts["revises"] = _whole_keys(amts, "revises")
    amts["part_of"], amts["tranche_of"] = member_shares(amts)
    return amts


def _whole_keys(amts: pd.DataFrame, column: str) -> np.ndarray:
    """Return the column's offsets of wholes as ARTICLE:START keys ('' where none)."""
    start = amts[column].fillna("").astype(str)
    return np.where(start.eq(""), "", amts["article_id"].astype(str) + ":" + start)


def actor_names(texts: pd.Series, aliases: Mapping[str, str]) -> np.ndarray:
    """Return the actor of each text ('' stays ''), each distinct text mapped once."""
    codes, distinct = pd.factorize(texts.fillna("").astype(str))
    names = np.asarray(role_names(distinct, aliases), dtype=object)
    return names[codes] if len(codes) else np.asarray([], dtype=object)


def carried_donors(
    amounts: pd.DataFrame,
    main: pd.Series,
    country: pd.Series | None = None,
    named: pd.Series | None = None,
) -> pd.Series:
    """Return each amount's donor. A missing one is taken, in this order, from a figure of its
    article restating it (same_value_donors); from a giver the text names after the last amount
    that names one (`named`, per row: named_givers), so that "The Netherlands set its course.
    The cabinet reserved €3.5bn" is the Dutch; for an unnamed organ, from the article's main
    country (`country`, per row); then carried from the nearest earlier amount of its article with a
    donor, so far as these steps gave one ("Washington: the request is $106bn. Its biggest part
    is $61.4bn for Ukraine"); else the article's main donor (`main`, per row). Carried and main
    donors that may pay in the amount's currency come first: the euros of a piece on US and EU
    aid are the EU's. When none may, the giver the currency names comes before one that may
    not (the euros of a piece on IMF loans are the Union's, not the IMF's)."""
    organ = amounts["organ"] if "organ" in amounts and country is not None else None
    mine = country.where(organ, "") if organ is not None else pd.Series("", index=amounts.index)
    fits_main = main.where(pays_in(main, amounts["currency"]), "")
    home = amounts["currency"].map(CURRENCY_GIVER).fillna("")
    donor = amounts["donor"].copy()
    if named is None:
        named = pd.Series("", index=amounts.index)
    named = named.where(pays_in(named, amounts["currency"]), "")
    for carried in (same_value_donors(amounts), named, mine):
        missing = donor.eq("")
        donor[missing] = carried[missing]
    # Leaving one of thirty-four sets out, carrying these donors rather than only the written
    # ones, and a named giver before an organ's country: donor right 2,442 -> 2,454 of 2,605
    # (16 fixed, 4 broken), linking F1 0.855 -> 0.860 (BENCHMARKS.md).
    previous, fitting = previous_donors(amounts.assign(donor=donor))
    for carried in (fitting, fits_main, home, previous, main):
        missing = donor.eq("")
        donor[missing] = carried[missing]
    return _restated_donors(amounts, donor)


def named_givers(amounts: pd.DataFrame, aliases: Mapping[str, str]) -> pd.Series:
    """Return per amount the giver its text names last before it as an actor (the extractor's
    `named`, aidlens/amounts/named.py), canonical; '' for a state that blocks in the text."""
    if "named" not in amounts:
        return pd.Series("", index=amounts.index, dtype=object)
    named = pd.Series(actor_names(amounts["named"], aliases), index=amounts.index)
    return named.where(
        ~_listed(named, amounts.get("blockers", pd.Series("", index=amounts.index))), ""
    )


def same_value_donors(amounts: pd.DataFrame) -> pd.Series:
    """Return, for each amount without a donor, the donor of the nearest amount of its article
    in the same currency and within rounding of its value that names one ('' if none): a figure
    written again ("the $61.4 billion") is its first writing's, whoever the amount just before
    it was. Leaving one of thirty-four sets out, donor right 0.906 -> 0.909."""
    if "value" not in amounts:  # rows read before values
        return pd.Series("", index=amounts.index)
    cols = amounts[["article_id", "start", "value", "currency", "donor"]].assign(row=amounts.index)
    valued = cols["value"].gt(0)
    gaps = cols[valued & cols["donor"].eq("")]
    named = cols[valued & cols["donor"].ne("") & ~_blocking(amounts)]
    pairs = gaps.merge(named, on=["article_id", "currency"], suffixes=("", "_named"))
    close = np.abs(np.log(pairs["value"] / pairs["value_named"])) <= ROUNDED
    pairs = pairs[close].assign(distance=(pairs["start"] - pairs["start_named"]).abs())
    nearest = pairs.sort_values(["row", "distance"], kind="stable").drop_duplicates("row")
    found = pd.Series(nearest["donor_named"].to_numpy(), index=nearest["row"].to_numpy())
    return found.reindex(amounts.index).fillna("")


def _restated_donors(amounts: pd.DataFrame, donor: pd.Series) -> pd.Series:
    """Return the donors with each restatement's ("$500m (about €460m)") missing one taken from
    the figure it restates, the amount just before it: its currency is a conversion's, not its
    giver's."""
    if "restates" not in amounts:
        return donor
    restated = amounts["restates"].astype(bool) & amounts["donor"].eq("")
    if not restated.any():
        return donor
    # Only the articles that hold such a restatement are ordered: the table has every article.
    held = amounts["article_id"].isin(set(amounts.loc[restated, "article_id"]))
    rows = amounts.loc[held, ["article_id", "start"]].sort_values(["article_id", "start"])
    before = donor[rows.index].groupby(rows["article_id"], sort=False).shift(1).fillna("")
    take = restated[rows.index] & before.ne("")
    out = donor.copy()
    out[take[take].index] = before[take]
    return out


def pays_in(donors: pd.Series, currencies: pd.Series) -> pd.Series:
    """Return whether each donor may pay in its row's currency: any in dollars (writers convert)
    or an unknown one, else any but a country or lender with another currency of its own (the
    United States or the IMF in euros)."""
    own = donors.map(OWN_CURRENCY)
    return currencies.isin(("USD", "")) | own.isna() | own.eq(currencies)


def previous_donors(amounts: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Return the donor of the nearest earlier amount of the same article that names one (''),
    but a state that blocks in the article: any such donor, and one that may pay in the row's
    currency."""
    order = amounts.sort_values(["article_id", "start"], kind="stable")
    named = order["donor"].where(order["donor"].ne("") & ~_blocking(order))
    previous = named.groupby(order["article_id"], sort=False).ffill()
    fitting = previous.copy()
    gaps = order["donor"].eq("")
    # Any donor may pay in dollars: only the gaps in other currencies look again.
    for currency in set(order.loc[gaps, "currency"]) - {"USD", ""}:
        rows = gaps & order["currency"].eq(currency)
        fits = named.where(pays_in(named.fillna(""), pd.Series(currency, index=order.index)))
        fitting[rows] = fits.groupby(order["article_id"], sort=False).ffill()[rows]
    return (
        previous.reindex(amounts.index).fillna(""),
        fitting.reindex(amounts.index).fillna(""),
    )


def main_donors(
    amounts: pd.DataFrame, entities: pd.DataFrame, aliases: Mapping[str, str]
) -> pd.Series:
    """Return article_id -> main donor: its amounts' most named donor, else most named donor entity.

    Ties go to the donor named first. `entities` keyed by text_hash (then `amounts` have one)
    give each text's donor to every article of that text: its entities are the text's.
    """
    givers = amounts["donor"].ne("") & ~_blocking(amounts)
    by_amounts = _most_named(amounts.loc[givers, ["article_id", "donor", "start"]])
    ents, key = _actor_entities(entities, aliases, DONOR_ENTITY_LABELS, donor_names())
    blocking = amounts.drop_duplicates(key).set_index(key).get("blockers", pd.Series(dtype=str))
    # A piece on a veto names the vetoing state most; it is no giver of what it blocks.
    by_entities = _most_named(ents[~_listed(ents["donor"], ents["article_id"].map(blocking))])
    return by_amounts.combine_first(_per_article(by_entities, amounts, key))


def organ_countries(
    amounts: pd.DataFrame, entities: pd.DataFrame, aliases: Mapping[str, str]
) -> pd.Series:
    """Return per amount its article's main country, read only for the articles where an
    unnamed organ gives (most have none, and a large corpus's entity table is long)."""
    organs = amounts[amounts["organ"]]
    key = "article_id" if "article_id" in entities.columns else "text_hash"
    wanted = entities[entities[key].isin(set(organs[key]))] if len(organs) else entities.iloc[:0]
    country = amounts["article_id"].map(main_countries(organs, wanted, aliases))
    return country.astype(object).fillna("")  # all NaN (float) when no text names one


def main_countries(
    amounts: pd.DataFrame, entities: pd.DataFrame, aliases: Mapping[str, str]
) -> pd.Series:
    """Return article_id -> the donor country its text names most (places and peoples, not a
    group such as the Union), whose organs "the government" and "the cabinet" are."""
    countries = donor_names() - GROUP_DONORS
    places, key = _actor_entities(entities, aliases, ("GPE", "NORP"), countries)
    return _per_article(_most_named(places), amounts, key)


def _actor_entities(
    entities: pd.DataFrame, aliases: Mapping[str, str], labels: tuple, names: frozenset[str]
) -> tuple[pd.DataFrame, str]:
    """Return the entities of `labels` that stand for one of `names`, their actor as `donor` and
    their key (article_id or text_hash) as `article_id`, and which key that is."""
    key = "article_id" if "article_id" in entities.columns else "text_hash"
    ents = entities.loc[entities["label"].isin(labels), [key, "text", "start"]]
    ents = ents.rename(columns={key: "article_id"})
    ents = ents.assign(donor=actor_names(ents["text"], aliases))
    return ents[ents["donor"].isin(names)], key


def _per_article(named: pd.Series, amounts: pd.DataFrame, key: str) -> pd.Series:
    """Return article_id -> a value found per `key`: a text's goes to every article of it."""
    if key != "text_hash":
        return named
    hashes = amounts.drop_duplicates("article_id").set_index("article_id")["text_hash"]
    return hashes.map(named).dropna()


def _blocking(amounts: pd.DataFrame) -> pd.Series:
    """Return which amounts' donor is a state that blocks something in the same text."""
    return _listed(amounts["donor"], amounts.get("blockers", pd.Series("", index=amounts.index)))


def _listed(names: pd.Series, lists: pd.Series) -> pd.Series:
    """Return whether each name is in its row's '|'-joined list (most lists are empty)."""
    lists = lists.astype(object).fillna("").astype(str).to_numpy()
    some = lists != ""
    out = np.zeros(len(lists), dtype=bool)
    pairs = zip(names.to_numpy()[some], lists[some], strict=True)
    out[some] = [n in b.split("|") for n, b in pairs]
    return pd.Series(out, index=names.index)


def _most_named(mentions: pd.DataFrame) -> pd.Series:
    """Return article_id -> the donor with most mentions (earliest first mention on a tie)."""
    if mentions.empty:
        return pd.Series(dtype="object")
    counts = (
        mentions.groupby(["article_id", "donor"], sort=False)
        .agg(n=("start", "size"), first=("start", "min"))
        .reset_index()
        .sort_values(["article_id", "n", "first"], ascending=[True, False, True], kind="stable")
        .drop_duplicates("article_id")
    )
    return counts.set_index("article_id")["donor"]
