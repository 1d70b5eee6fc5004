"""Add or change an engagement event: kind, title, date, description."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static, TextArea

from teacherdesk.models import EngagementEvent, EventKind, label
from teacherdesk.screens.form_style import (
    CLOSE_BINDING,
    FORM_CSS,
    SAVE_ALIAS,
    SAVE_BINDING,
    compact_date_inputs,
)
from teacherdesk.widgets.date_input import DateInput


class EventFormScreen(Screen[EngagementEvent | None]):
    BINDINGS = [SAVE_BINDING, SAVE_ALIAS, CLOSE_BINDING]
    DEFAULT_CSS = FORM_CSS

    def __init__(self, event: EngagementEvent | None) -> None:
        super().__init__()
        self.event = event
        self._dirty = False
        self._warned = False
        self._ready = False

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
                yield Label("Kind", classes="form-label")
                yield Select(
                    [(label(kind), kind) for kind in EventKind],
                    value=e.kind if e else EventKind.CLASS_MEETING,
                    allow_blank=False,
                    id="event-kind",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label("Title", classes="form-label")
                yield Input(
                    e.title if e else "",
                    placeholder="e.g. Family math night",
                    id="event-title",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label("Date", classes="form-label")
                yield DateInput(e.date if e else None, required=True, id="event-date")
            with Horizontal(classes="form-row"):
                yield Label("Description", classes="form-label")
                yield TextArea(e.description if e else "", id="event-description", compact=True)
            with Horizontal(classes="form-buttons"):
                yield Button("Save (F10)", id="event-save", variant="primary", compact=True)
                yield Button("Back", id="event-back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        compact_date_inputs(self)
        self.query_one("#event-kind", Select).focus()
        self.call_after_refresh(self._set_ready)

    def _set_ready(self) -> None:
        self._ready = True

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(DateInput.Changed)
    def _changed(self) -> None:
        if self._ready:
            self._dirty, self._warned = True, False

    def build(self) -> EngagementEvent | str:
        kind = self.query_one("#event-kind", Select).value
        title = self.query_one("#event-title", Input).value.strip()
        if not title:
            title = label(kind).capitalize()
        day = self.query_one("#event-date", DateInput).date
        if day is None:
            return "The date is required: type a date like 12/3, fri or in 2 weeks."
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
            return f"Not saved: {error}"

    def action_save(self) -> None:
        built = self.build()
        if isinstance(built, str):
            self.notify(built, title="Not saved yet", severity="error")
            return
        store = self.app.store
        self._dirty = False

        def done(saved: EngagementEvent) -> None:
            self.app.notify(f"{saved.title} saved.", title="Saved")
            self.dismiss(saved)

        self.app.save(lambda: store.events.save(built), then=done)

    @on(Button.Pressed, "#event-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#event-back")
    def _back_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        if self._dirty and not self._warned:
            self._warned = True
            self.notify(
                "This event is not saved: F10 saves it, escape again leaves without saving.",
                severity="warning",
            )
            return
        self.dismiss(None)

    def flush_pending_edits(self) -> None:
        if self._dirty and not isinstance(built := self.build(), str):
            self._dirty = False
            store = self.app.store
            self.app.save(lambda: store.events.save(built), quiet=True)
