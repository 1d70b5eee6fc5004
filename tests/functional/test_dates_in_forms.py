"""Typing dates as teachers write them in real forms, and meeting dates on a weekend or a school
holiday flagged in words where they are set and on Today (Pilot, 80×24)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static

from teacherdesk.models import IEP, Conference, Guardian, Settings, Student
from teacherdesk.ui.forms.conference_plan import ConferencePlanScreen
from teacherdesk.ui.forms.iep_record import IEPRecordScreen
from teacherdesk.ui.widgets.date_input import DateInput
from teacherdesk.ui.widgets.fit_table import FitTable
from tests.helpers import TODAY, make_app, settle

THANKSGIVING = dt.date(2026, 11, 26)  # a Thursday, closed in these settings


def _kid(store, **extra):
    kid = store.students.save(Student(first_name="Ines", last_name="Marlowe", **extra))
    store.guardians.save(Guardian(name="Lucia Marlowe", student_ids=[kid.id]))
    return kid


def hint(field: DateInput) -> str:
    return str(field.query_one(".date-hint", Static).content)


async def test_dec_3_typed_in_the_conference_form_is_saved_as_3_december(memory_store):
    kid = _kid(memory_store)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(ConferencePlanScreen(kid, memory_store.guardians.for_student(kid.id)))
        await settle(app, pilot)
        field = app.screen.query_one("#plan-date", DateInput)
        await pilot.press(*"dec 3")
        assert hint(field) == "Thu 3 Dec 2026 · in 2 weeks"
        assert not field.has_class("-day-off")
        await pilot.press("f10")
        await settle(app, pilot, lambda: memory_store.conferences.count() == 1)
        assert memory_store.conferences.all()[0].when.date() == dt.date(2026, 12, 3)


async def test_slash_dates_follow_the_date_order_setting(memory_store):
    kid = _kid(memory_store)
    memory_store.settings.save(Settings(date_order="day-first"))
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(ConferencePlanScreen(kid, memory_store.guardians.for_student(kid.id)))
        await settle(app, pilot)
        field = app.screen.query_one("#plan-date", DateInput)
        await pilot.press(*"4/12")
        assert hint(field).startswith("Fri 4 Dec 2026")
        await pilot.press("f10")
        await settle(app, pilot, lambda: memory_store.conferences.count() == 1)
        assert memory_store.conferences.all()[0].when.date() == dt.date(2026, 12, 4)


async def test_a_saturday_conference_is_flagged_but_saved(memory_store):
    kid = _kid(memory_store)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(ConferencePlanScreen(kid, memory_store.guardians.for_student(kid.id)))
        await settle(app, pilot)
        field = app.screen.query_one("#plan-date", DateInput)
        await pilot.press(*"sat 5 dec")
        assert hint(field) == "Sat 5 Dec 2026 · in 2 weeks — a Saturday"
        assert field.has_class("-day-off") and field.valid
        await pilot.press("f10")
        await settle(app, pilot, lambda: memory_store.conferences.count() == 1)
        assert memory_store.conferences.all()[0].when.date() == dt.date(2026, 12, 5)


async def test_an_iep_meeting_on_a_school_holiday_is_flagged_where_it_is_set(memory_store):
    kid = _kid(memory_store, has_iep=True)
    memory_store.settings.save(Settings(holidays=[THANKSGIVING]))
    iep = memory_store.ieps.save(IEP(student_id=kid.id, meeting_date=dt.date(2026, 12, 7)))
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(IEPRecordScreen(kid.id, iep.id))
        await settle(app, pilot)
        field = app.screen.query_one("#ir-meeting", DateInput)
        assert hint(field) == "Mon 7 Dec 2026 · in 3 weeks"  # a school day: no flag
        field.query_one(Input).value = ""
        field.focus()
        await pilot.press(*"26 nov")
        assert hint(field) == "Thu 26 Nov 2026 · in 10 days — a school holiday"
        await pilot.press("f10")
        await settle(app, pilot, lambda: memory_store.ieps.get(iep.id).meeting_date == THANKSGIVING)


def rows_of(table: FitTable) -> list[str]:
    return [" | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def test_today_says_a_meeting_or_conference_is_on_a_weekend_or_holiday(memory_store):
    kid = _kid(memory_store, has_iep=True)
    other = memory_store.students.save(Student(first_name="Bo", last_name="Lindqvist"))
    memory_store.settings.save(Settings(holidays=[THANKSGIVING]))
    memory_store.ieps.save(IEP(student_id=kid.id, meeting_date=dt.date(2026, 11, 21)))  # Sat
    for student, when in (
        (kid, dt.datetime(2026, 11, 26, 15, 30)),  # the holiday
        (other, dt.datetime(2026, 11, 18, 15, 30)),  # a Wednesday
    ):
        memory_store.conferences.save(Conference(student_id=student.id, when=when))
    app = make_app(memory_store, start="today")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        conferences = rows_of(app.screen.query_one("#today-conferences", FitTable))
        assert len(conferences) == 2
        assert "a school holiday" not in conferences[0]  # Wednesday 18
        assert "Thu 26 Nov" in conferences[1] and "a school holiday" in conferences[1]
        iep = rows_of(app.screen.query_one("#today-iep", FitTable))
        assert any("IEP meeting — a Saturday" in row for row in iep), iep
        assert TODAY.weekday() == 0
