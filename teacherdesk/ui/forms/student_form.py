"""Add or edit a student: names, pronouns, grade, class, student number, IEP/504."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from teacherdesk.models import Student
from teacherdesk.ui.forms.record_form import Field, RecordForm

STUDENT_FIELDS = [
    Field("first_name", "First name (legal)", placeholder="required"),
    Field("last_name", "Last name", placeholder="required"),
    Field("preferred_name", "Preferred name", placeholder="what the student goes by"),
    Field("pronouns", "Pronouns", placeholder="she/her, he/him, they/them …"),
    Field("grade", "Grade", placeholder="K, 3, 10 …"),
    Field("class_name", "Class or period", placeholder="homeroom, class or period"),
    Field("student_number", "Student number", placeholder="the SIS id"),
    Field("has_iep", "IEP", kind="check"),
    Field("has_504", "504 plan", kind="check"),
]


class StudentForm(RecordForm):
    """Dismisses with the saved Student, or None when cancelled."""

    fields = STUDENT_FIELDS

    def __init__(self, student: Student | None) -> None:
        super().__init__()
        self.student = student
        self.title_text = f"Edit {student.display_name}" if student else "Add a student"

    def initial_values(self) -> dict[str, Any]:
        if self.student is None:
            return {}
        return self.student.model_dump(include={f.name for f in self.fields})

    def build(self, values: dict[str, Any]) -> Student:
        if self.student is None:
            return Student.model_validate(values)
        return Student.model_validate(self.student.model_dump() | values)

    def store_work(self, record: Student) -> Callable[[], Student]:  # type: ignore[override]
        store = self.desk.store
        typed = {f.name: getattr(record, f.name) for f in self.fields}

        def work() -> Student:
            current = store.students.get(record.id)
            if current is None:
                return store.students.save(record)
            # Keep whatever else changed meanwhile (archived, notes, ids from an import).
            return store.students.save(Student.model_validate(current.model_dump() | typed))

        return work
