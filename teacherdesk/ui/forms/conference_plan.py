"""Plan (or re-plan) a conference: date and time, format, who comes, the interpreter.

The interpreter is raised from the guardians' records as soon as the family is chosen, with their
language; the teacher can still change it. F10 (or the Save button) saves; escape goes back.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
)

from teacherdesk.domain.conferences import (
    DEFAULT_TIME,
    TIME_EXPECTED,
    format_time,
    interpreter_for,
    parse_time,
    split_staff,
)
from teacherdesk.domain.event_rules import planned_in_the_past
from teacherdesk.domain.problems import first_error
from teacherdesk.models import Conference, ConferenceFormat, Guardian, Student, label
from teacherdesk.ui.forms.base import FormScreen
from teacherdesk.ui.widgets.date_input import DateInput
from teacherdesk.ui.widgets.footer import DeskFooter
from teacherdesk.ui.widgets.plain import plain
from teacherdesk.ui.widgets.tick_box import TickBox


def _guardian_line(guardian: Guardian, student_id: str) -> str:
    bits = [guardian.name]
    if what := guardian.relationship_to(student_id):
        bits.append(f"({what})")
    if guardian.interpreter_needed:
        bits.append(f"· interpreter: {guardian.preferred_language or 'yes'}")
    return " ".join(bits)


class ConferencePlanScreen(FormScreen[Conference]):
    """Dismisses with the saved conference, or None when left without saving."""

    SUB_TITLE = "Plan a conference"  # the title bar shows the screen's name

    unsaved_words = "This plan"

    def __init__(
        self,
        student: Student,
        guardians: list[Guardian],
        conference: Conference | None = None,
        *,
        default_staff: str = "",
    ) -> None:
        super().__init__()
        self.student = student
        self.guardians = guardians
        self.conference = conference
        self.default_staff = default_staff

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        c = self.conference
        verb = "Change the plan" if c else "Plan a conference"
        yield Header()
        yield Static(f"{verb} · {self.student.display_name}", classes="form-title", markup=False)
        when = c.when if c else None
        chosen = set(c.guardian_ids) if c else {g.id for g in self.guardians}
        needed, language = interpreter_for(g for g in self.guardians if g.id in chosen)
        if c:
            needed, language = c.interpreter_needed, c.interpreter_language
        with VerticalScroll(classes="form"):
            with Horizontal(classes="form-row"):
                yield Label("Date", classes="form-label", markup=False)
                yield DateInput(
                    when.date() if when else None,
                    required=True,
                    flag_days_off=True,
                    id="plan-date",
                    classes="form-field",
                )
            with Horizontal(classes="form-row"):
                yield Label("Time", classes="form-label", markup=False)
                with Vertical(classes="form-field"):
                    yield Input(
                        format_time(when.time() if when else DEFAULT_TIME),
                        placeholder="3:30 pm or 15:30",
                        id="plan-time",
                        compact=True,
                    )
                    yield Static("", id="plan-time-hint", classes="form-hint", markup=False)
            with Horizontal(classes="form-row"):
                yield Label("Format", classes="form-label", markup=False)
                yield Select(
                    [(label(f), f) for f in ConferenceFormat],
                    value=c.format if c else ConferenceFormat.ONE_ON_ONE,
                    allow_blank=False,
                    id="plan-format",
                    compact=True,
                    classes="form-field",
                )
            with Horizontal(classes="form-row"):
                yield Label("Family", classes="form-label", markup=False)
                if self.guardians:
                    yield SelectionList[str](
                        *[
                            (plain(_guardian_line(g, self.student.id)), g.id, g.id in chosen)
                            for g in self.guardians
                        ],
                        id="plan-family",
                        compact=True,
                        classes="form-field",
                    )
                else:
                    yield Static(
                        "No guardians on record for this student.",
                        classes="form-field form-hint",
                        markup=False,
                    )
            with Horizontal(classes="form-row"):
                yield Label("Staff", classes="form-label", markup=False)
                yield Input(
                    ", ".join(c.staff) if c else self.default_staff,
                    placeholder="names, separated by commas",
                    id="plan-staff",
                    compact=True,
                    classes="form-field",
                )
            with Horizontal(classes="form-row"):
                yield Label("Interpreter", classes="form-label", markup=False)
                yield TickBox("needed", needed, id="plan-interpreter", compact=True)
                yield Input(
                    language,
                    placeholder="language",
                    id="plan-language",
                    compact=True,
                    classes="form-field",
                )
            with Horizontal(classes="form-buttons"):
                yield Button(
                    "Save (F10)", id="plan-save", variant="primary", compact=True, classes="-save"
                )
                yield Button("Back", id="plan-back", compact=True, classes="-back")
        yield DeskFooter()

    def on_mount(self) -> None:
        self._check_time()
        self.query_one("#plan-date", DateInput).focus()

    # --- reacting to typing ----------------------------------------------------------------------

    def _check_time(self) -> dt.time | None:
        text = self.query_one("#plan-time", Input).value
        hint = self.query_one("#plan-time-hint", Static)
        try:
            value = parse_time(text)
        except ValueError as error:
            hint.update(str(error) if text.strip() else f"required: {TIME_EXPECTED}")
            hint.add_class("-bad")
            return None
        hint.update(format_time(value))
        hint.remove_class("-bad")
        return value

    @on(Checkbox.Changed)
    def _checked(self) -> None:
        self.mark_changed()

    @on(Input.Changed, "#plan-time")
    def _time_changed(self) -> None:
        self._check_time()

    @on(SelectionList.SelectedChanged, "#plan-family")
    def _family_changed(self, event: SelectionList.SelectedChanged) -> None:
        """The interpreter follows the chosen guardians' records (still editable)."""
        if not self._ready:
            return
        self.mark_changed()
        chosen = set(event.selection_list.selected)
        needed, language = interpreter_for(g for g in self.guardians if g.id in chosen)
        self.query_one("#plan-interpreter", Checkbox).value = needed
        if needed or not self.query_one("#plan-language", Input).value.strip():
            self.query_one("#plan-language", Input).value = language

    # --- saving ----------------------------------------------------------------------------------

    def build(self) -> Conference | str:
        """The conference as typed, or one sentence saying what is wrong."""
        date_input = self.query_one("#plan-date", DateInput)
        day = date_input.date
        if day is None:
            return f"Date: {date_input.problem or 'A date is required.'}"  # the field's own words
        time = self._check_time()
        if time is None:
            return f"The time is not readable: type {TIME_EXPECTED}."
        family = self.query(SelectionList)
        guardian_ids = list(family.first().selected) if family else []
        fields = dict(
            when=dt.datetime.combine(day, time),
            format=self.query_one("#plan-format", Select).value,
            guardian_ids=guardian_ids,
            staff=split_staff(self.query_one("#plan-staff", Input).value),
            interpreter_needed=self.query_one("#plan-interpreter", Checkbox).value,
            interpreter_language=self.query_one("#plan-language", Input).value.strip(),
        )
        try:
            if self.conference is None:
                return Conference(student_id=self.student.id, **fields)
            return Conference.model_validate(self.conference.model_dump() | fields)
        except ValueError as error:
            return f"Not saved: {first_error(error)}"

    def save_questions(self, record: Conference) -> list[str]:
        if self.conference is not None and self.conference.when == record.when:
            return []  # the date was not changed: nothing new to ask
        problems = planned_in_the_past(record.when.date(), self.desk.today(), "This conference")
        return [p.sentence for p in problems]

    def save_work(self, record: Conference):
        store = self.desk.store
        return lambda: store.conferences.save(record)

    def saved_words(self, saved: Conference) -> str:
        return f"Conference with {self.student.display_name}'s family saved."
