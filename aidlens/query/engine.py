"""DuckDB, embedded and in process, over the monthly Parquet dataset, rules and corrections on top.

The model's rows stay in their Parquet files; DuckDB reads only the months a question needs.
Two layers of small tables lie over them, as the app's pandas path lays them (`rules.RuleOverlay`
then `annotations.CorrectionOverlay`):
- the rules (patterns.jsonl), as what they change only: `rule_added` holds the rows the rules
  add, `rule_dropped` the model rows they drop (by article and row number in its month's file)
  and `rule_delta` the mentions per article and name before and after them, for the name counts
  (`query.rules` finds the matches; `splice_rules` replaces the rows of the articles they touch);
- the corrections: `touched` holds the touched articles and `corrected` their spans, updated
  article by article when the store changes, so a save costs the rows of the articles it changed;
  a new process's first sync reads them from their saved files when current (saved_corrections).
The entity rows a page sees are the model's rows less those the rules drop, the rows they add, and
the corrected rows of touched articles instead of their own (corrections win).
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
from aidlens.query.saved_corrections import corrections_key, load_saved, save, saved_folder
from aidlens.rules import ENTITY_ORIGIN_COLUMNS

_ENTITY_SELECT = 'article_id, start, "end", text, label, canonical, published, seq, origin'
_ROWS = (
    '(article_id VARCHAR, start BIGINT, "end" BIGINT, text VARCHAR, label VARCHAR, '
    "canonical VARCHAR, published TIMESTAMP, month VARCHAR, seq BIGINT, origin VARCHAR)"
)
_DELTA = "(article_id VARCHAR, label VARCHAR, canonical VARCHAR, before BIGINT, after BIGINT)"
_CREATE = (
    f"CREATE TABLE corrected {_ROWS}",
    "CREATE TABLE touched (article_id VARCHAR)",
    f"CREATE TABLE touched_delta {_DELTA}",
    f"CREATE TABLE rule_added {_ROWS[:-1]}, rule VARCHAR)",
    "CREATE TABLE rule_dropped (article_id VARCHAR, seq BIGINT)",
    f"CREATE TABLE rule_delta {_DELTA}",
)
_ROW_COLUMNS = 'article_id, start, "end", text, label, canonical, published, month, seq, origin'
LAYERS = ("model", "ruled", "final")  # the model's rows; with the rules; with the corrections


def splice_statements(model: str) -> list[str]:
    """Return the SQL that derives the rule tables of the `affected` articles from `fresh_hits`.

    `model` is the SQL of the model's rows of the affected months; it is scanned twice, joined
    to the matches (few) by article, so it is never held whole.
    """
    same = 'n.start = n.hs AND n."end" = n.he AND n.label = n.hl'
    return [
        'CREATE OR REPLACE TEMP TABLE article_hits AS SELECT a.article_id, h.start, h."end", '
        "h.text, h.label, h.canonical, a.published, a.month, h.rule "
        "FROM fresh_hits AS h JOIN affected AS a USING (text_hash)",
        'CREATE OR REPLACE TEMP TABLE near AS SELECT m.article_id, m.seq, m.start, m."end", '
        'm.label, m.canonical, h.start AS hs, h."end" AS he, h.label AS hl '
        f"FROM {model} AS m JOIN article_hits AS h ON m.article_id = h.article_id "
        'AND m.start < h."end" AND m."end" > h.start',
        "CREATE OR REPLACE TEMP TABLE gone AS SELECT DISTINCT n.article_id, n.seq, n.label, "
        f"n.canonical FROM near AS n WHERE NOT ({same})",
        "CREATE OR REPLACE TEMP TABLE came AS SELECT h.* FROM article_hits AS h ANTI JOIN "
        f"(SELECT n.article_id, n.hs, n.he FROM near AS n WHERE {same}) AS s "
        'ON h.article_id = s.article_id AND h.start = s.hs AND h."end" = s.he',
        "INSERT INTO rule_dropped SELECT article_id, seq FROM gone",
        'INSERT INTO rule_added SELECT article_id, start, "end", text, label, canonical, '
        "published, month, 0, 'rule', rule FROM came",
        "INSERT INTO rule_delta WITH net AS (SELECT article_id, label, canonical, sum(d) AS d "
        "FROM (SELECT article_id, label, canonical, -1 AS d FROM gone "
        "UNION ALL SELECT article_id, label, canonical, 1 FROM came) "
        "WHERE label IS NOT NULL AND canonical IS NOT NULL GROUP BY ALL), "
        "before AS (SELECT m.article_id, m.label, m.canonical, count(*) AS n "
        f"FROM {model} AS m SEMI JOIN net AS k ON m.article_id = k.article_id "
        "AND m.label = k.label AND m.canonical = k.canonical GROUP BY ALL) "
        "SELECT k.article_id, k.label, k.canonical, coalesce(b.n, 0), coalesce(b.n, 0) + k.d "
        "FROM net AS k LEFT JOIN before AS b ON k.article_id = b.article_id "
        "AND k.label = b.label AND k.canonical = b.canonical",
        "DROP TABLE article_hits",
        "DROP TABLE near",
        "DROP TABLE gone",
        "DROP TABLE came",
    ]


def _net(table: str, where: str = "true") -> str:
    """Return SQL for the change of mentions and articles per name that a delta table holds."""
    return (
        "SELECT label, canonical, sum(after - before), "
        f"sum((after > 0)::BIGINT - (before > 0)::BIGINT) FROM {table} WHERE {where} GROUP BY ALL"
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
        self._names_stale = True  # names_now is made again on the next `names`
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

    def _months_of(self, article_ids: Collection[str]) -> list[str]:
        """Return the month partitions holding the rows of these articles, sorted."""
        published = self._published.reindex(list(article_ids)).dropna()
        return sorted(set(published.dt.strftime("%Y-%m")))

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
        # An article's rows are in its month's file only, so (article, row number) is a row.
        ruled = (
            f"(SELECT m.* FROM ({model}) AS m ANTI JOIN rule_dropped AS d "
            "ON m.article_id = d.article_id AND m.seq = d.seq "
            f"UNION ALL SELECT {_ENTITY_SELECT} FROM rule_added{where})"
        )
        if layer == "ruled":
            return ruled
        return (
            f"(SELECT * FROM {ruled} AS r WHERE r.article_id NOT IN "
            f"(SELECT article_id FROM touched) UNION ALL SELECT {_ENTITY_SELECT} "
            f"FROM corrected{where})"
        )

    def names(self) -> str:
        """Return the table of mentions and articles per (label, canonical name), all applied.

        It is made again only after the corrections or the rules changed: a page asks it for
        labels, name lists and top names, several times a rerun.
        """
        with self._lock:
            if self._names_stale:
                cursor = self._con.cursor()
                try:
                    cursor.execute(f"CREATE OR REPLACE TABLE names_now AS {self._names_sql()}")
                finally:
                    cursor.close()
                self._names_stale = False
        return "names_now"

    def _names_sql(self) -> str:
        """Return SQL for mentions and articles per (label, canonical name), all applied.

        The dataset's per-month counts (the model's), plus, per article and name, its mentions
        after less before: the rules' in untouched articles, the corrections' in touched ones.
        An article counts once per name it mentions, so the counts add up.
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
            f"UNION ALL {_net('rule_delta', untouched)} UNION ALL {_net('touched_delta')}) "
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

    def amounts(
        self, months: Collection[str] | None = None, *, extracted: bool = False
    ) -> str | None:
        """Return SQL for the amount rows of `months` (None: all) in table order, or None.

        Without `use_amounts`, or when `extracted`, the rows are the dataset's (as extracted,
        with every column); with it, that frame's.
        """
        if self._amounts is not None and not extracted:
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
            if self._version is None:  # a new process's first sync
                states = self._first_sync(store)
            else:
                states = store.states()
                changed = changed_articles(self._states, states)
                if changed:
                    self._replace(changed, states)
                    self._names_stale = True
            self._states, self._version = states, version
            return version

    def _first_sync(self, store: AnnotationStore) -> dict:
        """Fill the correction tables from current saved files, else build and save them."""
        states, digest = store.states_and_digest()
        if not states:
            return states
        self._names_stale = True
        folder = saved_folder(self.dataset.root)
        key = corrections_key(self.dataset.key, digest, self._aliases)
        if not load_saved(self._con, folder, key):
            self._replace(set(states), states)
            save(self._con, folder, key)
        return states

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
            for table in ("corrected", "touched", "touched_delta"):
                cursor.execute(
                    f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM changed_ids)"
                )
            cursor.execute("INSERT INTO touched SELECT article_id FROM touched_ids")
            months = self._months_of(touched)
            # What the model said of them (in the per-month name counts), and what they say now.
            # No month (an article without a date): no model rows to take out.
            model, known = (
                (self.entities(months, layer="model"), "true")
                if months
                else ("fresh_rows", "false")
            )
            cursor.execute(
                "INSERT INTO touched_delta SELECT article_id, label, canonical, sum(b), sum(a) "
                "FROM (SELECT article_id, label, canonical, count(*) AS b, 0 AS a "
                f"FROM {model} WHERE article_id IN (SELECT article_id FROM touched_ids) "
                f"AND {known} GROUP BY ALL "
                "UNION ALL SELECT article_id, label, canonical, 0, count(*) FROM fresh_rows "
                "GROUP BY ALL) WHERE label IS NOT NULL AND canonical IS NOT NULL GROUP BY ALL"
            )
            cursor.execute(f"INSERT INTO corrected SELECT {_ROW_COLUMNS} FROM fresh_rows")
            cursor.execute("COMMIT")
        finally:
            cursor.close()

    def rule_totals(self) -> dict[str, int]:
        """Return rule text -> how many rows it adds in the corpus (corrections aside)."""
        frame = self.frame("SELECT rule, count(*) AS n FROM rule_added GROUP BY rule")
        return dict(zip(frame["rule"], frame["n"].astype(int), strict=True))

    def splice_rules(self, affected: pd.DataFrame, hits: pd.DataFrame) -> None:
        """Replace what the rules change in the `affected` articles, given their kept matches.

        `affected` holds article_id and text_hash; `hits` the rule matches each text keeps
        (text_hash, start, end, text, label, canonical, rule). As `rules.RuleOverlay` does, a
        model row overlapping a match is dropped unless it is the same span and label, and
        such a match stays the model's row; the others are added. One transaction.
        """
        published = pd.to_datetime(affected["article_id"].map(self._published))
        affected = affected.assign(published=published, month=month_of(published))
        months = sorted(set(affected["month"]) & set(self.dataset.partitions))
        with self._lock:
            cursor = self._con.cursor()
            try:
                cursor.register("affected", affected)
                cursor.register("fresh_hits", hits)
                cursor.execute("BEGIN TRANSACTION")
                for table in ("rule_added", "rule_dropped", "rule_delta"):
                    cursor.execute(
                        f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM affected)"
                    )
                if months and len(hits):
                    for statement in splice_statements(self.entities(months, layer="model")):
                        cursor.execute(statement)
                cursor.execute("COMMIT")
                self._names_stale = True
            finally:
                cursor.close()
