"""Roster: every student with family and last contact; type to filter, enter to open.

Enter in the filter opens the highlighted student: typing highlights the first match, so a name
that leaves one row opens it at once (the README's "enter opens a student"). Keys typed before
the rows have loaded wait for them (`holds_keys_until_loaded`), so that enter is never lost.

Rows are built once per load (search and sort keys precomputed in `domain.roster`), and the
table draws only the visible lines, so a keystroke in the filter re-filters 1,000 students in
about a millisecond. Typing any letter that is not a key below goes straight into the filter.
"""

from __future__ import annotations

import datetime as dt

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Input, Static

from teacherdesk.domain.dates import since_in_words
from teacherdesk.domain.roster import (
    RosterRow,
    build_rows,
    filter_rows,
    next_sort,
    sort_rows,
)
from teacherdesk.models import Student
from teacherdesk.store import Store
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.screens.type_to_filter import route_key
from teacherdesk.ui.widgets.footer import DeskFooter
from teacherdesk.ui.widgets.roster_table import Column, RosterTable, RowTable, TableRow

COLUMNS = [
    Column("name", "Student", 0),
    Column("grade", "Gr", 3),
    Column("class", "Class", 9),
    Column("plan", "Plan", 7),
    Column("family", "Fam", 4),
    Column("contact", "Last contact", 13),
]
SORT_WORDS = {
    "name": "name",
    "grade": "grade",
    "class": "class",
    "plan": "IEP/504",
    "family": "family size",
    "contact": "last contact",
}


def first_read(store: Store, _today: dt.date) -> list[RosterRow]:
    """What the roster reads first (also read ahead while Today is on view: ui/warm.py)."""
    return build_rows(store, include_archived=True)


