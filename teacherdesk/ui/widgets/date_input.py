"""A date field that reads what a teacher types and says back what it understood.

Type `dec 3`, `3/12`, `fri`, `tomorrow` or `in 2 weeks`; the line under the field shows "Thu 3 Dec
2026 · in 4 days", or what was expected when it cannot read it. Nothing typed is ever thrown away.
Slash dates read in the app's date order (settings); a field about the past (`past`) reads a
bare weekday as the last one ("fri" on a Wednesday: two days ago); a field for a meeting
(`flag_days_off`) says so when the day is a weekend or a school holiday: "Sat 5 Dec 2026 · in 3
weeks — a Saturday".
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from teacherdesk.domain.dates import exact, humanize, parse_date
from teacherdesk.domain.school_days import day_off


class DateInput(Widget):
    DEFAULT_CSS = """
    DateInput { height: auto; }
    DateInput > Input { width: 100%; }
    DateInput > .date-hint { height: auto; padding: 0 1; color: $text-muted; }
    DateInput.-invalid > .date-hint { color: $error; }
    DateInput.-invalid > Input { border: tall $error; }
    DateInput.-day-off > .date-hint { color: $warning; }
    """

    class Changed(Message):
        """The typed date changed: `date` is None when empty or unreadable (see `valid`)."""

        def __init__(self, date_input: DateInput, date: dt.date | None, valid: bool) -> None:
            super().__init__()
            self.date_input = date_input
            self.date = date
            self.valid = valid

        @property
        def control(self) -> DateInput:
            return self.date_input

    def __init__(
        self,
        value: dt.date | None = None,
        *,
        placeholder: str = "date: 3 Dec, fri, tomorrow, in 2 weeks",
        required: bool = False,
        today: dt.date | None = None,
        flag_days_off: bool = False,
        past: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._initial = value.isoformat() if value else ""
        self._placeholder = placeholder
        self.required = required
        self._today = today
        self.flag_days_off = flag_days_off
        self.past = past  # a field about what happened: "fri" is the Friday just gone
        self.order_setting: str | None = None  # None: the app's (a form may choose its own)

    def compose(self) -> ComposeResult:
        yield Input(self._initial, placeholder=self._placeholder)
        yield Static("", classes="date-hint", markup=False)

    def on_mount(self) -> None:
        self._check(self.query_one(Input).value, announce=False)

    @property
    def today(self) -> dt.date:
        fixed = self._today or getattr(self.app, "today", None)
        return fixed() if callable(fixed) else (fixed or dt.date.today())

    @property
    def order(self) -> str:
        """How slash dates read: the app's setting ("" = the computer's locale)."""
        if self.order_setting is not None:
            return self.order_setting
        return getattr(self.app, "date_order", "")

    @property
    def day_off(self) -> str:
        """Why this meeting date is not a school day ("a Saturday"), or "" when it is one."""
        day = self.date
        if not self.flag_days_off or day is None:
            return ""
        return day_off(day, getattr(self.app, "holidays", ()))

    def _parse(self, text: str) -> dt.date:
        return parse_date(text, relative_to=self.today, order=self.order, past=self.past)

    @property
    def text(self) -> str:
        return self.query_one(Input).value

    @property
    def date(self) -> dt.date | None:
        """The date typed, or None when the field is empty or unreadable."""
        try:
            return self._parse(self.text) if self.text.strip() else None
        except ValueError:
            return None

    @property
    def valid(self) -> bool:
        text = self.text.strip()
        if not text:
            return not self.required
        return self.date is not None

    @property
    def whole(self) -> bool:
        """Reads as a date that one more digit would not change: `12/12`, not `12/1` on its way
        to `12/12` (a form that saves as you type waits for a whole date, or for the teacher to
        leave the field)."""
        day = self.date
        text = self.text.rstrip()
        if day is None:
            return False
        if not text[-1:].isdigit():
            return True
        for digit in "0123456789":
            try:
                if self._parse(text + digit) != day:
                    return False
            except ValueError:
                continue
        return True

    @property
    def problem(self) -> str:
        """The sentence under the field when what is typed is not a date ("" when fine).

        Forms repeat it word for word when they refuse to save, so the popup and the field agree.
        """
        text = self.text.strip()
        if not text:
            return "A date is required, like 3 Dec, fri or in 2 weeks." if self.required else ""
        try:
            self._parse(text)
        except ValueError as error:
            return str(error)
        return ""

    def recheck(self) -> None:
        """Say again what the typed date is (the date order or the holidays changed)."""
        self._check(self.text, announce=False)

    def set_date(self, value: dt.date | None) -> None:
        self.query_one(Input).value = value.isoformat() if value else ""

    def focus(self, scroll_visible: bool = True) -> DateInput:
        self.query_one(Input).focus(scroll_visible)
        return self

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._check(event.value)

    def _check(self, text: str, *, announce: bool = True) -> None:
        hint = self.query_one(".date-hint", Static)
        parsed: dt.date | None = None
        off = ""
        if not text.strip():
            message = "required: " + self._placeholder if self.required else ""
            ok = not self.required
        else:
            try:
                parsed = self._parse(text)
                message = f"{exact(parsed)} · {humanize(parsed, relative_to=self.today)}"
                ok = True
                if self.flag_days_off:
                    off = day_off(parsed, getattr(self.app, "holidays", ()))
                    message += f" — {off}" if off else ""
            except ValueError as error:
                message, ok = str(error), False
        hint.update(message)
        self.set_class(not ok and bool(text.strip()), "-invalid")
        self.set_class(bool(off), "-day-off")
        if announce:
            self.post_message(self.Changed(self, parsed, ok))
