"""Load the corpus, the pipeline and the processed results once, with Streamlit's caches."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from aidlens import settings
from aidlens.analysis import apply_folder_reviews
from aidlens.annotations import AmountReviewStore, AnnotationStore, CorrectionOverlay, known_labels
from aidlens.corpus import Corpus, load_aliases, load_corpus
from aidlens.errors import AidLensError, CorpusError
from aidlens.pipeline import ModelId, load_pipeline, model_id, resolve_model_name
from aidlens.processing import Results, cached_results, missing_texts, open_cache, run_pipeline
from aidlens.rules import PATTERNS_FILE, RuleOverlay, RuleSet, load_rules
from components.plain_text import md


@dataclass(frozen=True)
class AppData:
    """What every page reads: the corpus, the model's results, the store and the corrections."""

    data_dir: Path
    corpus: Corpus
    model_name: str
    model: ModelId
    model_results: Results  # as the pipeline found them
    results: Results  # with every touched article's corrected spans (corrections win)
    ruled_entities: pd.DataFrame  # the model's entities with the rules applied (an `origin` column)
    rules: RuleSet  # the rules of patterns.jsonl, and its bad lines
    rule_overlay: RuleOverlay  # the rules over the model's entities, kept across reruns
    store: AnnotationStore
    labels: tuple[str, ...]
    key: tuple = ()  # changes whenever `results` may have changed: a key for derived caches
    amount_store: AmountReviewStore | None = None  # analysts' amount reviews (they win)

    @property
    def articles(self) -> pd.DataFrame:
        """Return the articles table."""
        return self.corpus.frame


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
# shallow copies (`_corpus_view`, `_results_view`): under pandas copy-on-write, changing one
# never changes the cached frames.
@st.cache_resource(show_spinner=False, max_entries=4)
def _load_corpus(path: str, mtime_ns: int, size: int) -> Corpus:
    """Return the corpus at `path`; mtime and size make an edited file load again."""
    return load_corpus(path)


def _corpus_view(corpus: Corpus) -> Corpus:
    """Return the cached corpus with a shallow (copy-on-write) copy of its frame."""
    return replace(corpus, frame=corpus.frame.copy(deep=False))


def _results_view(results: Results) -> Results:
    """Return cached results with shallow (copy-on-write) copies of their frames."""
    return Results(results.entities.copy(deep=False), results.amounts.copy(deep=False))


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


@st.cache_resource(show_spinner="Reading processed articles…", max_entries=4)
def _results(
    _corpus: Corpus, corpus_key: tuple, data_dir: str, model: ModelId, cache_sig: tuple
) -> Results:
    """Return the results; keyed by the corpus file, the model version and the cache content."""
    cache = open_cache(Path(data_dir), model)
    return cached_results(_corpus, cache, load_aliases(Path(data_dir)), data_dir=Path(data_dir))


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


@st.cache_resource(max_entries=4)
def _store(_corpus: Corpus, corpus_key: tuple, data_dir: str, labels: tuple[str, ...]):
    """Return the annotation store of the folder, shared by every session (it is thread-safe)."""
    texts = dict(zip(_corpus.frame["id"], _corpus.frame["text"], strict=True))
    return AnnotationStore(Path(data_dir), texts, labels)


@st.cache_resource(max_entries=4)
def _amount_store(_corpus: Corpus, corpus_key: tuple, data_dir: str) -> AmountReviewStore:
    """Return the amount review store of the folder, shared by every session (thread-safe)."""
    texts = dict(zip(_corpus.frame["id"], _corpus.frame["text"], strict=True))
    return AmountReviewStore(Path(data_dir), texts)


@st.cache_resource(max_entries=4)
def _reviewed_amounts(
    _model: Results, _corpus: Corpus, _store: AmountReviewStore, key: tuple, folder: str
) -> pd.DataFrame:
    """Return the amounts with reviews applied; `key` holds the results and store versions."""
    _store.use_amounts(_model.amounts)
    return apply_folder_reviews(Path(folder), _corpus, _model.amounts, store=_store)[0]


@st.cache_resource(max_entries=4)
def _overlay(
    _model: Results, results_key: tuple, store_key: tuple, folder: str
) -> CorrectionOverlay:
    """Return the corrected entities of one results table and store, updated save by save."""
    return CorrectionOverlay(_model.entities, load_aliases(Path(folder)))


@st.cache_resource(max_entries=4)
def _rule_overlay(_model: Results, _corpus: Corpus, results_key: tuple, folder: str) -> RuleOverlay:
    """Return the rules over one results table: a change of rules derives only what it touches."""
    return RuleOverlay(_model.entities, _corpus.frame, load_aliases(Path(folder)))


@st.cache_resource(max_entries=4)
def _rules(path: str, key: tuple) -> RuleSet:
    """Return the rules of patterns.jsonl; the file's mtime and size in `key` reload an edit."""
    return load_rules(Path(path).parent)


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
    cache = open_cache(folder, model)
    key = (corpus_key, _file_key(folder / "aliases.csv"), _file_key(folder / "rates.csv"))
    results = _results_view(_results(corpus, key, str(folder), model, cache.signature()))
    store = _store(corpus, corpus_key, str(folder), labels)
    results_key = (key, model, cache.signature())
    store_key = (corpus_key, labels)  # what `_store` is keyed by, besides the folder
    patterns = folder / PATTERNS_FILE
    rules = _rules(str(patterns), _file_key(patterns))
    rule_overlay = _rule_overlay(results, corpus, results_key, str(folder))
    ruled = rule_overlay.entities(rules.rules)
    ruled_results = Results(ruled, results.amounts)
    ruled_key = (results_key, rules.key)
    entities = _overlay(ruled_results, ruled_key, store_key, str(folder)).entities(store)
    amount_store = _amount_store(corpus, corpus_key, str(folder))
    amounts_key = (results_key, corpus_key, amount_store.version)
    amounts = _reviewed_amounts(results, corpus, amount_store, amounts_key, str(folder))
    corrected = Results(entities.copy(deep=False), amounts.copy(deep=False))
    return AppData(
        data_dir=folder,
        corpus=corpus,
        model_name=name,
        model=model,
        model_results=results,
        results=corrected,
        ruled_entities=ruled.copy(deep=False),
        rules=rules,
        rule_overlay=rule_overlay,
        store=store,
        labels=labels,
        key=(str(folder), ruled_key, store.version, amount_store.version),
        amount_store=amount_store,
    )
