"""Opening the Textual app from the command line."""

from __future__ import annotations

import os
import sys

from teacherdesk.cli import typeahead
from teacherdesk.cli.problems import UsageProblem
from teacherdesk.store import Store

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
    from teacherdesk.ui.app import TeacherDesk

    held = typeahead.current()  # keys typed while starting, and the shell's terminal
    if held is not None:
        options.update(typed_early=held.typed, shell_terminal=held.shell_attrs)
    app = TeacherDesk(store, **options)
    app.run()
    if app.open_problem is not None:  # the file could not be read: said as one sentence
        raise app.open_problem
    return app.return_code or 0
