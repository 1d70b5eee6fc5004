"""Is the file sound: does it parse, is every record valid, do the links between records hold?"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections import defaultdict

from teacherdesk.models import draft_line
from teacherdesk.store import schema
from teacherdesk.store.database import Store
from teacherdesk.store.files import is_shared_folder
from teacherdesk.store.restricted import is_private


def clean_restricted_leftovers(store: Store) -> list[str]:
    """Texts in this account's side file whose note is gone (a kill between the two writes,
    a note erased by someone else): removed, and said once."""
    if store.path is None or store.storage.read_only or not store.restricted.notes():
        return []  # (a finished year alone cannot tell: its notes' texts are the current file's)
    # Under the data file's lock: a save writes its side entry first, then the data file.
    with store.transaction():
        alive: set[str] = set()
        for year in (store, *store.past_years()):
            alive.update(
                doc_id
                for doc_id, doc in year.storage.read().get("contacts", {}).items()
                if is_private(doc)
            )
        leftovers = set(store.restricted.notes()) - alive
        if not leftovers:
            return []
        store.restricted.remove(leftovers)
    return [
        f"removed {len(leftovers)} leftover restricted text(s) whose note is no longer in the "
        "data (a save cut short, or an erased student)"
    ]


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
    # A damaged record is reported once, as damaged, not again as "missing" by every link to it.
    student_ids = {student.id for student in loaded["students"]} | store.students.skipped
    guardian_ids = {guardian.id for guardian in loaded["guardians"]} | store.guardians.skipped
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
    problems += _shared_student_numbers(loaded["students"])
    problems += clean_restricted_leftovers(store)
    drafts = store.drafts.newest_first()
    problems += store.drafts.problems
    names = {student.id: student.display_name for student in loaded["students"]}
    if store.path is not None and store.path.exists():
        problems += repeated_keys(store.path.read_bytes())
        mode = stat.S_IMODE(os.stat(store.path).st_mode)
        shared = is_shared_folder(store.path.parent)
        if mode & (0o007 if shared else 0o077):
            should = "660" if shared else "600"
            problems.append(
                f"the file can be read by others (mode {mode:o}); run: chmod {should} {store.path}"
            )
        side = store.restricted.path
        if side is not None and side.exists() and stat.S_IMODE(os.stat(side).st_mode) & 0o077:
            problems.append(
                f"your restricted notes' file can be read by others; run: chmod 600 {side}"
            )
    return {
        "ok": not problems,
        "schema": schema.version_of(store.storage.read()),
        **{name: len(records) for name, records in loaded.items()},
        "problems": problems,
        # Forms cut off before they were saved: listed, never counted above, not a problem.
        "drafts": [draft_line(draft, names) for draft in drafts],
    }


def _shared_student_numbers(students: list) -> list[str]:
    """Two students with one number: `export 1234` could not tell them apart."""
    by_number: dict[str, list] = defaultdict(list)
    for student in students:
        if student.student_number:
            by_number[student.student_number].append(student)
    return [
        f"{len(found)} students share the student number {number}: "
        + ", ".join(f"{s.display_name} ({s.id})" for s in found)
        for number, found in sorted(by_number.items())
        if len(found) > 1
    ]


def repeated_keys(raw: bytes) -> list[str]:
    """Keys written twice in one JSON object: the parser keeps the last, a save drops the other."""
    found: list[str] = []

    def pairs(items: list[tuple[str, object]]) -> dict:
        seen: set[str] = set()
        for key, _value in items:
            if key in seen:
                found.append(
                    f"the key '{key}' appears twice in one object; the first copy is hidden and "
                    "the next save would drop it (restore it from a backup)"
                )
            seen.add(key)
        return dict(items)

    # ValueError: the store has already refused a file that does not parse.
    with contextlib.suppress(ValueError):
        json.loads(raw, object_pairs_hook=pairs)
    return found


# table → what one of its records is called
RECORD_WORDS = {
    "students": ("student record", "student records"),
    "guardians": ("guardian record", "guardian records"),
    "contacts": ("contact note", "contact notes"),
    "conferences": ("conference record", "conference records"),
    "events": ("event record", "event records"),
    "ieps": ("IEP record", "IEP records"),
    "interviews": ("interview record", "interview records"),
    "settings": ("settings record", "settings records"),
    "drafts": ("draft", "drafts"),
}


def skipped_sentences(store: Store) -> list[str]:
    """'1 student record is damaged and left out; run teacherdesk check.', per kind of record.

    Every front end says so when a read left damaged records out, instead of hiding them.
    """
    sentences = []
    for repo in store.repositories():
        count = len(repo.skipped)
        if count:
            one, many = RECORD_WORDS.get(repo.table_name, ("record", "records"))
            what = f"1 {one} is" if count == 1 else f"{count} {many} are"
            sentences.append(f"{what} damaged and left out; run teacherdesk check.")
    return sentences
