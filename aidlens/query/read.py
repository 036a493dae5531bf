"""What the Read, Annotate and Data pages ask of the dataset: each answer equals the pandas path's.

The article-level filters (dates, sources, search text) run on the corpus frame, which the app
holds anyway; everything about entities is asked of DuckDB, for the months the dates allow.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from aidlens.analysis import ArticleFilter, article_mask
from aidlens.processing import ENTITIES_CSV_COLUMNS, month_of
from aidlens.query.engine import DataQuery

_FIELDS = 'article_id, start, "end", text, label, canonical'


def label_options(q: DataQuery) -> list[str]:
    """Return every entity label present, sorted."""
    sql = f"SELECT DISTINCT label FROM {q.names()} ORDER BY label"
    return list(q.frame(sql)["label"])


def name_counts(q: DataQuery, *, limit: int | None = None) -> pd.Series:
    """Return mentions per canonical name, most first (ties by name), at most `limit`."""
    top = "" if limit is None else f" LIMIT {int(limit)}"
    sql = (
        f"SELECT canonical, sum(mentions)::BIGINT AS count FROM {q.names()} "
        f"GROUP BY canonical ORDER BY count DESC, canonical{top}"
    )
    frame = q.frame(sql)
    index = pd.Index(frame["canonical"], name="canonical")
    return pd.Series(frame["count"].to_numpy(), index=index, name="count")


def mentioning_all(q: DataQuery, names: Collection[str], months: list[str] | None) -> set[str]:
    """Return the ids of the articles that mention every one of `names`."""
    wanted = sorted(set(names))
    sql = (
        f"SELECT article_id FROM {q.entities(months)} WHERE list_contains(?, canonical) "
        "GROUP BY article_id HAVING count(DISTINCT canonical) = ?"
    )
    return set(q.frame(sql, [wanted, len(wanted)])["article_id"])


def entity_counts_of(
    q: DataQuery, articles: pd.DataFrame, labels: Collection[str]
) -> dict[str, int]:
    """Return article id -> its entities of `labels` (all labels when empty), for `articles`."""
    if articles.empty:
        return {}
    months = sorted(month_of(articles["published"]).unique())
    where, params = "list_contains(?, article_id)", [list(articles["id"])]
    if labels:
        where, params = where + " AND list_contains(?, label)", [*params, sorted(labels)]
    sql = f"SELECT article_id, count(*) AS n FROM {q.entities(months)} WHERE {where} GROUP BY 1"
    frame = q.frame(sql, params)
    return dict(zip(frame["article_id"], frame["n"], strict=True))


def article_page(
    q: DataQuery,
    articles: pd.DataFrame,
    flt: ArticleFilter,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[int, pd.DataFrame]:
    """Return how many articles match and one page of them, as `browse.filter_articles` lists."""
    mask = article_mask(articles, flt)
    if flt.mentions:
        found = mentioning_all(q, flt.mentions, q.months_for(flt.start, flt.end))
        mask &= articles["id"].isin(found)
    out = articles.loc[mask, ["id", "title", "published", "source"]]
    out = out.sort_values(["published", "id"], ascending=[False, True])
    page = out.iloc[offset : None if limit is None else offset + limit].copy()
    counts = entity_counts_of(q, page, flt.labels)
    page["entities"] = page["id"].map(counts).fillna(0).astype(int)
    return len(out), page.reset_index(drop=True)


def article_entities(q: DataQuery, article_id: str, *, layer: str = "final") -> pd.DataFrame:
    """Return one article's entity rows in table order, of one layer: model, ruled or final."""
    months = q.month_of_article(article_id)
    sql = (
        f"SELECT {_FIELDS} FROM {q.entities(months, layer=layer)} "
        "WHERE article_id = ? ORDER BY start, seq"
    )
    return _typed(q.frame(sql, [article_id]))


def article_amounts(q: DataQuery, article_id: str) -> pd.DataFrame:
    """Return one article's amount rows in table order."""
    table = q.amounts(q.month_of_article(article_id))
    if table is None:
        return pd.DataFrame()
    sql = f"SELECT * EXCLUDE (seq) FROM {table} WHERE article_id = ? ORDER BY seq"
    return q.frame(sql, [article_id])


def with_sentences(q: DataQuery, mentions: pd.DataFrame) -> pd.DataFrame:
    """Return amount mentions with the sentence of each, read from the dataset for these rows.

    The app keeps the amounts without their sentences (a quarter of a gigabyte at 100,000
    articles); a mention the extractor did not find (added by a review) gets ''.
    """
    ids = sorted(set(mentions["article_id"].astype(str)))
    months = sorted({m for a in ids for m in q.month_of_article(a)})
    table = q.amounts(months, extracted=True) if ids else None
    found = pd.DataFrame(columns=["article_id", "start", "sentence"])
    if table is not None:
        sql = f"SELECT article_id, start, sentence FROM {table} WHERE list_contains(?, article_id)"
        found = q.frame(sql, [ids]).astype({"start": "int64"})
    keys = mentions.drop(columns="sentence", errors="ignore").astype({"start": "int64"})
    merged = keys.merge(found, on=["article_id", "start"], how="left")
    merged.index = mentions.index
    return merged.assign(sentence=merged["sentence"].fillna("").astype(str))


def entity_total(q: DataQuery) -> int:
    """Return how many entity rows there are, corrections applied."""
    return int(q.frame(f"SELECT count(*) AS n FROM {q.entities()}")["n"].iloc[0])


def model_entities_of(q: DataQuery, article_ids: Collection[str]) -> pd.DataFrame:
    """Return the model's entity rows of some articles (as the pipeline found them)."""
    ids = sorted(set(article_ids))
    if not ids:
        return _typed(pd.DataFrame(columns=list(ENTITIES_CSV_COLUMNS)))
    months = sorted({m for a in ids for m in q.month_of_article(a)})
    sql = (
        f"SELECT {_FIELDS} FROM {q.entities(months, layer='model')} "
        "WHERE list_contains(?, article_id) ORDER BY article_id, start, seq"
    )
    return _typed(q.frame(sql, [ids]))


def ruled_entities_naming(q: DataQuery, text: str) -> pd.DataFrame:
    """Return the ruled entity rows of every article with such a span reading exactly `text`.

    The rows are the model's with the rules applied (no corrections): what an untouched article
    starts from on the Annotate page.
    """
    model = q.entities(layer="ruled")
    sql = (
        f"SELECT {_FIELDS} FROM {model} WHERE article_id IN "
        f"(SELECT article_id FROM {model} WHERE text = ?) ORDER BY article_id, start, seq"
    )
    return _typed(q.frame(sql, [text]))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Return entity rows with the pandas path's columns and integer offsets."""
    frame = frame.reindex(columns=list(ENTITIES_CSV_COLUMNS))
    text = {c: "str" for c in ENTITIES_CSV_COLUMNS if c not in ("start", "end")}
    return frame.astype({"start": "int64", "end": "int64", **text}).reset_index(drop=True)
