"""The dataset's key: a digest of everything the monthly dataset is written from.

It digests everything the tables are built from: the corpus (ids, dates, text hashes), the
cache's content, the data folder's aliases.csv and rates.csv, and aidlens's own code and data
files. Any change makes a new key, and the dataset is checked month by month against it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from aidlens.corpus import Corpus
from aidlens.processing.cache import ResultCache

PACKAGE = Path(__file__).resolve().parent.parent  # all of aidlens: the tables are built across it


def dataset_key(corpus: Corpus, cache: ResultCache, data_dir: Path) -> str:
    """Return a digest of everything the result tables are built from."""
    digest = hashlib.blake2b(digest_size=16)
    frame = corpus.frame
    for column in ("id", "text_hash"):
        # tolist() converts an Arrow-backed column at once; iterating it costs 0.3 s at 100,000.
        digest.update("\x1f".join(frame[column].tolist()).encode("utf-8"))
    digest.update(frame["published"].astype("int64").to_numpy().tobytes())
    digest.update("|".join(cache.signature()).encode("utf-8"))
    for name in ("aliases.csv", "rates.csv"):
        path = Path(data_dir) / name
        digest.update(path.read_bytes() if path.exists() else b"-")
    # The code that builds the tables: a changed module or data file must not reuse a snapshot
    # (the JSON: the linker's retrained trees change the commitment ids).
    code = [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("data/*.csv"), *PACKAGE.rglob("data/*.json")]
    for path in sorted(code):
        stat = path.stat()
        digest.update(f"{path.relative_to(PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()
