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
        elif char == "\t":
            app.post_message(events.Key("tab", "\t"))
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


async def test_parental_input_every_stop_is_a_field_with_its_prompt_in_view(memory_store):
    """Tab through the whole form: each stop is a field on screen; a section's prompt shows."""
    from textual.widgets import Input, Label, Select, TextArea

    from teacherdesk.ui.forms.parental_input import ParentalInputScreen
    from tests.helpers import family_store

    _student, iep = family_store(memory_store)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ParentalInputScreen(iep.id))
        await settle(app, pilot)
        form = app.screen.query_one("#pi-form")
        seen = []
        for _ in range(11):
            field = app.focused
            assert isinstance(field, Input | TextArea | Select), field
            assert form.region.contains_region(field.region), field
            if isinstance(field, TextArea):
                prompt = app.screen.query_one(f"#{field.id}-prompt", Label)
                assert form.region.contains_region(prompt.region), prompt
                assert field.border_title == str(prompt.content)
            seen.append(field.id or field.parent.id)
            await pilot.press("tab")
            await settle(app, pilot)
        assert len(set(seen)) == 10  # ten fields, then round again


async def test_keys_typed_while_the_form_loads_reach_section_a(memory_store):
    from teacherdesk.ui.forms.parental_input import ParentalInputScreen
    from tests.helpers import family_store

    _student, iep = family_store(memory_store)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(ParentalInputScreen(iep.id))
        burst(app, "Loves maps")  # before the record has loaded and (a) has focus
        await settle(app, pilot)
        assert app.screen.query_one("#pi-strengths_needs").text == "Loves maps"


async def test_note_typed_right_after_n_goes_into_the_note(demo_store):
    """`n`, then the words at once: the form loads in a thread; the keys wait for it instead of
    reaching the student screen's own keys (c, e, i …)."""
    from tests.helpers import by_name

    ravi = by_name(demo_store, "Ravi Honeysett")
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_student(ravi.id)
        await settle(app, pilot)
        # n, then p (phone; the form moves on to With), tab (the first guardian), the words
        burst(app, "np\tcalled about the trip")
        await wait_for_screen(app, pilot, "ContactForm")
        await settle(app, pilot)
        assert app.screen.query_one("#contact-summary").text == "called about the trip"


async def test_f3_and_a_filter_typed_at_once_filter_the_new_roster(demo_store):
    """The Roster is built when first shown: keys typed right behind F3 wait for its filter."""
    app = make_app(demo_store, start="today")
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(events.Key("f3", None))
        burst(app, "honeysett")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "RosterScreen")
        await settle(app, pilot)
        assert app.screen.query_one("#roster-filter").value == "honeysett"
