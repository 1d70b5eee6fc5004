"""A TinyDB storage that is safe with crashes and with other processes writing the same file.

- Reads come from an in-memory copy, refreshed only when the file's (inode, size, mtime) changed,
  so reading is free and another process's saves are still seen.
- Writes happen only inside `transaction()`: take the file lock, re-read if the file changed,
  let TinyDB apply its changes in memory, then write the file once, atomically (temp + fsync +
  rename + fsync of the folder). If anything fails the memory copy is dropped and re-read.
- A file that does not parse, or comes from a newer teacherdesk, raises and is never written.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson
from filelock import FileLock, Timeout
from tinydb.storages import Storage

from teacherdesk.store import schema
from teacherdesk.store.errors import DamagedFileError, ReadOnlyYearError, StoreBusyError
from teacherdesk.store.files import (
    atomic_write,
    data_file_mode,
    ensure_private_dir,
    remove_stray_temp_files,
)

Stamp = tuple[int, int, int]
LOCK_TIMEOUT_SECONDS = 20.0
# Every write puts a fresh random token in `_meta`, written first in the file, so the first bytes
# tell two versions apart even when (inode, size, mtime) do not: ext4 hands the freed inode
# back at once and many kernels keep mtime at jiffy resolution, so two same-size saves by
# another process within a few milliseconds would otherwise look like no change at all.
HEAD_BYTES = 128


def parse(raw: bytes) -> schema.Data:
    """Bytes of a data file → its tables; damaged or foreign files raise DamagedFileError."""
    if not raw.strip():
        raise DamagedFileError("it is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DamagedFileError(f"it is not valid JSON ({error})") from None
    data = schema.check_shape(data)
    schema.check_not_newer(data)
    return data


class SafeJSONStorage(Storage):
    """TinyDB storage over one JSON file (or memory when `path` is None)."""

    def __init__(
        self,
        path: Path | None,
        *,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
        read_only: bool = False,
    ) -> None:
        self.read_only = read_only  # a finished school year's file: read, never written
        # The real file: a symlinked data file stays a symlink (os.replace on the link itself
        # would cut it off from its target) and both names share one lock.
        self.path = Path(os.path.realpath(path)) if path is not None else None
        self.lock = threading.RLock()  # one thread at a time inside this process
        self._lock_timeout = lock_timeout
        self._file_lock: FileLock | None = None
        self._lock_mode = 0
        self._data: schema.Data | None = None if self.path is not None else schema.new_data()
        self._stamp: Stamp | None = None
        self._head = b""  # the first HEAD_BYTES of the file as last read or written
        self._depth = 0
        self._dirty = False
        self.generation = 0  # bumps whenever the data seen changed (ours or another process's)
        # Called under the lock before each write of the file (daily backups hang here).
        self.before_write: Callable[[Path], None] | None = None
        # Set while the Store has not finished opening the file (read, migrated): called first
        # by every read, refresh and transaction, under `lock` (it takes the same lock).
        self.opener: Callable[[], None] | None = None

    # --- TinyDB's interface ----------------------------------------------------------------------

    def read(self) -> schema.Data:
        with self.lock:
            if self.opener is not None:
                self.opener()
            if self._depth == 0:
                self.refresh()
            assert self._data is not None
            return self._data

    def write(self, data: schema.Data) -> None:
        if self._depth == 0:
            raise RuntimeError("teacherdesk writes only inside Store.transaction()")
        self._data = data
        self._dirty = True

    def close(self) -> None:
        """Nothing is buffered: every transaction is on disk when it returns."""

    def flush_now(self) -> None:
        """Write what the transaction changed so far, now (a step of a multi-file change)."""
        if self._depth == 0:
            raise RuntimeError("flush_now() is for inside Store.transaction()")
        if self._dirty:
            self._flush()
            self._dirty = False

    # --- ours ------------------------------------------------------------------------------------

    @property
    def identity(self) -> tuple[Stamp | None, bytes]:
        """What the data in memory was read from (or last written as): the file's (inode, size,
        modification time) and first bytes, which hold a token new with every write."""
        return (self._stamp, self._head)

    def identity_on_disk(self) -> tuple[Stamp | None, bytes]:
        """The same for the file as it is on disk now, without reading it whole."""
        if self.path is None:
            return (None, b"")
        stamp = self._stat()
        return (stamp, self._read_head() if stamp is not None else b"")

    def exists(self) -> bool:
        return self.path is None or self.path.exists()

    def refresh(self) -> bool:
        """Re-read the file if it changed on disk; True when the data changed."""
        if self.path is None:
            return False
        with self.lock:
            if self.opener is not None:
                self.opener()
            stamp = self._stat()
            same = self._data is not None and stamp == self._stamp
            if same and (stamp is None or self._read_head() == self._head):
                return False  # (a missing file stays missing: keep the empty data we have)
            if stamp is None:
                data, head = schema.new_data(), b""
            else:
                raw = self.path.read_bytes()
                data, head = parse(raw), raw[:HEAD_BYTES]
            self._data, self._stamp, self._head = data, stamp, head
            self.generation += 1
            return True

    def _read_head(self) -> bytes:
        assert self.path is not None
        try:
            with open(self.path, "rb") as handle:
                return handle.read(HEAD_BYTES)
        except FileNotFoundError:
            return b""

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock, see the latest file, write once at the end (re-entrant)."""
        if self.read_only:
            raise ReadOnlyYearError(
                "a finished school year is kept as it was and cannot be changed"
            )
        with self.lock:
            if self.opener is not None:
                self.opener()
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            with self._locked_file():
                self.refresh()
                undo = self._memory_snapshot()
                self._depth = 1
                try:
                    yield
                    if self._dirty:
                        self._flush()
                except BaseException:
                    # TinyDB changed the memory copy in place: forget it, the file is the truth.
                    if self.path is not None:
                        self._data, self._stamp, self._head = None, None, b""
                    elif undo is not None:
                        self._data = orjson.loads(undo)
                    raise
                finally:
                    self._depth = 0
                    self._dirty = False

    def _memory_snapshot(self) -> bytes | None:
        """In memory there is no file to fall back on: keep the data as it was, to roll back."""
        if self.path is not None:
            return None
        try:
            return orjson.dumps(self._data)
        except TypeError:
            return None

    def _lock_for_folder(self) -> FileLock:
        """The file lock, 0660 once the folder is a team folder (`share` may happen meanwhile)."""
        assert self.path is not None
        mode = data_file_mode(self.path.parent)
        if self._file_lock is None or mode != self._lock_mode:
            self._file_lock = FileLock(
                f"{self.path}.lock", timeout=self._lock_timeout, mode=mode, thread_local=False
            )
            self._lock_mode = mode
        return self._file_lock

    @contextmanager
    def _locked_file(self) -> Iterator[None]:
        if self.path is None:
            yield
            return
        ensure_private_dir(self.path.parent)  # before the lock file, so a new folder is 0700
        file_lock = self._lock_for_folder()
        try:
            file_lock.acquire()
        except Timeout:
            raise StoreBusyError(
                "another teacherdesk has been saving to this file for too long; "
                "try again in a moment"
            ) from None
        try:
            yield
        finally:
            file_lock.release()

    def _flush(self) -> None:
        assert self._data is not None
        if schema.META_TABLE not in self._data:
            self._data[schema.META_TABLE] = schema.new_data()[schema.META_TABLE]
        if self.path is None:
            self.generation += 1
            return
        if self.before_write is not None:
            self.before_write(self.path)
        remove_stray_temp_files(self.path, older_than_seconds=0)
        meta = self._data[schema.META_TABLE]
        stamp_doc = dict(meta.get(schema.META_ID) or {"version": schema.SCHEMA_VERSION})
        stamp_doc["write"] = uuid.uuid4().hex
        self._data = {
            schema.META_TABLE: {**meta, schema.META_ID: stamp_doc},
            **{name: table for name, table in self._data.items() if name != schema.META_TABLE},
        }
        raw = orjson.dumps(self._data)
        atomic_write(self.path, raw)
        self._stamp, self._head = self._stat(), raw[:HEAD_BYTES]
        self.generation += 1

    def _stat(self) -> Stamp | None:
        assert self.path is not None
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)
