"""Keys typed before a screen is ready are held and handed over in order, tab and F-keys (the
app's priority bindings) too: a burst over SSH lands where the teacher meant it."""

from __future__ import annotations

import threading

import pytest
from textual import events

from teacherdesk.models import Guardian, Student
from tests.functional.test_fast_typing import burst
from tests.helpers import make_app, settle, wait_until


@pytest.fixture(autouse=True)
def _no_give_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app stops holding keys after a few seconds whatever happens (a safety net); on a
    busy test machine that net must not be what decides where the keys go."""
    import teacherdesk.ui.held_keys as app_module

    monkeypatch.setattr(app_module, "HOLD_KEYS_AT_MOST", 60.0)
    monkeypatch.setattr(app_module, "KEY_IN_FLIGHT_AT_MOST", 60.0)


def small_class(store) -> Student:
    kid = store.students.save(Student(first_name="Saoirse", last_name="Quill"))
    store.guardians.save(Guardian(name="Nora Quill", student_ids=[kid.id]))
    return kid


async def test_tab_and_words_typed_with_n_and_the_name_reach_the_summary(memory_store):
    """`n`, the name, enter, tab, tab and the summary in one burst: the form opens after a load
    in a thread, and the tabs must wait for it (else the form's own first focus undoes them)."""
    small_class(memory_store)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        burst(app, "nsaoirse\r\t\tSpoke with grandma")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ContactForm", "the form")
        await settle(app, pilot)
        summary = app.screen.query_one("#contact-summary")
        assert summary.text == "Spoke with grandma"
        assert app.focused is summary


async def test_keys_pressed_on_today_before_its_rows_load_act_on_the_rows(
    memory_store, monkeypatch
):
    """Today paints its frame before its data; `down`, `enter` typed meanwhile wait for the rows
    and open the second family's student, not nothing (or the first)."""
    import teacherdesk.ui.screens.today as today_screen

    for first, last in (("Ada", "Birch"), ("Cy", "Dale")):
        kid = memory_store.students.save(Student(first_name=first, last_name=last))
        memory_store.guardians.save(Guardian(name=f"Pat {last}", student_ids=[kid.id]))
    release = threading.Event()
    real_build = today_screen.build_today

    def build_when_released(store, day):
        release.wait(timeout=10)
        return real_build(store, day)

    monkeypatch.setattr(today_screen, "build_today", build_when_released)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "TodayScreen", "Today")
        await pilot.pause()
        # the first frame: what it is waiting for, no titles yet (rows would push them down)
        assert "Reading" in str(app.screen.query_one("#today-heading").content)
        assert not app.screen.query_one("#today-stale-title").display
        await pilot.press("down", "enter")
        release.set()
        await settle(app, pilot, lambda: type(app.screen).__name__ == "StudentScreen")
        assert memory_store.students.get(app.screen.student_id).display_name == "Cy Dale"


async def test_f10_typed_right_after_the_summary_saves_it_whole(memory_store):
    """A whole note in one burst, F10 last: F10 is acted on by the app the moment it is read,
    and must wait for the summary's letters still queued in the field (it saved an empty
    summary, refused, before)."""
    kid = small_class(memory_store)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        burst(app, "nsaoirse\rp\tSpoke with grandma")
        app.post_message(events.Key("f10", None))
        await wait_until(pilot, lambda: memory_store.contacts.all(), "the note saved")
        (note,) = memory_store.contacts.all()
        assert note.student_id == kid.id
        assert (note.channel, note.summary) == ("phone", "Spoke with grandma")


async def test_keys_already_queued_when_held_keys_are_handed_over_stay_behind_them(demo_store):
    """Held keys are handed over by queueing them again; keys the terminal had delivered in the
    meantime were already in the queue and went first ("oirseSa" for "Saoirse"; at launch, and
    in a picker that became ready mid-word, the first letters landed in the next form)."""
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.hold_keys_until_next_screen()
        burst(app, "Sa")
        app.call_later(app.release_held_keys)  # the screen becomes ready between two reads
        burst(app, "oirse")
        await settle(app, pilot)
        assert app.screen.query_one("#roster-filter").value == "Saoirse"


def test_text_fields_are_told_by_class_without_importing_them():
    """Starting the app imports neither Input nor TextArea for the held-keys check, and the
    check still knows them and the fields made from them."""
    from textual.widgets import Input, Static, TextArea

    from teacherdesk.ui.held_keys import _is_text_field

    class NameField(Input):
        pass

    assert _is_text_field(Input()) and _is_text_field(TextArea()) and _is_text_field(NameField())
    assert not _is_text_field(Static()) and not _is_text_field(None)
