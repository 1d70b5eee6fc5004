"""Contacts: every contact with every family, newest first; filter, open, edit.

Built for 10,000 notes: the first frame shows at once, the notes load in a thread, filtering runs
in a thread, and the table is filled in small chunks so typing never waits. Enter opens a note
(with its earlier versions), `e` edits it, `n` logs a new one, `u` lists the follow-ups.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Static
from textual.worker import get_current_worker

from teacherdesk.domain.contacts import ContactFilter, ContactRow, build_rows, history_entries
from teacherdesk.domain.dates import exact, humanize, list_date
from teacherdesk.models import Channel, ContactNote, Outcome, Purpose, label
from teacherdesk.ui.forms.contact_form import open_contact_form
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskModal, DeskScreen
from teacherdesk.ui.screens.type_to_filter import route_key
from teacherdesk.ui.widgets.date_input import DateInput
from teacherdesk.ui.widgets.fit_table import Col, FitTable

PAGE = 200  # rows put in the table at a time; the next page comes as the cursor nears the end
RESTRICTED = "[R] "  # marks a restricted note in the list
SHORT = {Purpose.POSITIVE: "positive", Purpose.INFORMATION: "info"}
SHORT_HOW = {
    Channel.TEXT: "text",
    Channel.VIDEO: "video",
    Channel.APP: "app",
    Outcome.LEFT_MESSAGE: "left msg",
}


COLUMNS = [
    Col("date", "Date", 9, 14),
    Col("student", "Student", 12, 30),
    Col("purpose", "Purpose", 8, 10, drop=1),
    Col("how", "How", 12, 22, drop=2),  # goes first at narrow widths (the detail line says it)
    Col("summary", "Summary", 16, flex=True),
]


def short(choice) -> str:
    return SHORT.get(choice) or SHORT_HOW.get(choice) or label(choice)


def _options(kind) -> list[tuple[str, str]]:
    return [(label(choice), choice.value) for choice in kind]


class ContactsScreen(DeskScreen):
    BINDINGS = [
        # Priority: "/" only moves to the name filter (never typed into it); in the From/To
        # dates it is typed, as in 12/3 (see check_action).
        Binding("slash", "focus_filter", "Filter", id="contacts-filter",
                tooltip="Type a student's or family's name", priority=True),
        Binding("e", "edit", "Edit", id="contacts-edit", tooltip="Edit the highlighted contact"),
        Binding("u", "follow_ups", "Follow-ups", id="contacts-follow-ups",
                tooltip="Every follow-up from contacts and conferences"),
        Binding("escape", "clear_filters", "Clear", show=False, id="contacts-clear"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ContactRow] = []
        self.shown: list[ContactRow] = []
        self.loaded = False
        self._typing = False  # letters typed on the table are going into the name filter

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="filter-row"):
            yield Input(
                placeholder="/ student or family",
                compact=True,
                id="contacts-student",
                select_on_focus=False,  # letters typed on the table carry on where they left off
            )
            yield Select(_options(Purpose), prompt="any purpose", compact=True, id="f-purpose")
            yield Select(_options(Channel), prompt="any channel", compact=True, id="f-channel")
            yield Select(_options(Outcome), prompt="any outcome", compact=True, id="f-outcome")
        with Horizontal(classes="filter-row"):
            yield Label("From", markup=False)
            yield DateInput(placeholder="first date", id="f-since")
            yield Label("To", markup=False)
            yield DateInput(placeholder="last date", id="f-until")
        yield FitTable(COLUMNS, id="contacts-table", comfort=24)
        yield Static("", id="contacts-detail", classes="row-detail", markup=False)
        yield Static("Loading contacts…", id="contacts-status", classes="status-line", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Contacts"
        for date_input in self.query(DateInput):
            date_input.query_one(Input).compact = True
        self.query_one("#contacts-detail").display = False
        self.query_one("#contacts-table", DataTable).focus()
        self.load()

    # --- loading and filtering -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="contacts-load", description="load contacts")
    def load(self) -> None:
        store = self.desk.store
        rows = build_rows(store.contacts.all(), store.students.all(), store.guardians.all())
        self.app.call_from_thread(self._loaded, rows)

    def _loaded(self, rows: list[ContactRow]) -> None:
        self.rows = rows
        self.loaded = True
        self._refilter()

    def current_filter(self) -> ContactFilter:
        def choice(widget_id: str, kind):
            value = self.query_one(f"#{widget_id}", Select).value
            return kind(value) if isinstance(value, str) else None

        return ContactFilter(
            text=self.query_one("#contacts-student", Input).value,
            purpose=choice("f-purpose", Purpose),
            channel=choice("f-channel", Channel),
            outcome=choice("f-outcome", Outcome),
            since=self.query_one("#f-since", DateInput).date,
            until=self.query_one("#f-until", DateInput).date,
        )

    def _refilter(self) -> None:
        if self.loaded:
            self._filter(self.current_filter(), self.rows)

    # A description, or Textual would repr() every row (10,000 notes: ~100 ms on the event loop).
    @work(thread=True, exclusive=True, group="contacts-filter", description="filter contacts")
    def _filter(self, wanted: ContactFilter, rows: list[ContactRow]) -> None:
        shown = [row for row in rows if wanted.keep(row)] if wanted.active else rows
        if get_current_worker().is_cancelled:
            return  # a newer keystroke's filter is running
        self.app.call_from_thread(self._fill_if_current, wanted, rows, shown)

    def _fill_if_current(
        self, wanted: ContactFilter, rows: list[ContactRow], shown: list[ContactRow]
    ) -> None:
        """Only results for what is typed now (and the rows loaded now) reach the table."""
        if rows is self.rows and wanted == self.current_filter():
            self._fill(shown, wanted.active)

    def _fill(self, shown: list[ContactRow], filtered: bool) -> None:
        """Show the first page of `shown`; more pages follow as the cursor goes down.

        A DataTable's cost per frame grows with its rows (10,000 rows: ~50 ms a frame), so the
        table only ever holds what the teacher has scrolled to.
        """
        table = self.query_one("#contacts-table", FitTable)
        kept = self.selected_note_id()
        self.shown = shown
        status = self.query_one("#contacts-status", Static)
        total = len(self.rows)
        if not total:
            table.fill([])
            status.update("No contacts yet: press n to log one.")
            return
        what = f"{len(shown):,} of {total:,} contacts" if filtered else f"{total:,} contacts"
        status.update(f"{what}, newest first · [R] restricted · enter opens · e edits")
        # Names as wide as the longest name in the whole list, so later pages fit too.
        longest = max((cell_len(row.student_name) for row in shown), default=0)
        table.fill((self._cells(row) for row in shown[:PAGE]), wants={"student": longest})
        if kept:
            self._move_to(kept)
        self._describe()

    def _add_page(self) -> None:
        table = self.query_one("#contacts-table", FitTable)
        start = table.row_count
        table.append(self._cells(row) for row in self.shown[start : start + PAGE])

    @on(DataTable.RowHighlighted, "#contacts-table")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if event.cursor_row >= table.row_count - 20 and table.row_count < len(self.shown):
            self._add_page()
        self._describe()

    def _describe(self) -> None:
        """At narrow widths, the highlighted note's hidden columns and cut summary."""
        table = self.query_one("#contacts-table", FitTable)
        detail = self.query_one("#contacts-detail", Static)
        words = table.detail(table.current_key())
        detail.update(words)
        detail.display = bool(words)

    def _cells(self, row: ContactRow) -> tuple[str, dict[str, object]]:
        """One row's key (the note id) and cells."""
        note = row.note
        summary = Text()
        if note.restricted:
            summary.append(RESTRICTED, style="bold")
        summary.append(" ".join(note.summary.split()) or row.first_line)
        if note.created_by and note.created_by != self.desk.store.author and not note.sealed:
            summary.append(f" — {note.created_by}", style="dim")  # a team member wrote it
        sealed = note.sealed  # someone else's restricted note: how and why are theirs too
        return note.id, {
            "date": list_date(note.date, self.desk.today()),
            "student": row.student_name,
            "purpose": "—" if sealed else short(note.purpose),
            "how": "—" if sealed else f"{short(note.channel)}, {short(note.outcome)}",
            "summary": summary,
        }

    def _move_to(self, note_id: str) -> None:
        """Put the cursor back on a note (when it is among the first few pages)."""
        index = next((i for i, row in enumerate(self.shown) if row.note.id == note_id), None)
        if index is None or index >= 5 * PAGE:
            return
        table = self.query_one("#contacts-table", DataTable)
        while table.row_count <= index:
            self._add_page()
        table.move_cursor(row=index)

    def selected_note_id(self) -> str | None:
        table = self.query_one("#contacts-table", DataTable)
        row = table.cursor_row
        if table.row_count and 0 <= row < len(self.shown):
            return self.shown[row].note.id
        return None

    @property
    def selected_student_id(self) -> str | None:
        """The student of the highlighted contact (`n` logs a new contact for them)."""
        table = self.query_one("#contacts-table", DataTable)
        if not table.has_focus:
            return None
        row = table.cursor_row
        return self.shown[row].note.student_id if 0 <= row < len(self.shown) else None

    # --- messages --------------------------------------------------------------------------------

    @on(Input.Changed, "#contacts-student")
    @on(Select.Changed)
    @on(DateInput.Changed)
    def _filters_changed(self) -> None:
        self._refilter()

    @on(Input.Submitted, "#contacts-student")
    def _filter_done(self) -> None:
        self.query_one("#contacts-table", DataTable).focus()

    def on_key(self, event: events.Key) -> None:
        """Letters typed on the table go into the name filter; keys typed while the screen was
        still being built arrive here once the table has focus, and are typed in too."""
        table = self.query_one("#contacts-table", DataTable)
        route_key(self, event, self.query_one("#contacts-student", Input), table)

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        if event.widget is not self.query_one("#contacts-student", Input):
            self._typing = False

    @on(DataTable.RowSelected, "#contacts-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            self.app.push_screen(ContactDetail(self.shown[event.cursor_row].note.id))

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()

    # --- actions ---------------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.query_one("#contacts-student", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_filter":
            focused = self.focused
            return not (focused is not None and isinstance(focused.parent, DateInput))
        return True

    def action_clear_filters(self) -> None:
        self.query_one("#contacts-student", Input).value = ""
        for select in self.query(Select):
            select.clear()
        for date_input in self.query(DateInput):
            date_input.set_date(None)
        self.query_one("#contacts-table", DataTable).focus()

    def action_edit(self) -> None:
        note_id = self.selected_note_id()
        if note_id:
            open_contact_form(self.desk, note_id=note_id)

    def action_follow_ups(self) -> None:
        from teacherdesk.ui.screens.followups import FollowUpsScreen

        self.app.push_screen(FollowUpsScreen())


class ContactDetail(DeskModal[None]):
    """One contact in full, with every earlier version (who changed it, when, what it said)."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="contact-detail-close", tooltip="Close"),
        Binding("e", "edit", "Edit", id="contact-detail-edit", tooltip="Edit this contact"),
    ]

    def __init__(self, note_id: str) -> None:
        super().__init__()
        self.note_id = note_id

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static("Loading…", id="contact-detail-text", markup=False)
            yield Static("e edit · escape close", id="contact-detail-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
        self.load()

    @work(thread=True, exclusive=True, group="contact-detail-load")
    def load(self) -> None:
        store = self.desk.store
        note = store.contacts.get(self.note_id)
        if note is None:
            self.app.call_from_thread(
                self._show, Text("This contact is no longer in the data file.")
            )
            return
        student = store.students.get(note.student_id)
        guardians = {g.id: g.name for g in store.guardians.for_student(note.student_id)}
        self.app.call_from_thread(self._show, self._describe(note, student, guardians))

    def _describe(self, note: ContactNote, student, guardians: dict[str, str]) -> Text:
        today = self.desk.today()
        text = Text()
        name = student.display_name if student else "(unknown student)"
        text.append(f"{name}\n", style="bold")
        if note.sealed:
            text.append(f"{exact(note.date)}\n{note.summary}\n", style="bold yellow")
            return text
        if note.restricted:
            text.append("RESTRICTED: left out of exports unless asked\n", style="bold yellow")
        who = guardians.get(note.guardian_id or "", "the family")
        lines = [
            ("Date", f"{exact(note.date)} · {humanize(note.date, relative_to=today)}"),
            ("With", who),
            ("How", f"{label(note.channel)}, {label(note.direction)}, {label(note.outcome)}"),
            ("Purpose", label(note.purpose)),
        ]
        if note.follow_up:
            follow = note.follow_up
            done = f" · done {exact(follow.done_on)}" if follow.done_on else ""
            lines.append(
                ("Follow-up", f"{follow.what or 'follow up'} by {exact(follow.due)}{done}")
            )
        for title, value in lines:
            text.append(f"{title:<10}", style="bold")
            text.append(f"{value}\n")
        text.append("\n")
        text.append(note.summary or "(no summary)")
        text.append("\n\n")
        written = note.updated_at.astimezone().strftime("%Y-%m-%d %H:%M") if note.updated_at else ""
        text.append(f"Written {written} by {note.updated_by or 'unknown'}\n", style="dim")
        entries = history_entries(note, guardians)
        if not entries:
            text.append("No earlier versions.", style="dim")
        else:
            text.append(f"Earlier versions ({len(entries)})\n", style="bold")
        for entry in entries:
            text.append(
                f"• version of {entry.written_at or 'unknown time'} by "
                f"{entry.written_by or 'unknown'}\n",
                style="bold",
            )
            if not entry.changes:
                text.append("    (only who and when changed)\n", style="dim")
            for field, before in entry.changes:
                text.append(f"    {field}: ", style="dim")
                text.append(before.replace("\n", "\n      ") + "\n")
        return text

    def _show(self, text: Text) -> None:
        self.query_one("#contact-detail-text", Static).update(text)

    def action_edit(self) -> None:
        self.dismiss(None)
        open_contact_form(self.desk, note_id=self.note_id)

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()
