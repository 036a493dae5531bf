"""Load the corpus, the pipeline and the query over the processed results once per process.

The entity rows are never loaded into pandas here: pages ask `AppData.query` (DuckDB over the
monthly Parquet dataset, the rules and corrections overlaid) for what they show. The amounts, a
few rows per article, are held in pandas with analysts' reviews applied (`AppData.amounts`),
loaded on first use by the pages that chart or review them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from aidlens import settings
from aidlens.amounts import load_rates
from aidlens.analysis import apply_folder_reviews
from aidlens.annotations import AmountReviewStore, AnnotationStore, known_labels
from aidlens.corpus import ArticleTexts, Corpus, load_aliases, load_corpus_cached
from aidlens.errors import AidLensError, CorpusError
from aidlens.pipeline import ModelId, load_pipeline, model_id, resolve_model_name
from aidlens.processing import (
    Dataset,
    app_amounts,
    dataset_root,
    dataset_stamp,
    ensure_dataset,
    missing_texts,
    open_cache,
    run_pipeline,
)
from aidlens.query import DataQuery, RuleLayer, sync_rules
from aidlens.rules import PATTERNS_FILE, RuleSet, load_rules
from components.plain_text import md


@dataclass(frozen=True)
class AppData:
    """What every page reads: the corpus, the store, and the query over the results."""

    data_dir: Path
    corpus: Corpus
    model_name: str
    model: ModelId
    query: DataQuery  # the model's rows, the rules, then every touched article's corrections
    store: AnnotationStore
    labels: tuple[str, ...]
    key: tuple = ()  # changes whenever the query's answers may have changed: for derived caches
    rules: RuleSet = RuleSet()  # the rules of patterns.jsonl, and its bad lines
    rule_layer: RuleLayer = field(default_factory=RuleLayer)  # what the rules change
    amount_store: AmountReviewStore | None = None  # analysts' amount reviews
    amounts_key: tuple = ()  # changes whenever `amounts` may have changed
    # Returns (reviewed, extracted) amounts: called on first use, as most pages need neither.
    load_amounts: Callable[[], tuple[pd.DataFrame, pd.DataFrame]] | None = None

    @property
    def articles(self) -> pd.DataFrame:
        """Return the articles table."""
        return self.corpus.frame

    @property
    def amounts(self) -> pd.DataFrame:
        """Return the amounts with analysts' reviews applied (reviewed values win)."""
        if self.load_amounts is None:
            return pd.DataFrame()
        return self.load_amounts()[0].copy(deep=False)

    @property
    def model_amounts(self) -> pd.DataFrame:
        """Return the amounts as extracted."""
        return pd.DataFrame() if self.load_amounts is None else self.load_amounts()[1]


def data_dir() -> Path:
    """Return the data folder from `-- --data DIR`, AIDLENS_DATA or the default."""
    return settings.data_dir(sys.argv[1:])


@st.cache_resource(show_spinner="Loading the spaCy pipeline…")
def get_pipeline(name: str):
    """Return the loaded spaCy pipeline `name`, loaded once per process."""
    return load_pipeline(name)


@st.cache_resource
def _last_good() -> dict[str, Corpus]:
    """Return the last corpus that loaded cleanly, per path, shared by all sessions."""
    return {}


# Read-only data is kept with st.cache_resource, not st.cache_data: cache_data unpickles a
# fresh copy on every call, a sizeable part of each rerun at 10,000 articles. Callers get
# shallow copies (`_corpus_view`): under pandas copy-on-write, changing one
# never changes the cached frames.
@st.cache_resource(show_spinner=False, max_entries=4)
def _load_corpus(path: str, mtime_ns: int, size: int) -> Corpus:
    """Return the corpus at `path`; mtime and size make an edited file load again."""
    return load_corpus_cached(path, Path(path).parent / "cache")


def _corpus_view(corpus: Corpus) -> Corpus:
    """Return the cached corpus with a shallow (copy-on-write) copy of its frame."""
    return replace(corpus, frame=corpus.frame.copy(deep=False))


@st.cache_resource
def _model_choice() -> dict[str, str]:
    """Return the pipeline an editor picked on the Data page, shared by every session."""
    return {}


def chosen_model() -> str | None:
    """Return the pipeline an editor picked with "Use this model", else None."""
    name = _model_choice().get("model")
    if name and not (Path(name) / "meta.json").exists():
        use_model(None)  # the folder was deleted: fall back rather than stop every page
        return None
    return name


def use_model(name: str | None) -> None:
    """Switch every session to the pipeline `name` (a folder path), or back to the default."""
    choice = _model_choice()
    if name:
        choice["model"] = name
    else:
        choice.pop("model", None)


@st.cache_resource
def _complete() -> set[tuple]:
    """Return the (corpus, model, cache content) keys already found fully processed."""
    return set()


