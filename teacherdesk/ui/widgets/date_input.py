"""A date field that reads what a teacher types and says back what it understood.

Type `12/3`, `fri`, `tomorrow` or `in 2 weeks`; the line under the field shows "Thu 3 Dec 2026 ·
in 4 days", or what was expected when it cannot read it. Nothing typed is ever thrown away.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from teacherdesk.domain.dates import exact, humanize, parse_date


class DateInput(Widget):
    DEFAULT_CSS = """
    DateInput { height: auto; }
    DateInput > Input { width: 100%; }
    DateInput > .date-hint { height: 1; padding: 0 1; color: $text-muted; }
    DateInput.-invalid > .date-hint { color: $error; }
    DateInput.-invalid > Input { border: tall $error; }
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
        placeholder: str = "date: 12/3, fri, tomorrow, in 2 weeks",
        required: bool = False,
        today: dt.date | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._initial = value.isoformat() if value else ""
        self._placeholder = placeholder
        self.required = required
        self._today = today

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
    def text(self) -> str:
        return self.query_one(Input).value

    @property
    def date(self) -> dt.date | None:
        """The date typed, or None when the field is empty or unreadable."""
        try:
            return parse_date(self.text, relative_to=self.today) if self.text.strip() else None
        except ValueError:
            return None

    @property
    def valid(self) -> bool:
        text = self.text.strip()
        if not text:
            return not self.required
        return self.date is not None

    @property
    def problem(self) -> str:
        """The sentence under the field when what is typed is not a date ("" when fine).

        Forms repeat it word for word when they refuse to save, so the popup and the field agree.
        """
        text = self.text.strip()
        if not text:
            return "A date is required, like 12/3, fri or in 2 weeks." if self.required else ""
        try:
            parse_date(text, relative_to=self.today)
        except ValueError as error:
            return str(error)
        return ""

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
        if not text.strip():
            message = "required: " + self._placeholder if self.required else ""
            ok = not self.required
        else:
            try:
                parsed = parse_date(text, relative_to=self.today)
                message = f"{exact(parsed)} · {humanize(parsed, relative_to=self.today)}"
                ok = True
            except ValueError as error:
                message, ok = str(error), False
        hint.update(message)
        self.set_class(not ok and bool(text.strip()), "-invalid")
        if announce:
            self.post_message(self.Changed(self, parsed, ok))
