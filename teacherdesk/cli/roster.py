"""`teacherdesk roster [--json]`: the class and how to reach each family."""

from __future__ import annotations

import argparse
import sys

import orjson

from teacherdesk.domain.family import guardians_by_student
from teacherdesk.models import Guardian, Student
from teacherdesk.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the roster as JSON")
    parser.add_argument("--archived", action="store_true", help="include students who left")


def roster_rows(store: Store, *, archived: bool = False) -> list[tuple[Student, list[Guardian]]]:
    students = store.students.all() if archived else store.students.active()
    by_name = sorted(store.guardians.all(), key=lambda g: g.name)
    found = guardians_by_student(by_name, [student.id for student in students])
    ordered = sorted(students, key=lambda s: (s.last_name.casefold(), s.first_name.casefold()))
    return [(student, found[student.id]) for student in ordered]


def as_json(rows: list[tuple[Student, list[Guardian]]]) -> list[dict]:
    return [
        {
            "id": student.id,
            "student_number": student.student_number,
            "first_name": student.first_name,
            "last_name": student.last_name,
            "preferred_name": student.preferred_name,
            "grade": student.grade,
            "class_name": student.class_name,
            "has_iep": student.has_iep,
            "has_504": student.has_504,
            "archived": student.archived,
            "guardians": [
                {
                    "id": guardian.id,
                    "name": guardian.name,
                    "relationship": guardian.relationship_to(student.id),
                    "phone": guardian.main_phone,
                    "email": guardian.email,
                    "preferred_language": guardian.preferred_language,
                }
                for guardian in family
            ],
        }
        for student, family in rows
    ]


def run(args: argparse.Namespace, store: Store) -> int:
    rows = roster_rows(store, archived=args.archived)
    if args.json:
        sys.stdout.buffer.write(orjson.dumps(as_json(rows), option=orjson.OPT_INDENT_2) + b"\n")
        return 0
    if not rows:
        print("No students yet. Try `teacherdesk demo`, or `teacherdesk import` a roster.")
        return 0
    for student, family in rows:
        flags = " ".join(
            flag for flag, on in (("IEP", student.has_iep), ("504", student.has_504)) if on
        )
        print(
            f"{student.student_number or '-':>8}  {student.display_name:<28} "
            f"grade {student.grade or '-':<3} {student.class_name:<10} {flags}"
        )
        for guardian in family:
            reach = ", ".join(part for part in (guardian.main_phone, guardian.email) if part)
            what = guardian.relationship_to(student.id) or "guardian"
            print(f"{'':10}{guardian.name} ({what}) {reach}")
    return 0
