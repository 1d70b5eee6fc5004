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
from collections.abc import Callable
from typing import Any

from teacherdesk.store import Store

SCREENS = ("teacherdesk.ui.screens.roster", "teacherdesk.ui.screens.contacts")


def _readers() -> dict[str, Callable[[Store, dt.date], Any]]:
    from teacherdesk.domain.contacts import list_contacts
    from teacherdesk.domain.roster import build_rows

    return {
        "roster": lambda store, _today: build_rows(store, include_archived=True),
        "contacts": lambda store, today: list_contacts(store, today),
    }


class WarmScreens:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ready: dict[str, tuple[int, dt.date, Any]] = {}

    def build(self, store: Store, today: dt.date) -> None:
        """In a thread: every screen's first read, each kept with the data's generation. Only a
        head start: whatever goes wrong here (a file replaced meanwhile) is left to the screen's
        own read, which says it."""
        try:
            for module in SCREENS:
                importlib.import_module(module)
            for name, read in _readers().items():
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
