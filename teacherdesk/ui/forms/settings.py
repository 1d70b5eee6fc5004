"""Settings, kept with the data: teacher's name, school, term dates, and N for "not contacted"."""

from __future__ import annotations

from pydantic import ValidationError
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from teacherdesk.models import Settings
from teacherdesk.ui.forms.base import FormScreen
from teacherdesk.ui.widgets.date_input import DateInput


class SettingsScreen(FormScreen[Settings], ModalScreen[Settings | None]):
    """The shared form rule: F10/ctrl+s saves, escape leaves (asking once if something changed)."""

    unsaved_words = "Settings"

    def __init__(self) -> None:
        super().__init__()
        self.settings: Settings | None = None
        self._initial: tuple = ()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Settings (kept in the data file)", id="settings-title")
            with Horizontal(classes="form-row"):
                yield Label("Teacher's name")
                yield Input(compact=True, id="settings-teacher")
            with Horizontal(classes="form-row"):
                yield Label("School")
                yield Input(compact=True, id="settings-school")
            with Horizontal(classes="form-row"):
                yield Label("Term starts")
                yield DateInput(id="settings-term-start")
            with Horizontal(classes="form-row"):
                yield Label("Term ends")
                yield DateInput(id="settings-term-end")
            with Horizontal(classes="form-row"):
                yield Label("Not contacted after (days)")
                yield Input(type="integer", compact=True, id="settings-stale")
            yield Static("Loading…", id="settings-problem")
            with Horizontal(id="settings-buttons"):
                yield Button(
                    "Save (F10)", id="settings-save-button", compact=True, variant="primary"
                )

    def on_mount(self) -> None:
        for date_input in self.query(DateInput):
            date_input.query_one(Input).compact = True
        self.load()

    @work(thread=True, exclusive=True, group="settings-load")
    def load(self) -> None:
        settings = self.desk.store.settings.load()
        self.app.call_from_thread(self._show, settings)

    def _show(self, settings: Settings) -> None:
        self.settings = settings
        self.query_one("#settings-teacher", Input).value = settings.teacher_name
        self.query_one("#settings-school", Input).value = settings.school
        self.query_one("#settings-term-start", DateInput).set_date(settings.term_start)
        self.query_one("#settings-term-end", DateInput).set_date(settings.term_end)
        self.query_one("#settings-stale", Input).value = str(settings.stale_after_days)
        self.query_one("#settings-teacher", Input).focus()
        self._initial = self._snapshot()
        self._check()

    def _snapshot(self) -> tuple:
        return tuple(
            widget.text if isinstance(widget, DateInput) else widget.value
            for widget in self.query(
                "#settings-teacher, #settings-school, DateInput, #settings-stale"
            )
        )

    def mark_changed(self, *, always: bool = False) -> None:
        """Changed means different from what was loaded (filling the fields is not a change)."""
        if self.settings is None:
            return
        self._dirty = self._snapshot() != self._initial
        if self._dirty:
            self._warned = False

    def say(self, text: str, *, bad: bool = False) -> None:
        shown = self.query_one("#settings-problem", Static)
        shown.update(text)
        shown.set_class(bad, "-shout")

    def build(self) -> Settings | str:
        settings, problem = self._build()
        return settings if settings is not None else problem

    def save_work(self, record: Settings):
        store = self.desk.store
        return lambda: store.settings.save(record)

    def saved_words(self, saved: Settings) -> str:
        return "Settings saved."

    def _build(self) -> tuple[Settings | None, str]:
        if self.settings is None:
            return None, "Still loading."
        start = self.query_one("#settings-term-start", DateInput)
        end = self.query_one("#settings-term-end", DateInput)
        for name, date_input in (("Term start", start), ("Term end", end)):
            if not date_input.valid:
                return None, f"{name}: {date_input.query_one('.date-hint', Static).content}"
        if start.date and end.date and end.date < start.date:
            return None, "The term ends before it starts."
        stale = self.query_one("#settings-stale", Input).value.strip()
        if not stale.isdigit() or not 1 <= int(stale) <= 365:
            return None, "Days without contact: a whole number from 1 to 365."
        try:
            settings = Settings.model_validate(
                self.settings.model_dump()
                | {
                    "teacher_name": self.query_one("#settings-teacher", Input).value,
                    "school": self.query_one("#settings-school", Input).value,
                    "term_start": start.date,
                    "term_end": end.date,
                    "stale_after_days": int(stale),
                }
            )
        except ValidationError as error:
            from teacherdesk.domain.problems import first_error

            return None, first_error(error)
        return settings, ""

    def _check(self, shout: bool = False) -> Settings | None:
        settings, problem = self._build()
        shown = self.query_one("#settings-problem", Static)
        shown.update(problem or "F10 (or ctrl+s) saves · escape closes")
        shown.set_class(shout and settings is None, "-shout")
        return settings

    @on(Input.Changed)
    @on(DateInput.Changed)
    def _changed(self) -> None:
        if self.settings is not None:
            self._check()

    @on(Button.Pressed, "#settings-save-button")
    def _pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self._check(shout=True) is not None:
            super().action_save()
