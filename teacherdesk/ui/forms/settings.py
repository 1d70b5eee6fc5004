"""Settings, kept with the data: teacher's name, school, how families reach the teacher (for
letters home), term dates, school holidays, how 3/12 reads, N for "not contacted", the IEP
meeting rules (school days of notice, attempts and channels, transition ages), the time zone for
the calendar, the colour theme and remapped keys (one `binding-id = keys` a line; the ids are in
help, f1). The holidays say back, as they are typed, the dates they read as. The fields scroll
between the title and the problem line, so it fits 60×20."""

from __future__ import annotations

from pydantic import ValidationError
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from teacherdesk.domain.dates import DAY_FIRST, MONTH_FIRST, exact, locale_order
from teacherdesk.domain.problems import Problem
from teacherdesk.domain.settings_rules import (
    holidays_text,
    read_holidays,
    read_number,
    settings_problems,
)
from teacherdesk.models import DEFAULT_THEME, Settings
from teacherdesk.ui.forms.base import FormScreen
from teacherdesk.ui.widgets.date_input import DateInput

# (input id, label, placeholder) → the Settings field named by the id after "settings-".
CONTACT_FIELDS = (
    # Placeholders say what goes in, never look like a value (a grey "555-0100" read as saved).
    ("settings-teacher_phone", "Phone for families", "the number families may call"),
    ("settings-teacher_email", "Email for families", "the address families may write to"),
    ("settings-room", "Room", "where families can find you"),
    ("settings-reply_how", "How families may reply", "any other way, in your words"),
    ("settings-time_zone", "Time zone", "blank: this computer's"),
)
# (Settings field, label) of the IEP meeting rules (issue 17), whole numbers.
MEETING_NUMBERS = (
    ("notice_school_days", "Notice (school days)"),
    ("contact_attempts", "Attempts, at least"),
    ("contact_channels", "By channels, at least"),
    ("transition_age", "Transition notice at"),
    ("transition_interview_age", "Transition questions at"),
)
MEETING_IDS = tuple((name, name) for name, _words in MEETING_NUMBERS)


