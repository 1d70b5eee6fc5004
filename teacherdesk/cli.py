"""The `teacherdesk` command line (DESIGN.md §5).

Exit codes: 0 done; 1 the data file is damaged or the work failed; 2 the command line or input
is wrong. Errors are one sentence on stderr. Only opening the app imports textual.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from teacherdesk import __version__
from teacherdesk.commands import UsageProblem, WorkFailed, first_error
from teacherdesk.lookup import StudentNotFound
from teacherdesk.store import Store, StoreError, default_data_path
from teacherdesk.text import clean_line

Handler = Callable[[argparse.Namespace, Store], int]


def _data_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--data",
        metavar="FILE",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        help="the data file (default: $TEACHERDESK_DATA, else teacherdesk.json in the data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    from teacherdesk.commands import check, demo, note, roster

    parser = argparse.ArgumentParser(
        prog="teacherdesk",
        description="Keep the partnership with every student's family: roster, contacts, "
        "conferences, engagement and IEP input, in your terminal.",
    )
    parser.add_argument("--version", action="version", version=f"teacherdesk {__version__}")
    _data_option(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, handler: Handler) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _data_option(sub, top=False)
        sub.set_defaults(handler=handler)
        return sub

    demo.add_arguments(command("demo", "write a fictional class to try teacherdesk", demo.run))
    roster.add_arguments(command("roster", "list the students and their families", roster.run))
    note.add_arguments(command("note", "log a family contact from the shell", note.run))
    check.add_arguments(command("check", "verify the data file", check.run))
    from teacherdesk.commands import import_roster

    import_roster.add_arguments(command("import", "read a SIS CSV or OneRoster", import_roster.run))
    from teacherdesk.commands import export

    export.add_arguments(command("export", "the IEP team packet, Markdown or HTML", export.run))
    from teacherdesk.commands import calendar

    calendar.add_arguments(command("calendar", "what is coming up, as .ics", calendar.run))
    from teacherdesk.commands import interview, parent_input_request

    interview.add_arguments(command("interview", "the Student Input interview", interview.run))
    parent_input_request.add_arguments(
        command("parent-input-request", "ask the family for their input", parent_input_request.run)
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a name the terminal cannot encode is no traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    path = (args.data or default_data_path()).expanduser()
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is not None and getattr(handler, "opens_store_itself", False):
            return handler(args, None)  # type: ignore[arg-type]
        store = Store.open(path)
        if handler is None:
            return open_app(store)
        return handler(args, store)
    except StoreError as error:
        return _fail(1, f"cannot use {path}: {error}.")
    except StudentNotFound as error:
        return _fail(2, f"{error}.")
    except UsageProblem as error:
        return _fail(2, str(error))
    except ValidationError as error:
        return _fail(2, first_error(error))
    except WorkFailed as error:
        return _fail(1, str(error))
    except OSError as error:
        return _fail(1, f"{error.strerror or error}: {error.filename or path}.")
    except KeyboardInterrupt:
        return _fail(1, "stopped.")


def open_app(store: Store, **options: object) -> int:
    """The only place the command line imports textual."""
    from teacherdesk.app import TeacherDesk

    app = TeacherDesk(store, **options)
    app.run()
    return app.return_code or 0


def _fail(code: int, message: str) -> int:
    # One line, and nothing typed on the command line can put escape sequences on the terminal.
    print(f"teacherdesk: {clean_line(message)}", file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
