"""`teacherdesk good-news STUDENT [--text WORDS] [--out FILE] [--lang CODE|auto]`: a short note
home with good news, in the family's language, logged as a positive contact (a letter) so the
balance on Today counts it. The teacher's words are printed as typed, never translated."""

from __future__ import annotations

import argparse
import sys

from teacherdesk.cli.access import log_given
from teacherdesk.cli.letters import add_lang_argument, language_problem, language_words, school_of
from teacherdesk.cli.output import choose_format, write_output
from teacherdesk.domain.dates import today
from teacherdesk.domain.lookup import find_student
from teacherdesk.exports.good_news import write_good_news
from teacherdesk.models import Channel, ContactNote, Direction, Outcome, Purpose
from teacherdesk.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")
    parser.add_argument(
        "--text", default="", help="the good news, in your words (printed as typed)"
    )
    parser.add_argument("--out", metavar="FILE", help="write to FILE (0600); - is stdout")
    parser.add_argument(
        "--format",
        metavar="md|html",
        help="Markdown or HTML (default: from FILE's suffix, else md)",
    )
    add_lang_argument(parser)


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
    for warning in letter.warnings:
        print(f"teacherdesk: {warning}.", file=sys.stderr)
    text = letter.html(header=student.display_name) if fmt == "html" else letter.markdown()
    to_file = write_output(args.out, text, "the note")
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
    if to_file:
        print(
            f"Wrote good news for {student.display_name} to {args.out}{language_words(letter)}; "
            "logged as a positive contact."
        )
    return 0
