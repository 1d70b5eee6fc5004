"""`teacherdesk calendar [--out FILE.ics]`: what is coming up, as an iCalendar file."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from teacherdesk.cli.access import log_given
from teacherdesk.cli.output import choose_format, write_output
from teacherdesk.exports.calendar import calendar_text
from teacherdesk.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", metavar="FILE.ics", help="write to FILE (0600) instead of stdout; - is stdout"
    )


def run(args: argparse.Namespace, store: Store) -> int:
    choose_format(None, args.out, ("ics",))  # an .html or .md name for iCalendar is refused
    text = calendar_text(store, today=dt.date.today())
    written = write_output(args.out, text, "the calendar")
    log_given(store, "calendar", [], args.out, "every family's coming dates")
    if written:
        print(f"Wrote {args.out}.", file=sys.stderr)
    return 0
