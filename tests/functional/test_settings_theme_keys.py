"""The theme and remapped keys come from settings: applied on opening, set in the Settings form.

A hand-edited settings entry that makes no sense never stops the app: the defaults stay.
"""

from __future__ import annotations

import json

from textual.widgets import Select, Static, TextArea

from teacherdesk.models import Settings
from teacherdesk.store import Store
from tests.helpers import make_app


async def settle(app, pilot) -> None:
    """Let loads and queued saves finish and their results reach the screens."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.saver.drain(timeout=10)
        await pilot.pause()


def screen_name(app) -> str:
    return type(app.screen).__name__


def with_settings(store: Store, **changes) -> Store:
    store.settings.save(store.settings.load().model_copy(update=changes))
    return store


async def test_the_theme_from_settings_is_the_apps_theme(demo_store):
    app = make_app(with_settings(demo_store, theme="nord"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.theme == "nord"


async def test_a_theme_textual_does_not_know_keeps_the_default(demo_store):
    app = make_app(with_settings(demo_store, theme="no-such-theme"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-dark"
        await pilot.press("f3")
        await settle(app, pilot)
        assert screen_name(app) == "RosterScreen"


async def test_remapped_keys_work_and_the_old_key_is_free(demo_store):
    keymap = {"go-contacts": "f9", "today-follow-ups": "f8", "no-such-binding": "f12"}
    app = make_app(with_settings(demo_store, keymap=keymap))  # opens on Today
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f8")  # a screen's own key, remapped from u
        await settle(app, pilot)
        assert screen_name(app) == "FollowUpsScreen"
        await pilot.press("escape", "f4")  # f4 no longer goes to Contacts ...
        await settle(app, pilot)
        assert screen_name(app) == "TodayScreen"
        await pilot.press("f9")  # ... f9 does
        await settle(app, pilot)
        assert screen_name(app) == "ContactsScreen"
        await pilot.press("f1")  # help shows the keys as remapped
        await settle(app, pilot)
        assert screen_name(app) == "HelpScreen"
        assert "| `f9` | Contacts:" in app.screen._text()


async def test_a_hand_edited_nonsense_keymap_does_not_stop_the_app(data_file):
    Store.open(data_file, author="tester").settings.save(Settings(teacher_name="Ms. Teach"))
    data = json.loads(data_file.read_text())
    data["settings"]["settings"]["keymap"] = ["go-roster", 3]
    data["settings"]["settings"]["theme"] = {"name": "nord"}
    data_file.write_text(json.dumps(data))
    store = Store.open(data_file, author="tester")
    assert store.settings.load().teacher_name == "Ms. Teach"  # the rest of settings kept
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-dark"
        await pilot.press("f3")
        await settle(app, pilot)
        assert screen_name(app) == "RosterScreen"


async def test_pick_a_theme_and_remap_a_key_in_the_settings_form(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_settings()
        await settle(app, pilot)
        assert screen_name(app) == "SettingsScreen"
        themes = app.screen.query_one("#settings-theme", Select)
        assert {"textual-light", "nord"} <= {value for _, value in themes._options}
        themes.value = "textual-light"
        keys = app.screen.query_one("#settings-keymap", TextArea)
        keys.text = "go-roster f3"  # no "=": refused with one sentence, nothing saved
        await pilot.press("f10")
        await settle(app, pilot)
        problem = str(app.screen.query_one("#settings-problem", Static).content)
        assert problem == "Keys, line 1: write it as  go-contacts = f4,ctrl+o"
        assert demo_store.settings.load().theme == "textual-dark"

        keys.text = "# my keys\ngo-roster = f9\n"
        await pilot.press("f10")
        await settle(app, pilot)
        assert screen_name(app) == "TodayScreen"
        saved = demo_store.settings.load()
        assert (saved.theme, saved.keymap) == ("textual-light", {"go-roster": "f9"})
        assert app.theme == "textual-light"
        await pilot.press("f9")
        await settle(app, pilot)
        assert screen_name(app) == "RosterScreen"

        app.action_settings()  # the form shows what is saved
        await settle(app, pilot)
        assert app.screen.query_one("#settings-theme", Select).value == "textual-light"
        assert app.screen.query_one("#settings-keymap", TextArea).text == "go-roster = f9"
