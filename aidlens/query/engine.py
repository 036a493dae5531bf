"""DuckDB, embedded and in process, over the monthly Parquet dataset, rules and corrections on top.

The model's rows stay in their Parquet files; DuckDB reads only the months a question needs.
Two layers of small tables lie over them, as the app's pandas path lays them (`rules.RuleOverlay`
then `annotations.CorrectionOverlay`):
- the rules (patterns.jsonl): `ruled_ids` holds the articles whose entities the rules change and
  `ruled` all their rows after the rules (`query.rules` derives them, article by article);
- the corrections: `touched` holds the touched articles and `corrected` their spans, updated
  article by article when the store changes, so a save costs the rows of the articles it changed.
The entity rows a page sees are the model's rows of unchanged articles, the ruled rows of the
articles the rules change, and the corrected rows of touched articles (corrections win).
The amounts a page sees are the frame given to `use_amounts` (reviewed values applied).
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Mapping, Sequence
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from aidlens.annotations import AnnotationStore, FixedStates, apply_corrections, changed_articles
from aidlens.errors import DatasetError
from aidlens.processing import Dataset, month_of, months_between
from aidlens.rules import ENTITY_ORIGIN_COLUMNS

_ENTITY_SELECT = 'article_id, start, "end", text, label, canonical, published, seq, origin'
_ROWS = (
    '(article_id VARCHAR, start BIGINT, "end" BIGINT, text VARCHAR, label VARCHAR, '
    "canonical VARCHAR, published TIMESTAMP, month VARCHAR, seq BIGINT, origin VARCHAR)"
)
_COUNTS = "(article_id VARCHAR, label VARCHAR, canonical VARCHAR, n BIGINT)"
_CREATE = (
    f"CREATE TABLE corrected {_ROWS}",
    "CREATE TABLE touched (article_id VARCHAR)",
    f"CREATE TABLE touched_model {_COUNTS}",
    f"CREATE TABLE ruled {_ROWS}",
    "CREATE TABLE ruled_ids (article_id VARCHAR)",
    f"CREATE TABLE ruled_model {_COUNTS}",
)
_ROW_COLUMNS = 'article_id, start, "end", text, label, canonical, published, month, seq, origin'
LAYERS = ("model", "ruled", "final")  # the model's rows; with the rules; with the corrections


def quote(value: str) -> str:
    """Return `value` as an SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def sql_list(values: Sequence[str]) -> str:
    """Return an SQL list literal of strings."""
    return "[" + ", ".join(quote(v) for v in values) + "]"


