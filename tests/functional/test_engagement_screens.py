"""Engagement by keyboard alone: add an event, record who came and who volunteered."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable

from teacherdesk.models import Attendance, EngagementEvent, EventKind, Guardian, Student
from tests.helpers import TODAY, make_app, settle


def _class(store):
    kids = [
        store.students.save(Student(first_name=first, last_name=last))
        for first, last in (("Ada", "Brook"), ("Ben", "Cole"), ("Cy", "Dale"))
    ]
    for kid in kids:
        store.guardians.save(Guardian(name=f"Parent {kid.last_name}", student_ids=[kid.id]))
    event = store.events.save(
        EngagementEvent(
            kind=EventKind.OPEN_HOUSE_FALL, title="Fall open house", date=TODAY - dt.timedelta(3)
        )
    )
    return kids, event


async def test_record_attendance_with_a_volunteer_by_keyboard(memory_store):
    kids, event = _class(memory_store)
    app = make_app(memory_store, start="engagement")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "AttendanceScreen")
        await pilot.press("space")  # Ada Brook came
        await pilot.press("slash", *"cole", "enter")  # filter to Ben Cole
        await pilot.press("v")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "VolunteerDialog")
        await pilot.press(*"snacks", "enter", *"45", "enter")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "AttendanceScreen")
        assert "2 families came" in str(app.screen.query_one("#attendance-status").content)
        await pilot.press("f10")
        await settle(app, pilot, lambda: bool(memory_store.events.get(event.id).attendance))
        saved = {a.student_id: a for a in memory_store.events.get(event.id).attendance}
        assert set(saved) == {kids[0].id, kids[1].id}
        assert not saved[kids[0].id].volunteered
        ben = saved[kids[1].id]
        assert (ben.volunteered, ben.role, ben.minutes) == (True, "snacks", 45)
        await settle(app, pilot, lambda: type(app.screen).__name__ == "EngagementScreen")
        table = app.screen.query_one(DataTable)
        assert [str(c) for c in table.get_row_at(0)][3:] == ["2", "1 · 45 min"]


async def test_add_an_event_by_keyboard(memory_store):
    app = make_app(memory_store, start="engagement")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "EventFormScreen")
        await pilot.press("tab", *"Family math night", "tab", *"12/3", "tab", *"Bring a calculator")
        await pilot.press("f10")
        await settle(app, pilot, lambda: memory_store.events.count() == 1)
        saved = memory_store.events.all()[0]
        assert (saved.title, saved.date, saved.kind) == (
            "Family math night",
            dt.date(2026, 12, 3),
            EventKind.CLASS_MEETING,
        )
        assert saved.description == "Bring a calculator"


async def test_student_screen_shows_engagement_and_c_plans_a_conference(memory_store):
    kids, event = _class(memory_store)
    memory_store.events.save(
        event.model_copy(
            update={
                "attendance": [
                    Attendance(student_id=kids[0].id, volunteered=True, role="snacks", minutes=90)
                ]
            }
        )
    )
    app = make_app(memory_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_student(kids[0].id)
        await settle(app, pilot, lambda: "Came to" in str(_engagement_text(app)))
        assert "Came to 1 event · volunteered once, 1 h 30 min" in str(_engagement_text(app))
        await pilot.press("c")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ConferencePlanScreen")
        assert type(app.screen).__name__ == "ConferencePlanScreen"
        assert app.screen.student.id == kids[0].id


def _engagement_text(app):
    found = app.screen.query("#engagement")
    return found.first().content if found else ""
