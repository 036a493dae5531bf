"""Run the pipeline over a Dask cluster: partitions of uncached texts, results into the cache.

Each worker loads the spaCy pipeline once (a worker plugin, at registration or when the worker
joins) and runs `run_pipeline` itself, the local engine's code, on each partition it is given:
`nlp.pipe` and the same Extractor, collecting rows instead of writing them. The client commits
each finished partition to the data folder's cache, so the cache (and every output built from
it) is the same as a local run's, and a run stopped half way keeps the partitions it finished.
Workers need the pipeline and aidlens installed, not the data folder: texts travel with tasks.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any

from distributed import Client, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from aidlens.errors import ClusterError, ModelNotFoundError
from aidlens.pipeline import ModelId, load_pipeline
from aidlens.processing.cache import ResultCache
from aidlens.processing.parallel import Rows, extract_rows, partitions
from aidlens.processing.process import Progress

PLUGIN_PREFIX = "aidlens-pipeline-"
LOCAL_WORKERS = 2
CONNECT_TIMEOUT_S = 20


class PipelinePlugin(WorkerPlugin):
    """Loads the spaCy pipeline once per worker process and checks its version."""

    idempotent = True  # registering it again (a second run) keeps the loaded pipeline

    def __init__(self, model_name: str, model: ModelId):
        self.model_name = model_name
        self.model = model
        self.nlp: Any = None

    def setup(self, worker: Any) -> None:
        """Load the pipeline; refuse one whose version differs from the client's (cache key)."""
        nlp = load_pipeline(self.model_name)
        found = nlp.meta.get("version", "")
        if found != self.model.version:
            raise ModelNotFoundError(
                f"worker {worker.address} has pipeline '{self.model_name}' {found}, the client "
                f"{self.model.version}; install the same version on every worker"
            )
        self.nlp = nlp


def process_partition(
    items: list[tuple[str, str]], plugin: str, batch_size: int
) -> tuple[list[str], Rows]:
    """Return (hashes, rows per table) of one partition of (hash, text), run on a worker."""
    nlp = get_worker().plugins[plugin].nlp
    return extract_rows(items, nlp, batch_size)


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


def run_dask(
    texts: Mapping[str, str],
    *,
    model_name: str,
    model: ModelId,
    cache: ResultCache,
    scheduler: str | None = None,
    partition_size: int = 64,
    batch_size: int = 64,
    progress: Progress | None = None,
) -> int:
    """Process hash -> text over a Dask cluster, committing each partition; return the count."""
    total, done = len(texts), 0
    if progress:
        progress(0, total)
    if not texts:
        return 0
    with connect(scheduler) as client:
        plugin = register_pipeline(client, model_name, model)
        # A bounded window of partitions in flight: texts are sent as workers free up.
        window = 2 * max(1, sum(client.nthreads().values()))
        todo = partitions(texts, max(1, partition_size))
        running = as_completed()
        for part in islice(todo, window):
            running.add(client.submit(process_partition, part, plugin, batch_size, pure=False))
        for future in running:
            hashes, rows = future.result()
            cache.add(hashes, rows)
            done += len(hashes)
            if progress:
                progress(done, total)
            nxt = next(todo, None)
            if nxt is not None:
                running.add(client.submit(process_partition, nxt, plugin, batch_size, pure=False))
    return done
