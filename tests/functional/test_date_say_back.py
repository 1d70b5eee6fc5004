"""Date fields say back what they understood, and a field about the past reads a bare weekday
as the one just gone (Pilot, 80×24; today is Monday 16 November 2026)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static, TextArea

from teacherdesk.models import IEP, Guardian, Settings, Student
from teacherdesk.ui.widgets.date_input import DateInput
from tests.helpers import make_app, open_student, settle, typing_paused


def _kid(store, **extra) -> Student:
    kid = store.students.save(Student(first_name="Ines", last_name="Marlowe", **extra))
    store.guardians.save(Guardian(name="Lucia Marlowe", student_ids=[kid.id]))
    return kid


def hint(field: DateInput) -> str:
    return str(field.query_one(".date-hint", Static).content)


async def test_contact_date_fri_is_the_friday_just_gone(memory_store):
    kid = _kid(memory_store)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        from teacherdesk.ui.forms.contact_form import open_contact_form

        open_contact_form(app, kid.id)
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ContactForm")
        form = app.screen
        form.query_one("#contact-summary", TextArea).text = "Called about the trip"
        date = form.query_one("#contact-date", DateInput)
        date.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"fri")
        await typing_paused(app, pilot)
        assert hint(date) == "Fri 13 Nov 2026 · 3 days ago"
        assert "future" not in str(form.query_one("#contact-problem", Static).content)
        due = form.query_one("#contact-follow-due", DateInput)
        due.focus()
        await pilot.press(*"fri")  # the follow-up is still ahead
        assert hint(due) == "Fri 20 Nov 2026 · in 4 days"
        await pilot.press("f10")
        await settle(app, pilot, lambda: memory_store.contacts.count() == 1)
        assert memory_store.contacts.all()[0].date == dt.date(2026, 11, 13)


async def test_date_of_birth_says_back_what_it_understood(memory_store):
    memory_store.students.save(Student(first_name="Ines", last_name="Moonbrook"))
    memory_store.settings.save(Settings(date_order="day-first"))
    app = make_app(memory_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "ines")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-date_of_birth", Input).focus()
        await pilot.press(*"8/2/2017")
        await typing_paused(app, pilot)
        line = form.query_one("#e-date_of_birth", Static)
        assert str(line.content) == "Wed 8 Feb 2017 · age 9"
        assert line.display and not line.has_class("-bad")
        await pilot.press("ctrl+a", "ctrl+k", *"fri")  # a weekday is no birth date
        await typing_paused(app, pilot)
        assert "needs its year" in str(line.content)


SATURDAY = dt.date(2027, 1, 16)


async def test_one_iep_screen_reads_a_day_one_way_and_flags_a_saturday(memory_store):
    from teacherdesk.domain.dates import humanize
    from teacherdesk.ui.forms.iep_record import IEPRecordScreen
    from tests.helpers import TODAY

    kid = _kid(memory_store, has_iep=True)
    iep = memory_store.ieps.save(IEP(student_id=kid.id, meeting_date=SATURDAY))
    app = make_app(memory_store, start="iep")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        rows = [
            [" ".join(str(c).split()) for c in app.screen.query_one("#iep-table").get_row_at(0)]
        ]
        assert rows[0][4] == "Sat 16 Jan", rows
        status = str(app.screen.query_one("#iep-status", Static).render())
        assert "1 meeting not on a school day" in status
        detail = str(app.screen.query_one("#iep-detail", Static).render())
        assert "Meeting on a Saturday needs:" in detail
        assert "Sat 16 Jan 2027 — a Saturday" in detail

        app.push_screen(IEPRecordScreen(kid.id, iep.id))
        await settle(app, pilot)
        words = humanize(SATURDAY, relative_to=TODAY)
        field = app.screen.query_one("#ir-meeting", DateInput)
        assert hint(field) == f"Sat 16 Jan 2027 · {words} — a Saturday"
        top = str(app.screen.query_one("#ir-deadlines", Static).render())
        meeting_line = next(line for line in top.splitlines() if line.startswith("IEP meeting"))
        assert f"{words} · Sat 16 Jan 2027 — a Saturday" in meeting_line
        evidence = str(app.screen.query_one("#ir-evidence", Static).render())
        assert evidence.startswith("Meeting on a Saturday: needs something")


async def test_iep_dates_save_only_whole_and_leaving_with_a_bad_one_says_so(
    memory_store, typing_pause
):
    from teacherdesk.ui.forms.iep_record import IEPRecordScreen
    from tests.helpers import typing_paused

    typing_pause.save = 3600  # typing pauses only when the test says so (typing_paused)
    kid = _kid(memory_store, has_iep=True)
    iep = memory_store.ieps.save(IEP(student_id=kid.id, meeting_date=dt.date(2026, 12, 7)))
    app = make_app(memory_store, start="iep")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(IEPRecordScreen(kid.id, iep.id))
        await settle(app, pilot)
        screen = app.screen
        screen.query_one("#ir-meeting", DateInput).focus()
        await pilot.press("ctrl+a", "ctrl+k", *"12/1")  # slowly: a pause on the way to 12/12
        await typing_paused(app, pilot)
        await settle(app, pilot)
        assert memory_store.ieps.get(iep.id).meeting_date == dt.date(2026, 12, 7)
        await pilot.press("2")
        await typing_paused(app, pilot)
        await settle(app, pilot)
        assert memory_store.ieps.get(iep.id).meeting_date == dt.date(2026, 12, 12)

        await pilot.press("ctrl+a", "ctrl+k", *"2/30")
        await typing_paused(app, pilot)
        await settle(app, pilot)
        assert memory_store.ieps.get(iep.id).meeting_date == dt.date(2026, 12, 12)
        await pilot.press("escape")  # leaving with a date that cannot be saved: said once
        await settle(app, pilot)
        assert app.screen is screen
        status = str(screen.query_one("#ir-status", Static).render())
        assert status == (
            "The meeting date '2/30' is not saved, so the record keeps Sat 12 Dec 2026: "
            "fix it, or escape again to leave."
        )
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is not screen
        assert memory_store.ieps.get(iep.id).meeting_date == dt.date(2026, 12, 12)


async def test_leaving_a_date_field_saves_what_it_reads(memory_store, typing_pause):
    from teacherdesk.ui.forms.iep_record import IEPRecordScreen

    typing_pause.save = 3600
    kid = _kid(memory_store, has_iep=True)
    iep = memory_store.ieps.save(IEP(student_id=kid.id, meeting_date=dt.date(2026, 12, 7)))
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(IEPRecordScreen(kid.id, iep.id))
        await settle(app, pilot)
        app.screen.query_one("#ir-meeting", DateInput).focus()
        await pilot.press("ctrl+a", "ctrl+k", *"12/1", "tab")  # 1 December, meant
        await settle(app, pilot, lambda: memory_store.ieps.get(iep.id).meeting_date.day == 1)
        assert memory_store.ieps.get(iep.id).meeting_date == dt.date(2026, 12, 1)


async def test_contact_date_errors_wrap_f10_shows_the_field_and_save_stays_on_screen(memory_store):
    """60×20: the problem sentence wraps in the dialog, F10 scrolls to the field at fault, and
    Save/Cancel stay inside the dialog below the scrolling fields."""
    from textual.containers import VerticalScroll
    from textual.widgets import Button

    kid = _kid(memory_store)
    app = make_app(memory_store)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(app, pilot)
        from teacherdesk.ui.forms.contact_form import open_contact_form

        open_contact_form(app, kid.id)
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ContactForm")
        form = app.screen
        form.query_one("#contact-summary", TextArea).text = "Called about the trip"
        due = form.query_one("#contact-follow-due", DateInput)
        due.focus()
        await pilot.press(*"banana")
        form.query_one("#contact-channel").focus()  # back at the top: Due is out of view
        form.query_one(VerticalScroll).scroll_home(animate=False)
        await typing_paused(app, pilot)
        await pilot.press("f10")
        await pilot.pause()
        await pilot.pause()
        screen_area = form.region
        problem = form.query_one("#contact-problem", Static)
        assert str(problem.content).startswith("Follow-up due: 'banana' is not a date")
        assert problem.region.height >= 2 and screen_area.contains_region(problem.region)
        assert app.focused is due.query_one(Input)
        body = form.query_one(VerticalScroll).region
        assert due.region.area and body.contains_region(due.region)  # with its hint
        for button in form.query(Button):
            assert button.region.area and screen_area.contains_region(button.region)
        assert memory_store.contacts.count() == 0


async def test_holidays_say_back_the_dates_they_read_as(memory_store):
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_settings()
        await settle(app, pilot)
        screen = app.screen
        holidays = screen.query_one("#settings-holidays", TextArea)
        holidays.focus()
        await pilot.press(*"fri, dec 25")
        await pilot.pause()
        read = screen.query_one("#settings-holidays-read", Static)
        assert str(read.content) == "Read as 2 days: Fri 20 Nov 2026, Fri 25 Dec 2026"
        await pilot.press(*", banana")
        await pilot.pause()
        assert str(read.content).startswith("'banana' is not a date I can read")
        assert read.has_class("-bad")
