"""Today at a glance: a long section shows its most pressing rows and says, in words, how many
more there are and where they all are; nothing that was on the first frame moves when the data
comes in."""

from __future__ import annotations

import datetime as dt

from teacherdesk.models import ContactNote, FollowUp, Student
from teacherdesk.ui.screens.today import SECTION_ROWS
from tests.helpers import TODAY, make_app, settle, table_rows

DAY = dt.timedelta(days=1)


async def test_a_long_section_says_how_many_more_and_where(memory_store):
    kid = memory_store.students.save(Student(first_name="Ada", last_name="Many"))
    late = SECTION_ROWS + 12
    for n in range(late):
        promise = FollowUp(what=f"Promise {n:02d}", due=TODAY - (n + 1) * DAY)
        memory_store.contacts.save(
            ContactNote(student_id=kid.id, date=TODAY - 60 * DAY, follow_up=promise)
        )
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        rows = table_rows(app, "#today-follow-ups")
        assert len(rows) == SECTION_ROWS
        assert "Promise 41" in rows[0][2]  # the most late first
        more = app.screen.query_one("#today-follow-ups-note")
        assert more.display
        assert str(more.render()) == "… and 12 more (a lists every follow-up)."
        await pilot.press("a")  # where they all are
        await settle(app, pilot)
        assert type(app.screen).__name__ == "FollowUpsScreen"


async def test_a_short_section_says_nothing_more(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert table_rows(app, "#today-follow-ups")
        notes = [str(note.render()) for note in app.screen.query(".section-note") if note.display]
        assert not any("more (" in note for note in notes)
        assert "Nothing overdue" not in " ".join(notes)  # the follow-ups have rows: no words


async def test_the_first_frame_shows_nothing_that_moves_later(demo_store):
    """Before the data: the heading says the file is being read and no section title is drawn
    (titles drawn then would be pushed down by the rows arriving under them)."""
    from teacherdesk.ui.screens.today import TodayScreen

    held = []
    original = TodayScreen.load

    def hold(self):  # the first frame, before the data is read
        held.append(self)

    TodayScreen.load = hold
    try:
        app = make_app(demo_store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert "Reading" in str(screen.query_one("#today-heading").render())
            titles = [t for t in screen.query(".section-title") if t.display]
            assert titles == []
            TodayScreen.load = original
            screen.load()
            await settle(app, pilot)
            titles = [str(t.render()) for t in screen.query(".section-title") if t.display]
            assert "Follow-ups overdue and due this week" in titles
    finally:
        TodayScreen.load = original
