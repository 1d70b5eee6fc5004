"""`teacherdesk export STUDENT`: the IEP team packet as Markdown or HTML.

Printed on stdout without `--out` (or with `--out -`); else written 0600 (see cli/output.py).
The format comes from `--format`, else from FILE's suffix, else Markdown; a mismatch is refused.
Restricted contact notes stay out unless `--include-restricted`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from teacherdesk.cli.access import log_given
from teacherdesk.cli.output import choose_format, write_output
from teacherdesk.domain.lookup import find_student
from teacherdesk.exports.packet import export_packet
from teacherdesk.store import Store

FORMATS = ("md", "html")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")
    parser.add_argument(
        "--out", metavar="FILE", help="write to FILE (0600) instead of stdout; - is stdout"
    )
    parser.add_argument(
        "--format",
        metavar="md|html",
        help="Markdown or HTML (default: from FILE's suffix, else md)",
    )
    parser.add_argument(
        "--include-restricted",
        action="store_true",
        help="include contact notes marked restricted (they are left out by default)",
    )


def run(args: argparse.Namespace, store: Store) -> int:
    fmt = choose_format(args.format, args.out, FORMATS)
    student = find_student(args.student, store.students.all())
    text = export_packet(
        store,
        student,
        today=dt.date.today(),
        fmt=fmt,
        include_restricted=args.include_restricted,
    )
    written = write_output(args.out, text, "the packet")
    detail = f"{fmt}, own restricted notes included" if args.include_restricted else fmt
    log_given(store, "packet", [student.id], args.out, detail)
    if not written:
        return 0
    restricted = " (restricted notes included)" if args.include_restricted else ""
    print(
        f"Wrote the IEP packet for {student.display_name} to {args.out}{restricted}.",
        file=sys.stderr,
    )
    return 0