def corpus_at(path: Path) -> Corpus:
    """Return the corpus at `path`, or the last good one with st.error when it is broken."""
    try:
        stat = path.stat()
        corpus = _corpus_view(_load_corpus(str(path), stat.st_mtime_ns, stat.st_size))
    except FileNotFoundError:
        corpus = None
        error: AidLensError | None = CorpusError([])
        message = f"No articles file at {md(path)}. Put an articles.csv in the data folder."
    except CorpusError as exc:
        corpus, error, message = (
            None,
            exc,
            "The articles file has problems:\n\n" + "\n".join(f"- {md(p)}" for p in exc.problems),
        )
    else:
        error = None
    if corpus is not None:
        _last_good()[str(path)] = corpus
        for warning in corpus.warnings:
            st.warning(md(warning))
        return corpus
    last = _last_good().get(str(path))
    st.error(message + ("\n\nShowing the last good version." if last is not None else ""))
    if last is None:
        raise st.stop() from error
    return last


@st.cache_resource
def _datasets() -> dict[tuple, Dataset]:
    """Return the datasets found sound, by what they were checked against (every session)."""
    return {}


def dataset_for(corpus: Corpus, folder: Path, model: ModelId, key: tuple) -> Dataset:
    """Return the folder's dataset; check it when anything changed, saying what is rebuilt."""
    cache = open_cache(folder, model)
    memo_key = (key, model, cache.signature(), dataset_stamp(dataset_root(folder)))
    known = _datasets().get(memo_key)
    if known is not None:
        return known
    box = st.empty()
    said: list[str] = []

    def say(why: list[str]) -> None:
        said.append("; ".join(why[:5]) + (f"; and {len(why) - 5} more" if len(why) > 5 else ""))
        box.info(md(f"Rebuilding the Parquet dataset of the results from the cache ({said[0]})…"))

    dataset = ensure_dataset(corpus, cache, load_aliases(folder), on_rebuild=say)
    box.empty()
    if said:  # the notice outlives the rebuild, so that a reader learns why the start was slow
        st.toast(md(f"Rebuilt the Parquet dataset of the results ({said[0]})"))
    memo = _datasets()
    memo.clear()  # one folder per server: older checks only hold memory
    memo[(key, model, cache.signature(), dataset_stamp(dataset_root(folder)))] = dataset
    return dataset


@st.cache_resource(max_entries=2)
def _query(_dataset: Dataset, _corpus: Corpus, dataset_key: tuple, folder: str) -> DataQuery:
    """Return the DuckDB query over one dataset, shared by every session of the process."""
    published = _corpus.frame.set_index("id")["published"]
    return DataQuery(_dataset, published, load_aliases(Path(folder)))


