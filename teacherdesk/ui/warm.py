"""Screens read ahead while the teacher looks at Today: F3 and F4 open on rows already read.

Once the file is read (and Today shown), a thread imports the Roster's and Contacts' screens and
builds what their first loads would read. A screen takes it only if the data is still what it
was built from (the store's generation, after a look at the file) and the day the same; else,
or if the teacher was quicker, it reads as it always does.
"""

from __future__ import annotations

import datetime as dt
import importlib
import threading
from typing import Any

from teacherdesk.store import Store

# Each screen module's `first_read(store, today)` is what its first load reads (the same call).
SCREENS = {"roster": "teacherdesk.ui.screens.roster", "contacts": "teacherdesk.ui.screens.contacts"}


class WarmScreens:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ready: dict[str, tuple[int, dt.date, Any]] = {}

    def build(self, store: Store, today: dt.date) -> None:
        """In a thread: every screen's first read, each kept with the data's generation. Only a
        head start: whatever goes wrong here (a file replaced meanwhile) is left to the screen's
        own read, which says it."""
        try:
            for name, module in SCREENS.items():
                read = importlib.import_module(module).first_read
                generation = store.generation
                value = read(store, today)
                with self._lock:
                    self._ready[name] = (generation, today, value)
        except Exception:
            self.forget()

    def forget(self) -> None:
        """The data changed: what was read ahead is let go (never shown, no memory kept)."""
        with self._lock:
            self._ready.clear()

    def take(self, name: str, store: Store, today: dt.date) -> Any | None:
        """What `name`'s first load reads, if built from the data as it is now (once)."""
        with self._lock:
            found = self._ready.pop(name, None)
        if found is None:
            return None
        generation, day, value = found
        store.storage.refresh()  # another session's save not yet noticed: a new generation
        return value if generation == store.generation and day == today else None
