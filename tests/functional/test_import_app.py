"""Roster import as a teacher does it: from the roster (`i`) and the palette (the command line:
tests/cli/test_import_command.py)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from tests.helpers import make_app, settle

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def test_import_from_the_roster_preview_confirm_and_see_students(memory_store):
    app = make_app(memory_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#roster-table").focus()
        await pilot.press("i")
        await pilot.pause()
        assert type(app.screen).__name__ == "ImportRosterScreen"
        assert isinstance(app.focused, Input)
        # A wrong path says so in one sentence and keeps what was typed.
        await pilot.press(*"/no/such/roster.csv", "enter")
        await settle(app, pilot)
        assert "does not exist" in _text(app, "#import-status")
        assert app.screen.query_one("#import-path", Input).value == "/no/such/roster.csv"
        app.screen.query_one("#import-path", Input).value = ""
        await pilot.press(*str(FIXTURES / "sis_guardians.csv"), "enter")
        await settle(app, pilot)
        preview = _text(app, "#import-preview-text")
        assert "added      6 students, 7 guardians" in preview
        assert "line 6: no last name" in preview
        assert "Bus Route" in preview
        assert memory_store.students.count() == 0  # nothing saved before confirming
        await pilot.press("y")
        await settle(app, pilot)
        assert memory_store.students.count() == 6 and memory_store.guardians.count() == 7
        assert "Imported: 6 added" in _text(app, "#import-status")
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "RosterScreen"
        assert "6 students" in _text(app, "#roster-status")


async def test_import_from_the_palette_escape_cancels(memory_store):
    app = make_app(memory_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"Import a roster")
        await settle(app, pilot)  # the palette's search is a worker
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ImportRosterScreen"
        await pilot.press(*str(FIXTURES / "oneroster12"), "enter")
        await settle(app, pilot)
        assert "added      4 students, 3 guardians" in _text(app, "#import-preview-text")
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "RosterScreen"
        assert memory_store.students.count() == 0


async def test_nothing_to_import_says_so(memory_store):
    from teacherdesk.importing import apply_import, read_roster

    apply_import(memory_store, read_roster(FIXTURES / "sis_semicolon.csv"))
    app = make_app(memory_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_import_roster()
        await pilot.pause()
        await pilot.press(*str(FIXTURES / "sis_semicolon.csv"), "enter")
        await settle(app, pilot)
        assert "Nothing to import" in _text(app, "#import-status")
        await pilot.press("y")
        await settle(app, pilot)
        assert memory_store.students.count() == 3
