"""Conferences: upcoming (soonest first) and past; plan, prepare, record.

Keys: n plan a conference (choose the student), p prepare, r record as held, e change the plan,
enter opens (planned → prepare, held → the record).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.widgets import DataTable, Static

from teacherdesk.domain.conferences import prepare, split_upcoming_past, status_words
from teacherdesk.domain.dates import exact_time, humanize
from teacherdesk.domain.family import guardians_by_student
from teacherdesk.models import Conference, ConferenceStatus, Guardian, Student, label
from teacherdesk.ui.screens.table_list import TableListScreen
from teacherdesk.ui.widgets.fit_table import Col, FitTable

if TYPE_CHECKING:
    from teacherdesk.ui.screens.base import DeskScreen

COLUMNS = [
    Col("when", "When", 17, 19),
    Col("student", "Student", 12, 32),
    Col("format", "Format", 10, 12, drop=1),
    Col("status", "Status", 9, 10),
    Col("interpreter", "Interpreter", 11, 24, drop=2),  # goes first: the line below says it
]
UPCOMING_KEY, PAST_KEY = "--upcoming--", "--past--"


@dataclass
class ConferenceList:
    upcoming: list[Conference]
    past: list[Conference]
    students: dict[str, Student]


def load_list(store, today) -> ConferenceList:
    upcoming, past = split_upcoming_past(store.conferences.all(), today)
    students = {s.id: s for s in store.students.all()}
    return ConferenceList(upcoming, past, students)


def family_choices(store) -> list[tuple[str, str]]:
    """(student id, 'Saoirse Applewhistle · Bao Applewhistle, Yuki Applewhistle') by name."""
    grouped = guardians_by_student(store.guardians.all())
    names = {sid: [g.name for g in found] for sid, found in grouped.items()}
    students = sorted(store.students.active(), key=lambda s: (s.last_name.casefold(), s.first_name))
    return [
        (s.id, f"{s.display_name} · {', '.join(names.get(s.id, [])) or 'no guardians'}")
        for s in students
    ]


class ConferencesScreen(TableListScreen):
    BINDINGS = [
        Binding("n", "plan", "Plan", id="conf-plan", tooltip="Plan a conference with a family"),
        Binding("p", "prepare", "Prepare", id="conf-prepare", tooltip="What to know beforehand"),
        Binding("r", "record", "Record", id="conf-record", tooltip="Record it as held"),
        Binding("e", "edit", "Change plan", id="conf-edit", tooltip="Date, time, format, people"),
        Binding("f", "app.conference_recap", "Family recap", id="conf-recap", tooltip="To send"),
    ]

    COLUMNS = COLUMNS
    table_id, status_id = "conferences-table", "conferences-status"
    loading_words = "Loading conferences…"

    def __init__(self) -> None:
        super().__init__()
        self.listing = ConferenceList([], [], {})
        self.by_id: dict[str, Conference] = {}

    def fetch(self) -> ConferenceList:
        return load_list(self.desk.store, self.desk.today())

    def show(self, listing: ConferenceList) -> None:
        self.listing = listing
        self.by_id = {c.id: c for c in listing.upcoming + listing.past}
        table = self.query_one(FitTable)
        keep = self.current()
        today = self.desk.today()
        rows: list[tuple[str, dict[str, object]]] = [
            (UPCOMING_KEY, {"when": Text(f"Upcoming ({len(listing.upcoming)})", "bold")})
        ]
        rows += [self._row(c, today) for c in listing.upcoming]
        rows.append((PAST_KEY, {"when": Text(f"Past ({len(listing.past)})", "bold")}))
        rows += [self._row(c, today) for c in listing.past]
        table.fill(rows)
        if keep is not None and keep.id in self.by_id:
            table.move_to(keep.id)
        elif listing.upcoming:
            table.move_cursor(row=1)
        self._describe()

    def _row(self, c: Conference, today) -> tuple[str, dict[str, object]]:
        student = self.listing.students.get(c.student_id)
        name = student.display_name if student else "(student removed)"
        status = status_words(c, today)
        style = "bold yellow" if status == "to record" else ""
        interpreter = (c.interpreter_language or "yes") if c.interpreter_needed else ""
        return c.id, {
            "when": exact_time(c.when),
            "student": name,
            "format": label(c.format),
            "status": Text(status, style),
            "interpreter": interpreter,
        }

    def current(self) -> Conference | None:
        return self.by_id.get(self.current_key() or "")

    @on(DataTable.RowHighlighted, "#conferences-table")
    def _highlighted(self) -> None:
        self._describe()

    def _describe(self) -> None:
        c = self.current()
        status = self.query_one("#conferences-status", Static)
        if not self.by_id:
            status.update("No conferences yet: press n to plan one.")
            return
        if c is None:
            status.update(
                f"{len(self.listing.upcoming)} upcoming, {len(self.listing.past)} past · "
                "n plans a new one"
            )
            return
        today = self.desk.today()
        bits = [humanize(c.when.date(), relative_to=today)]
        if c.status == ConferenceStatus.HELD:
            open_actions = sum(1 for a in c.actions if a.done_on is None)
            bits.append(f"{len(c.actions)} actions, {open_actions} open")
        else:
            bits.append("p prepare · r record · e change")
        if c.interpreter_needed:
            bits.append(f"interpreter: {c.interpreter_language or 'yes'}")
        status.update(" · ".join(bits))

    # --- actions ---------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#conferences-table")
    def _open(self) -> None:
        c = self.current()
        if c is None:
            return
        if c.status == ConferenceStatus.HELD:
            self.action_record()
        else:
            self.action_prepare()

    def _need_current(self) -> Conference | None:
        c = self.current()
        if c is None:
            self.notify("Move to a conference first (arrows), or press n to plan one.")
        return c

    def action_plan(self) -> None:
        self._choose_student()

    @work(thread=True, group="conferences-open")
    def _choose_student(self) -> None:
        choices = family_choices(self.desk.store)
        self.app.call_from_thread(self._show_choice, choices)

    def _show_choice(self, choices: list[tuple[str, str]]) -> None:
        from teacherdesk.ui.dialogs.student_choice import StudentChoice

        def chosen(student_id: str | None) -> None:
            if student_id:
                self.plan_for(student_id)

        self.app.push_screen(StudentChoice("Plan a conference with which family?", choices), chosen)

    def plan_for(self, student_id: str, conference_id: str | None = None) -> None:
        """Open the plan form for a student (also used by the student screen's `c` key)."""
        self._open_plan(student_id, conference_id)

    @work(thread=True, group="conferences-open")
    def _open_plan(self, student_id: str, conference_id: str | None) -> None:
        store = self.desk.store
        student = store.students.get(student_id)
        guardians = store.guardians.for_student(student_id)
        conference = store.conferences.get(conference_id) if conference_id else None
        staff = store.settings.load().teacher_name
        self.app.call_from_thread(self._push_plan, student, guardians, conference, staff)

    def _push_plan(self, student, guardians, conference, staff) -> None:
        if student is None:
            self.notify("That student is no longer on the roster.", severity="error")
            return
        self.app.push_screen(plan_screen(student, guardians, conference, staff))

    def action_edit(self) -> None:
        if (c := self._need_current()) is not None:
            self.plan_for(c.student_id, c.id)

    def action_prepare(self) -> None:
        if (c := self._need_current()) is not None:
            self._open_prepare(c.id)

    @work(thread=True, group="conferences-open")
    def _open_prepare(self, conference_id: str) -> None:
        store = self.desk.store
        conference = store.conferences.get(conference_id)
        if conference is None:
            return
        prep = prepare(store, conference, self.desk.today())
        self.app.call_from_thread(self._push_prepare, prep, conference)

    def _push_prepare(self, prep, conference: Conference) -> None:
        from teacherdesk.ui.screens.conference_prepare import ConferencePrepareScreen

        def then(what: str | None) -> None:
            if what == "record":
                self._open_record(conference.id)
            elif what == "edit":
                self.plan_for(conference.student_id, conference.id)

        self.app.push_screen(ConferencePrepareScreen(prep, conference, self.desk.today()), then)

    def action_record(self) -> None:
        if (c := self._need_current()) is not None:
            self._open_record(c.id)

    @work(thread=True, group="conferences-open")
    def _open_record(self, conference_id: str) -> None:
        store = self.desk.store
        conference = store.conferences.get(conference_id)
        student = store.students.get(conference.student_id) if conference else None
        if conference is not None and student is not None:
            self.app.call_from_thread(self._push_record, conference, student)

    def _push_record(self, conference: Conference, student: Student) -> None:
        from teacherdesk.ui.forms.conference_record import ConferenceRecordScreen

        self.app.push_screen(ConferenceRecordScreen(conference, student))


def plan_screen(student: Student, guardians: list[Guardian], conference=None, staff: str = ""):
    from teacherdesk.ui.forms.conference_plan import ConferencePlanScreen

    return ConferencePlanScreen(student, guardians, conference, default_staff=staff)


def open_plan_form(screen: DeskScreen, student_id: str) -> None:
    """Plan a conference for one student from any screen (the student screen's `c`)."""

    def load() -> None:
        store = screen.desk.store
        student = store.students.get(student_id)
        guardians = store.guardians.for_student(student_id)
        staff = store.settings.load().teacher_name
        if student is not None:
            screen.app.call_from_thread(
                screen.app.push_screen, plan_screen(student, guardians, None, staff)
            )

    screen.run_worker(load, thread=True, group="plan-conference")
