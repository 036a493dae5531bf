"""The store's locks (threads and processes) and its atomic, fsynced writes."""

from __future__ import annotations

import errno
import io
import os
import threading
import uuid
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

if TYPE_CHECKING:
    import pyarrow as pa

from aidlens.errors import StoreError

READ_TIMEOUT = 2.0  # seconds a read waits for a writer before reading without the lock


def write_error(exc: OSError, folder: Path) -> str:
    """Return a message for a failed write that says why and what to do."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = f"the data folder {folder} is read-only ({exc.strerror}); make it writable"
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = f"the disk holding {folder} is full; free some space"
    else:
        why = f"writing to {folder} failed ({exc.strerror or exc}); check the folder"
    return f"{why} and save again. Nothing was saved, and nothing saved before was lost"


class StoreLock:
    """Both locks of one store: reentrant, shared by the threads of a process."""

    def __init__(self, path: Path, timeout: float):
        self.path = Path(path)
        self.timeout = timeout
        self._thread = threading.RLock()
        self._file = FileLock(str(self.path), timeout=timeout, thread_local=False)

    @contextmanager
    def write(self) -> Iterator[None]:
        """Hold both locks for a write; raise StoreError when the file lock cannot be had."""
        with self._thread:
            try:
                self._file.acquire()
            except Timeout:
                raise StoreError(
                    f"another process has held {self.path} for over {self.timeout:.0f} s; "
                    "save again in a moment, or stop the stuck aidlens process"
                ) from None
            except OSError as exc:
                raise StoreError(write_error(exc, self.path.parent)) from None
            try:
                yield
            finally:
                self._file.release()

    @contextmanager
    def read(self) -> Iterator[None]:
        """Hold the thread lock, and the file lock when possible without creating its file."""
        with self._thread:
            held = False
            if self.path.exists():
                try:
                    # Briefly: a writer holds it for milliseconds, and a stuck one must not
                    # freeze every page that only reads.
                    self._file.acquire(timeout=min(self.timeout, READ_TIMEOUT))
                    held = True
                except OSError:
                    pass  # read anyway: a stale view only costs a ConflictError at the next save
            try:
                yield
            finally:
                if held:
                    self._file.release()


def write_temp(path: Path, data: bytes | Iterable[bytes], *, sync: bool = True) -> Path:
    """Write `data` (bytes, or chunks of them made as they are written) to a temp file beside
    `path`, fsynced unless `sync` is False (a cache file that is checked on reading); return the
    temp file's path."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    chunks = [data] if isinstance(data, bytes | bytearray | memoryview) else data
    try:
        with open(tmp, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
    except BaseException:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_bytes_atomic(path: Path, data: bytes | Iterable[bytes], *, sync: bool = True) -> Path:
    """Write `data` (bytes or chunks) to `path` through a temp file (fsynced unless `sync` is
    False) and os.replace; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_temp(path, data, sync=sync)
    try:
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    return path


def write_arrow_atomic(path: Path, table: pa.Table) -> Path:
    """Write `table` as an uncompressed Arrow file (readers memory-map it), atomically."""
    import pyarrow as pa  # only the writers of derived files need it

    buffer = io.BytesIO()
    with pa.ipc.new_file(buffer, table.schema) as writer:
        writer.write_table(table)
    return write_bytes_atomic(path, buffer.getvalue())


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries to disk, so that a rename survives a power cut."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temps(folder: Path, names: Collection[str]) -> None:
    """Delete temp files that killed writers left beside the files `names` (call under the lock)."""
    for name in names:
        for tmp in folder.glob(f".{name}.*.tmp"):
            tmp.unlink(missing_ok=True)
