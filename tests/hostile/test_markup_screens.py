"""Item 1: names like `[/]`, `[b]x`, `[@click=app.quit]`, `[sic]` in every field never crash a
screen and are shown literally (a DataTable cell, a Static, a Label, an option or a notification
never parses them as markup)."""

from __future__ import annotations

import pytest

from teacherdesk.store import Store
from tests.helpers import make_app
from tests.hostile.poison import markup_demo
from tests.hostile.screen_text import screen_text

pytestmark = pytest.mark.slow

# mode → keys that open each screen, form and dialog reachable from it (escape closes each).
WALKS = {
    "today": ["enter", "u"],
    "roster": ["enter", "a"],
    "contacts": ["enter", "e", "u"],
    "conferences": ["down", "p", "r", "e", "f", "n"],
    "engagement": ["e", "a", "n"],
    "iep": ["enter", "p", "r", "x", "i"],
}


@pytest.fixture(scope="module")
def marked_data() -> dict:
    store = markup_demo(Store.memory(author="tester"))
    return store.storage.read()


def _store(data: dict) -> Store:
    import copy

    store = Store.memory(author="tester")
    with store.transaction():
        store.storage.write(copy.deepcopy(data))
    return store


async def _settle(app, pilot, *, read: bool = False) -> str:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen_text(app) if read else ""


def _literal(text: str) -> bool:
    """The payload is on screen as typed ("[sic]" kept, "[b]" not turned into bold)."""
    return "[sic]" in text or "[@click=app.quit]" in text or "[b]x" in text


@pytest.mark.parametrize("mode", list(WALKS))
async def test_every_screen_shows_markup_names_literally(marked_data, mode):
    app = make_app(_store(marked_data), start=mode)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        text = await _settle(app, pilot, read=True)
        assert _literal(text), text
        for key in WALKS[mode]:
            await pilot.press(key)
            await _settle(app, pilot)
            assert app.is_running, f"{key!r} on {mode}: a name became an action"
            while len(app.screen_stack) > 1:
                await pilot.press("escape")
                await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("iep", [True, False], ids=["iep-student", "student"])
async def test_student_screen_and_its_forms(marked_data, iep):
    store = _store(marked_data)
    app = make_app(store, start="roster")
    student = next(s for s in store.students.all() if s.has_iep == iep)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.open_student(student.id)
        text = await _settle(app, pilot, read=True)
        assert "[sic]" in text and student.last_name.split()[0] in text, text
        keys = ("e", "n", "c", "g", "p", "x") if iep else ("e", "n", "tab", "t", "m", "s")
        for key in keys:
            await pilot.press(key)
            await _settle(app, pilot)
            assert app.is_running, f"{key!r}: a name became an action"
            while len(app.screen_stack) > 2:
                await pilot.press("escape")
                await pilot.pause()
        assert app.is_running