class DataQuery:
    """One process's view of a data folder's dataset and corrections; thread-safe, shared."""

    def __init__(
        self,
        dataset: Dataset,
        published: pd.Series,
        aliases: Mapping[str, str],
        *,
        threads: int = 2,
        memory_limit: str = "512MB",
    ):
        self.dataset = dataset
        self._published = published  # article id -> publication time
        self._aliases = aliases
        self._con = duckdb.connect(
            ":memory:", config={"threads": threads, "memory_limit": memory_limit}
        )
        self._con.execute("SET parquet_metadata_cache = true")
        for statement in _CREATE:
            self._con.execute(statement)
        self._lock = threading.Lock()
        self._states: dict = {}
        self._version: int | None = None
        self.rules_lock = threading.Lock()  # one derivation of the rule layer at a time
        self.rules_state: object = None  # what `query.rules` last derived the rule layer from
        self._amounts: pd.DataFrame | None = None
        self._given: pd.DataFrame | None = None

    @property
    def aliases(self) -> Mapping[str, str]:
        """Return the alias table canonical names are made with."""
        return self._aliases

    @property
    def months(self) -> list[str]:
        """Return the dataset's months, oldest first."""
        return sorted(self.dataset.partitions)

    def months_for(self, start: date | None, end: date | None) -> list[str] | None:
        """Return the months the days start..end touch (None when the range is open)."""
        if start is None and end is None:
            return None
        return months_between(start, end, self.dataset.partitions)

    def month_of_article(self, article_id: str) -> list[str]:
        """Return the month partition holding an article's rows (empty when unknown)."""
        published = self._published.get(article_id)
        return [] if published is None else [published.strftime("%Y-%m")]

    def entities(self, months: Collection[str] | None = None, *, layer: str = "final") -> str:
        """Return SQL for the entity rows of `months` (None: all) of one of LAYERS."""
        if layer not in LAYERS:
            raise ValueError(f"layer {layer!r} is not one of {', '.join(LAYERS)}")
        files = self.dataset.files("entities", months)
        if files:
            model = (
                'SELECT article_id, start, "end", text, label, canonical, published, '
                "file_row_number AS seq, 'model' AS origin FROM "
                f"read_parquet({sql_list(files)}, file_row_number = true, "
                "hive_partitioning = false)"
            )
        else:
            model = f"SELECT {_ENTITY_SELECT} FROM corrected WHERE false"
        if layer == "model":
            return f"({model})"
        where = "" if months is None else f" WHERE list_contains({sql_list(list(months))}, month)"
        ruled = (
            f"(SELECT * FROM ({model}) AS m WHERE m.article_id NOT IN "
            f"(SELECT article_id FROM ruled_ids) UNION ALL SELECT {_ENTITY_SELECT} "
            f"FROM ruled{where})"
        )
        if layer == "ruled":
            return ruled
        return (
            f"(SELECT * FROM {ruled} AS r WHERE r.article_id NOT IN "
            f"(SELECT article_id FROM touched) UNION ALL SELECT {_ENTITY_SELECT} "
            f"FROM corrected{where})"
        )

    def names(self) -> str:
        """Return SQL for mentions and articles per (label, canonical name), corrections applied.

        The dataset's per-month counts, less the model's rows of the articles the rules change
        or annotators touched, plus their rows after the rules or corrections: an article counts
        once per name it mentions, so the counts add up.
        """
        untouched = "article_id NOT IN (SELECT article_id FROM touched)"
        files = self.dataset.files("names")
        base = (
            "SELECT label, canonical, mentions, articles FROM "
            f"read_parquet({sql_list(files)}, hive_partitioning = false)"
            if files
            else "SELECT label, canonical, 0 AS mentions, 0 AS articles FROM corrected WHERE false"
        )
        return (
            "(SELECT label, canonical, sum(mentions)::BIGINT AS mentions, "
            f"sum(articles)::BIGINT AS articles FROM ({base} "
            "UNION ALL SELECT label, canonical, -sum(n), -count(*) FROM touched_model "
            "GROUP BY label, canonical "
            "UNION ALL SELECT label, canonical, -sum(n), -count(*) FROM ruled_model "
            f"WHERE {untouched} GROUP BY label, canonical "
            "UNION ALL SELECT label, canonical, count(*), count(DISTINCT article_id) "
            f"FROM ruled WHERE {untouched} GROUP BY label, canonical "
            "UNION ALL SELECT label, canonical, count(*), count(DISTINCT article_id) "
            "FROM corrected GROUP BY label, canonical) "
            "WHERE label IS NOT NULL AND canonical IS NOT NULL "
            "GROUP BY label, canonical HAVING sum(mentions) > 0)"
        )

    def use_amounts(self, amounts: pd.DataFrame) -> None:
        """Answer amount questions from `amounts` (the reviewed table), held as it is given."""
        with self._lock:
            if amounts is self._given:
                return  # the same cached frame, rerun after rerun
            self._given = amounts
            self._amounts = amounts.assign(seq=np.arange(len(amounts), dtype="int64"))

    def amounts(self, months: Collection[str] | None = None) -> str | None:
        """Return SQL for the amount rows of `months` (None: all) in table order, or None.

        Without `use_amounts`, the rows are the dataset's (as extracted); with it, that frame's.
        """
        if self._amounts is not None:
            return None if self._amounts.empty else "amounts_now"
        files = self.dataset.files("amounts", months)
        if not files:
            return None
        return (
            "(SELECT * EXCLUDE (file_row_number, filename), file_row_number AS seq FROM "
            f"read_parquet({sql_list(files)}, file_row_number = true, filename = true, "
            "hive_partitioning = false))"
        )

    def frame(self, sql: str, params: Sequence | None = None) -> pd.DataFrame:
        """Return the result of one query as a DataFrame."""
        with self._lock:
            cursor = self._con.cursor()
            amounts = self._amounts
        try:
            if amounts is not None:
                cursor.register("amounts_now", amounts)
            return cursor.execute(sql, list(params or [])).df()
        except duckdb.IOException as exc:
            raise DatasetError(
                f"the Parquet dataset in {self.dataset.root} could not be read ({exc}); "
                "reload the page to rebuild it, or run `python -m aidlens process` again"
            ) from None
        finally:
            cursor.close()

    def sync(self, store: AnnotationStore) -> int:
        """Bring the corrections up to the store's content; return the store version seen."""
        version = store.version
        with self._lock:
            if version == self._version:
                return version
            states = store.states()
            changed = changed_articles(self._states, states)
            if changed:
                self._replace(changed, states)
            self._states, self._version = states, version
            return version

    def _replace(self, changed: set[str], states: Mapping) -> None:
        """Replace the corrected rows of `changed` articles in one transaction."""
        touched = {a: s for a, s in states.items() if a in changed}
        empty = pd.DataFrame({c: pd.Series(dtype="object") for c in ENTITY_ORIGIN_COLUMNS})
        rows = apply_corrections(empty, FixedStates(touched), self._aliases)
        rows["published"] = pd.to_datetime(rows["article_id"].map(self._published))
        rows["month"] = month_of(rows["published"]) if len(rows) else pd.Series(dtype="str")
        rows["seq"] = np.arange(len(rows), dtype="int64")
        ids = pd.DataFrame({"article_id": sorted(changed)})
        now = pd.DataFrame({"article_id": sorted(touched)})
        cursor = self._con.cursor()
        try:
            cursor.register("fresh_rows", rows)
            cursor.register("changed_ids", ids)
            cursor.register("touched_ids", now)
            cursor.execute("BEGIN TRANSACTION")
            for table in ("corrected", "touched", "touched_model"):
                cursor.execute(
                    f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM changed_ids)"
                )
            cursor.execute("INSERT INTO touched SELECT article_id FROM touched_ids")
            months = sorted({m for a in touched for m in self.month_of_article(a)})
            if months:  # what the model said of them, to take out of the per-month name counts
                cursor.execute(
                    "INSERT INTO touched_model SELECT article_id, label, canonical, count(*) "
                    f"FROM {self.entities(months, layer='model')} "
                    "WHERE article_id IN (SELECT article_id FROM touched_ids) GROUP BY ALL"
                )
            cursor.execute(f"INSERT INTO corrected SELECT {_ROW_COLUMNS} FROM fresh_rows")
            cursor.execute("COMMIT")
        finally:
            cursor.close()

    def replace_ruled(self, changed: Collection[str], rows: pd.DataFrame) -> None:
        """Replace the rule layer of `changed` articles by `rows` (theirs after the rules).

        `rows` hold only the articles the rules change; the others of `changed` fall back to
        the model's rows.
        """
        rows = rows.reindex(columns=list(ENTITY_ORIGIN_COLUMNS))
        rows["published"] = pd.to_datetime(rows["article_id"].map(self._published))
        rows["month"] = month_of(rows["published"]) if len(rows) else pd.Series(dtype="str")
        rows["seq"] = np.arange(len(rows), dtype="int64")
        ids = pd.DataFrame({"article_id": sorted(changed)})
        now = pd.DataFrame({"article_id": sorted(set(rows["article_id"]))})
        months = sorted({m for a in now["article_id"] for m in self.month_of_article(a)})
        with self._lock:
            cursor = self._con.cursor()
            try:
                cursor.register("fresh_rows", rows)
                cursor.register("changed_ids", ids)
                cursor.register("ruled_now", now)
                cursor.execute("BEGIN TRANSACTION")
                for table in ("ruled", "ruled_ids", "ruled_model"):
                    cursor.execute(
                        f"DELETE FROM {table} WHERE article_id IN "
                        "(SELECT article_id FROM changed_ids)"
                    )
                cursor.execute("INSERT INTO ruled_ids SELECT article_id FROM ruled_now")
                if months:
                    cursor.execute(
                        "INSERT INTO ruled_model SELECT article_id, label, canonical, count(*) "
                        f"FROM {self.entities(months, layer='model')} "
                        "WHERE article_id IN (SELECT article_id FROM ruled_now) GROUP BY ALL"
                    )
                cursor.execute(f"INSERT INTO ruled SELECT {_ROW_COLUMNS} FROM fresh_rows")
                cursor.execute("COMMIT")
            finally:
                cursor.close()
