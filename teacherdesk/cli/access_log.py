"""`teacherdesk access-log [STUDENT] [--json]`: who was given what about which student, when."""

from __future__ import annotations

import argparse
import sys

import orjson

from teacherdesk.domain.access import ERASED, entries_for, names_by_id
from teacherdesk.domain.lookup import find_student
from teacherdesk.store import Store
from teacherdesk.text import clean_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "student", metavar="STUDENT", nargs="?", help="only what concerns this student"
    )
    parser.add_argument("--json", action="store_true", help="one JSON list, for scripts")


def run(args: argparse.Namespace, store: Store) -> int:
    student_id = None
    if args.student:
        from teacherdesk.store.years import across_years

        everyone = across_years(store, lambda year: year.students.all())
        student_id = find_student(args.student, everyone).id
    entries = entries_for(store, student_id)
    names = names_by_id(store)
    if args.json:
        out = [
            entry.as_json()
            | {"students": [{"id": s, "name": names.get(s, ERASED)} for s in entry.students]}
            for entry in entries
        ]
        sys.stdout.write(orjson.dumps(out, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    if not entries:
        print("The access log is empty." if not student_id else "Nothing logged for them yet.")
        return 0
    for entry in entries:
        who = ", ".join(names.get(s, ERASED) for s in entry.students) or "the class"
        where = f" → {entry.to}" if entry.to else ""
        detail = f" ({entry.detail})" if entry.detail else ""
        when = entry.at.strftime("%Y-%m-%d %H:%M")
        print(clean_line(f"{when}  {entry.by:<12} {entry.what_words}: {who}{where}{detail}"))
    return 0
