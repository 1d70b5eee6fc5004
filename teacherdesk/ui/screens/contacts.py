"""Contacts: every contact with every family, newest first; filter, open, edit.

Built for 10,000 notes: the first frame shows at once, the notes load in a thread (with the
first page built there too), filtering runs in a thread, and the table holds only the rows the
teacher has scrolled to, so typing never waits. The less used filters (purpose, channel,
outcome, dates) are mounted just after the first notes show: a Select is six widgets, and
styling all of them held the first frame ~30 ms. Enter opens a note (with its earlier
versions), `e` edits it, `n` logs a new one, `u` lists the follow-ups.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Label, Select, Static
from textual.worker import get_current_worker

from teacherdesk.domain.contacts import (
    ContactEntries,
    ContactEntry,
    ContactFilter,
    ContactListing,
    build_row,
    list_contacts,
)
from teacherdesk.domain.dates import list_date
from teacherdesk.models import Channel, Outcome, Purpose, label
from teacherdesk.store import Store
from teacherdesk.ui.forms.contact_form import open_contact_form
from teacherdesk.ui.messages import DataChanged
from teacherdesk.ui.screens.base import DeskScreen
from teacherdesk.ui.screens.contact_detail import ContactDetail, past_year_refusal
from teacherdesk.ui.screens.type_to_filter import route_key
from teacherdesk.ui.widgets.date_input import DateInput
from teacherdesk.ui.widgets.fit_table import Col, FitTable
from teacherdesk.ui.widgets.footer import DeskFooter

# Rows built at a time: more than a tall terminal shows (a row is two lines); the next page
# comes as the cursor or the scrollbar nears the end. The table takes what fills it first and
# the rest as it comes into view: a row costs ~0.2 ms on the event loop (wrapped, added,
# measured), and every batch added redraws the table's lines afresh (~8 ms).
PAGE = 40
CHUNK = 40  # rows added to the table at a time as they come into view (see FitTable)
FILTERS_AFTER = 1.0  # seconds: the other filters come by then even if the notes are slow
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


@dataclass(frozen=True)
class Page:
    """The first rows of a list, built off the event loop, and the longest name in the list."""

    cells: list[tuple[str, dict[str, object]]]
    wants: dict[str, int]  # the widest name, purpose and how in the whole list


NO_ENTRIES = ContactEntries([], {}, {})


def short(choice) -> str:
    return SHORT.get(choice) or SHORT_HOW.get(choice) or label(choice)


def _short_of(kind, value) -> str:
    try:
        return short(kind(value))
    except ValueError:
        return "—"  # a damaged note (its row says so)


def _widest(listed: ContactEntries) -> dict[str, int]:
    """What the name, purpose and how columns need for every note in `listed`."""
    choices = listed.choices()
    return {
        "student": listed.longest_name(cell_len),
        "purpose": max((cell_len(_short_of(Purpose, p)) for p, _, _ in choices), default=1),
        "how": max(
            (cell_len(f"{_short_of(Channel, c)}, {_short_of(Outcome, o)}") for _, c, o in choices),
            default=1,
        ),
    }


def _options(kind) -> list[tuple[str, str]]:
    return [(label(choice), choice.value) for choice in kind]


def first_read(store: Store, today: dt.date) -> ContactListing:
    """What Contacts reads first: this year's notes (also read ahead: ui/warm.py)."""
    return list_contacts(store, today)


