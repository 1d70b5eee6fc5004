"""The settings of issues 14 and 17 are editable: school holidays, how 3/12 reads, the IEP
meeting rules; each problem one sentence naming its field (Pilot, 80×24 and 60×20)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Select, Static, TextArea

from teacherdesk.models import Settings
from teacherdesk.ui.widgets.date_input import DateInput
from tests.helpers import make_app, settle


def problem(screen) -> str:
    return str(screen.query_one("#settings-problem", Static).content)


async def test_holidays_order_and_meeting_rules_are_saved(memory_store):
    memory_store.settings.save(Settings(holidays=[dt.date(2026, 11, 26)]))
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_settings()
        await settle(app, pilot)
        screen = app.screen
        holidays = screen.query_one("#settings-holidays", TextArea)
        assert holidays.text == "Thu 26 Nov 2026"  # shown the app's way; reads back the same
        screen.query_one("#settings-date_order", Select).value = "day-first"
        holidays.focus()
        holidays.text = ""
        await pilot.press(*"Thu 26 Nov 2026, 4/12", "enter", *"Dec 24, 2026; 1/1")
        screen.query_one("#settings-contact_attempts", Input).value = "1"
        await pilot.pause()
        assert problem(screen) == "Different channels: 2 channels need at least 2 attempts (now 1)."
        screen.query_one("#settings-contact_attempts", Input).value = "4"
        screen.query_one("#settings-notice_school_days", Input).value = "99"
        screen.query_one("#settings-transition_age", Input).value = "nine"
        await pilot.pause()
        assert problem(screen).splitlines() == [
            "School days of notice: a whole number from 0 to 60.",
            "Age for the transition paragraph: a whole number from 10 to 16.",
        ]
        screen.query_one("#settings-notice_school_days", Input).value = "15"
        screen.query_one("#settings-transition_age", Input).value = "14"
        screen.query_one("#settings-transition_interview_age", Input).value = "12"
        await pilot.pause()
        assert problem(screen) == "F10 (or ctrl+s) saves · escape closes"
        await pilot.press("f10")
        await settle(app, pilot)
        saved = memory_store.settings.load()
        assert saved.holidays == [
            dt.date(2026, 11, 26),
            dt.date(2026, 12, 4),  # 4/12, day first
            dt.date(2026, 12, 24),
            dt.date(2027, 1, 1),
        ]
        assert saved.date_order == "day-first"
        assert (saved.notice_school_days, saved.contact_attempts, saved.contact_channels) == (
            15,
            4,
            2,
        )
        assert (saved.transition_age, saved.transition_interview_age) == (14, 12)
        # the app reads dates the new way at once
        assert app.date_order == "day-first" and dt.date(2027, 1, 1) in app.holidays


async def test_a_holiday_that_is_not_a_date_is_named(memory_store):
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_settings()
        await settle(app, pilot)
        screen = app.screen
        screen.query_one("#settings-holidays", TextArea).text = "25 Dec\n31/2"
        await pilot.pause()
        assert problem(screen) == (
            "School holidays: '31/2' is not a real date: February has no day 31."
        )
        await pilot.press("f10")
        await settle(app, pilot)
        assert memory_store.settings.load().holidays == []


async def test_the_term_dates_read_in_the_order_being_chosen(memory_store):
    app = make_app(memory_store)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        app.action_settings()
        await settle(app, pilot)
        screen = app.screen
        start = screen.query_one("#settings-term-start", DateInput)
        start.focus()
        await pilot.press(*"1/9/2026")
        assert start.date == dt.date(2026, 1, 9)  # the tests' locale: month first
        screen.query_one("#settings-date_order", Select).value = "day-first"
        await pilot.pause()
        assert start.date == dt.date(2026, 9, 1)
        assert "Tue 1 Sep 2026" in str(start.query_one(".date-hint", Static).content)
        # at 60×20 the fields scroll; the problem line and Save stay in view
        screen.query_one("#settings-transition_interview_age", Input).focus()
        await pilot.pause()
        assert screen.query_one("#settings-problem").region.bottom <= 20
        assert screen.query_one("#settings-save-button").region.bottom <= 20