def ensure_processed(corpus: Corpus, folder: Path, name: str, corpus_key: tuple = ()) -> None:
    """Process the articles the cache lacks, with a progress bar; load spaCy only then."""
    cache = open_cache(folder, model_id(name))
    done_key = (corpus_key, name, cache.signature()) if corpus_key else None
    if done_key in _complete():
        return  # same corpus file, same cache content: nothing new since it was checked
    todo = missing_texts(corpus, cache)
    if not todo:
        if done_key:
            _complete().add(done_key)
        return
    nlp = get_pipeline(name)
    bar = st.progress(0.0, text=f"Processing {len(todo)} new articles…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"Processing new articles: {done} of {total}")

    run_pipeline(
        todo,
        nlp=nlp,
        cache=cache,
        batch_size=settings.get_int("AIDLENS_BATCH_SIZE"),
        n_process=1,  # the app's sessions are threads; forking from them is unsafe
        progress=progress,
    )
    bar.empty()


@st.cache_resource(max_entries=2)
def _texts(_corpus: Corpus, corpus_key: tuple) -> ArticleTexts:
    """Return article id -> text over the corpus frame, built once for both stores."""
    return ArticleTexts(_corpus.frame)


@st.cache_resource(max_entries=4)
def _store(_corpus: Corpus, corpus_key: tuple, data_dir: str, labels: tuple[str, ...]):
    """Return the annotation store of the folder, shared by every session (it is thread-safe)."""
    return AnnotationStore(Path(data_dir), _texts(_corpus, corpus_key), labels)


@st.cache_resource(max_entries=4)
def _amount_store(_corpus: Corpus, corpus_key: tuple, data_dir: str) -> AmountReviewStore:
    """Return the amount review store of the folder, shared by every session (thread-safe)."""
    return AmountReviewStore(Path(data_dir), _texts(_corpus, corpus_key))


@st.cache_resource
def _amounts_given() -> dict[int, DataQuery]:
    """Return the queries (by id, held strongly) that were given the reviewed amounts."""
    return {}


@st.cache_resource
def _checked() -> dict[int, tuple]:
    """Return store id -> (store, the extracted amounts it checks saves against)."""
    return {}


def amount_review_store(data: AppData) -> AmountReviewStore | None:
    """Return the amount review store, ready to check saves against the extracted amounts.

    Only the pages that save reviews ask for it: indexing every extracted amount takes seconds
    at 100,000 articles, which no other page should pay.
    """
    store, checked = data.amount_store, _checked()
    if store is None:
        return None
    known = checked.get(id(store))
    # Held strongly, so that neither object's id is reused while it is remembered.
    if known is None or known[0] is not store or known[1] is not data.model_amounts:
        store.use_amounts(data.model_amounts)
        if len(checked) > 4:
            checked.clear()  # stores of folders no longer served
        checked[id(store)] = (store, data.model_amounts)
    return store
    return data.amount_store


@st.cache_resource(show_spinner="Reading the amounts…", max_entries=2)
def _model_amounts(_dataset: Dataset, dataset_key: tuple) -> pd.DataFrame:
    """Return the extracted amounts without their sentences (`query.with_sentences` adds them
    to the rows a page shows); a few rows per article, the entities stay in Parquet."""
    return app_amounts(_dataset)


@st.cache_resource(max_entries=4)
def _reviewed_amounts(
    _amounts: pd.DataFrame, _corpus: Corpus, _store: AmountReviewStore, key: tuple, folder: str
) -> pd.DataFrame:
    """Return the amounts with reviews applied; `key` holds the results and store versions."""
    return apply_folder_reviews(Path(folder), _corpus, _amounts, store=_store)[0]


@st.cache_resource(max_entries=4)
def _rules(path: str, key: tuple) -> RuleSet:
    """Return the rules of patterns.jsonl; the file's mtime and size in `key` reload an edit."""
    return load_rules(Path(path).parent)


@st.cache_resource(max_entries=4)
def _rates(folder: str, key: tuple) -> pd.DataFrame:
    """Return the rates US$ values are taken at; `key` (rates.csv's) reloads an edit."""
    return load_rates(Path(folder))


def folder_rates(data: AppData) -> pd.DataFrame:
    """Return the data folder's rates: its rates.csv over the shipped yearly table."""
    return _rates(str(data.data_dir), _file_key(data.data_dir / "rates.csv"))


def _file_key(path: Path) -> tuple:
    """Return what identifies a file's content cheaply: its mtime and size (or None)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (str(path), None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def app_data() -> AppData:
    """Return the corpus, results and store of the data folder, processing new articles first."""
    folder = data_dir()
    corpus = corpus_at(folder / "articles.csv")
    try:
        name = resolve_model_name(chosen_model())
        model = model_id(name)
        corpus_key = (*_file_key(folder / "articles.csv"), len(corpus))
        ensure_processed(corpus, folder, name, corpus_key)
        labels = known_labels(folder, name)
    except AidLensError as exc:
        st.error(md(exc))
        st.stop()
    key = (corpus_key, _file_key(folder / "aliases.csv"), _file_key(folder / "rates.csv"))
    try:
        dataset = dataset_for(corpus, folder, model, key)
    except AidLensError as exc:
        st.error(md(exc))
        st.stop()
    files = tuple(p.files["entities"] for p in dataset.partitions.values())
    query = _query(dataset, corpus, (dataset.key, files), str(folder))
    store = _store(corpus, corpus_key, str(folder), labels)
    version = query.sync(store)
    patterns = folder / PATTERNS_FILE
    rules = _rules(str(patterns), _file_key(patterns))
    # The rule layer: only the articles whose text holds a changed rule's phrase are derived.
    rule_layer = sync_rules(query, rules.rules, corpus.frame)
    amount_store = _amount_store(corpus, corpus_key, str(folder))
    amounts_files = tuple(p.files["amounts"] for p in dataset.partitions.values())
    amounts_key = (dataset.key, amounts_files, corpus_key, amount_store.version)

    def load_amounts() -> tuple[pd.DataFrame, pd.DataFrame]:
        """Return the reviewed and extracted amounts; the query answers from the reviewed."""
        model = _model_amounts(dataset, (dataset.key, amounts_files))
        amounts = _reviewed_amounts(model, corpus, amount_store, amounts_key, str(folder))
        query.use_amounts(amounts)
        given = _amounts_given()
        given.pop(id(query), None)
        given[id(query)] = query
        while len(given) > 2:  # as many as `_query` keeps
            given.pop(next(iter(given)))
        return amounts, model

    # Without reviews the query reads an article's amounts from the dataset, as extracted, so
    # the Read and Annotate pages never load the whole table (seconds at 100,000 articles).
    # Once the query was given a table it keeps answering from one: keep it current.
    if id(query) in _amounts_given() or amount_store.reviews():
        load_amounts()
    return AppData(
        data_dir=folder,
        corpus=corpus,
        model_name=name,
        model=model,
        query=query,
        store=store,
        labels=labels,
        key=(str(folder), dataset.key, files, version, rules.key, amount_store.version),
        rules=rules,
        rule_layer=rule_layer,
        amount_store=amount_store,
        amounts_key=amounts_key,
        load_amounts=load_amounts,
    )
