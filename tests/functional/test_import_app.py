"""Roster import as a teacher does it: from the roster (`i`), the palette, and the command line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from textual.widgets import Input, Static

from tests.helpers import make_app, teacherdesk_cmd

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def test_import_from_the_roster_preview_confirm_and_see_students(memory_store):
    app = make_app(memory_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        app.screen.query_one("#roster-table").focus()
        await pilot.press("i")
        await pilot.pause()
        assert type(app.screen).__name__ == "ImportRosterScreen"
        assert isinstance(app.focused, Input)
        # A wrong path says so in one sentence and keeps what was typed.
        await pilot.press(*"/no/such/roster.csv", "enter")
        await _settle(app, pilot)
        assert "does not exist" in _text(app, "#import-status")
        assert app.screen.query_one("#import-path", Input).value == "/no/such/roster.csv"
        app.screen.query_one("#import-path", Input).value = ""
        await pilot.press(*str(FIXTURES / "sis_guardians.csv"), "enter")
        await _settle(app, pilot)
        preview = _text(app, "#import-preview-text")
        assert "added      6 students, 7 guardians" in preview
        assert "line 6: no last name" in preview
        assert "Bus Route" in preview
        assert memory_store.students.count() == 0  # nothing saved before confirming
        await pilot.press("y")
        await pilot.pause(0.2)
        await _settle(app, pilot)
        assert memory_store.students.count() == 6 and memory_store.guardians.count() == 7
        assert "Imported: 6 added" in _text(app, "#import-status")
        await pilot.press("escape")
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "RosterScreen"
        assert "6 students" in _text(app, "#roster-status")


async def test_import_from_the_palette_escape_cancels(memory_store):
    app = make_app(memory_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        await pilot.press("ctrl+p", *"Import a roster")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ImportRosterScreen"
        await pilot.press(*str(FIXTURES / "oneroster12"), "enter")
        await _settle(app, pilot)
        assert "added      4 students, 3 guardians" in _text(app, "#import-preview-text")
        await pilot.press("escape")
        await _settle(app, pilot)
        assert type(app.screen).__name__ == "RosterScreen"
        assert memory_store.students.count() == 0


async def test_nothing_to_import_says_so(memory_store):
    from teacherdesk.importing import apply_import, read_roster

    apply_import(memory_store, read_roster(FIXTURES / "sis_semicolon.csv"))
    app = make_app(memory_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        app.action_import_roster()
        await pilot.pause()
        await pilot.press(*str(FIXTURES / "sis_semicolon.csv"), "enter")
        await _settle(app, pilot)
        assert "Nothing to import" in _text(app, "#import-status")
        await pilot.press("y")
        await _settle(app, pilot)
        assert memory_store.students.count() == 3


def _run(env, *args):
    return subprocess.run(
        [*teacherdesk_cmd(), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_cli_import_dry_run_exit_codes(cli_env, tmp_path):
    data = Path(cli_env["TEACHERDESK_DATA"])
    dry = _run(cli_env, "import", str(FIXTURES / "sis_guardians.csv"), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "added      6 students, 7 guardians" in dry.stdout
    assert "line 6: no last name" in dry.stdout and "Bus Route" in dry.stdout
    assert "nothing was saved" in dry.stdout
    assert not data.exists()  # --dry-run writes nothing

    done = _run(cli_env, "import", str(FIXTURES / "oneroster11.zip"))
    assert done.returncode == 0, done.stderr
    assert "added      3 students, 3 guardians" in done.stdout
    assert "users.csv line 6: no last name" in done.stdout
    before = data.read_bytes()
    dry_again = _run(cli_env, "import", str(FIXTURES / "sis_guardians.csv"), "--dry-run")
    assert dry_again.returncode == 0 and data.read_bytes() == before

    again = _run(cli_env, "import", str(FIXTURES / "oneroster11"))
    assert "added      0 students, 0 guardians" in again.stdout
    assert "updated    0 students, 0 guardians" in again.stdout
    roster = json.loads(_run(cli_env, "roster", "--json").stdout)
    assert len(roster) == 3
    shared = [g["id"] for s in roster for g in s["guardians"] if g["name"] == "Marlow Thistlewood"]
    assert len(shared) == 2 and len(set(shared)) == 1

    (tmp_path / "colours.csv").write_text("Colour,Size\nred,3\n")
    for bad in (tmp_path / "missing.csv", tmp_path / "colours.csv", tmp_path):
        result = _run(cli_env, "import", str(bad))
        assert result.returncode == 2, (bad, result.stderr)
        assert result.stderr.startswith("teacherdesk: ") and "Traceback" not in result.stderr

    damaged = tmp_path / "damaged.json"
    damaged.write_text("{not json")
    result = _run(cli_env, "--data", str(damaged), "import", str(FIXTURES / "sis_semicolon.csv"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert damaged.read_text() == "{not json"
