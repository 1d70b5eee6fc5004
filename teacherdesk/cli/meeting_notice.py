"""`teacherdesk meeting-notice STUDENT`: the notice of the student's IEP meeting (300.322(b)).

Prints the letter, or writes it 0600 to --out (`-` is standard output); the format is --format,
else --out's suffix, else Markdown, as `export` does. --lang picks the language (default auto:
the language of the family it is addressed to, bilingual with English where nobody has reviewed
the translation). With `--sent HOW` it also notes on the IEP record that the notice went to the
family today, and how (letter, email, …): the participation evidence counts school days of
notice from that date.
"""

from __future__ import annotations

import argparse
import sys

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
from teacherdesk.domain.dates import today
from teacherdesk.domain.lookup import find_student
from teacherdesk.domain.school_days import day_off_warning
from teacherdesk.exports.meeting_notice import notice_filename, write_notice
from teacherdesk.models import IEP, Channel, Student, parse_choice
from teacherdesk.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")
    add_letter_arguments(parser)
    parser.add_argument(
        "--sent",
        metavar="HOW",
        help="note on the IEP that the notice went out today: letter, email, text, app, in person",
    )


def meeting_of(store: Store, student: Student) -> IEP:
    iep = store.ieps.for_student(student.id)
    if iep is None:
        raise UsageProblem(
            f"{student.display_name} has no IEP meeting on record: set the meeting date on the "
            "IEP screen first."
        )
    return iep


def run(args: argparse.Namespace, store: Store) -> int:
    fmt = choose_format(args.format, args.out, ("md", "html"))
    student = find_student(args.student, store.students.all())
    how = None
    if args.sent is not None:
        try:
            how = parse_choice(Channel, args.sent)
        except ValueError as error:
            raise UsageProblem(f"--sent: {error}.") from None
    iep = meeting_of(store, student)
    day = today()
    settings = store.settings.load()
    try:
        letter = write_notice(
            student,
            store.guardians.for_student(student.id),
            iep,
            settings,
            day,
            lang=args.lang,
            school=school_of(store),
        )
    except ValueError as error:
        raise language_problem(error) from None
    if warning := day_off_warning("The IEP meeting", iep.meeting_date, settings.holidays):
        print(warning, file=sys.stderr)  # a warning only: some families meet on Saturdays
    wrote = write_letter_out(
        args.out,
        letter,
        fmt,
        header=student.display_name,
        what="the notice",
        name=lambda code, fmt: notice_filename(student, code, fmt),
    )
    log_given(store, "meeting-notice", [student.id], args.out, f"{fmt}, {letter.code}")
    noted = ""
    if how is not None:
        with store.transaction():
            current = store.ieps.get(iep.id) or iep
            store.ieps.save(
                current.model_copy(update={"notice_sent_on": day, "notice_sent_how": how})
            )
        noted = f"; noted on the IEP as sent today ({how.value})"
    if wrote:
        print(f"Wrote the meeting notice for {student.display_name} to {wrote}"
              f"{language_words(letter)}{noted}.", file=sys.stderr)  # fmt: skip
    elif noted:
        print(f"Noted on the IEP: notice sent today ({how.value}).", file=sys.stderr)
    return 0