class ContactsScreen(DeskScreen):
    page_size = PAGE  # rows built at a time (tests set it small)

    BINDINGS = [
        # Priority: "/" only moves to the name filter (never typed into it); in the From/To
        # dates it is typed, as in 12/3 (see check_action).
        Binding("slash", "focus_filter", "Filter", id="contacts-filter",
                tooltip="Type a student's or family's name", priority=True),
        Binding("e", "edit", "Edit", id="contacts-edit", tooltip="Edit the highlighted contact"),
        Binding("u", "follow_ups", "Follow-ups", id="contacts-follow-ups",
                tooltip="Every follow-up from contacts and conferences"),
        # One key, two actions (see check_action); "Years" keeps n Note in an 80-column footer,
        # the title says which years are listed.
        Binding("y", "years(True)", "Years", id="contacts-all-years",
                tooltip="Every school year's notes (past years are read-only)"),
        Binding("y", "years(False)", "Years", id="contacts-this-year",
                tooltip="Only this school year's notes"),
        Binding("escape", "clear_filters", "Clear", show=False, id="contacts-clear"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.rows: ContactEntries = NO_ENTRIES  # every note listed, newest first (not built)
        self.shown: ContactEntries = NO_ENTRIES  # those the filters keep
        self.listing: ContactListing | None = None
        self.all_years = False
        self.loaded = False
        self._typing = False  # letters typed on the table are going into the name filter
        self._filled_for: tuple[ContactFilter, ContactEntries] | None = None
        self._filters_mounted = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="filter-row"):
            yield Input(
                placeholder="/ student or family",
                compact=True,
                id="contacts-student",
                select_on_focus=False,  # letters typed on the table carry on where they left off
            )
            # The Selects follow (see _mount_filters), and the dates in the row below.
        yield Horizontal(classes="filter-row", id="contacts-dates")
        yield FitTable(COLUMNS, id="contacts-table", comfort=24, chunk=CHUNK)
        yield Static("", id="contacts-detail", classes="row-detail", markup=False)
        yield Static("Loading contacts…", id="contacts-status", classes="status-line", markup=False)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.sub_title = "Contacts"
        self.query_one("#contacts-detail").display = False
        table = self.query_one("#contacts-table", FitTable)
        table.focus()
        self.watch(table, "scroll_y", self._scrolled, init=False)
        self.set_timer(FILTERS_AFTER, self._start_mounting_filters)
        self.load()

    def _start_mounting_filters(self) -> None:
        if not self._filters_mounted:
            self._filters_mounted = True
            self.run_worker(self._mount_filters(), group="contacts-filters")

    async def _mount_filters(self) -> None:
        """The purpose, channel and outcome choices, then the dates: a frame between each, so
        no step holds the event loop long (tests wait for this worker like any load)."""
        row = self.query_one(".filter-row", Horizontal)
        for kind, prompt, widget_id in (
            (Purpose, "any purpose", "f-purpose"),
            (Channel, "any channel", "f-channel"),
            (Outcome, "any outcome", "f-outcome"),
        ):
            await row.mount(Select(_options(kind), prompt=prompt, compact=True, id=widget_id))
            await self._next_frame()
        dates = [
            DateInput(placeholder="first date", id="f-since", past=True),
            DateInput(placeholder="last date", id="f-until", past=True),
        ]
        await self.query_one("#contacts-dates", Horizontal).mount(
            Label("From", markup=False), dates[0], Label("To", markup=False), dates[1]
        )
        for date_input in dates:
            date_input.query_one(Input).compact = True

    async def _next_frame(self) -> None:
        drawn = asyncio.Event()
        self.call_after_refresh(drawn.set)
        await drawn.wait()

    # --- loading and filtering -----------------------------------------------------------------

    def load(self) -> None:
        self._load(self.all_years, self.current_filter(), self.page_size)

    # Past years' files are opened here, in the thread, and only for "all years". With no
    # filter typed (the usual opening), the first page is built here too: one trip to the
    # thread instead of two before the notes show.
    @work(thread=True, exclusive=True, group="contacts-load", description="load contacts")
    def _load(self, all_years: bool, wanted: ContactFilter, page: int) -> None:
        store = self.desk.store
        opened = store.past_years_open
        listing = None if all_years else self.desk.warm_value("contacts")  # read ahead
        if listing is None:
            today = self.desk.today()
            listing = (
                list_contacts(store, today, all_years=True)
                if all_years
                else first_read(store, today)
            )
        if store.past_years_open > opened:
            # Past years' parsed files, read just now, stay in memory: keep the garbage collector
            # from walking them in every full collection (~100-200 ms pauses; see the app's
            # on_mount). Once per file read, not per reload: a freeze keeps whatever is alive.
            gc.freeze()
        first = None if wanted.active else self._first_page(listing.entries, page)
        if not get_current_worker().is_cancelled:  # a newer load replaced this one
            self.app.call_from_thread(self._loaded, listing, wanted, first)

    def _loaded(
        self, listing: ContactListing, wanted: ContactFilter, first: Page | None = None
    ) -> None:
        if listing.all_years != self.all_years:
            return  # `y` was pressed again meanwhile: that load is on its way
        self.listing = listing
        self.rows = listing.entries
        self.loaded = True
        self.sub_title = f"Contacts · {listing.heading}"
        if first is not None and wanted == self.current_filter():
            self._filled_for = (wanted, self.rows)
            self._fill(self.rows, first)
        else:
            self._refilter()

    def current_filter(self) -> ContactFilter:
        # By id (a cached look-up): asked several times a keystroke, and a query walking the
        # screen's widgets cost ~2 ms each time.
        def choice(widget_id: str, kind):
            # None until the Select is mounted (just after the first notes show)
            found = self.query_one_optional(f"#{widget_id}", Select)
            value = found.value if found is not None else None
            return kind(value) if isinstance(value, str) else None

        def day(widget_id: str):
            found = self.query_one_optional(f"#{widget_id}", DateInput)
            return found.date if found is not None else None

        return ContactFilter(
            text=self.query_one("#contacts-student", Input).value,
            purpose=choice("f-purpose", Purpose),
            channel=choice("f-channel", Channel),
            outcome=choice("f-outcome", Outcome),
            since=day("f-since"),
            until=day("f-until"),
        )

    def _refilter(self) -> None:
        if self.loaded:
            self._filter(self.current_filter(), self.rows, self.page_size)

    # A description, or Textual would repr() every row (10,000 notes: ~100 ms on the event loop).
    @work(thread=True, exclusive=True, group="contacts-filter", description="filter contacts")
    def _filter(self, wanted: ContactFilter, rows: ContactEntries, page: int) -> None:
        """Every note is searched here, off the event loop; the first page of matches is built
        and shown as soon as it is found, the count when the search is done."""
        worker = get_current_worker()
        if not wanted.active:
            self._post(wanted, rows, rows, page)
            return
        first_page_sent = False

        def going_on(found: list[int]) -> bool:
            nonlocal first_page_sent
            if worker.is_cancelled:
                return False  # a newer keystroke's filter is running
            if len(found) >= page and not first_page_sent:
                first_page_sent = True
                self._post(wanted, rows, rows.pick(found[:page]), page, searching=True)
            return True

        found = rows.matching(wanted, going_on)
        if not worker.is_cancelled:
            self._post(wanted, rows, rows.pick(found), 0 if first_page_sent else page)

    def _first_page(
        self, shown: ContactEntries, page: int, rows: ContactEntries | None = None
    ) -> Page:
        """The first `page` rows' cells and the widest name, purpose and how of every note
        listed, filtered or not (in a thread): the columns stay put while a name is typed, and
        the table keeps its columns instead of building them again at every keystroke."""
        listed = shown if rows is None else rows
        return Page([self._cells(entry) for entry in shown[:page]], _widest(listed))

    def _post(
        self,
        wanted: ContactFilter,
        rows: ContactEntries,
        shown: ContactEntries,
        page: int,
        searching: bool = False,
    ) -> None:
        """From the filter's thread: the first `page` rows built here, then to the table."""
        first = self._first_page(shown, page, rows)
        self.app.call_from_thread(self._fill_if_current, wanted, rows, shown, first, searching)

    def _fill_if_current(
        self,
        wanted: ContactFilter,
        rows: ContactEntries,
        shown: ContactEntries,
        first: Page,
        searching: bool = False,
    ) -> None:
        """Only results for what is typed now (and the notes loaded now) reach the table."""
        if rows is not self.rows or wanted != self.current_filter():
            return
        done = self._filled_for
        if done is not None and done[0] == wanted and done[1] is rows:
            self.shown = shown  # the rest of a search whose first page is on view
            self._show_status(searching)
            return
        self._filled_for = (wanted, rows)
        self._fill(shown, first, searching)

    def _show_status(self, searching: bool = False) -> None:
        status = self.query_one("#contacts-status", Static)
        total = len(self.rows)
        if not total:
            status.update(
                "No contacts yet: press n to log one."
                if not self.all_years
                else "No contacts in any year yet: press n to log one."
            )
            return
        filtered = self.current_filter().active
        if searching:
            what = f"{len(self.shown):,}+ of {total:,} contacts (still searching)"
        elif filtered:
            what = f"{len(self.shown):,} of {total:,} contacts"
        else:
            what = f"{total:,} contacts"
        years = f"{self.listing.heading} · " if self.listing and self.all_years else ""
        status.update(f"{years}{what}, newest first · [R] restricted · enter opens · e edits")

    def _fill(self, shown: ContactEntries, first: Page, searching: bool = False) -> None:
        """Show the first page of `shown` (built in the filter's thread); more pages follow as
        the cursor goes down.

        Rows are built (validated, cells made) a page at a time, and a DataTable's cost per
        frame grows with its rows (10,000 rows: ~50 ms a frame), so the table only ever holds
        what the teacher has scrolled to. Once the first notes show, the other filters come.
        """
        table = self.query_one("#contacts-table", FitTable)
        kept = self.selected_note_id()
        self.shown = shown
        self._show_status(searching)
        # Names as wide as the longest name in the whole list, so later pages fit too.
        table.fill(first.cells, wants=first.wants)
        if kept:
            self._move_to(kept)
        self._describe()
        if not self._filters_mounted:
            self.call_after_refresh(self._start_mounting_filters)

    def _add_page(self) -> None:
        table = self.query_one("#contacts-table", FitTable)
        start = table.given
        table.append([self._cells(entry) for entry in self.shown[start : start + self.page_size]])

    @on(DataTable.RowHighlighted, "#contacts-table")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        near = min(20, max(1, self.page_size // 4))
        given = self.query_one("#contacts-table", FitTable).given
        # Near the last row built (the table adds the rows it was given as they come in view).
        if event.cursor_row >= given - near and given < len(self.shown):
            self._add_page()
        self._describe()

    def _scrolled(self) -> None:
        """Scrolled (mouse wheel, scrollbar) to within a screen of the end: the next page."""
        table = self.query_one("#contacts-table", FitTable)
        if table.given >= len(self.shown) or table.row_count < table.given:
            return  # every note is given, or the last page is still on its way in
        if table.max_scroll_y and table.scroll_y >= table.max_scroll_y - table.size.height:
            self._add_page()

    def _describe(self) -> None:
        """At narrow widths, the highlighted note's hidden columns and cut summary."""
        table = self.query_one("#contacts-table", FitTable)
        detail = self.query_one("#contacts-detail", Static)
        words = table.detail(table.current_key())
        detail.update(words)
        detail.display = bool(words)

    def _cells(self, entry: ContactEntry) -> tuple[str, dict[str, object]]:
        """One row's key (the note id) and cells; the note is validated only now."""
        row = build_row(entry)
        note = row.note
        today = self.desk.today()
        if note is None:
            day = str(entry.doc.get("date") or "?")[:10]
            return entry.id, {
                "date": day,
                "student": row.student_name,
                "purpose": "—",
                "how": "—",
                "summary": Text("This note is damaged: teacherdesk check says how.", "italic"),
            }
        summary = Text()
        if note.restricted:
            summary.append(RESTRICTED, style="bold")
        summary.append(row.first_line)
        if note.created_by and note.created_by != self.desk.store.author and not note.sealed:
            summary.append(f" — {note.created_by}", style="dim")  # a team member wrote it
        if entry.year:
            summary.append(f" · {entry.year}", style="dim")  # a finished year: read-only
        sealed = note.sealed  # someone else's restricted note: how and why are theirs too
        return note.id, {
            "date": list_date(note.date, today),
            "student": row.student_name,
            "purpose": "—" if sealed else short(note.purpose),
            "how": "—" if sealed else f"{short(note.channel)}, {short(note.outcome)}",
            "summary": summary,
        }

    def _move_to(self, note_id: str) -> None:
        """Put the cursor back on a note when it is near the top (the rows down to it are
        added at once: a few chunks at most, so the event loop never waits long)."""
        table = self.query_one("#contacts-table", FitTable)
        near = self.shown[: min(table.given, 2 * CHUNK)]
        index = next((i for i, entry in enumerate(near) if entry.id == note_id), None)
        if index is None:
            return
        table.add_now(index + 1)
        table.move_cursor(row=index)

    def selected_entry(self) -> ContactEntry | None:
        table = self.query_one("#contacts-table", DataTable)
        row = table.cursor_row
        if table.row_count and 0 <= row < len(self.shown):
            return self.shown[row]
        return None

    def selected_note_id(self) -> str | None:
        entry = self.selected_entry()
        return entry.id if entry else None

    @property
    def selected_student_id(self) -> str | None:
        """The student of the highlighted contact (`n` logs a new contact for them)."""
        table = self.query_one("#contacts-table", DataTable)
        if not table.has_focus:
            return None
        entry = self.selected_entry()
        return entry.student_id if entry else None

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
            entry = self.shown[event.cursor_row]
            self.app.push_screen(ContactDetail(entry.id, entry.year))

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()

    # --- actions ---------------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.query_one("#contacts-student", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_filter":
            focused = self.focused
            return not (focused is not None and isinstance(focused.parent, DateInput))
        if action == "years":
            return parameters[0] != self.all_years  # only the other choice is offered
        return True

    def action_years(self, all_years: bool) -> None:
        """Between this year's notes and every year's (past years' files opened only now)."""
        self.all_years = all_years
        self.loaded = False
        self._filled_for = None
        self.sub_title = "Contacts · " + ("all years…" if all_years else "this year…")
        self.query_one("#contacts-status", Static).update(
            "Loading every year's contacts…" if all_years else "Loading this year's contacts…"
        )
        self.refresh_bindings()
        self.load()

    def action_clear_filters(self) -> None:
        self.query_one("#contacts-student", Input).value = ""
        for select in self.query(Select):
            select.clear()
        for date_input in self.query(DateInput):
            date_input.set_date(None)
        self.query_one("#contacts-table", DataTable).focus()

    def action_edit(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if entry.past:
            self.notify(past_year_refusal(entry.year), severity="warning")
            return
        open_contact_form(self.desk, note_id=entry.id)

    def action_follow_ups(self) -> None:
        from teacherdesk.ui.screens.followups import FollowUpsScreen

        self.app.push_screen(FollowUpsScreen())
