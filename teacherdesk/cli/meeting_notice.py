"""`teacherdesk meeting-notice STUDENT`: the notice of the student's IEP meeting (300.322(b)).

Prints the letter, or writes it 0600 to --out (`-` is standard output); the format is --format,
else --out's suffix, else Markdown, as `export` does. With `--sent HOW` it also notes on the IEP
record that the notice went to the family today, and how (letter, email, …): the participation
evidence counts school days of notice from that date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from teacherdesk.cli.export import format_for
from teacherdesk.cli.problems import UsageProblem, WorkFailed
from teacherdesk.domain.dates import today
from teacherdesk.domain.lookup import find_student
from teacherdesk.exports.meeting_notice import build_notice
from teacherdesk.models import IEP, Channel, Student, parse_choice
from teacherdesk.store import Store
from teacherdesk.store.files import write_private_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")
    parser.add_argument("--out", metavar="FILE", type=Path, help="write to FILE (0600)")
    parser.add_argument(
        "--format",
        metavar="md|html",
        help="Markdown or HTML (default: from FILE's suffix, else md)",
    )
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


def write_out(out: Path | None, text: str, what: str) -> bool:
    """Standard output without --out (or `--out -`), else FILE written 0600; True if a file."""
    if out is None or str(out) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return False
    target = out.expanduser()
    if target.is_dir():
        raise WorkFailed(f"Could not write the {what} to {target}: it is a folder.")
    try:
        write_private_text(target, text)
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise WorkFailed(f"Could not write the {what} to {target}: {reason}.") from None
    return True


def run(args: argparse.Namespace, store: Store) -> int:
    fmt = format_for(args.format, args.out)
    student = find_student(args.student, store.students.all())
    how = None
    if args.sent is not None:
        try:
            how = parse_choice(Channel, args.sent)
        except ValueError as error:
            raise UsageProblem(f"--sent: {error}.") from None
    iep = meeting_of(store, student)
    day = today()
    text = build_notice(
        student, store.guardians.for_student(student.id), iep, store.settings.load(), day, fmt=fmt
    )
    wrote = write_out(args.out, text, "notice")
    noted = ""
    if how is not None:
        with store.transaction():
            current = store.ieps.get(iep.id) or iep
            store.ieps.save(
                current.model_copy(update={"notice_sent_on": day, "notice_sent_how": how})
            )
        noted = f"; noted on the IEP as sent today ({how.value})"
    if wrote:
        print(f"Wrote the meeting notice for {student.display_name} to {args.out}{noted}.",
              file=sys.stderr)  # fmt: skip
    elif noted:
        print(f"Noted on the IEP: notice sent today ({how.value}).", file=sys.stderr)
    return 0
