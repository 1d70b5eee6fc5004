"""Engagement: open houses, class meetings, workshops, the advisory group, volunteering.

Keys: n new event, e edit it, a (or enter) record who came and who volunteered.
"""

from __future__ import annotations

from textual import on, work
from textual.binding import Binding
from textual.widgets import DataTable, Static

from teacherdesk.domain.dates import exact, humanize, list_date
from teacherdesk.domain.engagement import event_counts, minutes_in_words
from teacherdesk.models import EngagementEvent, label
from teacherdesk.ui.screens.table_list import TableListScreen
from teacherdesk.ui.widgets.fit_table import Col, FitTable

COLUMNS = [
    Col("date", "Date", 9, 16),
    Col("title", "Event", 14, flex=True),
    Col("kind", "Kind", 8, 22, drop=1),
    Col("came", "Came", 4, 5),
    Col("helped", "Volunteers", 10, 22, drop=2),
]


class EngagementScreen(TableListScreen):
    BINDINGS = [
        Binding("n", "new_event", "New event", id="events-new", tooltip="Add an event"),
        Binding("e", "edit_event", "Edit", id="events-edit", tooltip="Change the event"),
        Binding(
            "a", "attendance", "Attendance", id="events-attendance", tooltip="Who came, who helped"
        ),
    ]

    COLUMNS = COLUMNS
    COMFORT = 18  # event names wrap onto a second line before the kind or volunteers go
    table_id, status_id = "events-table", "events-status"
    loading_words = "Loading events…"

    def __init__(self) -> None:
        super().__init__()
        self.events: dict[str, EngagementEvent] = {}

    def fetch(self) -> list[EngagementEvent]:
        return self.desk.store.events.all()

    def show(self, events: list[EngagementEvent]) -> None:
        keep = self.current()
        self.events = {e.id: e for e in events}
        table = self.query_one(FitTable)
        today = self.desk.today()
        rows = []
        for event in sorted(events, key=lambda e: e.date, reverse=True):
            came, volunteers, minutes = event_counts(event)
            helped = f"{volunteers} · {minutes_in_words(minutes)}" if volunteers else ""
            cells = {
                "date": list_date(event.date, today),
                "title": event.title,
                "kind": label(event.kind),
                "came": str(came) if came else "",
                "helped": helped,
            }
            rows.append((event.id, cells))
        table.fill(rows)
        if keep is not None and keep.id in self.events:
            table.move_to(keep.id)
        self._describe()

    def current(self) -> EngagementEvent | None:
        return self.events.get(self.current_key() or "")

    @on(DataTable.RowHighlighted, "#events-table")
    def _describe(self) -> None:
        status = self.query_one("#events-status", Static)
        event = self.current()
        if event is None:
            status.update("No events yet: press n to add an open house, meeting or workshop.")
            return
        when = f"{exact(event.date)}, {humanize(event.date, relative_to=self.desk.today())}"
        text = f"{when} · " + (" ".join(event.description.split()) or "no description")
        status.update(text[:300])

    @on(DataTable.RowSelected, "#events-table")
    def _selected(self) -> None:
        self.action_attendance()

    def _need_current(self) -> EngagementEvent | None:
        event = self.current()
        if event is None:
            self.notify("Move to an event first (arrows), or press n to add one.")
        return event

    def action_new_event(self) -> None:
        from teacherdesk.ui.forms.event_form import EventFormScreen

        self.app.push_screen(EventFormScreen(None))

    def action_edit_event(self) -> None:
        from teacherdesk.ui.forms.event_form import EventFormScreen

        if (event := self._need_current()) is not None:
            self.app.push_screen(EventFormScreen(event))

    def action_attendance(self) -> None:
        if (event := self._need_current()) is not None:
            self._open_attendance(event.id)

    @work(thread=True, group="events-open")
    def _open_attendance(self, event_id: str) -> None:
        from teacherdesk.ui.screens.conferences import family_choices

        store = self.desk.store
        event = store.events.get(event_id)
        families = family_choices(store)
        if event is not None:
            self.app.call_from_thread(self._push_attendance, event, families)

    def _push_attendance(self, event: EngagementEvent, families) -> None:
        from teacherdesk.ui.forms.event_attendance import AttendanceScreen

        self.app.push_screen(AttendanceScreen(event, families))
