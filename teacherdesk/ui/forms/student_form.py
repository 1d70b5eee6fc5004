"""Add or edit a student: names, pronouns, date of birth, grade, class, student number, IEP/504.

The date of birth is typed like any date in the app ("3 Mar 2010", "3/3/2010" in the date order
of settings, "2010-03-03") and shown back the app's way; a future date, or one without its year,
is refused in one sentence under the field (`school_days.birth_date_problem`); a date it can be
is said back there, with the age ("Wed 2 Aug 2017 · age 9"), as every date field does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from teacherdesk.domain.dates import exact, parse_date
from teacherdesk.domain.school_days import age_on, birth_date_problem
from teacherdesk.models import Student
from teacherdesk.ui.forms.record_form import Field, RecordForm

STUDENT_FIELDS = [
    Field("first_name", "First name (legal)", placeholder="required"),
    Field("last_name", "Last name", placeholder="required"),
    Field("preferred_name", "Preferred name", placeholder="what the student goes by"),
    Field("pronouns", "Pronouns", placeholder="she/her, he/him, they/them …"),
    Field("date_of_birth", "Date of birth", placeholder="like 3 Mar 2010"),
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
        values = self.student.model_dump(include={f.name for f in self.fields})
        born = self.student.date_of_birth
        values["date_of_birth"] = exact(born) if born else ""
        return values

    def _birth_date(self, text: str) -> dt.date | str | None:
        """The typed date of birth (None when blank), or why it cannot be one."""
        if not text.strip():
            return None
        today = self.desk.today()
        try:
            born = parse_date(
                text, relative_to=today, order=getattr(self.app, "date_order", ""), past=True
            )
        except ValueError as error:
            return str(error)
        return birth_date_problem(born, today) or born

    def field_hints(self) -> dict[str, str]:
        """The date of birth as understood, like every date field: "Wed 2 Aug 2017 · age 9"."""
        born = self._birth_date(self.values()["date_of_birth"])
        if not isinstance(born, dt.date):
            return {}
        return {"date_of_birth": f"{exact(born)} · age {age_on(born, self.desk.today())}"}

    def extra_problems(self) -> dict[str, str]:
        born = self._birth_date(self.values()["date_of_birth"])
        return {"date_of_birth": born} if isinstance(born, str) else {}

    def build(self, values: dict[str, Any]) -> Student:
        born = self._birth_date(values.get("date_of_birth") or "")
        values = values | {"date_of_birth": born if isinstance(born, dt.date) else None}
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
