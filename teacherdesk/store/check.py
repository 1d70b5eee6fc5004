"""Is the file sound: does it parse, is every record valid, do the links between records hold?"""

from __future__ import annotations

import os
import stat

from teacherdesk.store import schema
from teacherdesk.store.database import Store


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
