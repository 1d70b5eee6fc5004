"""Forms that cannot eat keystrokes: keys sent in one burst (fast typing, a paste over SSH) reach
the field they were meant for."""

from __future__ import annotations

import datetime as dt

from textual import events

from teacherdesk.models import EngagementEvent, EventKind, Guardian, Student
from tests.helpers import TODAY, make_app, settle, wait_for_screen, wait_until


def burst(app, keys: str) -> None:
    """Every key queued at once, as a terminal delivers fast typing ("\\r" is enter)."""
    for char in keys:
        if char == "\r":
            app.post_message(events.Key("enter", "\r"))
        else:
            app.post_message(events.Key(char, char))


async def test_snacks_enter_1h_enter_in_one_burst(memory_store):
    kid = memory_store.students.save(Student(first_name="Ben", last_name="Cole"))
    memory_store.guardians.save(Guardian(name="Parent Cole", student_ids=[kid.id]))
    event = memory_store.events.save(
        EngagementEvent(kind=EventKind.WORKSHOP, title="Workshop", date=TODAY - dt.timedelta(1))
    )
    app = make_app(memory_store, start="engagement")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await wait_for_screen(app, pilot, "AttendanceScreen")
        await pilot.press("v")
        await wait_for_screen(app, pilot, "VolunteerDialog")
        burst(app, "snacks\r1h\r")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "AttendanceScreen")
        await pilot.press("f10")
        await settle(app, pilot, lambda: bool(memory_store.events.get(event.id).attendance))
    [ben] = memory_store.events.get(event.id).attendance
    assert (ben.role, ben.minutes, ben.volunteered) == ("snacks", 60, True)
