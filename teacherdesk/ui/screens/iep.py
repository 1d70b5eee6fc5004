"""IEP (F7): every IEP student, the next deadline first and late ones at the top.

enter opens the student's IEP record (or sets one up); `i` the student interview, `p` the Parental
Input form, `r` writes the letter asking the family, `m` previews the meeting notice. The panel
under the list shows all four deadlines of the highlighted student, each in words beside the exact
date, and whether the meeting is ready (notice, attempts, interpreter: 34 CFR 300.322).
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from teacherdesk.domain.dates import short
from teacherdesk.domain.iep_timeline import (
    MEETING,
    IEPStatus,
    State,
    iep_statuses,
    meeting_day_off,
)
from teacherdesk.domain.meetings import MeetingEvidence, meeting_evidence
from teacherdesk.ui.forms.meeting_fields import deadline_markup, evidence_line
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.widgets.fit_table import Col, FitTable
from teacherdesk.ui.widgets.footer import DeskFooter
from teacherdesk.ui.widgets.plain import escape

COLUMNS = [
    Col("student", "Student", 12, 32),
    Col("step", "Next step", 12, flex=True),
    Col("when", "When", 10, 14),
    Col("date", "Date", 9, 11),
    Col("meeting", "Meeting", 9, 11, drop=1),  # also in the deadlines below
]
KEYS = [col.key for col in COLUMNS]
RICH_STYLE = {
    State.LATE: "bold red",
    State.TODAY: "bold yellow",
    State.SOON: "yellow",
    State.DONE: "green",
    State.LATER: "",
}


class IEPScreen(DeskScreen):
    BINDINGS = [
        Binding("i", "interview", "Interview", id="iep-interview", tooltip="Student input"),
        Binding("p", "parental", "Parental input", id="iep-parental", tooltip="The family's input"),
        Binding("r", "request", "Ask family", id="iep-request", tooltip="Write the request letter"),
        Binding("m", "notice", "Notice", id="iep-notice", tooltip="The meeting notice"),
        Binding("n", "open", "New IEP", show=False, id="iep-new", tooltip="Set up an IEP record"),
        Binding("x", "app.export_packet", "Packet", id="iep-packet", tooltip="IEP team packet"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.statuses: list[IEPStatus] = []
        self.meetings: dict[str, MeetingEvidence] = {}
        self.holidays: tuple = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield FitTable(COLUMNS, id="iep-table", comfort=18)
        yield Static("", id="iep-detail", classes="iep-deadlines")
        yield Static(
            "Loading the IEP students…", id="iep-status", classes="status-line", markup=False
        )
        yield DeskFooter()

    def on_mount(self) -> None:
        self.sub_title = "IEP"
        self.load()

    @work(thread=True, exclusive=True, group="iep-load")
    def load(self) -> None:
        store, today = self.desk.store, self.desk.today()
        statuses = iep_statuses(store, today)
        settings = store.settings.load()
        self.holidays = tuple(settings.holidays)
        self.meetings = {
            s.student.id: meeting_evidence(
                s.iep,
                s.student,
                store.guardians.for_student(s.student.id),
                store.contacts.for_student(s.student.id),
                settings,
                today,
            )
            for s in statuses
            if s.iep is not None
        }
        self.app.call_from_thread(self._show, statuses)

    def _show(self, statuses: list[IEPStatus]) -> None:
        table = self.query_one(FitTable)
        keep = self._current()
        self.statuses = statuses
        table.fill(
            (status.student.id, dict(zip(KEYS, self._cells(status), strict=True)))
            for status in statuses
        )
        if keep is not None:
            for row, status in enumerate(statuses):
                if status.student.id == keep.student.id:
                    table.move_cursor(row=row)
        late = sum(1 for s in statuses if s.late)
        words = f"{len(statuses)} IEP students"
        if late:
            words += f" · {late} with something late"
        today = self.desk.today()
        off = sum(
            1
            for s in statuses
            if s.iep is not None and meeting_day_off(s.iep.meeting_date, self.holidays, today)
        )
        if off:
            words += f" · {off} meeting{'s' if off > 1 else ''} not on a school day"
        if not statuses:
            words = "No IEP students yet: mark a student as having an IEP on the roster."
        self.query_one("#iep-status", Static).update(words)
        self._detail()

    def _cells(self, status: IEPStatus) -> tuple:
        if status.iep is None:
            return (
                status.student.display_name,
                Text("Set up IEP record", style="italic"),
                Text("press enter", style="dim"),
                "",
                "",
            )
        meeting = status.iep.meeting_date
        upcoming = status.next
        off = meeting_day_off(meeting, self.holidays, self.desk.today())
        if upcoming is None:
            step, words, date = Text("All done"), Text("meeting held", style="green"), ""
        else:
            step = Text(upcoming.title)
            words = Text(upcoming.words, style=RICH_STYLE[upcoming.state])
            date = short(upcoming.due)
        # A meeting on a day off: in words when it is the next step (as on Today), and its date
        # in the warning colour; the panel below and the status line say it in words too.
        if off and upcoming is not None and upcoming.key == MEETING:
            step.append(f" — {off}", "yellow")
        meeting_cell = Text(short(meeting), style="yellow" if off else "")
        return (status.student.display_name, step, words, date, meeting_cell)

    def _current(self) -> IEPStatus | None:
        table = self.query_one(DataTable)
        if not self.statuses or table.cursor_row < 0 or table.cursor_row >= len(self.statuses):
            return None
        return self.statuses[table.cursor_row]

    @on(DataTable.RowHighlighted, "#iep-table")
    def _detail(self) -> None:
        status = self._current()
        panel = self.query_one("#iep-detail", Static)
        if status is None:
            panel.update("")
        elif status.iep is None:
            panel.update(
                f"{escape(status.student.display_name)} has an IEP but no record here yet: "
                "press enter to add the meeting date."
            )
        else:
            team = status.iep.case_manager
            evidence = self.meetings.get(status.student.id)
            off = meeting_day_off(status.iep.meeting_date, self.holidays, self.desk.today())
            panel.update(
                deadline_markup(status.deadlines, day_off=off)
                + (f"\n[dim]Case manager: {escape(team)}[/]" if team else "")
                + (f"\n{evidence_line(evidence)}" if evidence else "")
            )

    @on(DataTable.RowSelected, "#iep-table")
    def _selected(self) -> None:
        self.action_open()

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    # --- keys ----------------------------------------------------------------------------------

    def action_open(self) -> None:
        status = self._current()
        if status is None:
            return
        from teacherdesk.ui.forms.iep_record import IEPRecordScreen

        self.app.push_screen(
            IEPRecordScreen(status.student.id, status.iep.id if status.iep else None)
        )

    def action_interview(self) -> None:
        status = self._current()
        if status is not None:
            from teacherdesk.ui.screens.interview import InterviewScreen

            self.app.push_screen(InterviewScreen(status.student.id))

    def action_parental(self) -> None:
        status = self._current()
        if status is None:
            return
        if status.iep is None:
            self.notify("Set up the IEP record first (enter): the form belongs to it.")
            return
        from teacherdesk.ui.forms.parental_input import ParentalInputScreen

        self.app.push_screen(ParentalInputScreen(status.iep.id))

    def action_notice(self) -> None:
        status = self._current()
        if status is None:
            return
        if status.iep is None:
            self.notify("Set up the IEP record first (enter): the notice needs the meeting.")
            return
        from teacherdesk.ui.screens.meeting_notice import MeetingNoticePreview

        self.app.push_screen(MeetingNoticePreview(status.student.id))

    def action_request(self) -> None:
        status = self._current()
        if status is None:
            return
        if status.iep is None:
            self.notify("Set up the IEP record first (enter): the letter needs the dates.")
            return
        from teacherdesk.ui.dialogs.letter_prompt import ask_for_letter

        ask_for_letter(self, status.student, status.iep.id)
