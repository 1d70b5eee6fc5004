"""`teacherdesk parent-input-request STUDENT`: the letter asking the family for their input.

Works for any student. Prints the letter, or writes it 0600 to --out; the format is --format,
else --out's suffix (`.html`/`.htm` → HTML), else Markdown, as `export` does. The return-by date
is --return-by when given, else the IEP timeline's parental-input due date, else two weeks from
today. For a student with an IEP record it also notes on the IEP that the input was requested
today, and how (paper unless --how says).
"""

from __future__ import annotations

import argparse

from teacherdesk.cli.output import choose_format, write_output
from teacherdesk.cli.problems import UsageProblem
from teacherdesk.domain.dates import parse_date, today
from teacherdesk.domain.lookup import find_student
from teacherdesk.exports.parent_request import build_request, record_request
from teacherdesk.models import InputMethod, parse_choice
from teacherdesk.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")
    parser.add_argument("--out", metavar="FILE", help="write to FILE (0600); - is stdout")
    parser.add_argument(
        "--format",
        metavar="md|html",
        help="Markdown or HTML (default: from FILE's suffix, else md)",
    )
    parser.add_argument(
        "--return-by",
        metavar="DATE",
        help="the date to answer by (default: the IEP timeline's, else two weeks from today)",
    )
    parser.add_argument(
        "--how",
        default="paper",
        help="how it goes to the family: paper (default), email, phone or meeting",
    )


def run(args: argparse.Namespace, store: Store) -> int:
    fmt = choose_format(args.format, args.out, ("md", "html"))
    student = find_student(args.student, store.students.all())
    try:
        how = parse_choice(InputMethod, args.how)
    except ValueError as error:
        raise UsageProblem(f"--how: {error}.") from None
    day = today()
    return_by = None
    if args.return_by is not None:
        try:
            return_by = parse_date(args.return_by, relative_to=day)
        except ValueError as error:
            raise UsageProblem(f"--return-by: {str(error).rstrip('.')}.") from None
        if return_by < day:
            raise UsageProblem(f"--return-by: {return_by.isoformat()} has already passed.")
    iep = store.ieps.for_student(student.id)
    text = build_request(
        student,
        store.guardians.for_student(student.id),
        iep,
        store.settings.load(),
        day,
        fmt=fmt,
        return_by=return_by,
    )
    to_file = write_output(args.out, text, "the request")
    noted = ""
    if iep is not None:
        record_request(store, iep.id, day, how)
        noted = f"; noted on the IEP as requested today ({how.value})"
    if to_file:
        print(f"Wrote the request for {student.display_name} to {args.out}{noted}.")
    return 0
