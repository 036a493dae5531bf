"""DuckDB, embedded and in process, over the monthly Parquet dataset, with corrections overlaid.

The model's rows stay in their Parquet files; DuckDB reads only the months a question needs.
Annotators' corrections live in two small DuckDB tables (`touched`: the touched articles;
`corrected`: their spans), updated article by article when the store changes, so a save costs
the rows of the articles it changed. The entity rows a page sees are the model's rows of
untouched articles plus the corrected rows: what `corrections.apply_corrections` gives.
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
from aidlens.processing import ENTITIES_CSV_COLUMNS, Dataset, month_of, months_between

_ENTITY_SELECT = 'article_id, start, "end", text, label, canonical, published, seq'
_CREATE = (
    'CREATE TABLE corrected (article_id VARCHAR, start BIGINT, "end" BIGINT, text VARCHAR, '
    "label VARCHAR, canonical VARCHAR, published TIMESTAMP, month VARCHAR, seq BIGINT)",
    "CREATE TABLE touched (article_id VARCHAR)",
    "CREATE TABLE touched_model (article_id VARCHAR, label VARCHAR, canonical VARCHAR, n BIGINT)",
)


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

    def entities(self, months: Collection[str] | None = None, *, model_only: bool = False) -> str:
        """Return SQL for the entity rows of `months` (None: all), corrections overlaid."""
        files = self.dataset.files("entities", months)
        if files:
            model = (
                'SELECT article_id, start, "end", text, label, canonical, published, '
                f"file_row_number AS seq FROM read_parquet({sql_list(files)}, "
                "file_row_number = true, hive_partitioning = false)"
            )
        else:
            model = f"SELECT {_ENTITY_SELECT} FROM corrected WHERE false"
        if model_only:
            return f"({model})"
        where = "" if months is None else f" WHERE list_contains({sql_list(list(months))}, month)"
        return (
            f"(SELECT * FROM ({model}) AS m WHERE m.article_id NOT IN "
            f"(SELECT article_id FROM touched) UNION ALL SELECT {_ENTITY_SELECT} "
            f"FROM corrected{where})"
        )

    def names(self) -> str:
        """Return SQL for mentions and articles per (label, canonical name), corrections applied.

        The dataset's per-month counts, less the model's rows of touched articles, plus their
        corrected rows: an article counts once per name it mentions, so the counts add up.
        """
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
            "UNION ALL SELECT label, canonical, count(*), count(DISTINCT article_id) "
            "FROM corrected GROUP BY label, canonical) "
            "WHERE label IS NOT NULL AND canonical IS NOT NULL "
            "GROUP BY label, canonical HAVING sum(mentions) > 0)"
        )

    def amounts(self, months: Collection[str] | None = None) -> str | None:
        """Return SQL for the amount rows of `months` (None: all) in file order, or None."""
        files = self.dataset.files("amounts", months)
        if not files:
            return None
        return (
            "(SELECT * EXCLUDE (file_row_number), file_row_number AS seq FROM "
            f"read_parquet({sql_list(files)}, file_row_number = true, filename = true, "
            "hive_partitioning = false))"
        )

    def frame(self, sql: str, params: Sequence | None = None) -> pd.DataFrame:
        """Return the result of one query as a DataFrame."""
        with self._lock:
            cursor = self._con.cursor()
        try:
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
        empty = pd.DataFrame({c: pd.Series(dtype="object") for c in ENTITIES_CSV_COLUMNS})
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
                    f"FROM {self.entities(months, model_only=True)} "
                    "WHERE article_id IN (SELECT article_id FROM touched_ids) GROUP BY ALL"
                )
            cursor.execute(
                'INSERT INTO corrected SELECT article_id, start, "end", text, label, canonical, '
                "published, month, seq FROM fresh_rows"
            )
            cursor.execute("COMMIT")
        finally:
            cursor.close()
