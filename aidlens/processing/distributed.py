"""Run the pipeline over a Dask cluster, through a dataset the client and the workers share.

The client writes the uncached texts as partitions by month to the shared dataset (a folder or
an fsspec URL, `shared.py`) and submits only partition names. Each worker loads the spaCy
pipeline once (a worker plugin, at registration or when the worker joins), reads its partition,
runs the local engine's code on it (`nlp.pipe` and the same Extractor) and commits its result
partition there itself; only a summary (name, token, row counts) comes back. The client reads
the committed results into the data folder's cache, so the cache (and every output built from
it) is a local run's; committed partitions survive a stopped run, and the next one reuses them.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Mapping
from typing import Any

import dask
import pandas as pd
from distributed import Client, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from aidlens.corpus import Corpus
from aidlens.errors import ClusterError, DatasetError, ModelNotFoundError
from aidlens.pipeline import ModelId, load_pipeline
from aidlens.processing.cache import ResultCache
from aidlens.processing.dask_run import DaskRun
from aidlens.processing.extract import EXTRACTOR_VERSION, TABLES
from aidlens.processing.process import Progress
from aidlens.processing.shared import (
    Committed,
    Part,
    SharedDataset,
    build_part,
    plan_parts,
)

PLUGIN_PREFIX = "aidlens-pipeline-"
LOCAL_WORKERS = 2
CONNECT_TIMEOUT_S = 20
INGEST_TEXTS = 2000  # texts per cache chunk read back from the shared dataset


class PipelinePlugin(WorkerPlugin):
    """Loads the spaCy pipeline once per worker process and checks its version."""

    idempotent = True  # registering it again (a second run) keeps the loaded pipeline

    def __init__(self, model_name: str, model: ModelId):
        self.model_name = model_name
        self.model = model
        self.extractor_version = EXTRACTOR_VERSION  # the client's: the worker's must match
        self.nlp: Any = None

    def setup(self, worker: Any) -> None:
        """Load the pipeline; refuse a pipeline or extractor version not the client's."""
        if self.extractor_version != EXTRACTOR_VERSION:
            raise ClusterError(
                f"worker {worker.address} runs aidlens extractor {EXTRACTOR_VERSION}, the client "
                f"{self.extractor_version}; install the same aidlens on every worker"
            )
        nlp = load_pipeline(self.model_name)
        found = nlp.meta.get("version", "")
        if found != self.model.version:
            raise ModelNotFoundError(
                f"worker {worker.address} has pipeline '{self.model_name}' {found}, the client "
                f"{self.model.version}; install the same version on every worker"
            )
        self.nlp = nlp


def process_part(url: str, model: str, part: Part, plugin: str, batch_size: int) -> Committed:
    """Build one partition of the shared dataset on a worker; return its commit (no row)."""
    nlp = get_worker().plugins[plugin].nlp
    return build_part(SharedDataset(url, model), part, nlp, batch_size)


@contextlib.contextmanager
def no_profiler() -> Iterator[None]:
    """Start workers without Dask's statistical profiler, which feeds only the dashboard (off
    here): its sys._current_frames() can deadlock a Python 3.11 worker against the garbage
    collector (python/cpython#106883, dask/distributed#8616); a test run hung on it once."""
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        yield


@contextlib.contextmanager
def connect(scheduler: str | None) -> Iterator[Client]:
    """Yield a client of the scheduler at `scheduler`, or of a new two-worker LocalCluster."""
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at '{scheduler}' ({exc}); start one with "
                "`dask scheduler` and workers with `dask worker ADDRESS`, or drop --scheduler "
                "to use a local cluster"
            ) from None
        with client:
            yield client
        return
    with no_profiler():
        cluster = LocalCluster(
            n_workers=LOCAL_WORKERS,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.WARNING,
        )
    with cluster, Client(cluster) as client:
        yield client


def plugin_name(model: ModelId) -> str:
    """Return the worker plugin's name for `model`: a long-lived cluster keeps one per version."""
    return f"{PLUGIN_PREFIX}{model.slug}"


