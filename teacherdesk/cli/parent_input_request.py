"""`teacherdesk parent-input-request STUDENT`: the letter asking the family for their input.

Prints the letter (Markdown, or HTML with --format html) or writes it 0600 to --out, and records
on the student's IEP that the input was requested today, and how (paper unless --how says).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from teacherdesk.cli.problems import UsageProblem
from teacherdesk.domain.dates import today
from teacherdesk.domain.lookup import find_student
from teacherdesk.exports.parent_request import build_request, record_request
from teacherdesk.models import InputMethod, parse_choice
from teacherdesk.store import Store
from teacherdesk.store.files import write_private_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")
    parser.add_argument("--out", metavar="FILE", type=Path, help="write to FILE (0600)")
    parser.add_argument(
        "--format", choices=["md", "html"], default="md", help="Markdown (default) or HTML"
    )
    parser.add_argument(
        "--how",
        default="paper",
        help="how it goes to the family: paper (default), email, phone or meeting",
    )


def run(args: argparse.Namespace, store: Store) -> int:
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
        fmt=args.format,
    )
    if args.out:
        write_private_text(args.out, text)
    else:
        print(text, end="")
    record_request(store, iep.id, day, how)
    if args.out:
        print(
            f"Wrote the request for {student.display_name} to {args.out}; noted as requested "
            f"today ({how.value})."
        )
    return 0
