"""`teacherdesk parent-input-request STUDENT`: the letter asking the family for their input.

Works for any student. Prints the letter, or writes it 0600 to --out; the format is --format,
else --out's suffix (`.html`/`.htm` → HTML), else Markdown, as `export` does. The return-by date
is --return-by when given, else the IEP timeline's parental-input due date, else two weeks from
today. For a student with an IEP record it also notes on the IEP that the input was requested
today, and how (paper unless --how says). --lang picks the language (default auto: the family's
preferred language, bilingual with English where nobody has reviewed the translation).
"""

from __future__ import annotations

import argparse

from teacherdesk.cli.access import log_given
from teacherdesk.cli.letters import (
    add_letter_arguments,
    language_problem,
    language_words,
    school_of,
    write_letter_out,
)
from teacherdesk.cli.output import choose_format
from teacherdesk.cli.problems import UsageProblem
from teacherdesk.domain.dates import parse_date, today
from teacherdesk.domain.lookup import find_student
from teacherdesk.exports.parent_request import default_filename, record_request, write_request
from teacherdesk.models import InputMethod, parse_choice
from teacherdesk.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")
    add_letter_arguments(parser)
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
            order = store.settings.load().date_order
            return_by = parse_date(args.return_by, relative_to=day, order=order)
        except ValueError as error:
            raise UsageProblem(f"--return-by: {str(error).rstrip('.')}.") from None
        if return_by < day:
            raise UsageProblem(f"--return-by: {return_by.isoformat()} has already passed.")
    iep = store.ieps.for_student(student.id)
    try:
        letter = write_request(
            student,
            store.guardians.for_student(student.id),
            iep,
            store.settings.load(),
            day,
            lang=args.lang,
            school=school_of(store),
            return_by=return_by,
        )
    except ValueError as error:
        raise language_problem(error) from None
    wrote = write_letter_out(
        args.out,
        letter,
        fmt,
        header=student.display_name,
        what="the request",
        name=lambda code, fmt: default_filename(student, code, fmt),
    )
    log_given(store, "parent-input-request", [student.id], args.out, fmt)
    noted = ""
    if iep is not None:
        record_request(store, iep.id, day, how)
        noted = f"; noted on the IEP as requested today ({how.value})"
    if wrote:
        print(
            f"Wrote the request for {student.display_name} to {wrote}"
            f"{language_words(letter)}{noted}."
        )
    return 0
