"""Conferences by keyboard alone: plan with the interpreter raised, record with an agreed action."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Checkbox, DataTable, Input

from teacherdesk.models import Conference, ConferenceStatus, Guardian, Student
from tests.helpers import TODAY, make_app, settle


def _family(store):
    kid = store.students.save(Student(first_name="Ines", last_name="Marlowe"))
    store.students.save(Student(first_name="Other", last_name="Pupil"))
    store.guardians.save(
        Guardian(
            name="Lucia Marlowe",
            student_ids=[kid.id],
            preferred_language="Spanish",
            interpreter_needed=True,
        )
    )
    store.guardians.save(Guardian(name="Tom Marlowe", student_ids=[kid.id]))
    return kid


async def test_plan_a_conference_by_keyboard_raises_the_interpreter(memory_store):
    kid = _family(memory_store)
    app = make_app(memory_store, start="conferences")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "StudentChoice")
        await pilot.press(*"marlowe", "enter")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ConferencePlanScreen")
        screen = app.screen
        # Raised from Lucia's record before anything is typed.
        assert screen.query_one("#plan-interpreter", Checkbox).value is True
        assert screen.query_one("#plan-language", Input).value == "Spanish"
        await pilot.press(*"11/20", "tab")
        time = screen.query_one("#plan-time", Input)
        time.value = ""
        await pilot.press(*"4:15 pm", "f10")
        await settle(app, pilot, lambda: memory_store.conferences.count() == 1)
        saved = memory_store.conferences.all()[0]
        assert saved.student_id == kid.id
        assert saved.when == dt.datetime(2026, 11, 20, 16, 15)
        assert saved.status == ConferenceStatus.PLANNED
        assert saved.interpreter_needed and saved.interpreter_language == "Spanish"
        assert len(saved.guardian_ids) == 2
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ConferencesScreen")
        table = app.screen.query_one(DataTable)
        assert "Fri 20 Nov 4:15 pm" in [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_bad_time_is_refused_and_nothing_typed_is_lost(memory_store):
    _family(memory_store)
    app = make_app(memory_store, start="conferences")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "StudentChoice")
        await pilot.press(*"ines", "enter")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ConferencePlanScreen")
        await pilot.press(*"fri", "tab")
        app.screen.query_one("#plan-time", Input).value = "25 o'clock"
        await pilot.press("f10")
        await settle(app, pilot)
        assert memory_store.conferences.count() == 0
        assert type(app.screen).__name__ == "ConferencePlanScreen"
        assert app.screen.query_one("#plan-time", Input).value == "25 o'clock"
        assert "not a time" in str(app.screen.query_one("#plan-time-hint").content)


async def test_record_a_conference_with_an_agreed_action_by_keyboard(memory_store):
    kid = _family(memory_store)
    planned = memory_store.conferences.save(
        Conference(student_id=kid.id, when=dt.datetime.combine(TODAY, dt.time(15, 30)))
    )
    app = make_app(memory_store, start="conferences")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")  # the cursor starts on the soonest upcoming conference
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ConferenceRecordScreen")
        await pilot.press(*"Reads every night", "tab")
        await pilot.press(*"Homework on Mondays", "tab")
        await pilot.press(*"Weekly reading log", "tab", *"teacher", "tab", *"11/23")
        await pilot.press("f8")  # a second row …
        await pilot.pause()
        await pilot.press(*"Throwaway")
        await pilot.press("f9")  # … removed again
        await pilot.pause()
        assert len(app.screen.query("ActionRow")) == 1
        await pilot.press("f10")
        await settle(
            app,
            pilot,
            lambda: memory_store.conferences.get(planned.id).status == ConferenceStatus.HELD,
        )
        saved = memory_store.conferences.get(planned.id)
        assert saved.status == ConferenceStatus.HELD
        assert saved.celebrations == "Reads every night"
        assert saved.concerns == "Homework on Mondays"
        assert [(a.what, a.owner, a.due) for a in saved.actions] == [
            ("Weekly reading log", "teacher", dt.date(2026, 11, 23))
        ]
        assert len(saved.history) == 1  # the planned version is kept
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ConferencesScreen")
        status = str(app.screen.query_one("#conferences-status").content)
        assert "1 actions, 1 open" in status or "held" in str(
            app.screen.query_one(DataTable).get_row_at(app.screen.query_one(DataTable).cursor_row)
        )


async def test_prepare_view_shows_family_and_open_actions(demo_store):
    app = make_app(demo_store, start="conferences")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ConferencePrepareScreen")
        text = " ".join(str(s.content) for s in app.screen.query("Static"))
        for heading in ("Family and how to reach them", "Open follow-ups", "Recent contacts"):
            assert heading in text
        await pilot.press("r")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ConferenceRecordScreen")


# --- snapshots -------------------------------------------------------------------------------


async def test_a_refused_plan_says_one_sentence_not_pydantic_internals(memory_store):
    _family(memory_store)
    app = make_app(memory_store, start="conferences")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "StudentChoice")
        await pilot.press(*"ines", "enter")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ConferencePlanScreen")
        await pilot.press(*"fri")
        app.screen.query_one("#plan-staff", Input).value = "Ms. " + "Long" * 80
        message = app.screen.build()
        assert isinstance(message, str)
        assert message.startswith("Not saved: The staff is too long")
        assert "\n" not in message and "pydantic" not in message
        assert memory_store.conferences.count() == 0
