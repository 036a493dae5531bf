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
import os
import uuid
from pathlib import Path

import pyarrow as pa

from aidlens import settings
from aidlens.corpus.articles import Corpus, corpus_chunks, load_corpus, open_articles

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
        with contextlib.suppress(OSError, KeyError, ValueError, pa.ArrowException):
            return _read_snapshot(snap, path)  # a damaged one is written again below
    # Bad input leaves the data folder as it was: no cache folder appears for it.
    made = [p for p in (Path(cache_dir), snap.parent) if not p.exists()]
    parts, tmp = (snap.with_name(f".{snap.name}.{uuid.uuid4().hex}.{e}") for e in ("parts", "tmp"))
    try:
        snap.parent.mkdir(parents=True, exist_ok=True)
        with pa.OSFile(str(parts), "wb") as sink:
            _write_chunks(path, sink)
        _write_one_batch(parts, tmp)
        os.replace(tmp, snap)
    except OSError:
        return load_corpus(path)  # a read-only folder or a full disk: the copy only saves time
    except BaseException:
        for temp in (parts, tmp):
            temp.unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        for temp in (parts, tmp):
            temp.unlink(missing_ok=True)
    _remove_older(snap)
    return _read_snapshot(snap, path)


def _write_chunks(path: Path, sink: pa.NativeFile) -> None:
    """Write the validated articles of the CSV at `path` to `sink` as an Arrow file, a chunk of
    rows at a time (a million articles are never held at once); CorpusError when invalid."""
    with open_articles(path) as binary:
        warnings, chunks = corpus_chunks(binary, str(path))
        writer, schema = None, None
        for chunk in chunks:
            table = pa.Table.from_pandas(chunk, preserve_index=False)
            if writer is None:
                metadata = {**(table.schema.metadata or {}), WARNINGS_KEY: json.dumps(warnings)}
                schema = table.schema.with_metadata(metadata)
                writer = pa.ipc.new_file(sink, schema)
            # A later chunk may type a column otherwise (all empty there): the first one's wins.
            writer.write_table(table.cast(schema))
        if writer is not None:
            writer.close()


def _write_one_batch(parts: Path, out: Path) -> None:
    """Write the Arrow file `parts` again as one record batch: Arrow's take on a text column of
    many chunks first joins them all (7 s for 2 GB of texts), at every filter of the corpus."""
    table = pa.ipc.open_file(pa.memory_map(str(parts), "r")).read_all().combine_chunks()
    with pa.OSFile(str(out), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def _read_snapshot(snap: Path, path: Path) -> Corpus:
    """Return the corpus held in a snapshot file, memory-mapped."""
    table = pa.ipc.open_file(pa.memory_map(str(snap), "r")).read_all()
    warnings = json.loads((table.schema.metadata or {})[WARNINGS_KEY])
    return Corpus(frame=table.to_pandas(), path=str(path), warnings=tuple(warnings))


def _remove_older(snap: Path) -> None:
    """Remove the older snapshots of the same file as `snap`."""
    prefix = snap.name.split("-")[0] + "-"
    # Mapped by another process, an old file stays readable there until it is closed.
    for old in [*snap.parent.glob(prefix + "*" + SUFFIX), *snap.parent.glob(prefix + "*.parquet")]:
        if old != snap:
            old.unlink(missing_ok=True)
