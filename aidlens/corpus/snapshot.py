"""An Arrow copy of the validated corpus, so that an unchanged articles.csv is not parsed again.

Reading and validating a 200 MB articles.csv (100,000 articles) takes seconds: decoding, the
CSV parser, checking every row and hashing every text. The validated frame is saved beside the
result cache, keyed by the CSV's name, size and modification time; a later load of the same
file maps it back. Any change to the file makes a new key; the key holds the file's name, not
its folder, so that a copied data folder with its cache still matches.

The copy is an uncompressed Arrow IPC file, memory-mapped: loading it takes milliseconds and
its texts stay in the page cache until a page reads them (Parquet decoded every text at every
start: 1 to 2 s and 250 MB at 100,000 articles).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

import pyarrow as pa

from aidlens import settings
from aidlens.atomic import write_arrow_atomic
from aidlens.corpus.articles import Corpus, load_corpus

FOLDER = "corpus"
WARNINGS_KEY = b"aidlens_warnings"
SUFFIX = ".arrow"


def snapshot_path(path: Path, cache_dir: Path) -> Path:
    """Return where the snapshot of the CSV at `path`, as it is now, is kept."""
    stat = path.stat()
    # The file's name, not its full path: a copied data folder (and its cache) still matches.
    name = hashlib.blake2b(path.name.encode("utf-8"), digest_size=8).hexdigest()
    return Path(cache_dir) / FOLDER / f"{name}-{stat.st_size}-{stat.st_mtime_ns}{SUFFIX}"


def load_corpus_cached(path: str | Path, cache_dir: Path) -> Corpus:
    """Return the validated corpus at `path`, from its snapshot when the file is unchanged."""
    path = Path(path)
    try:
        snap = snapshot_path(path, cache_dir)
        too_big = path.stat().st_size > settings.get_int("AIDLENS_MAX_UPLOAD_MB") * 1024 * 1024
    except OSError:
        return load_corpus(path)  # load_corpus reports the missing or unreadable file
    if too_big:
        return load_corpus(path)  # which refuses it, naming the limit
    if snap.exists():
        try:
            table = pa.ipc.open_file(pa.memory_map(str(snap), "r")).read_all()
            warnings = json.loads((table.schema.metadata or {})[WARNINGS_KEY])
            return Corpus(frame=table.to_pandas(), path=str(path), warnings=tuple(warnings))
        except (OSError, KeyError, ValueError, pa.ArrowException):
            pass  # a damaged snapshot: the CSV is read again below
    corpus = load_corpus(path)
    with contextlib.suppress(OSError):  # a read-only folder: the snapshot only saves time
        save_snapshot(corpus, snap)
    return corpus


def save_snapshot(corpus: Corpus, snap: Path) -> None:
    """Write the corpus to `snap` atomically and remove the older snapshots of the same file."""
    table = pa.Table.from_pandas(corpus.frame, preserve_index=False)
    metadata = {**(table.schema.metadata or {}), WARNINGS_KEY: json.dumps(corpus.warnings)}
    write_arrow_atomic(snap, table.replace_schema_metadata(metadata))
    prefix = snap.name.split("-")[0] + "-"
    # Mapped by another process, an old file stays readable there until it is closed.
    for old in [*snap.parent.glob(prefix + "*" + SUFFIX), *snap.parent.glob(prefix + "*.parquet")]:
        if old != snap:
            old.unlink(missing_ok=True)
