"""Add or change an engagement event: kind, title, date, description."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Header, Input, Label, Select, Static, TextArea

from teacherdesk.domain.event_rules import planned_in_the_past
from teacherdesk.domain.problems import first_error
from teacherdesk.models import Draft, EngagementEvent, EventKind, label
from teacherdesk.ui.forms.base import FormScreen
from teacherdesk.ui.widgets.date_input import DateInput
from teacherdesk.ui.widgets.footer import DeskFooter


class EventFormScreen(FormScreen[EngagementEvent]):
    SUB_TITLE = "Event"  # the title bar shows the screen's name
    unsaved_words = "This event"
    draft_kind = "event"  # cut off before F10: kept as a draft, never on the calendar

    def __init__(self, event: EngagementEvent | None, draft: Draft | None = None) -> None:
        super().__init__(draft)
        self.event = event
        if event is not None:
            self.sub_title = f"Event · {event.title}"

    def draft_subject(self) -> tuple[str | None, str | None, str]:
        title = self.query_one("#event-title", Input).value.strip()
        return None, (self.event.id if self.event else None), title or "a new event"

    def compose(self) -> ComposeResult:
        e = self.event
        yield Header()
        yield Static(
            f"Change event · {e.title}" if e else "New engagement event",
            classes="form-title",
            markup=False,
        )
        with VerticalScroll(classes="form"):
            with Horizontal(classes="form-row"):
                yield Label("Kind", classes="form-label", markup=False)
                yield Select(
                    [(label(kind), kind) for kind in EventKind],
                    value=e.kind if e else EventKind.CLASS_MEETING,
                    allow_blank=False,
                    id="event-kind",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label("Title", classes="form-label", markup=False)
                yield Input(
                    e.title if e else "",
                    placeholder="e.g. Family math night",
                    id="event-title",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label("Date", classes="form-label", markup=False)
                yield DateInput(e.date if e else None, required=True, id="event-date")
            with Horizontal(classes="form-row"):
                yield Label("Description", classes="form-label", markup=False)
                yield TextArea(e.description if e else "", id="event-description", compact=True)
            with Horizontal(classes="form-buttons"):
                yield Button(
                    "Save (F10)", id="event-save", variant="primary", compact=True, classes="-save"
                )
                yield Button("Back", id="event-back", compact=True, classes="-back")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#event-kind", Select).focus()

    def build(self) -> EngagementEvent | str:
        kind = self.query_one("#event-kind", Select).value
        title = self.query_one("#event-title", Input).value.strip()
        if not title:
            title = label(kind).capitalize()
        day = self.query_one("#event-date", DateInput).date
        if day is None:
            return "The date is required: type a date like 3 Dec, fri or in 2 weeks."
        fields = {
            "kind": kind,
            "title": title,
            "date": day,
            "description": self.query_one("#event-description", TextArea).text,
        }
        try:
            if self.event is None:
                return EngagementEvent(**fields)
            return EngagementEvent.model_validate(self.event.model_dump() | fields)
        except ValueError as error:
            return f"Not saved: {first_error(error)}"

    def save_questions(self, record: EngagementEvent) -> list[str]:
        if self.event is not None and self.event.date == record.date:
            return []  # the date was not changed: nothing new to ask
        problems = planned_in_the_past(record.date, self.desk.today(), record.title)
        return [p.sentence for p in problems]

    def save_work(self, record: EngagementEvent):
        store = self.desk.store
        return lambda: store.events.save(record)

    def saved_words(self, saved: EngagementEvent) -> str:
        return f"{saved.title} saved."
