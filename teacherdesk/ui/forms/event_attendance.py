"""Record an event's attendance: which families came, who volunteered, in what role, how long.

A checklist of students (each names a family). Keys: space marks came / not came, v records
volunteering (role and minutes), / filters by name, F10 saves, escape goes back.
"""

from __future__ import annotations

from collections.abc import Callable

import orjson
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Input, Label, Static

from teacherdesk.domain.dates import exact
from teacherdesk.domain.engagement import (
    attendance_by_student,
    event_counts,
    minutes_in_words,
    parse_minutes,
    with_attendance,
)
from teacherdesk.domain.event_rules import attendance_problems
from teacherdesk.models import Attendance, Draft, EngagementEvent, label
from teacherdesk.text import fold
from teacherdesk.ui.forms.base import CLOSE_BINDING, SAVE_BINDING, FormScreen
from teacherdesk.ui.screens.base import DeskModal
from teacherdesk.ui.widgets.footer import DeskFooter
from teacherdesk.ui.widgets.plain import PlainTable

COLUMNS = [("Came", 4), ("Student", 21), ("Family", 20), ("Volunteered", 23)]


class VolunteerDialog(DeskModal[Attendance | None]):
    """Role and minutes; enter saves, escape cancels. An empty role means 'did not volunteer'."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="volunteer-cancel", tooltip="Close"),
        # Priority: focus moves while the app reads enter, so keys typed right after it
        # ("snacks⏎1h⏎" in one burst) reach the minutes, not the role being left.
        Binding("enter", "enter", "Next / done", show=False, priority=True, id="volunteer-next"),
    ]

    def __init__(
        self,
        name: str,
        attendance: Attendance,
        on_cut_off: Callable[[Attendance], None] | None = None,
    ) -> None:
        super().__init__()
        self.name_text = name
        self.attendance = attendance
        self.on_cut_off = on_cut_off  # hang-up or quit: what is typed goes into the draft
        self.sub_title = "Volunteering"

    def compose(self) -> ComposeResult:
        a = self.attendance
        with Vertical():
            yield Static(f"Volunteering · {self.name_text}'s family", markup=False)
            with Horizontal():
                yield Label("Role", markup=False)
                yield Input(
                    a.role,
                    placeholder="e.g. snacks, reading buddy",
                    id="volunteer-role",
                    compact=True,
                )
            with Horizontal():
                yield Label("Minutes", markup=False)
                yield Input(
                    str(a.minutes) if a.minutes is not None else "",
                    placeholder="e.g. 45, 1h, 1:30",
                    id="volunteer-minutes",
                    compact=True,
                )
            yield Static(
                "enter: next / done · escape: cancel · empty role: did not volunteer",
                id="volunteer-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#volunteer-role", Input).focus()

    def action_enter(self) -> None:
        role = self.query_one("#volunteer-role", Input)
        minutes = self.query_one("#volunteer-minutes", Input)
        if self.focused is role:
            self.set_focus(minutes)  # at once, not after the role's queued keys
            return
        # Each field handles the keys already sent to it before the answer is read.
        role.call_later(lambda: minutes.call_later(self._done))

    def _typed(self) -> Attendance | str:
        """The attendance as typed, or what is wrong with the minutes."""
        role = self.query_one("#volunteer-role", Input).value.strip()
        try:
            minutes = parse_minutes(self.query_one("#volunteer-minutes", Input).value)
        except ValueError as error:
            return str(error)
        volunteered = bool(role) or bool(minutes)
        return self.attendance.model_copy(
            update={
                "volunteered": volunteered,
                "role": role if volunteered else "",
                "minutes": minutes if volunteered else None,
            }
        )

    def _done(self) -> None:
        if not self.is_attached or self.app.screen is not self:
            return
        typed = self._typed()
        if isinstance(typed, str):
            self.query_one("#volunteer-hint", Static).update(typed)
            return
        self.dismiss(typed)

    def flush_pending_edits(self) -> None:
        typed = self._typed()
        if self.on_cut_off is not None and not isinstance(typed, str) and typed.volunteered:
            self.on_cut_off(typed)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AttendanceScreen(FormScreen[EngagementEvent]):
    SUB_TITLE = "Attendance"  # the title bar shows the screen's name
    BINDINGS = [
        Binding("space", "toggle", "Came", id="attendance-toggle", tooltip="Mark came / not came"),
        Binding(
            "v",
            "volunteer",
            "Volunteered",
            id="attendance-volunteer",
            tooltip="Role and minutes this family volunteered",
        ),
        Binding("slash", "filter", "Filter", id="attendance-filter", tooltip="Filter by name"),
        SAVE_BINDING,
        CLOSE_BINDING,
    ]
    unsaved_words = "Attendance"
    draft_kind = "attendance"  # cut off before F10: kept as a draft, not who came

    def __init__(
        self,
        event: EngagementEvent,
        families: list[tuple[str, str]],
        draft: Draft | None = None,
    ) -> None:
        super().__init__(draft)
        self.event = event
        self.families = families  # (student id, "Name · guardians")
        self.state: dict[str, Attendance] = attendance_by_student(event)
        self.sub_title = f"Attendance · {event.title}"

    # --- the draft: who came, as marked so far ---------------------------------------------------

    def draft_subject(self) -> tuple[str | None, str | None, str]:
        return None, self.event.id, self.event.title

    def draft_fields(self) -> dict[str, str | bool | None]:
        came = [a.model_dump(mode="json") for a in self.state.values()]
        return {"came": orjson.dumps(came).decode()}

    def restore_draft(self, fields: dict[str, str | bool | None]) -> None:
        try:
            came = [Attendance.model_validate(a) for a in orjson.loads(str(fields["came"]))]
        except (KeyError, ValueError):
            return  # a damaged draft: the event's own attendance stays
        self.state = {a.student_id: a for a in came}
        self._fill()

    def _volunteer_cut_off(self, attendance: Attendance) -> None:
        """The volunteer dialog was open when the app was cut off: keep what it held."""
        self.state[attendance.student_id] = attendance
        self.mark_changed(always=True)
        self.save_draft_now()

    def compose(self) -> ComposeResult:
        e = self.event
        yield Header()
        yield Static(
            f"Attendance · {e.title} · {exact(e.date)} · {label(e.kind)}",
            classes="form-title",
            markup=False,
        )
        yield Input(
            placeholder="/ filter: type part of a name, enter to go to the list",
            id="attendance-filter",
            compact=True,
            classes="-not-saved",
        )
        yield PlainTable(id="attendance-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="attendance-status", classes="status-line", markup=False)
        yield DeskFooter(compact=True)  # the screen's keys and f1 Help fit at 80 columns

    def on_mount(self) -> None:
        if problems := attendance_problems(self.event, self.desk.today()):
            self.say(problems[0].sentence, bad=True)  # said at once, not only on save
        table = self.query_one(DataTable)
        for title, width in COLUMNS:
            table.add_column(title, width=width, key=title)
        self._fill()
        table.focus()

    def _cells(self, student_id: str, shown: str) -> tuple:
        name, _, family = shown.partition(" · ")
        a = self.state.get(student_id)
        came = Text("[x]", "bold green") if a else Text("[ ]", "dim")
        helped = ""
        if a and a.volunteered:
            helped = a.role or "volunteered"
            if a.minutes:
                helped += f" · {minutes_in_words(a.minutes)}"
        return came, name, family, helped

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        wanted = fold(self.query_one("#attendance-filter", Input).value)
        table.clear()
        for student_id, shown in self.families:
            if wanted and wanted not in fold(shown):
                continue
            table.add_row(*self._cells(student_id, shown), key=student_id)
        self._status()

    def _status(self) -> None:
        came, volunteers, minutes = event_counts(with_attendance(self.event, self.state))
        text = f"{came} families came"
        if volunteers:
            text += f" · {volunteers} volunteered, {minutes_in_words(minutes)}"
        if self._dirty:
            text += " · not saved yet (F10)"
        self.query_one("#attendance-status", Static).update(text)

    def _current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _refresh_row(self, student_id: str) -> None:
        table = self.query_one(DataTable)
        shown = dict(self.families).get(student_id, "")
        for column, value in zip(COLUMNS, self._cells(student_id, shown), strict=True):
            table.update_cell(student_id, column[0], value)
        self.mark_changed(always=True)
        self._status()

    def action_toggle(self) -> None:
        student_id = self._current_id()
        if student_id is None:
            return
        if student_id in self.state:
            del self.state[student_id]
        else:
            self.state[student_id] = Attendance(student_id=student_id)
        self._refresh_row(student_id)

    def action_volunteer(self) -> None:
        student_id = self._current_id()
        if student_id is None:
            return
        name = dict(self.families).get(student_id, "").partition(" · ")[0]
        current = self.state.get(student_id) or Attendance(student_id=student_id)

        def done(result: Attendance | None) -> None:
            if result is not None:
                self.state[student_id] = result  # volunteering means the family came
                self._refresh_row(student_id)

        self.app.push_screen(VolunteerDialog(name, current, self._volunteer_cut_off), done)

    def action_filter(self) -> None:
        self.query_one("#attendance-filter", Input).focus()

    @on(Input.Changed, "#attendance-filter")
    def _filtered(self) -> None:
        self._fill()

    @on(Input.Submitted, "#attendance-filter")
    def _to_list(self) -> None:
        self.query_one(DataTable).focus()

    def build(self) -> EngagementEvent | str:
        if problems := attendance_problems(self.event, self.desk.today()):
            return problems[0].sentence
        return with_attendance(self.event, self.state)

    def save_work(self, record: EngagementEvent):
        store = self.desk.store
        return lambda: store.events.save(record)

    def saved_words(self, saved: EngagementEvent) -> str:
        self.event = saved
        came, _, _ = event_counts(saved)
        return f"Attendance saved: {came} families came."

    def action_close(self) -> None:
        if self.focused is self.query_one("#attendance-filter", Input):
            self.query_one(DataTable).focus()
            return
        super().action_close()
