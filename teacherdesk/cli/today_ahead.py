"""Reading Today ahead, on the machine's other core, while the app itself starts.

Opening the app is mostly work that cannot share one core: importing the interface, drawing the
first frame, reading the file and building Today (each holds Python's lock). On a machine with a
second core, `start` forks a short-lived reader just before the interface is imported; it opens
the file read-only, builds Today's view, hands it back through a pipe and exits.

The app (ui/screens/today.py) shows that view only while the file on disk is still the one the
reader read (its inode, size, modification time and first bytes: the storage's own test of
"unchanged"), keeps it only if the app's own reading of the file finds the same, and otherwise
builds Today itself; it never waits long for the reader. The reader never writes, never locks,
never touches the terminal and dies quietly with any signal.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Signals that must not run the app's handlers (which give the terminal back) in the reader
# between the fork and the reader's own reset.
QUIET = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE}
GIVE_UP_SECONDS = 0.2  # what giving the reader up may cost at most


@dataclass(frozen=True)
class ReadAhead:
    """What the reader built: Today's view of the file as it was when read."""

    identity: Any  # the storage's (stamp, first bytes) of what was read
    view: Any  # a TodayView
    skipped: dict[str, list[str]] = field(default_factory=dict)  # damaged records, by table


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
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, QUIET)
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the reader: never returns
        os.close(read_end)
        _read_ahead(path, author, today, write_end, blocked)
    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    os.close(write_end)
    return TodayAhead(pid, read_end, today)


def _read_ahead(path: Path, author: str, today: dt.date, out: int, mask: Any) -> None:
    status = 1
    try:
        for number in QUIET:
            signal.signal(number, signal.SIG_DFL)  # ctrl+c, a hang-up: gone, no traceback
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
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
    view = build_today(store, today)
    return ReadAhead(store.storage.identity, view, store.skipped_by_table())


class TodayAhead:
    """The app's side. One thread `wait`s for the reader; anyone may ask `ready()` without
    waiting (which gives the reader up if it is not done); `stop()` when the app ends."""

    def __init__(self, pid: int, pipe: int, today: dt.date) -> None:
        self.pid = pid
        self.today = today
        self._pipe: int | None = pipe
        self._pidfd = _pidfd(pid)
        self._lock = threading.Lock()  # held by the one wait
        self._done = threading.Event()
        self._result: ReadAhead | None = None
        self._reaped = False

    def wait(self, seconds: float) -> ReadAhead | None:
        """The reader's view (None if it failed, was given up or is late); blocks."""
        with self._lock:
            if not self._done.is_set():
                self._result = self._receive(seconds)
                self._finish()
            return self._result

    def ready(self) -> ReadAhead | None:
        """The view if the reader has handed it over; else the reader is given up. Never
        waits more than a moment, even on a reader stuck in the kernel."""
        if not self._done.is_set():
            self._kill()  # a wait under way sees the pipe close and ends at once
            if self._lock.acquire(timeout=GIVE_UP_SECONDS):
                try:
                    if not self._done.is_set():
                        self._result = self._receive(GIVE_UP_SECONDS)  # all it wrote, if any
                        self._finish()
                finally:
                    self._lock.release()
        return self._result if self._done.is_set() else None

    def stop(self) -> None:
        """When the app ends: the reader given up and reaped (never waiting on it)."""
        self.ready()

    def _receive(self, seconds: float) -> ReadAhead | None:
        assert self._pipe is not None
        chunks: list[bytes] = []
        deadline = time.monotonic() + seconds
        while True:
            left = max(0.0, deadline - time.monotonic())
            if not select.select([self._pipe], [], [], left)[0]:
                return None  # late: the app builds Today itself
            chunk = os.read(self._pipe, 1 << 20)
            if not chunk:  # the reader is done (or gone)
                try:
                    found = pickle.loads(b"".join(chunks)) if chunks else None
                except Exception:  # cut short: the app builds it itself
                    return None
                return found if isinstance(found, ReadAhead) else None
            chunks.append(chunk)

    def _finish(self) -> None:
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        self._kill()
        self._reap()
        self._done.set()

    def _kill(self) -> None:
        # By its pidfd where there is one: a number may already be another process's.
        with contextlib.suppress(ProcessLookupError, OSError):
            if self._pidfd is not None:
                signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)
            elif not self._reaped:
                os.kill(self.pid, signal.SIGKILL)

    def _reap(self) -> None:
        """Without waiting: a reader stuck in the kernel (a slow network share) is reaped by a
        daemon thread whenever it dies, never by the app's exit."""
        try:
            pid, _status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            pid = self.pid  # already reaped (SIGCHLD ignored)
        if pid:
            self._reaped = True
            self._close_pidfd()
        else:
            threading.Thread(target=self._reap_later, daemon=True).start()

    def _reap_later(self) -> None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self._reaped = True
        self._close_pidfd()

    def _close_pidfd(self) -> None:
        if self._pidfd is not None:
            with contextlib.suppress(OSError):
                os.close(self._pidfd)
            self._pidfd = None


def _pidfd(pid: int) -> int | None:
    opener = getattr(os, "pidfd_open", None)  # Linux 5.3 and later
    if opener is None:
        return None
    try:
        return opener(pid)
    except OSError:
        return None
