"""Saves from the app, one at a time and in order, on a background thread.

Textual's exclusive workers cancel earlier work, which is right for loading and wrong for saving:
a save must never be dropped. The app puts every save here; on quit, or when the terminal hangs
up, `drain()` waits until everything queued is on disk.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

Done = Callable[[Any, BaseException | None], None]


class Saver:
    def __init__(self) -> None:
        self._queue: queue.Queue[tuple[Callable[[], Any], Done | None] | None] = queue.Queue()
        self._idle = threading.Condition()
        self._pending = 0
        self._thread = threading.Thread(target=self._run, name="teacherdesk-saver", daemon=True)
        self._thread.start()

    def submit(self, work: Callable[[], Any], done: Done | None = None) -> None:
        """Queue `work`; `done(result, error)` is called on the saver thread afterwards."""
        with self._idle:
            self._pending += 1
        self._queue.put((work, done))

    @property
    def pending(self) -> int:
        return self._pending

    def drain(self, timeout: float | None = 10.0) -> bool:
        """Wait until every queued save has finished; False if it took longer than `timeout`."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout=timeout)

    def close(self, timeout: float | None = 10.0) -> bool:
        drained = self.drain(timeout)
        self._queue.put(None)
        return drained

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            work, done = item
            result, error = None, None
            try:
                result = work()
            except BaseException as problem:  # reported to the caller, never lost silently
                error = problem
            try:
                if done is not None:
                    done(result, error)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()
