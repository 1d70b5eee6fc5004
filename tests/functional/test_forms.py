"""Forms under a real user's hands: keys in bursts (SSH), long pastes, clear messages."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from tests.helpers import make_app, settle, typing_paused, wait_until


def burst(app, keys: list[str]) -> None:
    """Keys as a terminal delivers them over SSH: all queued before the first is handled."""
    names = {" ": "space", "\n": "enter"}
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(names.get(key, key), character))


async def open_contact_form(app, pilot, store):
    from teacherdesk.ui.forms.contact_form import open_contact_form

    student = sorted(store.students.all(), key=lambda s: s.last_name)[0]
    open_contact_form(app, student.id)
    await settle(app, pilot)
    assert type(app.screen).__name__ == "ContactForm"
    return student


async def test_contact_form_picks_the_channel_with_one_key(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_contact_form(app, pilot, demo_store)
        # It opens on "How": one letter picks the channel and moves on to "With"; tab keeps
        # the first guardian; then the summary. Keys in one burst, as over SSH.
        assert app.focused.id == "contact-channel"
        burst(app, ["t", "tab", *"Called home"])
        summary = app.screen.query_one("#contact-summary", TextArea)
        await wait_until(pilot, lambda: len(summary.text) >= len("Called home"))
        assert app.screen.query_one("#contact-summary", TextArea).text == "Called home"
        assert app.screen.query_one("#contact-channel").value == "text"


async def test_keys_typed_right_after_tab_are_kept(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_contact_form(app, pilot, demo_store)
        # From "How": two tabs, the summary, three tabs (about, outcome) and the follow-up,
        # all in one burst.
        assert app.focused.id == "contact-channel"
        burst(app, ["tab"] * 2 + list("typed ahead") + ["tab"] * 3 + list("call back"))
        follow_what = app.screen.query_one("#contact-follow-what")
        await wait_until(pilot, lambda: len(follow_what.value) >= len("call back"))
        await typing_paused(app, pilot)
        assert app.screen.query_one("#contact-summary", TextArea).text == "typed ahead"
        assert app.screen.query_one("#contact-follow-what").value == "call back"


async def test_a_long_paste_typed_key_by_key_is_checked_once_and_kept(demo_store, typing_pause):
    """Without bracketed paste every character is a key: the form must not re-check per key."""
    typing_pause.check = 3600  # typing never pauses on its own here: the test says when
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_contact_form(app, pilot, demo_store)
        form = app.screen
        form.query_one("#contact-summary", TextArea).focus()
        checks = []
        real_validate = form._validate
        form._validate = lambda: checks.append(1) or real_validate()
        form._check_soon._callback = form._validate
        # 20,000 characters already there (a bracketed paste), then 1,500 more as single keys
        line = ("reading log " * 6)[:69] + "\n"
        form.query_one("#contact-summary", TextArea).insert(line * 290)
        typed = (line * 22)[:1500]
        burst(app, list(typed))
        summary = form.query_one("#contact-summary", TextArea)
        await wait_until(pilot, lambda: len(summary.text) >= 290 * 70 + 1500)
        await typing_paused(app, pilot)
        assert len(summary.text) == 290 * 70 + 1500  # nothing typed is lost
        assert len(checks) <= 3  # checked when typing paused, not 1,500 times
        problem = str(form.query_one("#contact-problem").content)
        assert "too long" in problem and "at most 20,000" in problem


async def test_a_refused_plan_repeats_the_date_fields_own_words(demo_store):
    from textual.widgets import Static

    from teacherdesk.ui.forms.conference_plan import ConferencePlanScreen
    from teacherdesk.ui.widgets.date_input import DateInput

    app = make_app(demo_store, start="conferences")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        student = sorted(demo_store.students.all(), key=lambda s: s.last_name)[0]
        app.push_screen(ConferencePlanScreen(student, demo_store.guardians.for_student(student.id)))
        await settle(app, pilot)
        screen = app.screen
        date_input = screen.query_one("#plan-date", DateInput)
        date_input.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"31/31", "f10")
        await typing_paused(app, pilot)
        field_says = str(date_input.query_one(".date-hint", Static).content)
        assert "'31/31' is not a real date" in field_says
        status = str(screen.query_one(".form-status", Static).content)
        assert field_says in status and status.startswith("Not saved yet")
        assert not app._notifications  # nothing floats over the fields
        assert app.screen is screen


async def test_slash_only_moves_to_the_filter_never_typed(demo_store):
    from textual.widgets import Input

    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"zoe")
        assert app.screen.query_one("#roster-filter", Input).value == "zoe"
        await pilot.press("slash", *"y")  # already in the filter: still not typed
        assert app.screen.query_one("#roster-filter", Input).value == "zoey"
        await pilot.press("f4")
        await settle(app, pilot)
        await pilot.press("slash", *"ann")
        assert app.screen.query_one("#contacts-student", Input).value == "ann"
        app.screen.query_one("#f-since").focus()
        await pilot.press(*"11/2")  # in a date, "/" is typed
        assert app.screen.query_one("#f-since").text == "11/2"


async def test_every_title_bar_shows_the_screens_name(demo_file):
    from teacherdesk.store import Store
    from teacherdesk.ui.app import PLACES

    app = make_app(Store.open(demo_file, author="tester"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for place in PLACES:
            await pilot.press(place.key)
            await settle(app, pilot)
            shown = str(app.screen.query_one("HeaderTitle").render())
            # Contacts also says which school years it lists ("Contacts · This year · 2026-27")
            assert shown.split(" · ")[0] == f"teacherdesk — {place.title}", place.mode
            assert str(demo_file) not in shown
        await pilot.press("f1")
        await settle(app, pilot)
        assert str(demo_file) in app.screen.query_one("Markdown").source


def test_one_formatter_and_one_owner_word():
    import datetime as dt

    from teacherdesk.domain.dates import exact_time
    from teacherdesk.ui.widgets.followup_table import owner_word

    when = dt.datetime(2026, 12, 7, 17, 30)
    assert exact_time(when) == "Mon 7 Dec 5:30 pm"
    assert exact_time(when, year=True) == "Mon 7 Dec 2026 5:30 pm"
    assert [owner_word(w) for w in ("", "teacher", "You", "family")] == [
        "you",
        "you",
        "you",
        "family",
    ]


async def test_todays_follow_ups_fit_80_columns(demo_store):
    from textual.widgets import DataTable

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#today-follow-ups", DataTable)
        widths = sum(column.get_render_width(table) for column in table.columns.values())
        assert widths <= 80 - 2  # the scrollbar
        for row in range(table.row_count):
            what = str(table.get_row_at(row)[2])
            assert len(what) <= table.columns[list(table.columns)[2]].width  # nothing cut
        conferences = app.screen.query_one("#today-conferences", DataTable)
        assert str(conferences.get_row_at(0)[0]) == "Tue 24 Nov 5:30 pm"


async def test_tick_boxes_say_ticked_or_not_without_colour(demo_store):
    from teacherdesk.ui.widgets.tick_box import TickBox

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_contact_form(app, pilot, demo_store)
        box = app.screen.query_one("#contact-restricted", TickBox)
        assert str(box.render()).startswith("[ ] Restricted")
        box.focus()
        await pilot.press("space")
        assert box.value and str(box.render()).startswith("[X] Restricted")


async def test_a_phone_type_without_a_number_is_said_not_dropped(demo_store):
    from textual.widgets import Input, Static

    from teacherdesk.ui.forms.guardian_form import GuardianForm

    student = sorted(demo_store.students.all(), key=lambda s: s.last_name)[0]
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        before = demo_store.guardians.count()
        app.push_screen(GuardianForm(None, student_id=student.id, student_name="Kid"))
        await settle(app, pilot)
        form = app.screen
        await pilot.press(*"Hiro Example")
        form.query_one("#f-phones-1-label", Input).value = "cell"
        await typing_paused(app, pilot)
        assert str(form.query_one("#e-phones-1", Static).content) == (
            "Add the number or clear the type."
        )
        await pilot.press("f10")
        await settle(app, pilot)
        assert app.screen is form and demo_store.guardians.count() == before
        assert app.focused.id == "f-phones-1-number"
        await pilot.press(*"555-0100", "f10")
        await settle(app, pilot)
        [hiro] = [g for g in demo_store.guardians.all() if g.name == "Hiro Example"]
        assert [(p.label, p.number) for p in hiro.phones] == [("cell", "555-0100")]


async def test_settings_asks_once_before_leaving_unsaved_changes(demo_store):
    from textual.widgets import Static

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_settings()
        await settle(app, pilot)
        await pilot.press("escape")  # nothing changed: leaves at once
        await settle(app, pilot)
        assert type(app.screen).__name__ == "TodayScreen"
        app.action_settings()
        await settle(app, pilot)
        await pilot.press("tab", "end", *" Annex", "escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "SettingsScreen"
        assert "not saved" in str(app.screen.query_one("#settings-problem", Static).content)
        await pilot.press("f10")
        await settle(app, pilot)
        assert demo_store.settings.load().school.endswith(" Annex")
        assert type(app.screen).__name__ == "TodayScreen"


def footer_shows(app) -> list[str]:
    """The footer's keys wholly inside 80 columns (a clipped key is not shown)."""
    from textual.widgets._footer import FooterKey

    return [
        f"{key.key_display or key.key} {key.description}".strip()
        for key in app.screen.query(FooterKey)
        if key.region.width and key.region.right <= 80
    ]


