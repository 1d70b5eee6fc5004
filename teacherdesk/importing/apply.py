"""Comparing an imported roster with the store, and carrying it out in one transaction.

Matching, so that importing the same or an updated file never duplicates anyone:
- students on the OneRoster sourcedId, else the SIS student number, else (when the file has no
  ids at all) the legal name, if exactly one stored student has it;
- guardians on their sourcedId; else, for each of their students, a stored guardian of that student
  with the same name (case and accents aside); else a stored guardian with the same name and the
  same phone number or email. In the file itself the same name with the same phone or email on two
  rows is one guardian, linked to both students (siblings share one record).

What the file does not carry is never erased: an empty cell leaves the stored value alone, the
teacher's notes, best time and preferred channel are never touched, phone numbers are only added,
links to students are only added, and `archived` is never changed (a student who left stays
archived, and one marked `tobedeleted` is only mentioned, for the teacher to archive by hand).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from teacherdesk.domain.problems import error_clause
from teacherdesk.importing.records import (
    ImportedGuardian,
    ImportedRoster,
    ImportedStudent,
    Progress,
    Skipped,
)
from teacherdesk.importing.values import phone_key
from teacherdesk.models import Guardian, PhoneNumber, Student
from teacherdesk.store import Store
from teacherdesk.text import fold

AUDIT = {"created_at", "created_by", "updated_at", "updated_by"}


@dataclass
class Update:
    before: Student | Guardian
    after: Student | Guardian
    fields: list[str]  # what changed, for the preview

    @property
    def describe(self) -> str:
        name = getattr(self.after, "display_name", None) or getattr(self.after, "name", "")
        return f"{name}: {', '.join(f.replace('_', ' ') for f in self.fields)}"


@dataclass
class ImportPlan:
    roster: ImportedRoster
    new_students: list[Student] = field(default_factory=list)
    updated_students: list[Update] = field(default_factory=list)
    unchanged_students: int = 0
    new_guardians: list[Guardian] = field(default_factory=list)
    updated_guardians: list[Update] = field(default_factory=list)
    unchanged_guardians: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def added(self) -> int:
        return len(self.new_students)

    @property
    def updated(self) -> int:
        return len(self.updated_students)

    @property
    def unchanged(self) -> int:
        return self.unchanged_students

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.new_students
            or self.updated_students
            or self.new_guardians
            or self.updated_guardians
        )

    def summary_lines(self) -> list[str]:
        """The counts as a teacher reads them (the CLI prints these, the app shows them)."""
        return [
            f"added      {_count(self.added, 'student')}, "
            f"{_count(len(self.new_guardians), 'guardian')}",
            f"updated    {_count(self.updated, 'student')}, "
            f"{_count(len(self.updated_guardians), 'guardian')}",
            f"unchanged  {_count(self.unchanged, 'student')}, "
            f"{_count(self.unchanged_guardians, 'guardian')}",
            f"skipped    {_count(len(self.skipped), 'row')}",
        ]


def report(plan: ImportPlan, heading: str) -> str:
    """The whole outcome as plain text: heading, counts, each skipped row, each warning."""
    roster = plan.roster
    lines = [f"{heading} {roster.source} ({roster.kind}):"]
    lines += [f"  {line}" for line in plan.summary_lines()]
    if plan.skipped:
        lines.append("Skipped:")
        lines += [f"  {skipped}" for skipped in plan.skipped]
    if plan.warnings:
        lines.append("Warnings:")
        lines += [f"  {warning}" for warning in plan.warnings]
    return "\n".join(lines)


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def plan_import(
    store: Store, roster: ImportedRoster, progress: Progress | None = None
) -> ImportPlan:
    """What importing `roster` would do to `store` (nothing is written)."""
    plan = ImportPlan(roster, skipped=list(roster.skipped), warnings=list(roster.warnings))
    students = store.students.all()
    guardians = store.guardians.all()
    ids_by_key = _plan_students(plan, students, roster, progress)
    _plan_guardians(plan, guardians, roster, ids_by_key)
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
        for update in plan.updated_students:
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
            update = _updated(match, imported.fields)
        except ValidationError as error:
            plan.skipped.append(Skipped(imported.where, error_clause(error)))
            continue
        claimed[match.id] = imported.where
        ids_by_key[imported.key] = match.id
        if match.archived:
            deleted_here.append(match.display_name)
        if update is None:
            plan.unchanged_students += 1
        else:
            plan.updated_students.append(update)
    if deleted_here:
        plan.warnings.append(
            f"{len(deleted_here)} students in the file are archived here and stay archived: "
            + ", ".join(deleted_here[:5])
            + (" …" if len(deleted_here) > 5 else "")
            + "."
        )
    _mention_tobedeleted(plan, roster, by_sourced)
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


def _mention_tobedeleted(
    plan: ImportPlan, roster: ImportedRoster, by_sourced: dict[str, Student]
) -> None:
    """Students we have whose OneRoster record is now `tobedeleted`: say so, archive nothing."""
    names = [
        by_sourced[sourced].display_name
        for sourced in roster.deleted_ids
        if sourced in by_sourced and not by_sourced[sourced].archived
    ]
    if names:
        plan.warnings.append(
            f"Marked tobedeleted in the file but still on your roster: {', '.join(names[:5])}"
            + (" …" if len(names) > 5 else "")
            + " (archive them from the roster if they left)."
        )


def _updated(before: Student | Guardian, fields: dict[str, Any]) -> Update | None:
    data = before.model_dump()
    data.update(fields)
    after = type(before).model_validate(data)
    changed = [
        name
        for name in type(before).model_fields
        if name not in AUDIT and getattr(after, name) != getattr(before, name)
    ]
    return Update(before, after, changed) if changed else None


# --- guardians -----------------------------------------------------------------------------------


@dataclass
class Draft:
    """One guardian of the file, after merging the rows that name the same person."""

    first: ImportedGuardian
    student_ids: list[str]
    fields: dict[str, Any]
    phones: list[tuple[str, str]]
    defaults: dict[str, Any]
    relationships: dict[str, str] = field(default_factory=dict)  # student id → as the row says

    def __post_init__(self) -> None:
        self._note_relationship(self.first, self.student_ids)

    def merge(self, other: ImportedGuardian, student_ids: list[str]) -> None:
        self.student_ids += [s for s in student_ids if s not in self.student_ids]
        for name, value in other.fields.items():
            self.fields.setdefault(name, value)
        _add_phones(self.phones, other.phones)
        self._note_relationship(other, student_ids)

    def _note_relationship(self, row: ImportedGuardian, student_ids: list[str]) -> None:
        if relationship := row.fields.get("relationship", ""):
            for student_id in student_ids:
                self.relationships.setdefault(student_id, relationship)

    def tokens(self) -> set[str]:
        return _contact_tokens(self.fields.get("email", ""), [n for _l, n in self.phones])


def _contact_tokens(email: str, numbers: list[str]) -> set[str]:
    tokens = {f"phone:{phone_key(n)}" for n in numbers if len(phone_key(n)) >= 7}
    if email:
        tokens.add(f"email:{email.casefold()}")
    return tokens


def _add_phones(phones: list[tuple[str, str]], more: list[tuple[str, str]]) -> None:
    have = {phone_key(number) for _label, number in phones}
    for label, number in more:
        if phone_key(number) not in have:
            phones.append((label, number))
            have.add(phone_key(number))


def _has_phone(phones: list[tuple[str, str]], number: str) -> bool:
    return any(phone_key(n) == phone_key(number) for _label, n in phones)


def _drafts(roster: ImportedRoster, ids_by_key: dict[str, str]) -> list[Draft]:
    drafts: list[Draft] = []
    by_sourced: dict[str, Draft] = {}
    by_token: dict[tuple[str, str], Draft] = {}
    for guardian in roster.guardians:
        student_ids = [ids_by_key[k] for k in guardian.student_keys if k in ids_by_key]
        if not student_ids:
            continue  # their student was skipped (and reported)
        name = fold(guardian.name)
        sourced = guardian.fields.get("sourced_id", "")
        tokens = _contact_tokens(guardian.fields.get("email", ""), [n for _l, n in guardian.phones])
        tokens |= {f"student:{s}" for s in student_ids}
        if sourced:
            draft = by_sourced.get(sourced)
        else:
            draft = next((by_token[(name, t)] for t in tokens if (name, t) in by_token), None)
        if draft is None:
            draft = Draft(
                guardian,
                student_ids,
                dict(guardian.fields),
                list(guardian.phones),
                dict(guardian.defaults),
            )
            drafts.append(draft)
            if sourced:
                by_sourced[sourced] = draft
        else:
            draft.merge(guardian, student_ids)
        if not sourced:
            for token in tokens | draft.tokens():
                by_token.setdefault((name, token), draft)
    return drafts


def _plan_guardians(
    plan: ImportPlan,
    guardians: list[Guardian],
    roster: ImportedRoster,
    ids_by_key: dict[str, str],
) -> None:
    by_sourced = {g.sourced_id: g for g in guardians if g.sourced_id}
    by_student_name: dict[tuple[str, str], Guardian] = {}
    by_name_token: dict[tuple[str, str], Guardian] = {}
    for guardian in guardians:
        name = fold(guardian.name)
        for student_id in guardian.student_ids:
            by_student_name.setdefault((student_id, name), guardian)
        for token in _contact_tokens(guardian.email, [p.number for p in guardian.phones]):
            by_name_token.setdefault((name, token), guardian)
    working: dict[str, Guardian] = {}  # stored id → the version with this file's changes so far
    originals: dict[str, Guardian] = {}
    for draft in _drafts(roster, ids_by_key):
        match = _match_guardian(draft, by_sourced, by_student_name, by_name_token)
        try:
            if match is None:
                plan.new_guardians.append(_new_guardian(draft))
                continue
            originals.setdefault(match.id, match)
            working[match.id] = _merged_guardian(working.get(match.id, match), draft)
        except ValidationError as error:
            plan.warnings.append(
                f"{draft.first.where}: {draft.first.name} left out ({error_clause(error)})."
            )
    for guardian_id, after in working.items():
        update = _updated(originals[guardian_id], after.model_dump())
        if update is None:
            plan.unchanged_guardians += 1
        else:
            plan.updated_guardians.append(update)


def _match_guardian(
    draft: Draft,
    by_sourced: dict[str, Guardian],
    by_student_name: dict[tuple[str, str], Guardian],
    by_name_token: dict[tuple[str, str], Guardian],
) -> Guardian | None:
    sourced = draft.fields.get("sourced_id")
    if sourced and sourced in by_sourced:
        return by_sourced[sourced]
    name = fold(draft.first.name)
    for student_id in draft.student_ids:
        found = by_student_name.get((student_id, name))
        if found is not None and not (sourced and found.sourced_id and found.sourced_id != sourced):
            return found
    for token in draft.tokens():
        found = by_name_token.get((name, token))
        if found is not None and not (sourced and found.sourced_id and found.sourced_id != sourced):
            return found
    return None


def _new_guardian(draft: Draft) -> Guardian:
    data = dict(draft.defaults) | dict(draft.fields)
    data["name"] = draft.first.name
    data["student_ids"] = list(draft.student_ids)
    data["phones"] = [PhoneNumber(label=label, number=n) for label, n in draft.phones]
    return _per_child(Guardian.model_validate(data), draft)


def _per_child(guardian: Guardian, draft: Draft) -> Guardian:
    """Keep, per student, a relationship that differs from the guardian's default."""
    if not draft.relationships:
        return guardian
    for student_id, relationship in draft.relationships.items():
        guardian = guardian.with_relationship(student_id, relationship)
    return guardian


def _merged_guardian(current: Guardian, draft: Draft) -> Guardian:
    data = current.model_dump()
    data.update(draft.fields)
    if draft.fields.get("sourced_id"):
        data["name"] = draft.first.name  # the same person by id: the file's spelling wins
    data["student_ids"] = list(current.student_ids) + [
        s for s in draft.student_ids if s not in current.student_ids
    ]
    # Numbers the file brings that we did not have go first (the file is newer); none is removed.
    stored = [(p.label, p.number) for p in current.phones]
    phones: list[tuple[str, str]] = []
    _add_phones(phones, [(label, n) for label, n in draft.phones if not _has_phone(stored, n)])
    _add_phones(phones, stored)
    data["phones"] = [{"label": label, "number": n} for label, n in phones]
    return _per_child(Guardian.model_validate(data), draft)
