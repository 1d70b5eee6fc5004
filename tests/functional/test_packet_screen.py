"""The packet preview in the app: restricted toggle, save (file + notification), recap, snapshot."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from textual.widgets import Input, Markdown, Static

from teacherdesk.exports.recap import export_recap, gather_recap
from teacherdesk.store import Store
from teacherdesk.ui.screens.packet_preview import PacketPreviewScreen, RecapPreviewScreen
from tests.helpers import SECRET, TODAY, make_app, open_screen


@pytest.fixture
def store(packet_store: Store) -> Store:
    return packet_store


async def test_preview_toggle_and_save(store: Store, tmp_path: Path) -> None:
    app = make_app(store)
    notes: list[str] = []
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        screen = PacketPreviewScreen("s1")
        await open_screen(app, pilot, screen)
        state = str(app.screen.query_one("#preview-state", Static).content)
        assert "Restricted notes are left out" in state
        assert SECRET not in screen.markdown
        assert "IEP team packet: Zoë \\*Star\\*" in screen.markdown
        assert app.screen.query_one("#preview-markdown", Markdown).source == screen.markdown

        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "RESTRICTED NOTES INCLUDED" in str(app.screen.query_one("#preview-state").content)
        assert SECRET in screen.markdown

        await pilot.press("s")
        await pilot.pause()
        path_input = app.screen.query_one("#save-path", Input)
        assert path_input.value.endswith("iep-packet-zoe-star-b-bright-b-2026-11-16.md")
        target = tmp_path / "out" / "packet.html"
        path_input.value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        page = target.read_text()
        assert page.startswith("<!DOCTYPE html>") and SECRET in page and "<b>" not in page
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert any(str(target) in note and "Saved" in note for note in notes), notes


async def test_save_failure_says_so_and_keeps_the_path(store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    app = make_app(store)
    notes: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await open_screen(app, pilot, PacketPreviewScreen("s1"))
        await pilot.press("s")
        await pilot.pause()
        bad = str(blocker / "packet.md")  # a file where a folder should be
        app.screen.query_one("#save-path", Input).value = bad
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(note.startswith(f"Could not save to {bad}") for note in notes), notes
        assert app.screen.query_one("#save-path", Input).value == bad  # offered again
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PacketPreviewScreen)


async def test_restricted_default_is_left_out_in_saved_markdown(
    store: Store, tmp_path: Path
) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, PacketPreviewScreen("s1"))
        await pilot.press("s")
        await pilot.pause()
        target = tmp_path / "p.md"
        app.screen.query_one("#save-path", Input).value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = target.read_text()
        assert text.startswith("# IEP team packet") and SECRET not in text


async def test_recap_from_the_preview(store: Store, tmp_path: Path) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, PacketPreviewScreen("s1"))
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # the language: the family's
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RecapPreviewScreen)
        assert "What we celebrated" in app.screen.markdown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PacketPreviewScreen)


async def test_x_on_the_student_screen_opens_the_preview(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_student("s1")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, PacketPreviewScreen)
        assert app.screen.student_id == "s1"


def test_recap_is_for_the_family_and_escaped(store: Store) -> None:
    data = gather_recap(store, "c1")
    text = export_recap(data, today=TODAY)
    assert text.startswith("# Our conference about Zoë \\*Star\\*")
    assert "Dear Ana Ruiz," in text
    assert "Reads \\*every\\* night" in text
    assert "- **You (at home):** Reading log \\<daily\\>, by Mon 16 Nov 2026" in text
    assert "We plan to meet again on Wed 16 Dec 2026." in text
    assert SECRET not in text and "Great week" not in text
    page = export_recap(data, today=TODAY, fmt="html")
    assert "&lt;daily&gt;" in page and "<daily>" not in page
