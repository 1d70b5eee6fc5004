"""One line in the access log for each thing a command gives out (store/access_log.py)."""

from __future__ import annotations

from collections.abc import Iterable

from teacherdesk.cli.output import STDOUT
from teacherdesk.store import Store
from teacherdesk.store.access_log import record


def log_given(
    store: Store, what: str, students: Iterable[str], out: str | None, detail: str = ""
) -> None:
    """`what` about `students` went to a file or standard output (the path is not logged: it
    often holds a child's name, and the log outlives an erasure)."""
    record(store, what, students, to="stdout" if out in (None, STDOUT) else "file", detail=detail)
