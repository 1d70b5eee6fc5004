"""The app opens on a demo class at 80×24 and shows the students; help and quit work."""

from __future__ import annotations

from teacherdesk.ui.widgets.roster_table import RowTable
from tests.helpers import make_app


async def test_roster_shows_demo_students(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#roster-table", RowTable)
        assert table.row_count == len(demo_store.students.active())
        names = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert "Saoirse Applewhistle" in names


async def test_help_opens_and_closes(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        assert type(app.screen).__name__ != "HelpScreen"


async def test_help_starts_with_this_screens_keys(demo_store):
    """The keys of the screen underneath come first; the global keys after them."""
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = app.screen._text()
        assert text.index("**On this screen**") < text.index("**Everywhere**")
        assert "shown at the top" not in text
        assert "Data file:" in text
