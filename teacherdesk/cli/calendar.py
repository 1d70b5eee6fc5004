"""`teacherdesk calendar [--out FILE.ics]`: what is coming up, as an iCalendar file."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from teacherdesk.exports.calendar import calendar_text
from teacherdesk.store import Store
from teacherdesk.store.files import write_private_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", metavar="FILE.ics", type=Path, help="write to FILE (0600) instead of stdout"
    )


def run(args: argparse.Namespace, store: Store) -> int:
    text = calendar_text(store, today=dt.date.today())
    if args.out is None:
        sys.stdout.write(text)
        return 0
    out = args.out.expanduser()
    write_private_text(out, text)
    print(f"Wrote {out}.", file=sys.stderr)
    return 0
