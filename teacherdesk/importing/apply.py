"""Comparing an imported roster with the store, and carrying it out in one transaction.

Matching, so that importing the same or an updated file never duplicates anyone:
- students on the OneRoster sourcedId, else the SIS student number, else (when the file has no
  ids at all) the legal name, if exactly one stored student has it;
- guardians on their sourcedId; else, for each of their students, a stored guardian of that student
  with the same name (case and accents aside); else a stored guardian with the same name and the
  same phone number or email. In the file itself the same name with the same phone or email on two
  rows is one guardian, linked to both students (siblings share one record).
- a contacts export (one row per guardian) links each guardian to the student already on the
  roster with that student number; it adds no students, and is refused if no number matches.

What the file does not carry is never erased: an empty cell leaves the stored value alone, the
teacher's notes, best time and preferred channel are never touched, phone numbers are only added,
links to students are only added. Nobody is ever deleted: a student whose status says they left,
who is `tobedeleted`, or who is missing from a OneRoster *bulk* users file is archived (their
notes stay); an import never un-archives anyone (the teacher may have archived them by hand).
"""

from __future__ import annotations

from pydantic import ValidationError

from teacherdesk.domain.problems import error_clause
from teacherdesk.importing.guardians import plan_guardians
from teacherdesk.importing.plan import ImportPlan, Update, count_of, report, updated
from teacherdesk.importing.records import (
    ImportedRoster,
    ImportedStudent,
    NotARoster,
    Progress,
    Skipped,
)
from teacherdesk.models import Student
from teacherdesk.store import Store
from teacherdesk.text import fold

__all__ = ["ImportPlan", "Update", "apply_import", "plan_import", "report"]


def plan_import(
    store: Store, roster: ImportedRoster, progress: Progress | None = None
) -> ImportPlan:
    """What importing `roster` would do to `store` (nothing is written)."""
    plan = ImportPlan(roster, skipped=list(roster.skipped), warnings=list(roster.warnings))
    students = store.students.all()
    guardians = store.guardians.all()
    if roster.contacts:
        ids_by_key = _link_contacts(plan, students, roster)
    else:
        ids_by_key = _plan_students(plan, students, roster, progress)
    plan_guardians(plan, guardians, roster, ids_by_key)
    plan.skipped.sort(key=_where_order)
    return plan


def apply_import(
    store: Store, roster: ImportedRoster, progress: Progress | None = None
) -> ImportPlan:
    """Plan again under the store's lock (another window may have saved since the preview) and
    write everything in one transaction: all of it goes in, or none of it."""
    with store.transaction():
        plan = plan_import(store, roster, progress)
        if plan.new_students:
            store.students.add_many(plan.new_students)
        for update in plan.updated_students + plan.archived_students:
            store.students.save(update.after)  # type: ignore[arg-type]
        if plan.new_guardians:
            store.guardians.add_many(plan.new_guardians)
        for update in plan.updated_guardians:
            store.guardians.save(update.after)  # type: ignore[arg-type]
    plan.applied = True
    return plan


def _where_order(skipped: Skipped) -> tuple[str, int]:
    file, _, line = skipped.where.rpartition("line ")
    return (file, int(line) if line.strip().isdigit() else 0)


# --- students ------------------------------------------------------------------------------------


