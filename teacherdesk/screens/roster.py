"""Roster: every student with family and last contact; type to filter, enter to open."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from teacherdesk.app import DataChanged
from teacherdesk.dates import since_in_words
from teacherdesk.roster import RosterRow, build_rows, matches

COLUMNS = [("Student", 26), ("Gr", 3), ("Class", 9), ("Plan", 7), ("Fam", 3), ("Last contact", 13)]


class RosterScreen(Screen):
    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", id="roster-filter", tooltip="Type to filter"),
        Binding("i", "app.import_roster", "Import", id="roster-import", tooltip="Import a roster"),
        Binding("escape", "clear_filter", "Clear", show=False, id="roster-clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[RosterRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter: type a student's or family's name", id="roster-filter")
        yield DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)
        yield Static("Loading the roster…", id="roster-status", classes="status-line")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for title, width in COLUMNS:
            table.add_column(title, width=width, key=title)
        self.load()

    @work(thread=True, exclusive=True, group="roster-load")
    def load(self) -> None:
        rows = build_rows(self.app.store)
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[RosterRow]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        query = self.query_one("#roster-filter", Input).value
        shown = [row for row in self.rows if matches(row, query)] if query else self.rows
        today = self.app.today()
        table.clear()
        for row in shown:
            student = row.student
            table.add_row(
                student.display_name,
                student.grade,
                student.class_name,
                row.flags,
                str(len(row.guardians)),
                since_in_words(row.last_contact, relative_to=today),
                key=student.id,
            )
        status = (
            f"{len(shown)} of {len(self.rows)} students" if query else f"{len(self.rows)} students"
        )
        if not self.rows:
            status = "No students yet: run `teacherdesk demo` or `teacherdesk import` a roster."
        self.query_one("#roster-status", Static).update(status)

    @on(Input.Changed, "#roster-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#roster-filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#roster-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.open_student(event.row_key.value)

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()

    def action_focus_filter(self) -> None:
        self.query_one("#roster-filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#roster-filter", Input).value = ""
        self.query_one(DataTable).focus()
