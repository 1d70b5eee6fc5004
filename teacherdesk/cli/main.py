"""The `teacherdesk` command line (DESIGN.md §5).

Exit codes: 0 done; 1 the data file is damaged or the work failed; 2 the command line or input
is wrong. Errors are one sentence on stderr. Only opening the app imports textual.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

# We use no pydantic plugins; skipping their discovery (a scan of every installed package) makes
# every shell command start faster.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from typing import TYPE_CHECKING, Any

from teacherdesk import __version__
from teacherdesk.text import clean_line

if TYPE_CHECKING:
    from teacherdesk.store import Store

# `--version` and `--help` import no command, no pydantic and no store: those load only once a
# command is really run (see main()).
Handler = Callable[[argparse.Namespace, Any], int]


def _data_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--data",
        metavar="FILE",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        help="the data file (default: $TEACHERDESK_DATA, else teacherdesk.json in the data folder)",
    )


# name, module in teacherdesk.cli, one line of help. Only the module of the command being run
# is imported, so `teacherdesk note` does not pay for the calendar, the packet or the importer.
COMMANDS: list[tuple[str, str, str]] = [
    ("demo", "demo", "write a fictional class to try teacherdesk"),
    ("import", "import_roster", "read a SIS CSV export or a OneRoster bundle (folder or zip)"),
    ("roster", "roster", "list the students and their families"),
    ("note", "note", "log a family contact from the shell"),
    ("interview", "interview", "open the app on a student's Student Input interview"),
    ("export", "export", "the IEP team packet for one student, Markdown or HTML"),
    ("parent-input-request", "parent_input_request", "ask the family for their Parental Input"),
    ("meeting-notice", "meeting_notice", "the notice of a student's IEP meeting, for the family"),
    (
        "meeting-evidence",
        "meeting_evidence",
        "the record of attempts to bring the family to the IEP meeting",
    ),
    ("good-news", "good_news", "a short note home with good news, in the family's language"),
    ("letters", "letters", "the languages of letters home, catalogs for translators, --check"),
    ("calendar", "calendar", "what is coming up (conferences, events, follow-ups, IEP), as .ics"),
    ("serve", "serve", "the app in a browser, behind a secret URL (127.0.0.1 or a socket)"),
    ("check", "check", "verify the data file and every past school year's file"),
    ("close-year", "close_year", "end the school year: move finished years to their own files"),
    ("share", "share", "make the data folder a team folder for a Unix group"),
    ("access-log", "access_log", "who was given what about which student, and when"),
    ("records-request", "records_request", "everything held about a student, for the family"),
    ("handoff", "handoff", "what works with each family, for next year's teacher"),
    ("forget", "forget", "erase a student from every year file and every backup"),
    ("retention", "retention", "how many finished years are kept; --apply removes older ones"),
]


def _command_named(argv: Sequence[str]) -> str | None:
    """The command in `argv` (skipping `--data FILE`), so only its module needs importing."""
    names = {name for name, _, _ in COMMANDS}
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--data":
            skip = True
        elif not word.startswith("-"):
            return word if word in names else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; only the arguments of the command `only` are loaded (none without one:
    `teacherdesk --help` lists the commands from COMMANDS without importing any of them)."""
    parser = argparse.ArgumentParser(
        prog="teacherdesk",
        description="Keep the partnership with every student's family: roster, contacts, "
        "conferences, engagement and IEP input, in your terminal.",
    )
    parser.add_argument("--version", action="version", version=f"teacherdesk {__version__}")
    _data_option(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name, help_text in COMMANDS:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _data_option(sub, top=False)
        if only == name:
            module = importlib.import_module(f"teacherdesk.cli.{module_name}")
            module.add_arguments(sub)
            sub.set_defaults(handler=module.run)
    return parser


# Commands that open the app in this terminal (`demo` too, unless --no-open).
OPENS_APP = {None, "interview", "demo"}


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = _command_named(argv)
    if command not in OPENS_APP or _asks_only(argv) or "--no-open" in argv:
        return _run(argv, command)
    # First of all: keys typed while the app loads wait for it (cli/typeahead.py).
    from teacherdesk.cli.typeahead import held_for_app

    with held_for_app():
        return _run(argv, command)


def _asks_only(argv: Sequence[str]) -> bool:
    """`--help` or `--version`: printed at once, no app."""
    return any(word in ("-h", "--help", "--version") for word in argv)


def _run(argv: list[str], command: str | None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a name the terminal cannot encode is no traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser(only=command)
    args = parser.parse_args(argv)
    # Past this point a command (or the app) really runs: now the store and pydantic are needed.
    from pydantic import ValidationError

    from teacherdesk.cli.problems import UsageProblem, WorkFailed
    from teacherdesk.domain.lookup import StudentNotFound
    from teacherdesk.domain.problems import first_error
    from teacherdesk.store import NotADataFileError, Store, StoreError, default_data_path

    path = (args.data or default_data_path()).expanduser()
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is not None and getattr(handler, "opens_store_itself", False):
            return handler(args, None)  # type: ignore[arg-type]
        if handler is None:
            from teacherdesk.cli.app import open_app

            # The app paints its first frame, then reads the file in a thread.
            return open_app(Store.open(path, read_now=False))
        store = Store.open(path)
        code = handler(args, store)
        _say_what_was_skipped(store)
        return code
    except NotADataFileError as error:  # exit 1 like any unusable data file (DESIGN.md §5)
        return _fail(1, f"cannot use {path} as the data file: {error}.")
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
    except BrokenPipeError:  # `teacherdesk roster | head`: the reader left, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        return _fail(1, _os_error_sentence(error, path))
    except KeyboardInterrupt:
        return _fail(1, "stopped.")
    except Exception as error:  # a bug of ours: still one sentence, the traceback only on request
        if os.environ.get("TEACHERDESK_DEBUG"):
            raise
        return _fail(
            1,
            f"something went wrong ({type(error).__name__}: {error}); nothing saved before was "
            "lost. Run again with TEACHERDESK_DEBUG=1 to see the details.",
        )


def _os_error_sentence(error: OSError, data_path: Path) -> str:
    """'Could not save to FILE: no space left on device.', naming the file as the user gave it."""
    reason = (error.strerror or str(error)).lower()
    named = error.filename
    if named is None or _same_file(named, data_path):
        return f"could not use the data file {data_path}: {reason}."
    if _same_file(os.path.dirname(named), data_path.parent / "backups"):
        return f"could not save to {data_path}: its backup {named} failed ({reason})."
    return f"could not use {named}: {reason}."


def _same_file(one: str | Path, other: Path) -> bool:
    return os.path.realpath(one) == os.path.realpath(other)


def _say_what_was_skipped(store: Store) -> None:
    """Records left out because they are damaged are never hidden: one line on stderr each."""
    from teacherdesk.store.check import skipped_sentences

    for sentence in skipped_sentences(store):
        print(f"teacherdesk: {sentence}", file=sys.stderr)


def _fail(code: int, message: str) -> int:
    # One line, and nothing typed on the command line can put escape sequences on the terminal.
    print(f"teacherdesk: {clean_line(message)}", file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
