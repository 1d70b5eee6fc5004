"""Reading Today ahead, on the machine's other core, while the app itself starts.

Opening the app is mostly work that cannot share one core: importing the interface, drawing the
first frame, reading the file and building Today (each holds Python's lock). On a machine with a
second core, `start` forks a short-lived reader just before the interface is imported; it opens
the file read-only, builds Today's view, hands it back through a pipe and exits. The app shows
that view only if the file it then reads itself is exactly the one the reader read (same inode,
size and modification time; nothing migrated or finished on opening), else it builds its own.

The reader never writes, never locks, never touches the terminal, and dies quietly with any
signal; if it fails or is late, the app simply builds Today itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pickle
import select
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WAIT_SECONDS = 3.0  # longer than the reader ever needs; then the app builds Today itself


@dataclass(frozen=True)
class ReadAhead:
    """What the reader built: Today's view of the file as it was at `stamp`."""

    stamp: Any  # the storage's (inode, size, mtime) of the bytes read
    view: Any  # a TodayView


def worth_it() -> bool:
    """Only with a core to spare and a plain fork (never from a process with threads)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) >= 2  # the cores this process may run on
    return (os.cpu_count() or 1) >= 2


def start(path: Path, author: str, today: dt.date) -> TodayAhead | None:
    """Fork the reader; None when it is not worth it here (the app builds Today itself)."""
    if not worth_it():
        return None
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the reader: never returns
        os.close(read_end)
        _read_ahead(path, author, today, write_end)
    os.close(write_end)
    return TodayAhead(pid, read_end, today)


def _read_ahead(path: Path, author: str, today: dt.date, out: int) -> None:
    status = 1
    try:
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE):
            signal.signal(number, signal.SIG_DFL)  # ctrl+c, a hang-up: gone, no traceback
        nothing = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # the terminal is the app's alone
            os.dup2(nothing, fd)
        import gc

        gc.disable()  # a short life: no time spent walking millions of parsed objects
        found = _build(path, author, today)
        if found is not None:
            payload = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(out, "wb") as pipe:
                pipe.write(payload)
            status = 0
    except BaseException:  # anything at all: the app builds Today itself
        pass
    finally:
        os._exit(status)  # no atexit: the terminal and the files are the app's to restore


def _build(path: Path, author: str, today: dt.date) -> ReadAhead | None:
    from teacherdesk.domain.today import build_today
    from teacherdesk.store import Store, schema
    from teacherdesk.store.closing import close_was_cut_short
    from teacherdesk.store.erasure import erasure_cut_short
    from teacherdesk.store.storage import SafeJSONStorage

    store = Store(SafeJSONStorage(path, read_only=True), author=author)
    data = store.storage.read()
    if schema.version_of(data) != schema.SCHEMA_VERSION:
        return None  # the app migrates it first
    if close_was_cut_short(data) or erasure_cut_short(data) is not None:
        return None  # the app finishes those first
    return ReadAhead(store.storage.stamp, build_today(store, today))


class TodayAhead:
    """The app's side: `wait()` for the reader's view once (from a thread), then it is gone."""

    def __init__(self, pid: int, pipe: int, today: dt.date) -> None:
        self.pid = pid
        self.today = today
        self._pipe: int | None = pipe
        self._lock = threading.Lock()  # one wait at a time; the others get its result
        self._pid_lock = threading.Lock()
        self._reaped = False
        self._result: ReadAhead | None = None

    def wait(self, seconds: float = WAIT_SECONDS) -> ReadAhead | None:
        """The reader's view (None if it failed or is late); blocks, so call it from a thread."""
        with self._lock:
            if self._pipe is not None:
                self._result = self._receive(seconds)
                self.close()
            return self._result

    def view_for(self, stamp: Any, today: dt.date) -> Any | None:
        """The view, only if it was built from exactly the file the app has (and for today)."""
        found = self.wait()
        if found is None or found.stamp != stamp or self.today != today:
            return None
        return found.view

    def _receive(self, seconds: float) -> ReadAhead | None:
        assert self._pipe is not None
        chunks: list[bytes] = []
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if not select.select([self._pipe], [], [], left)[0]:
                continue
            chunk = os.read(self._pipe, 1 << 20)
            if not chunk:  # the reader is done
                try:
                    found = pickle.loads(b"".join(chunks)) if chunks else None
                except Exception:  # cut short: the app builds it itself
                    return None
                return found if isinstance(found, ReadAhead) else None
            chunks.append(chunk)
        return None  # late: the app builds Today itself

    def stop(self) -> None:
        """When the app ends: the reader stopped and reaped, whether or not it was waited for
        (a quit while it still reads does not wait for it)."""
        self._kill()
        self.wait(seconds=0.5)

    def close(self) -> None:
        """Stop the reader if it still runs, and reap it (no zombie left behind)."""
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        self._kill()
        with self._pid_lock:
            if not self._reaped:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(self.pid, 0)
                self._reaped = True

    def _kill(self) -> None:
        # Only while it is not reaped: after that the number may be another process's.
        with self._pid_lock:
            if not self._reaped:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGKILL)
