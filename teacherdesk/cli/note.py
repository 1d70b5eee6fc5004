"""`teacherdesk note STUDENT TEXT`: log a family contact from the shell in one line.

The note passes the same rules as the contact form (`domain.contact_rules`): what the form
refuses is refused here with the same sentence, exit 2, and nothing is saved.
"""

from __future__ import annotations

import argparse

from teacherdesk.cli.problems import UsageProblem
from teacherdesk.domain.contact_rules import note_problems
from teacherdesk.domain.dates import parse_date, today
from teacherdesk.domain.family import family as family_of
from teacherdesk.domain.lookup import find_student
from teacherdesk.models import (
    Channel,
    ContactNote,
    Direction,
    FollowUp,
    Outcome,
    Purpose,
    label,
    parse_choice,
)
from teacherdesk.store import Store
from teacherdesk.text import fold


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")
    parser.add_argument("text", metavar="TEXT", help="what was said")
    parser.add_argument("--channel", help="phone, text, email, in_person, video, letter or app")
    parser.add_argument(
        "--purpose",
        default="information",
        help="positive, concern, information, attendance, behavior, academic or iep",
    )
    parser.add_argument(
        "--outcome", default="reached", help="reached, left_message, no_answer or bounced"
    )
    parser.add_argument(
        "--direction",
        default="outgoing",
        help="outgoing (we reached out) or incoming (the family did)",
    )
    parser.add_argument("--guardian", metavar="NAME", help="which guardian (name or part of it)")
    parser.add_argument("--date", default="today", help="when (2026-12-03, 3 Dec, yesterday …)")
    parser.add_argument("--follow-up", metavar="WHAT", help="a follow-up you promised")
    parser.add_argument("--due", help="when the follow-up is due (default: in a week)")
    parser.add_argument(
        "--restricted", action="store_true", help="keep it out of exports by default"
    )


def _choice(kind, text: str, option: str):
    try:
        return parse_choice(kind, text)
    except ValueError as error:
        raise UsageProblem(f"--{option}: {error}.") from None


def _date(text: str, option: str, store: Store, *, past: bool = False):
    """A typed date; 3/12 reads in the date order of settings (else the computer's locale);
    `past` as in the form's Date field: `--date fri` is the Friday just gone."""
    order = "" if text == "today" else store.settings.load().date_order
    try:
        return parse_date(text, relative_to=today(), order=order, past=past)
    except ValueError as error:
        raise UsageProblem(f"--{option}: {error}") from None


def run(args: argparse.Namespace, store: Store) -> int:
    student = find_student(args.student, store.students.all())
    family = family_of(store, student.id)  # who to reach first
    guardian = None
    if args.guardian:
        wanted = fold(args.guardian)
        matches = [
            g
            for g in family
            if wanted in fold(g.name) or wanted == fold(g.relationship_to(student.id))
        ]
        if len(matches) != 1:
            names = ", ".join(g.name for g in family) or "none on record"
            raise UsageProblem(
                f"--guardian '{args.guardian}' must match one of {student.display_name}'s "
                f"guardians ({names})."
            )
        guardian = matches[0]
    elif len(family) == 1:
        guardian = family[0]
    default_channel = (guardian.preferred_channel if guardian else None) or Channel.PHONE
    follow_up = None
    if args.follow_up or args.due:
        follow_up = FollowUp(
            what=args.follow_up or "Follow up",
            due=_date(args.due or "in 1 week", "due", store),
        )
    note = ContactNote(
        student_id=student.id,
        guardian_id=guardian.id if guardian else None,
        date=_date(args.date, "date", store, past=True),
        channel=_choice(Channel, args.channel, "channel") if args.channel else default_channel,
        direction=_choice(Direction, args.direction, "direction"),
        purpose=_choice(Purpose, args.purpose, "purpose"),
        outcome=_choice(Outcome, args.outcome, "outcome"),
        summary=args.text,
        follow_up=follow_up,
        restricted=args.restricted,
    )
    if problems := note_problems(note, today()):
        raise UsageProblem(problems[0].sentence)
    store.contacts.save(note)
    who = f" with {guardian.name}" if guardian else ""
    kind = label(note.purpose)
    article = "an" if kind[0].lower() in "aeiou" else "a"
    print(f"Saved {article} {kind} note for {student.display_name}{who} on {note.date}.")
    return 0
