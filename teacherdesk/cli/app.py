"""Opening the Textual app from the command line."""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TYPE_CHECKING

from teacherdesk.cli import typeahead
from teacherdesk.cli.problems import UsageProblem
from teacherdesk.store import Store

if TYPE_CHECKING:
    from teacherdesk.cli.today_ahead import TodayAhead

# Set by textual-serve for each browser tab (`teacherdesk serve`): the pipes are the terminal.
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def has_terminal() -> bool:
    """The app reads keys from stdin and draws on stderr; stdout too must not be a pipe."""
    if os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER:
        return True
    return all(stream.isatty() for stream in (sys.stdin, sys.stdout, sys.stderr))


def open_app(store: Store, **options: object) -> int:
    """The only place the command line imports textual."""
    if not has_terminal():
        # Without a terminal the app would write escape codes into a pipe and never exit.
        raise UsageProblem(
            "teacherdesk opens its app only in a terminal; for scripts use a command such as "
            "`teacherdesk roster` (see teacherdesk --help)."
        )
    ahead = _read_today_ahead(store, options)  # before the interface is imported
    try:
        from teacherdesk.ui.app import TeacherDesk

        held = typeahead.current()  # keys typed while starting, and the shell's terminal
        if held is not None:
            options.update(typed_early=held.typed, shell_terminal=held.shell_attrs)
        app = TeacherDesk(store, today_ahead=ahead, warm_up=True, **options)
        app.run()
    finally:
        if ahead is not None:
            ahead.stop()
    if app.open_problem is not None:  # the file could not be read: said as one sentence
        raise app.open_problem
    return app.return_code or 0


def _read_today_ahead(store: Store, options: dict[str, object]) -> TodayAhead | None:
    """When the app opens on Today in a terminal: Today read on another core meanwhile."""
    if store.path is None or store.is_open or os.environ.get("TEXTUAL_DRIVER"):
        return None
    if options.get("start", "today") != "today" or options.get("interview_student"):
        return None
    from teacherdesk.cli import today_ahead

    return today_ahead.start(store.path, store.author, dt.date.today())
