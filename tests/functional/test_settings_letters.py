"""Settings hold how families reach the teacher and the calendar's time zone (issue 12)."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.functional.test_forms import settle
from tests.helpers import make_app


async def test_settings_save_phone_email_room_reply_and_time_zone(memory_store):
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_settings()
        await settle(app, pilot)
        screen = app.screen
        values = {
            "teacher_phone": "555-0190",
            "teacher_email": "t.oyelaran@example.org",
            "room": "14",
            "reply_how": "a note in the folder",
            "time_zone": "Mars/Base",
        }
        for name, value in values.items():
            screen.query_one(f"#settings-{name}", Input).value = value
        await pilot.pause()
        problem = str(screen.query_one("#settings-problem", Static).content)
        assert "not a time zone name" in problem
        screen.query_one("#settings-time_zone", Input).value = "America/Chicago"
        await pilot.press("f10")
        await settle(app, pilot)
        saved = memory_store.settings.load()
        assert (saved.teacher_phone, saved.teacher_email, saved.room) == (
            "555-0190",
            "t.oyelaran@example.org",
            "14",
        )
        assert (saved.reply_how, saved.time_zone) == ("a note in the folder", "America/Chicago")
