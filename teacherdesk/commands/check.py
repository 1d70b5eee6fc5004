"""`teacherdesk check [--json]`: does the file parse, is every record valid, do links hold?"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path

import orjson

from teacherdesk.store import Store, StoreError, default_data_path, schema
from teacherdesk.store.backups import list_daily


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")


def inspect(store: Store) -> dict:
    """Everything `check` reports, as the JSON object of DESIGN.md §5."""
    problems: list[str] = []
    repos = {
        "students": store.students,
        "guardians": store.guardians,
        "contacts": store.contacts,
        "conferences": store.conferences,
        "events": store.events,
        "ieps": store.ieps,
    }
    loaded = {}
    for name, repo in repos.items():
        loaded[name] = repo.all()
        problems += repo.problems
    interviews = store.interviews.all()
    problems += store.interviews.problems
    student_ids = {student.id for student in loaded["students"]}
    guardian_ids = {guardian.id for guardian in loaded["guardians"]}
    for guardian in loaded["guardians"]:
        for missing in set(guardian.student_ids) - student_ids:
            problems.append(f"guardian {guardian.name} is linked to a missing student {missing}")
    for kind in ("contacts", "conferences", "ieps"):
        for record in loaded[kind]:
            if record.student_id not in student_ids:
                problems.append(f"{kind} record {record.id} is about a missing student")
    for note in loaded["contacts"]:
        if note.guardian_id and note.guardian_id not in guardian_ids:
            problems.append(f"contact note {note.id} names a missing guardian")
    for interview in interviews:
        if interview.student_id not in student_ids:
            problems.append(f"interview {interview.id} is about a missing student")
    if store.path is not None and store.path.exists():
        mode = stat.S_IMODE(os.stat(store.path).st_mode)
        if mode & 0o077:
            problems.append(
                f"the file can be read by others (mode {mode:o}); run: chmod 600 {store.path}"
            )
    return {
        "ok": not problems,
        "schema": schema.version_of(store.storage.read()),
        **{name: len(records) for name, records in loaded.items()},
        "problems": problems,
    }


def run(args: argparse.Namespace, _store: None) -> int:
    path = (args.data or default_data_path()).expanduser()
    if not path.exists():
        report = _failed(f"there is no data file at {path}")
    else:
        try:
            report = inspect(Store.open(path, backups=False))
        except StoreError as error:
            report = _failed(f"cannot use {path}: {error}")
    if args.json:
        sys.stdout.buffer.write(orjson.dumps(report) + b"\n")
    else:
        _print(path, report)
    return 0 if report["ok"] else 1


run.opens_store_itself = True  # type: ignore[attr-defined]


def _failed(problem: str) -> dict:
    empty = dict.fromkeys(("students", "guardians", "contacts", "conferences", "events", "ieps"), 0)
    return {"ok": False, "schema": None, **empty, "problems": [problem]}


def _print(path: Path, report: dict) -> None:
    if report["schema"] is not None:
        backups = len(list_daily(path))
        print(
            f"{path}: schema {report['schema']}, {report['students']} students, "
            f"{report['guardians']} guardians, {report['contacts']} contact notes, "
            f"{report['conferences']} conferences, {report['events']} events, "
            f"{report['ieps']} IEPs; {backups} daily backups."
        )
    for problem in report["problems"]:
        print(f"problem: {problem}", file=sys.stderr if report["schema"] is None else sys.stdout)
    print("OK: the file is sound." if report["ok"] else "NOT OK: see the problems above.")