def register_pipeline(client: Client, model_name: str, model: ModelId) -> str:
    """Load the pipeline on every worker, now and on joining; return the plugin's name.

    A worker that cannot load it raises here, on the client, with the worker's own error.
    """
    if not client.scheduler_info().get("workers"):
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
        except TimeoutError:
            raise ClusterError(
                f"no Dask worker joined the scheduler within {CONNECT_TIMEOUT_S} s; start "
                "workers with `dask worker SCHEDULER_ADDRESS` on machines with the pipeline"
            ) from None
    name = plugin_name(model)
    client.register_plugin(PipelinePlugin(model_name, model), name=name)
    return name


class Ingest:
    """Reads committed result partitions into the local cache, a few thousand texts a chunk."""

    def __init__(self, shared: SharedDataset, cache: ResultCache):
        self.shared = shared
        self.cache = cache
        self.hashes: list[str] = []
        self.frames: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}

    def add(self, done: Committed) -> None:
        """Read one commit (another sound one if it went meanwhile); commit when enough.

        DatasetError when the partition has no sound commit left to read.
        """
        try:
            hashes, frames = self.shared.read_result(done)
        except DatasetError:
            found, _ = self.shared.committed(done.part)
            if found is None:
                raise
            hashes, frames = self.shared.read_result(found)
        self.hashes += hashes
        for table in TABLES:
            if len(frames[table]):
                self.frames[table].append(frames[table])
        if len(self.hashes) >= INGEST_TEXTS:
            self.flush()

    def flush(self) -> None:
        """Commit what was read to the cache, as one chunk (its docs file is the marker)."""
        if not self.hashes:
            return
        frames = {t: pd.concat(f, ignore_index=True) for t, f in self.frames.items() if f}
        self.cache.add_frames(self.hashes, frames)
        self.hashes, self.frames = [], {t: [] for t in TABLES}


def run_dask(
    corpus: Corpus,
    texts: Mapping[str, str],
    *,
    url: str,
    model_name: str,
    model: ModelId,
    cache: ResultCache,
    scheduler: str | None = None,
    partition_size: int = 64,
    batch_size: int = 64,
    progress: Progress | None = None,
) -> DaskRun:
    """Process hash -> text over a Dask cluster through the shared dataset at `url`.

    The client writes the texts' partitions there and submits partition names; each worker
    reads its partition, runs the pipeline and commits its results there itself. The client
    then reads the committed results into the local cache. ClusterError if a partition failed
    (the others stay committed: a rerun resumes).
    """
    shared = SharedDataset(url, model.slug)
    report = DaskRun(shared.url)
    if progress:
        progress(0, len(texts))
    if not texts:
        return report
    shared.prepare()  # before a cluster is started for nothing
    plan = plan_parts(corpus.frame, texts.keys(), partition_size)
    with connect(scheduler) as client:
        plugin = register_pipeline(client, model_name, model)
        futures = {}
        for part, hashes in plan:
            shared.write_input(part, {h: texts[h] for h in hashes})
            args = (shared.url, model.slug, part, plugin, batch_size)
            futures[client.submit(process_part, *args, pure=False)] = part
        _collect(futures, Ingest(shared, cache), report, progress, len(texts))
    if report.failed:
        shown = "; ".join(report.failed[:3]) + ("; ..." if len(report.failed) > 3 else "")
        raise ClusterError(
            f"{len(report.failed)} of {len(plan)} partitions failed ({shown}); the "
            f"{report.run + report.reused} others are committed at {shared.url} and in the "
            "cache: run the same command again to resume (every worker must reach that URL)"
        )
    return report


def _collect(
    futures: Mapping[Any, Part],
    ingest: Ingest,
    report: DaskRun,
    progress: Progress | None,
    total: int,
) -> None:
    """Ingest each partition as it commits, noting failures instead of stopping at the first."""
    for future in as_completed(list(futures)):
        part = futures[future]
        try:
            done = future.result()
        except Exception as exc:  # a worker's error, or its death (KilledWorker): reported below
            report.failed.append(f"{part.path}: {type(exc).__name__}: {exc}")
            continue
        try:
            ingest.add(done)
        except DatasetError as exc:  # removed since it was committed: the next run builds it
            report.failed.append(f"{part.path}: {exc}")
            continue
        report.reused += done.reused
        report.run += not done.reused
        report.rebuilt += done.rebuilt
        report.texts += part.texts
        if progress:
            progress(report.texts, total)
    ingest.flush()
