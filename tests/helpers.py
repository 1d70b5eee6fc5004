"""What tests share: the fixed "today", the app factory, how to run the real command."""

from __future__ import annotations

import datetime as dt
import sys

from teacherdesk.store import Store

# Every test that shows dates uses this "today", so screens and snapshots never drift.
TODAY = dt.date(2026, 11, 16)


def make_app(store: Store, **options):
    """The app on `store` with the fixed TODAY and no file watching (deterministic)."""
    from teacherdesk.ui.app import TeacherDesk

    options.setdefault("today", TODAY)
    options.setdefault("watch_file", False)
    return TeacherDesk(store, **options)


def teacherdesk_cmd() -> list[str]:
    """How tests run the real command (the venv's python, never a shell alias)."""
    return [sys.executable, "-m", "teacherdesk"]