def _plan_students(
    plan: ImportPlan,
    students: list[Student],
    roster: ImportedRoster,
    progress: Progress | None,
) -> dict[str, str]:
    by_sourced = {s.sourced_id: s for s in students if s.sourced_id}
    by_number = {s.student_number: s for s in students if s.student_number}
    by_name: dict[str, list[Student]] = {}
    for student in students:
        by_name.setdefault(fold(student.legal_name), []).append(student)
    claimed: dict[str, str] = {}  # stored id → where in the file
    ids_by_key: dict[str, str] = {}
    deleted_here: list[str] = []
    total = len(roster.students)
    for done, imported in enumerate(roster.students, 1):
        if progress is not None and done % 250 == 0:
            progress(done, total)
        match = _match_student(imported, by_sourced, by_number, by_name)
        if match is not None and match.id in claimed:
            plan.skipped.append(Skipped(imported.where, f"the same student as {claimed[match.id]}"))
            continue
        try:
            if match is None:
                record = Student.model_validate(imported.fields)
                plan.new_students.append(record)
                ids_by_key[imported.key] = record.id
                continue
            update = updated(match, imported.fields)
        except ValidationError as error:
            plan.skipped.append(Skipped(imported.where, error_clause(error)))
            continue
        claimed[match.id] = imported.where
        ids_by_key[imported.key] = match.id
        if match.archived and not imported.fields.get("archived"):
            deleted_here.append(match.display_name)
        if update is None:
            plan.unchanged_students += 1
        elif "archived" in update.fields:
            plan.archived_students.append(update)
        else:
            plan.updated_students.append(update)
    if deleted_here:
        plan.warnings.append(
            f"{len(deleted_here)} students in the file are archived here and stay archived: "
            + ", ".join(deleted_here[:5])
            + (" …" if len(deleted_here) > 5 else "")
            + " (unarchive them from the roster if they are back)."
        )
    _archive_departed(plan, students, roster, set(claimed))
    if roster.users_mode == "delta":  # a delta's parents may belong to students stored before
        for student in students:
            if student.sourced_id and not student.archived:
                ids_by_key.setdefault(student.sourced_id, student.id)
    return ids_by_key


def _match_student(
    imported: ImportedStudent,
    by_sourced: dict[str, Student],
    by_number: dict[str, Student],
    by_name: dict[str, list[Student]],
) -> Student | None:
    fields = imported.fields
    if fields.get("sourced_id") and fields["sourced_id"] in by_sourced:
        return by_sourced[fields["sourced_id"]]
    if fields.get("student_number") and fields["student_number"] in by_number:
        return by_number[fields["student_number"]]
    if not fields.get("sourced_id") and not fields.get("student_number"):
        same = by_name.get(fold(f"{fields['first_name']} {fields['last_name']}"), [])
        if len(same) == 1:
            return same[0]
    return None


def _archive_departed(
    plan: ImportPlan, students: list[Student], roster: ImportedRoster, claimed: set[str]
) -> None:
    """OneRoster: archive (never delete) a student marked `tobedeleted`, or missing from a
    users file the manifest calls bulk. Only students that came from OneRoster (a sourcedId)
    are considered: one the teacher added by hand is never archived by a file."""
    deleted = set(roster.deleted_ids)
    bulk = roster.users_mode == "bulk"
    for student in students:
        if student.archived or not student.sourced_id or student.id in claimed:
            continue
        gone = student.sourced_id in deleted
        missing = bulk and student.sourced_id not in roster.present_ids
        if gone or missing:
            after = student.model_copy(update={"archived": True})
            plan.archived_students.append(Update(student, after, ["archived"]))


def _link_contacts(
    plan: ImportPlan, students: list[Student], roster: ImportedRoster
) -> dict[str, str]:
    """A contacts export: its guardians' student numbers → students already on the roster."""
    by_number: dict[str, Student] = {}
    for student in sorted(students, key=lambda s: not s.archived):  # active ones win
        if student.student_number:
            by_number[student.student_number] = student
    ids_by_key: dict[str, str] = {}
    wanted: set[str] = set()
    for guardian in roster.guardians:
        for key in guardian.student_keys:
            number = key.removeprefix("number:")
            wanted.add(number)
            if number in by_number:
                ids_by_key[key] = by_number[number].id
            else:
                plan.skipped.append(
                    Skipped(guardian.where, f"student number {number} is not on your roster")
                )
    if wanted and not ids_by_key:
        raise NotARoster(
            f"{roster.source} is a contacts export (one row per guardian), but none of its "
            f"{count_of(len(wanted), 'student number')} is on your roster; import the students "
            "first, then this file"
        )
    if not wanted:
        raise NotARoster(f"{roster.source} is a contacts export with no contacts in it")
    plan.contacts_for = len(set(ids_by_key.values()))
    return ids_by_key
