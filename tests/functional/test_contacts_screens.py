"""Contacts, the contact form, follow-ups, Today and Settings, driven by keyboard with Pilot."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from teacherdesk.domain.demo import DemoSize, build_demo
from teacherdesk.domain.family import family as family_of
from teacherdesk.models import ContactNote, Purpose
from teacherdesk.store import Store
from teacherdesk.ui.widgets.fit_table import FitTable
from tests.helpers import TODAY, make_app, settle, static_text, table_rows, wait_until


async def test_log_a_contact_by_keyboard_alone(demo_store):
    app = make_app(demo_store)
    before = demo_store.contacts.count()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert type(app.screen).__name__ == "TodayScreen"
        await pilot.press("n")  # not on a student: asks which one
        await settle(app, pilot)
        assert type(app.screen).__name__ == "StudentPicker"
        await pilot.press(*"saoirse", "enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ContactForm"
        # The form opens on "How" (guardian, date and channel are filled in): p picks the
        # phone and moves on to "With", where 2 picks the second guardian and moves on to the
        # summary; shift+tab goes back through the guardian to the channel.
        assert app.focused.id == "contact-channel"
        await pilot.press("p")
        assert app.focused.id == "contact-guardian"
        await pilot.press("2")
        assert app.focused.id == "contact-summary"
        await pilot.press(*["shift+tab"] * 2)
        assert app.focused.id == "contact-channel"
        await pilot.press(*["tab"] * 2)
        assert app.focused.id == "contact-summary"
        await pilot.press(*"Called about reading", "enter", *"second line")
        # about: c (concern) and on; outcome: n (no answer) and on to the follow-up
        await pilot.press("tab", "c", "n", *"Send the log home", "tab", *"fri")
        await pilot.press("f10")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "TodayScreen"
        assert demo_store.contacts.count() == before + 1
        [note] = demo_store.contacts.filter(lambda d: "Called about" in d.get("summary", ""))
        assert note.summary == "Called about reading\nsecond line"  # enter stayed a newline
        assert (note.channel, note.purpose, note.outcome) == ("phone", "concern", "no_answer")
        assert note.date == TODAY
        assert note.follow_up and note.follow_up.what == "Send the log home"
        assert note.follow_up.due == dt.date(2026, 11, 20)  # "fri" from Monday 16 Nov
        saoirse = demo_store.students.get(note.student_id)
        assert saoirse.first_name == "Saoirse"
        assert note.guardian_id == family_of(demo_store, saoirse.id)[1].id  # "2"
        # Today shows its follow-up (due Friday, this week); Contacts shows it first.
        assert any("Send the log home" in row[2] for row in table_rows(app, "#today-follow-ups"))
        await pilot.press("f4")
        await settle(app, pilot)
        first = table_rows(app, "#contacts-table")[0]
        assert "Saoirse" in first[1] and "Called about reading" in first[-1]


async def test_form_keeps_typed_text_on_a_problem(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("n", *"saoirse", "enter")
        await settle(app, pilot)
        await pilot.press("tab", "tab", *"Spoke with grandma")
        # on to the date (about, outcome, follow-up, due, date): not in the future
        await pilot.press(*["tab"] * 5, "ctrl+a", "ctrl+k", *"tomorrow")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ContactForm"
        assert "future" in static_text(app, "#contact-problem")
        assert app.focused.parent.id == "contact-date"
        assert app.screen.query_one("#contact-summary").text == "Spoke with grandma"
        await pilot.press("ctrl+a", "ctrl+k", *"today", "f10")
        await settle(app, pilot)
        assert demo_store.contacts.filter(lambda d: d.get("summary") == "Spoke with grandma")
        # escape twice discards, once only warns
        await pilot.press("n", *"saoirse", "enter")
        await settle(app, pilot)
        await pilot.press("tab", "tab", *"half typed", "escape")
        assert type(app.screen).__name__ == "ContactForm"
        assert "escape again" in static_text(app, "#contact-problem")
        await pilot.press("escape")
        assert type(app.screen).__name__ == "TodayScreen"


def by_id_name(store, student_id: str) -> str:
    return store.students.get(student_id).display_name


async def test_mark_a_follow_up_done_with_d(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#today-follow-ups")
        assert app.focused is table
        item = table.current_item()
        assert item is not None and item.due < TODAY
        await pilot.press("d")
        await settle(app, pilot)
        record = (
            demo_store.contacts.get(item.record_id)
            if item.source == "contact"
            else demo_store.conferences.get(item.record_id)
        )
        done = record.follow_up.done_on if item.source == "contact" else None
        if item.source != "contact":
            done = next(a.done_on for a in record.actions if a.id == item.action_id)
        assert done == TODAY
        assert item.key not in app.screen.query_one("#today-follow-ups").items
        # the note names the student and offers the undo; u takes it back
        name = by_id_name(demo_store, item.student_id)
        assert any(name in n.message and "u undoes" in n.message for n in app._notifications)
        await pilot.press("u")
        await settle(app, pilot)
        assert item.key in table.items
        table.move_to(item.key)
        await pilot.press("d")
        await settle(app, pilot)
        # the full list (a) shows it done; d again reopens it
        await pilot.press("a")
        await settle(app, pilot)
        full = app.screen.query_one("#follow-ups-table")
        full.move_cursor(row=full.get_row_index(item.key))
        assert "done" in table_rows(app, "#follow-ups-table")[full.cursor_row][0]
        await pilot.press("d")
        await settle(app, pilot)
        assert "late" in table_rows(app, "#follow-ups-table")[full.cursor_row][0]


async def test_editing_a_note_keeps_history_visible(demo_store):
    app = make_app(demo_store, start="contacts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        note_id = screen.selected_note_id()
        original = demo_store.contacts.get(note_id)
        await pilot.press("e")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ContactForm"
        assert app.focused.id == "contact-summary"
        await pilot.press(*" Mother will call back.", "f10")
        await settle(app, pilot)
        saved = demo_store.contacts.get(note_id)
        assert saved.summary.endswith("Mother will call back.")
        assert len(saved.history) == 1 and saved.history[0]["summary"] == original.summary
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ContactDetail"
        text = static_text(app, "#contact-detail-text")
        assert "Earlier versions (1)" in text
        assert original.summary[:30] in text and "by tester" in text


async def test_restricted_notes_are_marked(memory_store):
    student = build_small(memory_store)
    memory_store.contacts.save(
        ContactNote(student_id=student, date=TODAY, summary="private matter", restricted=True)
    )
    app = make_app(memory_store, start="contacts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert table_rows(app, "#contacts-table")[0][4].startswith("[R] private")


def build_small(store: Store) -> str:
    from teacherdesk.models import Student

    return store.students.save(Student(first_name="Ada", last_name="Small")).id


async def test_filters_narrow_the_list(demo_store):
    app = make_app(demo_store, start="contacts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        listed = static_text(app, "#contacts-status")  # "19 contacts, newest first …"
        total = int(listed.split()[0])
        first_rows = table_rows(app, "#contacts-table")
        await pilot.press("slash", *"saoirse")
        await settle(app, pilot)
        rows = table_rows(app, "#contacts-table")
        assert 0 < len(rows) < total and all("Saoirse" in r[1] for r in rows)
        assert static_text(app, "#contacts-status").startswith(f"{len(rows)} of {total} ")
        app.screen.query_one("#f-purpose").value = Purpose.POSITIVE.value
        await settle(app, pilot)
        assert all(r[2] == "positive" for r in table_rows(app, "#contacts-table"))
        await pilot.press("escape")
        await settle(app, pilot)
        assert static_text(app, "#contacts-status") == listed
        now = table_rows(app, "#contacts-table")  # the rows that fill the table (more below)
        assert len(now) >= 8 and now == first_rows[: len(now)]


async def test_the_columns_stay_put_while_a_name_is_typed(demo_store):
    """Names keep the width of the longest name listed, filtered or not: the columns do not
    jump at each letter (nor is the table built again)."""
    app = make_app(demo_store, start="contacts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#contacts-table", FitTable)
        widths = dict(table.widths)
        for name in ("mei", "saoirse", "emeka"):
            await pilot.press("slash", *name)
            await settle(app, pilot)
            rows = table_rows(app, "#contacts-table")
            assert rows and all(name in r[1].lower() for r in rows), (name, rows[:2])
            assert table.widths == widths
            await pilot.press("escape")
            await settle(app, pilot)


async def test_keys_typed_while_contacts_opens_go_into_the_filter(demo_store):
    from textual.widgets import Input

    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#roster-table").focus()
        await pilot.pause()
        await pilot.press("f4", *"saoirse")  # typed before the screen has finished mounting
        await settle(app, pilot)
        assert app.screen.query_one("#contacts-student", Input).value == "saoirse"
        rows = table_rows(app, "#contacts-table")
        assert rows and all("Saoirse" in r[1] for r in rows)
        await pilot.press("down")  # back to the list; its keys work again
        assert app.focused is app.screen.query_one("#contacts-table")
        await pilot.press("escape", *"ada")  # letters on the list start a new filter
        assert app.screen.query_one("#contacts-student", Input).value == "ada"


async def test_settings_from_the_palette(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"Settings")
        await settle(app, pilot)  # the palette's search is a worker
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "SettingsScreen"
        await pilot.press("tab", "tab", "tab", "tab", "ctrl+a", "ctrl+k", *"10", "f10")
        await settle(app, pilot)
        assert demo_store.settings.load().stale_after_days == 10
        assert "not contacted in 10 days" in static_text(app, "#today-stale-title")


# --- a big file: opens at once, never blocks typing ---------------------------------------------


@pytest.fixture(scope="module")
def big_store() -> Store:
    store = Store.memory(author="tester")
    build_demo(store, DemoSize(students=180, notes=10_000), today=TODAY)
    return store


async def test_ten_thousand_notes_first_frame_before_loading(big_store, monkeypatch):
    import teacherdesk.ui.screens.contacts as contacts

    release = threading.Event()
    real_list = contacts.list_contacts

    def slow_list(*args, **kwargs):
        release.wait(10)
        return real_list(*args, **kwargs)

    monkeypatch.setattr(contacts, "list_contacts", slow_list)
    app = make_app(big_store, start="contacts")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert static_text(app, "#contacts-status") == "Loading contacts…"
        await pilot.press("slash", *"zz")  # typing works while the notes load
        assert app.screen.query_one("#contacts-student").value == "zz"
        await pilot.press("ctrl+a", "backspace", "escape")

        # How long the event loop pauses is a benchmark figure (benchmarks/run.py), not a test.
        release.set()
        table = app.screen.query_one("#contacts-table", FitTable)
        status = "#contacts-status"
        await wait_until(pilot, lambda: "10,000 contacts" in static_text(app, status))
        await settle(app, pilot)
        assert "10,000 contacts" in static_text(app, status)
        # One page is built; the table takes the rows that fill it, the rest as the cursor
        # goes down, and the next page is built as it nears the end of this one.
        assert table.given == contacts.PAGE
        assert table.size.height // 2 <= table.row_count < contacts.PAGE
        assert app.focused is table
        for _ in range(3):  # the rest of this page, then the next one
            await pilot.press("ctrl+end")
            await settle(app, pilot)
            if table.given >= 2 * contacts.PAGE:
                break
        assert table.given == 2 * contacts.PAGE
        await pilot.press("ctrl+end")  # its rows come as the cursor goes on down
        await wait_until(pilot, lambda: table.row_count > contacts.PAGE, "the second page")
        assert table.get_row_at(table.row_count - 1)  # every row given is one the cursor reaches
        await pilot.press("slash", *"zo quill")  # typing filters all 10,000, off the loop
        await settle(app, pilot)
        assert 0 < table.row_count <= contacts.PAGE
        assert all("Zo Quill" in str(table.get_row_at(i)[1]) for i in range(table.row_count))


# --- snapshots ---


async def test_n_on_a_student_screen_skips_the_picker(demo_store):
    student = next(s for s in demo_store.students.all() if s.first_name == "Saoirse")
    family = demo_store.guardians.for_student(student.id)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_student(student.id)
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ContactForm"
        assert student.display_name in static_text(app, "#contact-title")
        first = app.screen.family[0]
        assert first.id in {g.id for g in family}
        if first.preferred_channel:  # the family's preferred channel is filled in
            assert app.screen.query_one("#contact-channel").value == first.preferred_channel.value


async def test_n_on_the_roster_asks_which_student(demo_store):
    """Away from a student's own screen `n` starts on the picker, never on the highlighted row
    (a note typed as if into the picker must not land on whoever was highlighted)."""
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#roster-table")
        table.focus()
        await pilot.press("down")
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "StudentPicker"