async def test_footers_fit_80_columns_most_important_first(demo_store):
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("down")  # in the table (typing goes to the filter otherwise)
        await settle(app, pilot)
        shown = " · ".join(footer_shows(app))
        for key in ("Filter", "Add", "Help", "Note"):
            assert key in shown, shown
        app.open_student(sorted(demo_store.students.all(), key=lambda s: s.last_name)[0].id)
        await settle(app, pilot)
        shown = " · ".join(footer_shows(app))
        for key in ("Note", "Conference", "Edit", "Guardian", "Input", "Interview", "Packet"):
            assert key in shown, shown
        assert "Help" in shown, shown
        await pilot.press("f6")
        await settle(app, pilot)
        await pilot.press("down", "down", "a")
        for _ in range(50):
            await settle(app, pilot)
            if type(app.screen).__name__ == "AttendanceScreen":
                break
        shown = " · ".join(footer_shows(app))
        for key in ("Save", "Came", "Help"):
            assert key in shown, shown


async def test_contacts_filter_results_apply_only_while_current(demo_store):
    from textual.widgets import Input

    from teacherdesk.domain.contacts import ContactFilter
    from teacherdesk.ui.screens.contacts import Page

    app = make_app(demo_store, start="contacts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        total = len(screen.shown)
        await pilot.press("slash", *"zzzz")
        await settle(app, pilot)
        assert screen.shown == []
        # a late result for an older filter ("" = everything) is dropped
        screen._fill_if_current(ContactFilter(text=""), screen.rows, screen.rows, Page([], 0))
        assert screen.shown == [] and total > 0
        assert screen.query_one("#contacts-student", Input).value == "zzzz"
