"""`teacherdesk meeting-evidence STUDENT`: the record of the school's attempts to bring the
family to the IEP meeting, as 34 CFR 300.322(d) describes it (each attempt: date, channel, who,
result; letters sent; replies), and where the evidence stands. Markdown or HTML, on standard
output or 0600 to --out; restricted notes' text only with --include-restricted.
"""

from __future__ import annotations

import argparse
import sys

from teacherdesk.cli.access import log_given
from teacherdesk.cli.meeting_notice import meeting_of
from teacherdesk.cli.output import choose_format, write_output
from teacherdesk.domain.dates import today
from teacherdesk.domain.lookup import find_student
from teacherdesk.domain.meetings import meeting_evidence
from teacherdesk.exports.meeting_evidence import build_evidence
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
        "--include-restricted",
        action="store_true",
        help="show the text of contact notes marked restricted (left out by default)",
    )


def run(args: argparse.Namespace, store: Store) -> int:
    fmt = choose_format(args.format, args.out, ("md", "html"))
    student = find_student(args.student, store.students.all())
    iep = meeting_of(store, student)
    settings = store.settings.load()
    day = today()
    evidence = meeting_evidence(
        iep,
        student,
        store.guardians.for_student(student.id),
        store.contacts.for_student(student.id),
        settings,
        day,
    )
    text = build_evidence(
        evidence, settings, day, fmt=fmt, include_restricted=args.include_restricted
    )
    written = write_output(args.out, text, "the participation record")
    log_given(store, "meeting-evidence", [student.id], args.out, fmt)
    if written:
        state = "ready" if evidence.ready else f"{len(evidence.needs)} thing(s) still needed"
        print(f"Wrote the meeting record for {student.display_name} to {args.out} ({state}).",
              file=sys.stderr)  # fmt: skip
    return 0