class SettingsScreen(FormScreen[Settings], ModalScreen[Settings | None]):
    """The shared form rule: F10/ctrl+s saves, escape leaves (asking once if something changed)."""

    unsaved_words = "Settings"

    def __init__(self) -> None:
        super().__init__()
        self.settings: Settings | None = None
        self._initial: tuple = ()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Settings (kept in the data file)", id="settings-title", markup=False)
            with VerticalScroll(can_focus=False, id="settings-fields"):
                yield from self._fields()
            yield Static("Loading…", id="settings-problem", markup=False)
            with Horizontal(id="settings-buttons"):
                yield Button(
                    "Save (F10)", id="settings-save-button", compact=True, variant="primary"
                )

    def _fields(self) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label("Teacher's name", markup=False)
            yield Input(compact=True, id="settings-teacher")
        with Horizontal(classes="form-row"):
            yield Label("School", markup=False)
            yield Input(compact=True, id="settings-school")
        with Horizontal(classes="form-row"):
            yield Label("Term starts", markup=False)
            yield DateInput(id="settings-term-start")
        with Horizontal(classes="form-row"):
            yield Label("Term ends", markup=False)
            yield DateInput(id="settings-term-end")
        with Horizontal(classes="form-row"):
            yield Label("Not contacted in (days)", markup=False)
            yield Input(type="integer", compact=True, id="settings-stale")
        with Horizontal(classes="form-row"):
            yield Label("School holidays", markup=False)
            yield TextArea(
                "",
                compact=True,
                id="settings-holidays",
                placeholder="25 Dec, 1 Jan (or one a line)",
            )
        # what the holidays typed read as, said back as they are typed ("fri" is a date)
        yield Static("", id="settings-holidays-read", markup=False)
        with Horizontal(classes="form-row"):
            yield Label("Dates like 3/12", markup=False)
            here = "day/month" if locale_order() == DAY_FIRST else "month/day"
            yield Select(
                [
                    (f"as this computer: {here}", ""),
                    ("day/month: 3 Dec", DAY_FIRST),
                    ("month/day: 12 Mar", MONTH_FIRST),
                ],
                value="",
                allow_blank=False,
                compact=True,
                id="settings-date_order",
            )
        yield Static("IEP meetings (34 CFR 300.322)", classes="settings-heading", markup=False)
        for name, words in MEETING_NUMBERS:
            with Horizontal(classes="form-row"):
                yield Label(words, markup=False)
                yield Input(type="integer", compact=True, id=f"settings-{name}")
        for field_id, words, hint in CONTACT_FIELDS:
            with Horizontal(classes="form-row"):
                yield Label(words, markup=False)
                yield Input(compact=True, id=field_id, placeholder=hint)
        with Horizontal(classes="form-row"):
            yield Label("Theme", markup=False)
            themes = sorted(self.app.available_themes)
            yield Select(
                [(name, name) for name in themes],
                value=DEFAULT_THEME if DEFAULT_THEME in themes else Select.NULL,
                allow_blank=False,
                compact=True,
                id="settings-theme",
            )
        with Horizontal(classes="form-row"):
            yield Label("Keys (id = keys)", markup=False)
            yield TextArea(
                "", compact=True, id="settings-keymap", placeholder="go-contacts = f4,ctrl+o"
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
        for field_id, _words, _hint in CONTACT_FIELDS:
            name = field_id.removeprefix("settings-")
            self.query_one(f"#{field_id}", Input).value = getattr(settings, name)
        self.query_one("#settings-term-start", DateInput).set_date(settings.term_start)
        self.query_one("#settings-term-end", DateInput).set_date(settings.term_end)
        self.query_one("#settings-stale", Input).value = str(settings.stale_after_days)
        for name, _words in MEETING_NUMBERS:
            self.query_one(f"#settings-{name}", Input).value = str(getattr(settings, name))
        self.query_one("#settings-holidays", TextArea).text = holidays_text(settings.holidays)
        self.query_one("#settings-date_order", Select).value = settings.date_order
        themes = self.query_one("#settings-theme", Select)
        if settings.theme in self.app.available_themes:
            themes.value = settings.theme
        self.query_one("#settings-keymap", TextArea).text = keymap_text(settings.keymap)
        self.query_one("#settings-teacher", Input).focus()
        self._initial = self._snapshot()
        self._check()

    def _snapshot(self) -> tuple:
        return tuple(
            widget.text if isinstance(widget, (DateInput, TextArea)) else widget.value
            for widget in self.query(
                "#settings-teacher, #settings-school, DateInput, #settings-stale, "
                + ", ".join(f"#{field_id}" for field_id, _w, _h in CONTACT_FIELDS)
                + "".join(f", #settings-{name}" for name, _w in MEETING_NUMBERS)
                + ", #settings-theme, #settings-keymap, #settings-holidays, #settings-date_order"
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
        """The settings as typed, or every problem, one sentence (naming its field) a line."""
        if self.settings is None:
            return None, "Still loading."
        problems: list[str] = []
        start = self.query_one("#settings-term-start", DateInput)
        end = self.query_one("#settings-term-end", DateInput)
        for name, date_input in (("Term start", start), ("Term end", end)):
            if not date_input.valid:
                problems.append(f"{name}: {date_input.problem}")
        if start.date and end.date and end.date < start.date:
            problems.append("The term ends before it starts.")
        order = self._order()
        holidays = read_holidays(
            self.query_one("#settings-holidays", TextArea).text,
            today=self.desk.today(),
            order=order,
            year_starts_on=self.settings.year_starts_on,
        )
        if isinstance(holidays, Problem):
            problems.append(holidays.sentence)
        numbers: dict[str, int] = {}
        for name, input_id in (("stale_after_days", "stale"), *MEETING_IDS):
            value = read_number(name, self.query_one(f"#settings-{input_id}", Input).value)
            if isinstance(value, Problem):
                problems.append(value.sentence)
            else:
                numbers[name] = value
        keymap = parse_keymap(self.query_one("#settings-keymap", TextArea).text)
        if isinstance(keymap, str):
            problems.append(keymap)
        if problems or isinstance(holidays, Problem) or isinstance(keymap, str):
            return None, "\n".join(problems)
        theme = self.query_one("#settings-theme", Select).value
        try:
            settings = Settings.model_validate(
                self.settings.model_dump()
                | {
                    "teacher_name": self.query_one("#settings-teacher", Input).value,
                    "school": self.query_one("#settings-school", Input).value,
                    "term_start": start.date,
                    "term_end": end.date,
                    "holidays": holidays,
                    "date_order": order,
                    "theme": theme if isinstance(theme, str) else self.settings.theme,
                    "keymap": keymap,
                }
                | numbers
                | {
                    field_id.removeprefix("settings-"): self.query_one(f"#{field_id}", Input).value
                    for field_id, _words, _hint in CONTACT_FIELDS
                }
            )
        except ValidationError as error:
            from teacherdesk.domain.problems import first_error

            return None, first_error(error)
        if across := settings_problems(settings):
            return None, "\n".join(problem.sentence for problem in across)
        return settings, ""

    def _order(self) -> str:
        """The date order chosen in the form (it also reads the dates typed here)."""
        value = self.query_one("#settings-date_order", Select).value
        return value if isinstance(value, str) else ""

    def _say_holidays(self) -> None:
        """Under the holidays: the dates they read as, or why one cannot be read."""
        line = self.query_one("#settings-holidays-read", Static)
        text = self.query_one("#settings-holidays", TextArea).text
        if self.settings is None or not text.strip():
            line.update("")
            line.set_class(False, "-bad")
            return
        read = read_holidays(
            text,
            today=self.desk.today(),
            order=self._order(),
            year_starts_on=self.settings.year_starts_on,
        )
        bad = isinstance(read, Problem)
        if isinstance(read, Problem):
            words = read.sentence.removeprefix("School holidays: ")
        else:
            count = f"{len(read)} day{'s' if len(read) != 1 else ''}"
            words = f"Read as {count}: " + ", ".join(exact(day) for day in read)
        line.update(words)
        line.set_class(bad, "-bad")

    def _check(self, shout: bool = False) -> Settings | None:
        self._say_holidays()
        settings, problem = self._build()
        shown = self.query_one("#settings-problem", Static)
        shown.update(problem or "F10 (or ctrl+s) saves · escape closes")
        shown.set_class(shout and settings is None, "-shout")
        return settings

    @on(Input.Changed)
    @on(DateInput.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _changed(self) -> None:
        if self.settings is not None:
            self._check()

    @on(Select.Changed, "#settings-date_order")
    def _order_changed(self) -> None:
        """The term dates read in the order being chosen here, before it is saved."""
        for date_input in self.query(DateInput):
            date_input.order_setting = self._order()
            date_input.recheck()

    @on(Button.Pressed, "#settings-save-button")
    def _pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self._check(shout=True) is not None:
            super().action_save()


def keymap_text(keymap: dict[str, str]) -> str:
    """The keymap as the form shows it: one `binding-id = keys` a line."""
    return "\n".join(f"{binding_id} = {keys}" for binding_id, keys in keymap.items())


def parse_keymap(text: str) -> dict[str, str] | str:
    """`binding-id = keys` lines (blank lines and `#` notes skipped), or what is wrong."""
    keymap: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        binding_id, equals, keys = (part.strip() for part in line.partition("="))
        if not (equals and binding_id and keys):
            return f"Keys, line {number}: write it as  go-contacts = f4,ctrl+o"
        keymap[binding_id] = keys
    return keymap
