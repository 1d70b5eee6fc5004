"""Today: what needs doing, who has not heard from you, and whose news has been all bad.

Sections scroll at 80×24; tab moves between them; enter opens the student; `d` marks the
highlighted follow-up done (saved at once). What is shown is computed in `teacherdesk.domain.today`.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from teacherdesk.domain.dates import due_in_words, exact, exact_time, since_in_words
from teacherdesk.domain.records import mark_given
from teacherdesk.domain.today import TodayView, build_today
from teacherdesk.models import label
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.screens.followups import FollowUpsScreen, toggle_follow_up
from teacherdesk.ui.widgets.followup_table import FollowUpTable
from teacherdesk.ui.widgets.plain import PlainTable

MAX_ROWS = 8  # rows shown per section before it scrolls


class TodayScreen(DeskScreen):
    BINDINGS = [
        Binding(
            "u",
            "all_follow_ups",
            "All follow-ups",
            id="today-follow-ups",
            tooltip="Every follow-up, done ones too",
        ),
        Binding(
            "g",
            "records_given",
            "Records given",
            show=False,
            id="today-records-given",
            tooltip="Mark the most urgent records request as given to the family",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: TodayView | None = None
        self.conference_students: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="today-heading", markup=False)
        yield Static("", id="today-records", markup=False)  # records requests' 45-day clocks
        with VerticalScroll(id="today-sections"):
            yield Static(
                "Follow-ups overdue and due this week", classes="section-title", markup=False
            )
            yield Static("", id="today-follow-ups-empty", classes="section-empty", markup=False)
            yield FollowUpTable(id="today-follow-ups")
            yield Static("Conferences in the next 14 days", classes="section-title", markup=False)
            yield Static("", id="today-conferences-empty", classes="section-empty", markup=False)
            yield PlainTable(id="today-conferences", cursor_type="row", zebra_stripes=True)
            yield Static("IEP deadlines", classes="section-title", markup=False)
            yield Static("", id="today-iep-empty", classes="section-empty", markup=False)
            yield PlainTable(id="today-iep", cursor_type="row", zebra_stripes=True)
            yield Static("", id="today-stale-title", classes="section-title", markup=False)
            yield Static("", id="today-stale-empty", classes="section-empty", markup=False)
            yield PlainTable(id="today-stale", cursor_type="row", zebra_stripes=True)
            yield Static(
                "Positive-to-concern balance this term", classes="section-title", markup=False
            )
            yield Static("", id="today-balance-empty", classes="section-empty", markup=False)
            yield PlainTable(id="today-balance", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Today"
        columns = {
            "today-conferences": [("When", 18), ("Student", 18), ("How", 12), ("Interpreter", 14)],
            "today-iep": [("When", 13), ("Student", 18), ("What", 30)],
            "today-stale": [("Last contact", 13), ("Student", 18), ("Family", 30)],
            "today-balance": [("Positive", 8), ("Concern", 7), ("Student", 18), ("", 24)],
        }
        for table_id, cols in columns.items():
            table = self.query_one(f"#{table_id}", DataTable)
            for title, width in cols:
                table.add_column(title, width=width)
            table.display = False
        self.query_one("#today-follow-ups").display = False
        self.query_one("#today-records").display = False
        self.load()

    @work(thread=True, exclusive=True, group="today-load")
    def load(self) -> None:
        view = build_today(self.desk.store, self.desk.today())
        self.app.call_from_thread(self._show, view)

    # --- showing ---------------------------------------------------------------------------------

    def _section(self, table_id: str, empty_text: str, has_rows: bool) -> DataTable:
        table = self.query_one(f"#{table_id}", DataTable)
        empty = self.query_one(f"#{table_id}-empty", Static)
        empty.update(empty_text if not has_rows else "")
        empty.display = not has_rows
        table.display = has_rows
        return table

    def _show(self, view: TodayView) -> None:
        first_time = self.view is None
        self.view = view
        today = view.today
        settings = view.settings
        who = " · ".join(part for part in (settings.teacher_name, settings.school) if part)
        self.query_one("#today-heading", Static).update(
            f"{exact(today)}" + (f" · {who}" if who else "")
        )
        names = {sid: family.student_name for sid, family in view.families.items()}
        records = self.query_one("#today-records", Static)
        records.display = bool(view.records_requests)
        records.update(
            "\n".join(clock.words for clock in view.records_requests)
            + " · g: mark the first as given"
        )

        follow_ups = view.overdue + view.due_this_week
        table = self._section(
            "today-follow-ups", "Nothing overdue or due this week.", bool(follow_ups)
        )
        assert isinstance(table, FollowUpTable)
        table.show(follow_ups, names, today)

        table = self._section(
            "today-conferences",
            "No conferences planned in the next 14 days.",
            bool(view.conferences),
        )
        table.clear()
        self.conference_students = {}
        for conference in view.conferences:
            self.conference_students[conference.conference_id] = conference.family.student_id
            interpreter = (
                f"yes: {conference.interpreter_language}".rstrip(": ")
                if conference.interpreter_needed
                else ""
            )
            table.add_row(
                exact_time(conference.when),
                conference.family.student_name,
                label(conference.format),
                interpreter,
                key=conference.conference_id,
            )

        table = self._section("today-iep", "No IEP deadlines coming up.", bool(view.iep_deadlines))
        table.clear()
        for number, deadline in enumerate(view.iep_deadlines):
            when = "done" if deadline.done else due_in_words(deadline.due, relative_to=today)
            late = not deadline.done and deadline.due < today
            table.add_row(
                Text(when, style="bold red" if late else ""),
                deadline.student_name,
                deadline.what,
                key=f"{deadline.student_id}:{number}",
            )

        days = settings.stale_after_days
        self.query_one("#today-stale-title", Static).update(
            f"Families not contacted in {days} days"
        )
        table = self._section(
            "today-stale", f"Every family has heard from you in the last {days} days.",
            bool(view.not_contacted),
        )  # fmt: skip
        table.clear()
        for stale in view.not_contacted:
            table.add_row(
                Text(
                    since_in_words(stale.last_contact, relative_to=today),
                    style="bold" if stale.last_contact is None else "",
                ),
                stale.family.student_name,
                stale.family.guardians or "(no family on file)",
                key=stale.family.student_id,
            )

        start, end = view.term
        table = self._section(
            "today-balance",
            f"No positive or concern contacts this term ({start:%d %b} – {end:%d %b}).",
            bool(view.balance),
        )
        table.clear()
        for balance in view.balance:
            note = Text("only concerns so far", style="bold red") if balance.only_concerns else ""
            table.add_row(
                str(balance.positive),
                str(balance.concern),
                balance.family.student_name,
                note,
                key=balance.family.student_id,
            )
        for table in self.query("#today-sections DataTable").results(DataTable):
            # header + rows, at most MAX_ROWS (auto height lags behind the rows being added)
            table.styles.height = min(table.row_count, MAX_ROWS) + 1
        if first_time and self.focused in (None, self.query_one("#today-sections")):
            tables = [table for table in self.query(DataTable) if table.display]
            if tables:
                tables[0].focus(scroll_visible=False)

    # --- keys and messages ---------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value or ""
        table_id = event.data_table.id
        student_id: str | None = None
        if table_id == "today-follow-ups":
            item = self.query_one(FollowUpTable).items.get(key)
            student_id = item.student_id if item else None
        elif table_id == "today-conferences":
            student_id = self.conference_students.get(key)
        elif table_id == "today-iep":
            student_id = key.split(":", 1)[0]
        else:
            student_id = key
        if student_id:
            self.desk.open_student(student_id)

    @on(FollowUpTable.DoneToggled)
    def _toggle(self, event: FollowUpTable.DoneToggled) -> None:
        toggle_follow_up(self.desk, event.item)

    def action_records_given(self) -> None:
        if self.view is None or not self.view.records_requests:
            self.notify("No records request is waiting.", timeout=4)
            return
        clock = self.view.records_requests[0]
        store, day = self.desk.store, self.desk.today()
        self.desk.save(
            lambda: mark_given(store, clock.request_id, day),
            then=lambda _r: self.notify(f"Marked as given: {clock.student_name}.", timeout=4),
        )

    def action_all_follow_ups(self) -> None:
        self.app.push_screen(FollowUpsScreen())

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()
