"""Forms under a real user's hands: keys in bursts (SSH), long pastes, clear messages."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from tests.conftest import make_app


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def burst(app, keys: list[str]) -> None:
    """Keys as a terminal delivers them over SSH: all queued before the first is handled."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def open_contact_form(app, pilot, store):
    from teacherdesk.screens.contact_form import open_contact_form

    student = sorted(store.students.all(), key=lambda s: s.last_name)[0]
    open_contact_form(app, student.id)
    await settle(app, pilot)
    assert type(app.screen).__name__ == "ContactForm"
    return student


async def test_contact_form_opens_on_the_summary(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_contact_form(app, pilot, demo_store)
        assert app.focused.id == "contact-summary"
        burst(app, list("Called home"))
        await pilot.pause(0.2)
        assert app.screen.query_one("#contact-summary", TextArea).text == "Called home"


async def test_keys_typed_right_after_tab_are_kept(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_contact_form(app, pilot, demo_store)
        # Back to the guardian, then six tabs and the summary in one burst.
        burst(app, ["shift+tab"] * 6)
        await pilot.pause(0.2)
        assert app.focused.id == "contact-guardian"
        burst(app, ["tab"] * 6 + list("typed ahead") + ["tab"] + list("call back"))
        await pilot.pause(0.3)
        assert app.screen.query_one("#contact-summary", TextArea).text == "typed ahead"
        assert app.screen.query_one("#contact-follow-what").value == "call back"
