"""The roster as the teacher sees it: one row per student with family and last contact."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from teacherdesk.models import Guardian, Student
from teacherdesk.store import Store
from teacherdesk.text import fold


@dataclass(frozen=True)
class RosterRow:
    student: Student
    guardians: tuple[Guardian, ...]
    last_contact: dt.date | None
    search_key: str  # folded names of the student and family, for type-to-filter

    @property
    def flags(self) -> str:
        return " ".join(
            f for f, on in (("IEP", self.student.has_iep), ("504", self.student.has_504)) if on
        )


def build_rows(store: Store, *, include_archived: bool = False) -> list[RosterRow]:
    """Every student (active unless asked), sorted by last then first name."""
    students = store.students.all()
    if not include_archived:
        students = [student for student in students if not student.archived]
    families: dict[str, list[Guardian]] = {student.id: [] for student in students}
    for guardian in store.guardians.all():
        for student_id in guardian.student_ids:
            if student_id in families:
                families[student_id].append(guardian)
    last = store.contacts.last_contact_dates()
    rows = []
    for student in students:
        family = tuple(sorted(families[student.id], key=lambda g: g.name))
        names = [student.first_name, student.preferred_name, student.last_name]
        names += [guardian.name for guardian in family]
        rows.append(RosterRow(student, family, last.get(student.id), fold(" ".join(names))))
    rows.sort(key=lambda row: (fold(row.student.last_name), fold(row.student.first_name)))
    return rows


def matches(row: RosterRow, query: str) -> bool:
    """Every word typed appears somewhere in the student's or family's names."""
    return all(word in row.search_key for word in fold(query).split())
