"""The date field reads what a teacher types and says what it understood."""

from __future__ import annotations

import datetime as dt

from textual.app import App, ComposeResult
from textual.widgets import Static

from teacherdesk.ui.widgets.date_input import DateInput

TODAY = dt.date(2026, 11, 16)  # a Monday


class DateApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[tuple[dt.date | None, bool]] = []

    def compose(self) -> ComposeResult:
        yield DateInput(today=TODAY, id="when")

    def on_date_input_changed(self, event: DateInput.Changed) -> None:
        self.changes.append((event.date, event.valid))


async def test_typed_weekday_is_understood_and_shown():
    app = DateApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#when Input")
        await pilot.press(*"fri")
        field = app.query_one(DateInput)
        assert field.date == dt.date(2026, 11, 20)
        assert "Fri 20 Nov 2026 · in 4 days" in str(field.query_one(".date-hint", Static).content)
        assert app.changes[-1] == (dt.date(2026, 11, 20), True)


async def test_bad_date_says_what_was_expected_and_keeps_text():
    app = DateApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#when Input")
        await pilot.press(*"13/45")
        field = app.query_one(DateInput)
        assert field.text == "13/45"
        assert not field.valid and field.has_class("-invalid")
        assert "type one like" in str(field.query_one(".date-hint", Static).content)
