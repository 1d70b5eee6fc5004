"""`teacherdesk forget STUDENT [--yes]`: erase a student from every year file and every backup.

A guardian shared with a sibling stays. Asks first; without --yes and without a terminal to ask
on, it refuses. The access log keeps one line that the erasure happened (not what was erased).
"""

from __future__ import annotations

import argparse
import sys

from teacherdesk.cli.problems import UsageProblem, WorkFailed
from teacherdesk.domain.lookup import find_student
from teacherdesk.store import Store
from teacherdesk.store.erasure import erase_student, other_files


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student", metavar="STUDENT", help="student number, id or name")
    parser.add_argument("--yes", action="store_true", help="do not ask (for scripts)")


def run(args: argparse.Namespace, store: Store) -> int:
    from teacherdesk.store.years import across_years

    everyone = across_years(store, lambda year: year.students.all())
    student = find_student(args.student, everyone)
    if store.students.get(student.id) is None:
        raise UsageProblem(
            f"{student.display_name} is only in a finished year's file; bring them back with "
            "the data file's owner, or erase from the current file first."
        )
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageProblem(
                f"forget erases {student.display_name} for good and needs a yes: run it in a "
                "terminal, or add --yes."
            )
        files = len(other_files(store.path)) + 1 if store.path else 1
        answer = input(
            f"Erase {student.display_name} and everything only theirs from {files} file(s), "
            "backups included? This cannot be undone. Type yes: "
        )
        if answer.strip().lower() != "yes":
            print("Nothing was erased.")
            return 0
    report = erase_student(store, student.id)
    print(
        f"Erased {student.display_name}: {report.records} record(s) from the data file, "
        f"{report.files} file(s) rewritten; the access log notes that it happened."
    )
    if report.not_cleaned:
        raise WorkFailed(
            "these files belong to another account and still hold the student; ask their "
            "owner to run teacherdesk forget too: " + "; ".join(report.not_cleaned)
        )
    return 0