class RosterScreen(DeskScreen):
    holds_keys_until_loaded = True  # a name and enter typed on F3 need the rows

    BINDINGS = [
        # Priority: "/" only moves to the filter, even when the filter has focus (never typed).
        Binding(
            "slash",
            "focus_filter",
            "Filter",
            id="roster-filter",
            tooltip="Type to filter",
            priority=True,
        ),
        Binding("escape", "clear_filter", "Clear", show=False, id="roster-clear"),
        Binding("a", "add_student", "Add", id="roster-add", tooltip="Add a student"),
        Binding(
            "i",
            "app.import_roster",
            "Import",
            show=False,  # in help and the palette; the footer keeps room for n Note and f1 Help
            id="roster-import",
            tooltip="Import a roster",
        ),
        Binding("o", "next_sort", "Sort", id="roster-sort", tooltip="Sort by the next column"),
        Binding(
            "r",
            "reverse_sort",
            "Reverse",
            show=False,
            id="roster-reverse",
            tooltip="Reverse the sort",
        ),
        Binding(
            "d",
            "archive",
            "Archive",
            id="roster-archive",
            tooltip="Archive a student who left (or bring an archived one back)",
        ),
        Binding(
            "v",
            "toggle_archived",
            "Archived",
            show=False,
            id="roster-show-archived",
            tooltip="Show or hide archived students",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[RosterRow] = []  # every student, archived too, in the current sort
        self._cells: dict[str, TableRow] = {}
        self.sort_by = "name"
        self.sort_reverse = False
        self.show_archived = False
        self.loaded = False
        self._typing = False
        self._mounted = False
        self._on_view = False  # resumed and not suspended since
        self._arrived: list[RosterRow] | None = None  # rows read before the screen mounted

    def compose(self) -> ComposeResult:
        # The rows are read while the screen is built (not once it has mounted, ~20 ms later):
        # F3 shows the names that much sooner.
        self.load()
        yield Header()
        yield Input(
            placeholder="Type a student's or family's name · ↓ list: a add, o sort, d archive",
            id="roster-filter",
            select_on_focus=False,
        )
        yield RosterTable(COLUMNS, id="roster-table")
        yield Static("Loading the roster…", id="roster-status", classes="status-line", markup=False)
        yield DeskFooter(compact=True)  # the screen's keys and f1 Help fit at 80 columns

    def on_mount(self) -> None:
        self._mark_sort()
        filter_input = self.query_one("#roster-filter", Input)
        # The rows follow the filter while the key that changed it is handled, not when its
        # Changed message has bubbled up: that came after the typed letter had been drawn, so
        # the list and its count waited for the next frame (~17-33 ms later).
        self.watch(filter_input, "value", self._filter_changed, init=False)
        filter_input.focus()
        self._mounted = True
        if self._arrived is not None:  # read before the table was there
            self._show(self._arrived)

    # (Textual calls these handlers for each class in the MRO; prevent_default stops the rest.)
    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual resumes a mode's screen twice as it is first shown (once when the mode is made,
        # once when it is switched to): each laid out and drew the whole screen, ~10 ms of F3.
        if self._on_view:
            event.prevent_default()
        self._on_view = True

    def _on_screen_suspend(self) -> None:
        self._on_view = False

    @property
    def table(self) -> RowTable:
        return self.query_one("#roster-table", RowTable)

    @property
    def selected_student_id(self) -> str | None:
        """The highlighted student (`n` logs a contact for them)."""
        return self.table.cursor_key

    @property
    def query_text(self) -> str:
        return self.query_one("#roster-filter", Input).value

    # --- loading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="roster-load")
    def load(self) -> None:
        rows = self.desk.warm_value("roster")  # read while Today was on view, if still true
        if rows is None:
            rows = first_read(self.desk.store, self.desk.today())
        self.app.call_from_thread(self._rows_read, rows)

    def _rows_read(self, rows: list[RosterRow]) -> None:
        if self._mounted:
            self._show(rows)
        else:
            self._arrived = rows  # on_mount shows them

    def _show(self, rows: list[RosterRow]) -> None:
        self._arrived = None
        today = self.desk.today()
        self._cells = {row.id: _cells(row, today) for row in rows}
        self.rows = sort_rows(rows, self.sort_by, reverse=self.sort_reverse)
        self.loaded = True
        self._fill()
        self.ready_for_keys()  # keys typed while loading act on the rows now

    def _fill(self, *, to_first: bool = False) -> None:
        """Re-filter: a list comprehension over precomputed keys, then the visible lines redrawn.
        `to_first`: the cursor goes to the first match (else it stays on its student)."""
        query = self.query_text
        pool = self.rows if self.show_archived else [r for r in self.rows if not r.student.archived]
        shown = filter_rows(pool, query) if query.strip() else pool
        first = shown[0].id if to_first and shown else None
        self.table.set_rows([self._cells[row.id] for row in shown], keep=first)
        self._status(len(shown), len(pool))

    def _status(self, shown: int, pool: int) -> None:
        if not self.loaded:
            return
        archived = sum(1 for row in self.rows if row.student.archived)
        arrow = "▼" if self.sort_reverse else "▲"
        parts = [f"{shown} of {pool} students" if self.query_text.strip() else f"{pool} students"]
        parts.append(f"sorted by {SORT_WORDS[self.sort_by]} {arrow}")
        if archived:
            parts.append(
                f"{archived} archived shown" if self.show_archived else f"{archived} archived (v)"
            )
        status = " · ".join(parts)
        if not self.rows:
            status = "No students yet: press a to add one, or import a roster."
        elif self.query_text.strip() and not shown:
            status = f"Nobody matches “{self.query_text.strip()}” · escape clears the filter"
        # One line high whatever it says: no layout of the whole screen on every keystroke.
        self.query_one("#roster-status", Static).update(status, layout=False)

    def _mark_sort(self) -> None:
        self.table.set_header_marks({self.sort_by: "▼" if self.sort_reverse else "▲"})

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()

    # --- filter ----------------------------------------------------------------------------

    def _filter_changed(self) -> None:
        if self.loaded:
            self._fill(to_first=True)  # the best match highlighted: enter opens it

    @on(Input.Submitted, "#roster-filter")
    def _filter_done(self) -> None:
        """Enter in the filter opens the highlighted student (nothing when nobody matches)."""
        self.action_open_current()

    def action_open_current(self) -> None:
        if self.table.cursor_key:
            self.desk.open_student(self.table.cursor_key)

    def on_key(self, event: events.Key) -> None:
        """Letters typed on the table (that are not keys of this screen) start filtering."""
        route_key(self, event, self.query_one("#roster-filter", Input), self.table)

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        if event.widget is self.query_one("#roster-filter", Input):
            self._typing = False

    def action_focus_filter(self) -> None:
        self.query_one("#roster-filter", Input).focus()

    def action_clear_filter(self) -> None:
        filter_input = self.query_one("#roster-filter", Input)
        if filter_input.value:
            filter_input.value = ""
        filter_input.focus()

    # --- sorting ---------------------------------------------------------------------------

    def _sort(self, by: str, reverse: bool) -> None:
        self.sort_by, self.sort_reverse = by, reverse
        self.rows = sort_rows(self.rows, by, reverse=reverse)
        self._mark_sort()
        self._fill()

    def action_next_sort(self) -> None:
        self._sort(next_sort(self.sort_by), False)

    def action_reverse_sort(self) -> None:
        self._sort(self.sort_by, not self.sort_reverse)

    @on(RowTable.HeaderClicked)
    def _header_clicked(self, event: RowTable.HeaderClicked) -> None:
        same = event.column == self.sort_by
        self._sort(event.column, not self.sort_reverse if same else False)

    # --- opening, adding, archiving --------------------------------------------------------

    @on(RowTable.RowSelected, "#roster-table")
    def _open(self, event: RowTable.RowSelected) -> None:
        if event.key:
            self.desk.open_student(event.key)

    def _current(self) -> Student | None:
        key = self.table.cursor_key
        row = next((row for row in self.rows if row.id == key), None) if key else None
        return row.student if row else None

    def action_add_student(self) -> None:
        from teacherdesk.ui.forms.student_form import StudentForm

        def added(student: Student | None) -> None:
            if student is not None:
                self.notify(f"Added {student.display_name}.", title="Saved")
                self.desk.open_student(student.id)

        self.app.push_screen(StudentForm(None), added)

    def action_archive(self) -> None:
        from teacherdesk.ui.dialogs.questions import ConfirmScreen

        student = self._current()
        if student is None:
            return
        name = student.display_name
        if student.archived:
            self._set_archived(student, False)
            return
        question = f"Archive {name}?"
        detail = (
            "Use this when a student has left the class. Their record, family and notes stay "
            "in the file; press v to show archived students and d again to bring them back."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._set_archived(student, True)

        self.app.push_screen(ConfirmScreen(question, detail, yes="Archive"), answered)

    def _set_archived(self, student: Student, archived: bool) -> None:
        store = self.desk.store
        name = student.display_name

        def work() -> Student | None:
            current = store.students.get(student.id)
            if current is None:
                return None
            return store.students.save(current.model_copy(update={"archived": archived}))

        def done(saved: Student | None) -> None:
            if saved is None:
                self.notify(f"{name} is no longer in the file.", severity="warning")
            elif archived:
                self.notify(f"Archived {name}. Press v to show archived students.")
            else:
                self.notify(f"{name} is back on the roster.")

        self.desk.save(work, then=done)

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self._fill()
        self.notify(
            "Showing archived students (dimmed)." if self.show_archived else "Archived hidden.",
            timeout=2,
        )


def _cells(row: RosterRow, today) -> TableRow:
    student = row.student
    name = student.display_name + (" (archived)" if student.archived else "")
    return TableRow(
        student.id,
        (
            name,
            student.grade,
            student.class_name,
            row.flags,
            str(len(row.guardians)),
            since_in_words(row.last_contact, relative_to=today),
        ),
        dim=student.archived,
    )
