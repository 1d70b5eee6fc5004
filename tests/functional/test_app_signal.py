"""A save anywhere reaches every screen that shows the data, in every mode (not just the one shown).

Screens in a mode not on view stay as they were (they cost nothing while hidden) and catch up as
soon as they are shown again.
"""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Static

from teacherdesk.models import ContactNote, FollowUp, Purpose
from tests.helpers import TODAY, make_app


async def settle(app, pilot) -> None:
    """Let loads and queued saves finish and their results reach the screens."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.saver.drain(timeout=10)
        await pilot.pause()


def contacts_status(app) -> str:
    return str(app.screen.query_one("#contacts-status", Static).content)


def summaries(app) -> list[str]:
    table = app.screen.query_one("#contacts-table", DataTable)
    # the summary wraps in its column: read it as one line
    return [" ".join(str(table.get_row_at(i)[-1]).split()) for i in range(table.row_count)]


def follow_ups_on_today(app) -> list[str]:
    table = app.screen.query_one("#today-follow-ups", DataTable)
    return [str(table.get_row_at(i)[2]) for i in range(table.row_count)]


def a_note(store, summary: str, follow_up: str) -> ContactNote:
    student = store.students.active()[0]
    return ContactNote(
        student_id=student.id,
        date=TODAY,
        purpose=Purpose.POSITIVE,
        summary=summary,
        follow_up=FollowUp(what=follow_up, due=TODAY + dt.timedelta(days=1)),
    )


async def test_a_note_saved_on_the_roster_shows_on_contacts_and_today(demo_store):
    app = make_app(demo_store)  # opens on Today
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "Ring the museum about the trip" not in follow_ups_on_today(app)
        await pilot.press("f4")
        await settle(app, pilot)
        before = demo_store.contacts.count()
        assert contacts_status(app).startswith(f"{before:,} contacts")
        contacts = app.screen

        await pilot.press("f3")  # the Roster: save a note from here
        await settle(app, pilot)
        assert type(app.screen).__name__ == "RosterScreen"
        note = a_note(
            demo_store, "Told them about the science fair win", "Ring the museum about the trip"
        )
        app.save(lambda: demo_store.contacts.save(note))
        await settle(app, pilot)
        assert demo_store.contacts.count() == before + 1
        # Hidden in its own mode, Contacts has not reloaded yet ...
        assert len(contacts.rows) == before

        await pilot.press("f4")  # ... and catches up as soon as it is shown
        await settle(app, pilot)
        assert app.screen is contacts
        assert contacts_status(app).startswith(f"{before + 1:,} contacts")
        assert any("science fair win" in summary for summary in summaries(app))

        await pilot.press("f2")  # Today shows the new follow-up too
        await settle(app, pilot)
        assert type(app.screen).__name__ == "TodayScreen"
        assert "Ring the museum about the trip" in follow_ups_on_today(app)


async def test_a_note_logged_with_the_form_reaches_a_contacts_screen_in_another_mode(demo_store):
    app = make_app(demo_store, start="contacts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        before = demo_store.contacts.count()
        assert contacts_status(app).startswith(f"{before:,} contacts")
        await pilot.press("f3")
        await settle(app, pilot)
        # A student from the Roster, then the contact form on their screen.
        await pilot.press(*"saoirse", "enter")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "StudentScreen"
        await pilot.press("n")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ContactForm"
        await pilot.press("tab", "tab", *"Brought in the permission slip", "f10")  # how, with
        await settle(app, pilot)
        assert demo_store.contacts.count() == before + 1

        await pilot.press("f4")
        await settle(app, pilot)
        assert contacts_status(app).startswith(f"{before + 1:,} contacts")
        assert any("permission slip" in summary for summary in summaries(app))
