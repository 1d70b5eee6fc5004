"""`teacherdesk good-news STUDENT [--text WORDS] [--out FILE] [--lang CODE|auto]`: a short note
home with good news, in the family's language, logged as a positive contact (a letter) so the
balance on Today counts it. The teacher's words are printed as typed, never translated."""

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
from teacherdesk.domain.dates import today
from teacherdesk.domain.lookup import find_student
from teacherdesk.exports.good_news import default_filename, write_good_news
from teacherdesk.models import Channel, ContactNote, Direction, Outcome, Purpose
from teacherdesk.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")
    parser.add_argument(
        "--text", default="", help="the good news, in your words (printed as typed)"
    )
    add_letter_arguments(parser)


def run(args: argparse.Namespace, store: Store) -> int:
    fmt = choose_format(args.format, args.out, ("md", "html"))
    student = find_student(args.student, store.students.all())
    guardians = store.guardians.for_student(student.id)
    day = today()
    try:
        letter = write_good_news(
            student,
            guardians,
            store.settings.load(),
            day,
            text=args.text,
            lang=args.lang,
            school=school_of(store),
        )
    except ValueError as error:
        raise language_problem(error) from None
    wrote = write_letter_out(
        args.out,
        letter,
        fmt,
        header=student.display_name,
        what="the note",
        name=lambda code, fmt: default_filename(student, code, fmt),
    )
    log_given(store, "good-news", [student.id], args.out, f"{fmt}, {letter.code}")
    store.contacts.save(
        ContactNote(
            student_id=student.id,
            date=day,
            channel=Channel.LETTER,
            direction=Direction.WE_REACHED_OUT,
            purpose=Purpose.POSITIVE,
            outcome=Outcome.REACHED,
            summary=("Good news note home: " + args.text.strip()).strip(": ")
            if args.text.strip()
            else "Good news note home.",
        )
    )
    if wrote:
        print(
            f"Wrote good news for {student.display_name} to {wrote}{language_words(letter)}; "
            "logged as a positive contact."
        )
    return 0
