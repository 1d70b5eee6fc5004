"""`s` pressed before a preview is built waits for it: the file is named after the student,
never the fallback "teacherdesk.md" (the key-budget test caught it on a loaded machine)."""

from __future__ import annotations

import threading

from textual.widgets import Input

from teacherdesk.ui.screens.document_preview import SavePrompt
from teacherdesk.ui.screens.packet_preview import PacketPreviewScreen
from tests.helpers import family_store, make_app, settle


async def test_save_pressed_while_the_packet_is_being_built_names_it_after_the_student(
    memory_store, monkeypatch
):
    student, _iep = family_store(memory_store)
    release = threading.Event()
    real_build = PacketPreviewScreen.build

    def slow_build(self, fmt):
        release.wait(10)  # the machine is busy: the preview is not there yet
        return real_build(self, fmt)

    monkeypatch.setattr(PacketPreviewScreen, "build", slow_build)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PacketPreviewScreen(student.id))
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, SavePrompt)  # nothing to name it after yet
        release.set()
        await settle(app, pilot, until=lambda: isinstance(app.screen, SavePrompt))
        default = app.screen.query_one("#save-path", Input).value
        assert default.endswith(".md") and "iep-packet" in default
        assert not default.endswith("teacherdesk.md")
