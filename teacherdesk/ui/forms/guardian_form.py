"""Add or edit a guardian: how to reach them, in which language, when, and their rights."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from teacherdesk.models import Channel, Guardian, label
from teacherdesk.ui.forms.record_form import Field, RecordForm

PHONE_ROWS = 3

GUARDIAN_FIELDS = [
    Field("name", "Name", placeholder="required"),
    Field("relationship", "Relationship", placeholder="mother, grandfather, foster parent …"),
    Field("email", "Email", placeholder="name@example.org"),
    Field("preferred_language", "Preferred language", placeholder="English, Spanish, Arabic …"),
    Field("interpreter_needed", "Interpreter needed", kind="check"),
    Field(
        "preferred_channel",
        "Preferred channel",
        kind="select",
        options=[(label(channel), channel.value) for channel in Channel],
    ),
    Field("best_time", "Best time", placeholder="after 4 pm, weekday mornings …"),
    Field("educational_rights", "Educational rights", kind="check"),
    Field("lives_with_student", "Lives with student", kind="check"),
]


class GuardianForm(RecordForm):
    """Dismisses with the saved Guardian, or None when cancelled."""

    fields = GUARDIAN_FIELDS
    extra_after = "relationship"

    may_be_unrecorded = frozenset({"educational_rights", "lives_with_student"})

    def __init__(self, guardian: Guardian | None, *, student_id: str, student_name: str) -> None:
        super().__init__()
        self.guardian = guardian
        self.student_id = student_id
        if guardian is None:
            self.title_text = f"Add a guardian for {student_name}"
        else:
            self.title_text = f"Edit {guardian.name}"

    def initial_values(self) -> dict[str, Any]:
        if self.guardian is None:
            return {"educational_rights": True, "lives_with_student": True}
        values = self.guardian.model_dump(include={f.name for f in self.fields})
        values["relationship"] = self.guardian.relationship_to(self.student_id)  # to THIS child
        values["preferred_channel"] = (
            self.guardian.preferred_channel.value if self.guardian.preferred_channel else None
        )
        return values

    def compose_extra(self) -> ComposeResult:
        phones = self.guardian.phones if self.guardian else []
        for n in range(max(PHONE_ROWS, len(phones))):
            phone = phones[n] if n < len(phones) else None
            default_label = ["mobile", "home", "work"][n] if n < 3 else ""
            with Horizontal(classes="form-row"):
                yield Label(f"Phone {n + 1}", classes="form-label", markup=False)
                yield Input(
                    phone.label if phone else default_label,
                    placeholder="label",
                    id=f"f-phones-{n}-label",
                    classes="phone-label",
                    compact=True,
                )
                yield Input(
                    phone.number if phone else "",
                    placeholder="phone number",
                    id=f"f-phones-{n}-number",
                    compact=True,
                )
            yield Static("", id=f"e-phones-{n}", classes="form-problem -ok", markup=False)

    def _phone_rows(self) -> list[tuple[int, str, str]]:
        rows = []
        for n in range(len(self.query(".phone-label"))):
            label_text = self.query_one(f"#f-phones-{n}-label", Input).value
            number = self.query_one(f"#f-phones-{n}-number", Input).value
            rows.append((n, label_text, number))
        return rows

    def extra_values(self) -> dict[str, Any]:
        return {"phones": [(label_text, number) for _, label_text, number in self._phone_rows()]}

    def extra_problems(self) -> dict[str, str]:
        """A phone type typed with no number would be dropped without a word: say so."""
        before = self._initial.get("phones") or []
        problems = {}
        for n, label_text, number in self._phone_rows():
            was = before[n][0] if n < len(before) else ""
            if label_text.strip() and not number.strip() and label_text.strip() != was.strip():
                problems[f"phones-{n}"] = "Add the number or clear the type."
        return problems

    def build(self, values: dict[str, Any]) -> Guardian:
        values = dict(values)
        rows = values.pop("phones")
        # Only rows with a number count; remember which row each phone came from.
        self._phone_row_of = [n for n, (_, number) in enumerate(rows) if number.strip()]
        values["phones"] = [
            {"label": label_text.strip() or "phone", "number": number}
            for label_text, number in rows
            if number.strip()
        ]
        if self.guardian is None:
            return Guardian.model_validate(values | {"student_ids": [self.student_id]})
        relationship = values.pop("relationship")
        edited = Guardian.model_validate(self.guardian.model_dump() | values)
        return edited.with_relationship(self.student_id, relationship)

    def error_target(self, loc: tuple) -> str:
        if loc and loc[0] == "phones" and len(loc) > 1 and isinstance(loc[1], int):
            rows = getattr(self, "_phone_row_of", [])
            return f"phones-{rows[loc[1]] if loc[1] < len(rows) else loc[1]}"
        return super().error_target(loc)

    def label_for(self, loc: tuple) -> str:
        if loc and loc[0] == "phones":
            row = self.error_target(loc).removeprefix("phones-")
            number = int(row) + 1 if row.isdigit() else ""
            return f"Phone {number}" if "number" in loc else f"The label of phone {number}"
        return super().label_for(loc)

    def store_work(self, record: Guardian) -> Callable[[], Guardian]:  # type: ignore[override]
        from teacherdesk.domain.family import save_guardian_details

        store, student_id = self.desk.store, self.student_id
        fields = [f.name for f in self.fields] + ["phones"]
        return lambda: save_guardian_details(store, record, student_id, fields)
