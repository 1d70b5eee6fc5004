"""`teacherdesk records-request STUDENT`: everything held about the student, for the family.

Writes the whole record across every school year (other children unnamed, other members'
restricted notes left out and counted) and starts the 45-day clock on Today; `--given` marks
the open request answered. Each copy given out is in the access log.
"""

from __future__ import annotations

import argparse
import sys

from teacherdesk.cli.access import log_given
from teacherdesk.cli.output import choose_format, write_output
from teacherdesk.cli.problems import UsageProblem
from teacherdesk.domain.dates import parse_date, today
from teacherdesk.domain.lookup import find_student
from teacherdesk.domain.records import due_on, mark_given, start_request
from teacherdesk.exports.records_request import export_records
from teacherdesk.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")
    parser.add_argument("--out", metavar="FILE", help="write to FILE (0600); - is stdout")
    parser.add_argument("--format", metavar="md|html", help="default: from FILE, else md")
    parser.add_argument(
        "--requested-on", metavar="DATE", help="when the family asked (default: today)"
    )
    parser.add_argument(
        "--given", action="store_true", help="mark the open request as given (stops the clock)"
    )


def run(args: argparse.Namespace, store: Store) -> int:
    day = today()
    student = find_student(args.student, store.students.all())
    if args.given:
        open_ones = [r for r in store.records_requests.open_ones() if r.student_id == student.id]
        if not open_ones:
            raise UsageProblem(f"{student.display_name} has no open records request.")
        mark_given(store, open_ones[0].id, day)
        print(f"Marked {student.display_name}'s records request as given today.")
        return 0
    fmt = choose_format(args.format, args.out, ("md", "html"))
    asked = day
    if args.requested_on:
        try:
            order = store.settings.load().date_order
            asked = parse_date(args.requested_on, relative_to=day, order=order)
        except ValueError as error:
            raise UsageProblem(f"--requested-on: {str(error).rstrip('.')}.") from None
        if asked > day:
            raise UsageProblem("--requested-on cannot be in the future.")
    request = start_request(store, student.id, asked)
    text, left_out = export_records(
        store, student, today=day, fmt=fmt, requested_on=request.requested_on
    )
    written = write_output(args.out, text, "the records")
    log_given(store, "records-request", [student.id], args.out, f"{fmt}, {left_out} left out")
    where = f" to {args.out}" if written else ""
    print(
        f"Wrote {student.display_name}'s records{where}; due to the family by "
        f"{due_on(request.requested_on).isoformat()} (on Today until marked --given)"
        + (f"; {left_out} restricted note(s) by other team members left out." if left_out else "."),
        file=sys.stderr,
    )
    return 0
