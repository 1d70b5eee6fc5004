"""Today: what needs doing, who has not heard from you, and whose news has been all bad.

The whole screen scrolls, each section as tall as its rows; the arrows run from one section into
the next (tab jumps). Enter opens the student; `d` marks the highlighted follow-up done (saved at
once, the note names the student) and `u` takes it back; `a` lists every follow-up.
What is shown is computed in `teacherdesk.domain.today`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import DataTable, Header, Static

from teacherdesk.domain.dates import due_in_words, exact, exact_time, since_in_words
from teacherdesk.domain.followups import FollowUpItem
from teacherdesk.domain.records import mark_given
from teacherdesk.domain.today import TodayView, build_today
from teacherdesk.models import label
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.read_ahead import WAIT_SECONDS, TodayReadAhead
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.widgets.fit_table import Col, FitTable
from teacherdesk.ui.widgets.followup_table import FollowUpTable
from teacherdesk.ui.widgets.footer import DeskFooter

# Each section's columns: names whole when there is room, the free text takes the rest.
SECTIONS = {
    "today-conferences": [
        Col("when", "When", 17, 18),
        Col("student", "Student", 12, 32),
        Col("how", "How", 9, 12),
        # interpreter, and a weekend or school holiday, said in words
        Col("note", "Note", 10, flex=True),
    ],
    "today-iep": [
        Col("when", "When", 11, 14),
        Col("student", "Student", 12, 32),
        Col("what", "What", 14, flex=True),
    ],
    "today-stale": [
        Col("when", "Last contact", 12, 14),
        Col("student", "Student", 12, 32),
        Col("family", "Family", 14, flex=True),
    ],
    "today-balance": [
        Col("positive", "Positive", 8),
        Col("concern", "Concern", 7),
        Col("student", "Student", 12, 32),
        Col("note", "", 10, flex=True),
    ],
}
ORDER = ["today-follow-ups", *SECTIONS]

OUTPUT_WRITTEN_SECONDS = 0.05  # ample for Textual's writer thread to put a frame out

# Today is read at a glance: each section shows its most pressing rows and says how many more
# there are and where they all are (a teacher with 1,000 overdue follow-ups gets a usable screen,
# and the screen opens as fast as with 30).
SECTION_ROWS = 30
WHERE_ALL = {
    "today-follow-ups": "a lists every follow-up",
    "today-conferences": "F5 Conferences lists them all",
    "today-iep": "F7 IEP lists every student's deadlines",
    "today-stale": "F3 Roster shows everyone's last contact",
    "today-balance": "the most uneven are shown first",
}


def more_words(table_id: str, hidden: int) -> str:
    """The line under a section that shows only its first rows ("" when none is left out)."""
    if hidden <= 0:
        return ""
    return f"… and {hidden:,} more ({WHERE_ALL[table_id]})."


class TodayScreen(DeskScreen):
    # Keys typed before the rows are there (`down`, `enter` right after launch) wait for them.
    holds_keys_until_loaded = True

    BINDINGS = [
        Binding(
            "a",
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
        Binding("u", "undo", "Undo", id="today-undo", tooltip="Undo the last Done"),
        Binding("c", "plan_conference", "Conference", id="today-conference",
                tooltip="Plan a conference: which family, then the date"),
        Binding("x", "app.export_packet", "Packet", id="today-packet",
                tooltip="An IEP team packet: which student, then s saves"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.view: TodayView | None = None
        self.conference_students: dict[str, str] = {}
        self.last_done: FollowUpItem | None = None  # what `u` takes back

    def compose(self) -> ComposeResult:
        # One scroll for the whole screen: every section is as tall as its rows, so nothing
        # hides in a box of its own; arrows go on from one section's last row to the next.
        yield Header()
        with VerticalScroll(id="today-sections", can_focus=False):
            yield Static(self._reading(), id="today-heading", markup=False)
            yield Static("", id="today-records", markup=False)  # records requests' 45-day clocks
            yield Static(
                "Follow-ups overdue and due this week",
                id="today-follow-ups-title",
                classes="section-title",
                markup=False,
            )
            yield FollowUpTable(id="today-follow-ups", grow=True)
            yield Static("", id="today-follow-ups-note", classes="section-note", markup=False)
            titles = {
                "today-conferences": "Conferences in the next 14 days",
                "today-iep": "IEP deadlines",
                "today-stale": "",
                "today-balance": "Positive-to-concern balance this term",
            }
            for table_id, columns in SECTIONS.items():
                yield Static(
                    titles[table_id], id=f"{table_id}-title", classes="section-title", markup=False
                )
                yield FitTable(columns, id=table_id, grow=True)
                # Under the rows: the section's empty words, or how many more it leaves out.
                yield Static("", id=f"{table_id}-note", classes="section-note", markup=False)
        # At narrow widths: what the highlighted row's hidden columns and cut text say.
        yield Static("", id="today-detail", classes="row-detail", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.sub_title = "Today"
        for table in self.query(FitTable):
            table.display = False
        self.query_one("#today-records").display = False
        # The first frame (before the data) is the heading alone: titles drawn now would be
        # pushed down by the rows arriving under them.
        for part in self.query(".section-title, .section-note"):
            part.display = False
        if self.desk.store.is_open:  # else the app says when the file is read (DataChanged)
            self.load()
        elif self.desk.today_ahead is not None:
            self._show_read_ahead()

    def _reading(self) -> str:
        """The heading until the data is there (the first frame comes before the file is read)."""
        path = self.desk.store.path
        return f"Reading {path.name} …" if path is not None else "Reading …"

    @work(thread=True, exclusive=True, group="today-load")
    def load(self) -> None:
        store, today = self.desk.store, self.desk.today()
        ahead, self.desk.today_ahead = self.desk.today_ahead, None  # once: at opening
        found = ahead.ready() if ahead is not None else None  # never waits for the reader
        if self._built_from(ahead, found, store.storage.identity):  # the file the app just read
            store.note_skipped(found.skipped)  # its damaged records are said as ours
            self.app.call_from_thread(self._show_first, found.view)
            return
        view = build_today(store, today)
        self.app.call_from_thread(self._show, view)

    @work(thread=True, group="today-ahead")
    def _show_read_ahead(self) -> None:
        """The read-ahead view as soon as it comes, while the file on disk is still the one it
        was read from (a look at the file, not a parse); then the app reads the file itself and
        `load` keeps the view only if that reading finds the same."""
        ahead, storage = self.desk.today_ahead, self.desk.store.storage
        try:
            found = ahead.wait(WAIT_SECONDS) if ahead is not None else None
            shown = self._built_from(ahead, found, storage.identity_on_disk())
        except Exception:  # the read-ahead is only a head start: the app reads the file anyway
            shown = False
        if shown:
            self.app.call_from_thread(self._show_first, found.view, then_open=True)
        else:
            self.app.call_from_thread(self.desk.open_store)

    def _built_from(self, ahead: TodayReadAhead | None, found: Any, identity: object) -> bool:
        """The reader's view was built for today from the file known by `identity`."""
        return (
            ahead is not None
            and found is not None
            and ahead.today == self.desk.today()
            and found.identity == identity
        )

    def _show_first(self, view: TodayView, *, then_open: bool = False) -> None:
        if self.view is None:  # never over a view built since
            self.desk.apply_settings(view.settings)  # the teacher's theme from the first frame
            self._show(view)
        if then_open:  # once the view is on the terminal: Textual writes it from a thread of
            # its own, which the file's parsing (holding Python's lock) would hold back
            self.call_after_refresh(self.set_timer, OUTPUT_WRITTEN_SECONDS, self.desk.open_store)

    # --- showing ---------------------------------------------------------------------------------

    def _section(self, table_id: str, empty_text: str, rows: int) -> FitTable:
        """Shows the section's table, and under it its empty words or "… and N more"."""
        self.query_one(f"#{table_id}-title").display = True
        table = self.query_one(f"#{table_id}", FitTable)
        table.display = bool(rows)
        note = self.query_one(f"#{table_id}-note", Static)
        words = more_words(table_id, rows - SECTION_ROWS) if rows else empty_text
        note.update(words)
        note.display = bool(words)
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
            "today-follow-ups", "Nothing overdue or due this week.", len(follow_ups)
        )
        assert isinstance(table, FollowUpTable)
        table.show(follow_ups[:SECTION_ROWS], names, today)

        table = self._section(
            "today-conferences",
            "No conferences planned in the next 14 days.",
            len(view.conferences),
        )
        self.conference_students = {}
        rows = []
        for conference in view.conferences[:SECTION_ROWS]:
            self.conference_students[conference.conference_id] = conference.family.student_id
            interpreter = (
                f"interpreter: {conference.interpreter_language}".rstrip(": ")
                if conference.interpreter_needed
                else ""
            )
            cells = {
                "when": exact_time(conference.when),
                "student": conference.family.student_name,
                "how": label(conference.format),
                "note": " · ".join(filter(None, (conference.day_off, interpreter))),
            }
            rows.append((conference.conference_id, cells))
        table.fill(rows)

        table = self._section("today-iep", "No IEP deadlines coming up.", len(view.iep_deadlines))
        rows = []
        for number, deadline in enumerate(view.iep_deadlines[:SECTION_ROWS]):
            when = "done" if deadline.done else due_in_words(deadline.due, relative_to=today)
            late = not deadline.done and deadline.due < today
            cells = {
                "when": Text(when, style="bold red" if late else ""),
                "student": deadline.student_name,
                "what": deadline.what,
            }
            rows.append((f"{deadline.student_id}:{number}", cells))
        table.fill(rows)

        days = settings.stale_after_days
        self.query_one("#today-stale-title", Static).update(
            f"Families not contacted in {days} days"
        )
        table = self._section(
            "today-stale", f"Every family has heard from you in the last {days} days.",
            len(view.not_contacted),
        )  # fmt: skip
        table.fill(
            (
                stale.family.student_id,
                {
                    "when": Text(
                        since_in_words(stale.last_contact, relative_to=today),
                        style="bold" if stale.last_contact is None else "",
                    ),
                    "student": stale.family.student_name,
                    "family": stale.family.guardians or "(no family on file)",
                },
            )
            for stale in view.not_contacted[:SECTION_ROWS]
        )

        start, end = view.term
        table = self._section(
            "today-balance",
            f"No positive or concern contacts this term ({start:%d %b} – {end:%d %b}).",
            len(view.balance),
        )
        table.fill(
            (
                balance.family.student_id,
                {
                    "positive": str(balance.positive),
                    "concern": str(balance.concern),
                    "student": balance.family.student_name,
                    "note": Text("only concerns so far", style="bold red")
                    if balance.only_concerns
                    else "",
                },
            )
            for balance in view.balance[:SECTION_ROWS]
        )
        # Auto-focus may have picked a section that turned out empty (hidden): the first rows.
        if first_time and (self.focused is None or not self.focused.display):
            tables = self._shown_tables()
            if tables:
                tables[0].focus(scroll_visible=False)
        if first_time:  # after the first table has focus (the app sets it on its next turn)
            self.app.call_later(self.ready_for_keys)
            self.desk.warm_up_soon()

    def _show_detail(self, table: FitTable) -> None:
        detail = self.query_one("#today-detail", Static)
        words = table.detail(table.current_key())
        detail.update(words)
        detail.display = bool(words)

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, FitTable):
            self._show_detail(event.widget)

    def _shown_tables(self) -> list[FitTable]:
        return [table for table in self.query(FitTable) if table.display and table.row_count]

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
        from teacherdesk.ui.screens.followups import toggle_follow_up  # not before it is used

        item = event.item
        name = event.table.names.get(item.student_id, "")
        done = toggle_follow_up(self.desk, item, student_name=name, undo_key="u")
        self.last_done = item if done else None

    def action_undo(self) -> None:
        item, self.last_done = self.last_done, None
        if item is None:
            self.notify("Nothing to undo: u takes back the last follow-up marked done.")
            return
        from teacherdesk.ui.screens.followups import toggle_follow_up

        done = replace(item, done_on=self.desk.today())  # as it is now: done
        name = self.query_one(FollowUpTable).names.get(item.student_id, "")
        toggle_follow_up(self.desk, done, student_name=name)

    def on_key(self, event: events.Key) -> None:
        """Down on a section's last row goes on to the next section; up on the first row goes
        back: the whole screen reads top to bottom with the arrows alone."""
        focused = self.focused
        if event.key not in ("up", "down") or not isinstance(focused, FitTable):
            return
        tables = self._shown_tables()
        if focused not in tables:
            return
        index = tables.index(focused)
        row = focused.cursor_row
        scroll = self.query_one("#today-sections", VerticalScroll)
        if event.key == "down" and row >= focused.row_count - 1:
            if index + 1 < len(tables):
                nxt = tables[index + 1]
                nxt.focus(scroll_visible=False)
                nxt.move_cursor(row=0)
            else:
                scroll.scroll_end(animate=False)  # the empty sections' words below
            event.stop()
        elif event.key == "up" and row <= 0 and index > 0:
            before = tables[index - 1]
            before.focus(scroll_visible=False)
            before.move_cursor(row=before.row_count - 1)
            event.stop()
        elif event.key == "up" and row <= 0:
            scroll.scroll_home(animate=False)
            event.stop()

    @on(DataTable.RowHighlighted)
    def _keep_in_view(self, event: DataTable.RowHighlighted) -> None:
        """The screen scrolls, not the table: bring the highlighted row (and, on a section's
        first row, its title) into view."""
        table = event.data_table
        if not table.has_focus:
            return
        if isinstance(table, FitTable):
            self._show_detail(table)
        scroll = self.query_one("#today-sections", VerticalScroll)
        top = table.virtual_region.y
        rows = list(table.ordered_rows)
        offset = table.header_height + sum(r.height for r in rows[: event.cursor_row])
        height = rows[event.cursor_row].height if event.cursor_row < len(rows) else 1
        if event.cursor_row == 0:  # the section title, the header and the first row
            region = Region(0, max(0, top - 2), 1, offset + height + 2)
        else:
            region = Region(0, top + offset, 1, height)
        scroll.scroll_to_region(region, animate=False, immediate=True)

    def action_plan_conference(self) -> None:
        self._choose_family()

    @work(thread=True, group="today-open")
    def _choose_family(self) -> None:
        from teacherdesk.ui.screens.conferences import family_choices

        choices = family_choices(self.desk.store)
        self.app.call_from_thread(self._ask_family, choices)

    def _ask_family(self, choices: list[tuple[str, str]]) -> None:
        from teacherdesk.ui.dialogs.student_choice import StudentChoice
        from teacherdesk.ui.screens.conferences import open_plan_form

        def chosen(student_id: str | None) -> None:
            if student_id:
                open_plan_form(self, student_id)

        self.app.push_screen(StudentChoice("Plan a conference with which family?", choices), chosen)

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
        from teacherdesk.ui.screens.followups import FollowUpsScreen

        self.app.push_screen(FollowUpsScreen())

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()
