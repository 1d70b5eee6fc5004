"""`teacherdesk parent-input-request STUDENT`: the letter asking the family for their input.

Prints the letter or writes it 0600 to --out (Markdown, or HTML by --format or an .html --out),
and records on the student's IEP that it was requested today, and how (paper unless --how says).
"""

from __future__ import annotations

import argparse

from teacherdesk.cli.output import choose_format, write_output
from teacherdesk.cli.problems import UsageProblem
from teacherdesk.domain.dates import today
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
    iep = store.ieps.for_student(student.id)
    if iep is None:
        raise UsageProblem(
            f"{student.display_name} has no IEP record yet; add the meeting date on the IEP "
            "screen (F7) first."
        )
    day = today()
    text = build_request(
        student,
        store.guardians.for_student(student.id),
        iep,
        store.settings.load(),
        day,
        fmt=fmt,
    )
    to_file = write_output(args.out, text, "the request")
    record_request(store, iep.id, day, how)
    if to_file:
        print(
            f"Wrote the request for {student.display_name} to {args.out}; noted as requested "
            f"today ({how.value})."
        )
    return 0
