"""`teacherdesk interview STUDENT`: open the app straight into the Student Input interview."""

from __future__ import annotations

import argparse

from teacherdesk.domain.lookup import find_student
from teacherdesk.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")


def run(args: argparse.Namespace, store: Store) -> int:
    from teacherdesk.cli.app import open_app

    student = find_student(args.student, store.students.all())
    return open_app(store, interview_student=student.id)
