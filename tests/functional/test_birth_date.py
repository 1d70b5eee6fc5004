"""The date of birth in the student form: typed like any date, a future one refused in one
sentence under the field, shown on the student screen with the age (Pilot, 80×24)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Button, Input, Static

from teacherdesk.models import Settings, Student
from teacherdesk.ui.forms.student_form import StudentForm
from tests.helpers import make_app, open_student, settle, typing_paused


async def test_birth_date_typed_saved_and_shown(memory_store):
    memory_store.students.save(Student(first_name="Ines", last_name="Moonbrook"))
    memory_store.settings.save(Settings(date_order="day-first"))
    app = make_app(memory_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "ines")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, StudentForm)
        born = form.query_one("#f-date_of_birth", Input)
        born.focus()
        await pilot.press(*"3/3/2027")
        await typing_paused(app, pilot)
        assert str(form.query_one("#e-date_of_birth", Static).content) == (
            "A date of birth cannot be in the future."
        )
        assert form.query_one("#form-save", Button).disabled
        await pilot.press("ctrl+a", "ctrl+k", *"31/2/2010")
        await typing_paused(app, pilot)
        assert str(form.query_one("#e-date_of_birth", Static).content) == (
            "'31/2/2010' is not a real date: February has no day 31."
        )
        await pilot.press("ctrl+a", "ctrl+k", *"4/3/2010", "enter")  # day first: 4 March
        await settle(app, pilot, lambda: memory_store.students.all()[0].date_of_birth)
        assert memory_store.students.all()[0].date_of_birth == dt.date(2010, 3, 4)
        profile = str(app.screen.query_one("#profile", Static).content)
        assert "Born Thu 4 Mar 2010 · age 16" in profile

        await pilot.press("e")  # shown back the app's way, and kept as it was
        await pilot.pause()
        assert app.screen.query_one("#f-date_of_birth", Input).value == "Thu 4 Mar 2010"
        await pilot.press("enter")
        await settle(app, pilot)
        assert memory_store.students.all()[0].date_of_birth == dt.date(2010, 3, 4)


async def test_a_birth_date_without_its_year_is_refused(memory_store):
    memory_store.students.save(Student(first_name="Bo", last_name="Lindqvist"))
    app = make_app(memory_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "bo")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-date_of_birth", Input).focus()
        await pilot.press(*"sep 3")
        await typing_paused(app, pilot)
        assert str(form.query_one("#e-date_of_birth", Static).content) == (
            "A date of birth needs its year, like 3 Sep 2016."
        )
        assert memory_store.students.all()[0].date_of_birth is None
