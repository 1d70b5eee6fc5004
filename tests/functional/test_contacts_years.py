"""Contacts at years of history: newest first a page at a time, a filter over every note, and
the "all years" key on Contacts and on a student's timeline (past years read-only)."""

from __future__ import annotations

import datetime as dt

import pytest

from teacherdesk.domain.demo import DemoSize, build_demo
from teacherdesk.models import ContactNote, Guardian, Student
from teacherdesk.store import Store
from teacherdesk.store.closing import close_years
from teacherdesk.store.repositories import newest_first
from teacherdesk.ui.screens.contacts import ContactsScreen
from tests.helpers import TODAY, make_app, settle, static_text, wait_until

PAGE = 10  # the page the tests use: a few pages of notes, never thousands


@pytest.fixture
def years_file(tmp_path):
    """Three school years of demo notes (two closed into their own files), and Quincy Zephyr:
    one note at the very start of this year (behind every page) and one from last year."""
    path = tmp_path / "data" / "teacherdesk.json"
    store = Store.open(path, author="tester", backups=False)
    build_demo(store, DemoSize(students=12, notes=60, seed=3, years=3), today=TODAY)
    quincy = store.students.save(Student(first_name="Quincy", last_name="Zephyr", grade="3"))
    store.guardians.save(Guardian(name="Robin Zephyr", student_ids=[quincy.id]))
    for day, summary in ((dt.date(2026, 8, 1), "First week: settling in"),
                         (dt.date(2026, 3, 4), "Spring: the reading log")):  # fmt: skip
        store.contacts.save(ContactNote(student_id=quincy.id, date=day, summary=summary))
    close_years(store, TODAY)
    return path


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(ContactsScreen, "page_size", PAGE)


def note_keys(table) -> list[str]:
    return [table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(table.row_count)]


async def open_contacts(app, pilot):
    await settle(app, pilot)
    await pilot.press("f4")
    await settle(app, pilot, until=lambda: "contacts" in static_text(app, "#contacts-status"))
    return app.screen.query_one("#contacts-table")


async def test_contacts_lists_newest_first_a_page_at_a_time(years_file, small_pages):
    store = Store.open(years_file, author="tester", backups=False)
    this_year = newest_first(store.contacts.all())
    assert len(this_year) > 2 * PAGE
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_contacts(app, pilot)
        await wait_until(pilot, lambda: table.row_count == PAGE, "the first page")
        assert note_keys(table) == [note.id for note in this_year[:PAGE]]
        assert f"{len(this_year):,} contacts" in static_text(app, "#contacts-status")
        assert "This year · 2026-27" in app.screen.sub_title
        await pilot.press("ctrl+end")  # the cursor nears the end: the next page comes
        await wait_until(pilot, lambda: table.row_count == 2 * PAGE, "the second page")
        assert note_keys(table) == [note.id for note in this_year[: 2 * PAGE]]


async def test_every_note_is_reached_by_scrolling_or_paging(years_file, small_pages):
    """The table holds only the pages scrolled to; the mouse wheel (or scrollbar) and page
    down both bring the next ones, down to the very first note of the year."""
    store = Store.open(years_file, author="tester", backups=False)
    this_year = [note.id for note in newest_first(store.contacts.all())]
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_contacts(app, pilot)
        await wait_until(pilot, lambda: table.row_count == PAGE, "the first page")
        table.scroll_end(animate=False)  # the wheel or the scrollbar, not the cursor
        await wait_until(pilot, lambda: table.row_count == 2 * PAGE, "a page on scrolling")
        assert table.cursor_row == 0
        for _ in range(len(this_year)):
            if table.row_count == len(this_year):
                break
            await pilot.press("pagedown")
            await settle(app, pilot)
        assert note_keys(table) == this_year


async def test_the_filter_finds_a_note_behind_every_page(years_file, small_pages):
    store = Store.open(years_file, author="tester", backups=False)
    [first_week] = store.contacts.filter(lambda d: d.get("summary", "").startswith("First"))
    ordered = [note.id for note in newest_first(store.contacts.all())]
    assert ordered.index(first_week.id) >= 2 * PAGE  # far beyond the first page
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_contacts(app, pilot)
        await pilot.press("slash", *"zephyr")
        await settle(app, pilot, until=lambda: "1 of" in static_text(app, "#contacts-status"))
        assert note_keys(table) == [first_week.id]  # last year's note is not listed
        assert "First week: settling in" in str(table.get_row_at(0)[-1])


async def test_y_lists_every_year_and_past_notes_are_read_only(years_file, small_pages):
    store = Store.open(years_file, author="tester", backups=False)
    assert store.past_year_labels() == ["2025-26", "2024-25"]
    app = make_app(store)
    told: list[str] = []
    app.notify = lambda message, **kw: told.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_contacts(app, pilot)
        await pilot.press("slash", *"zephyr", "enter")
        await settle(app, pilot, until=lambda: table.row_count == 1)
        await pilot.press("y")
        await settle(app, pilot, until=lambda: table.row_count == 2)
        assert "All years · 2024-25 to 2026-27" in app.screen.sub_title
        assert "All years" in str(app.screen.query_one("HeaderTitle").render())
        rows = [str(table.get_row_at(i)[-1]) for i in range(2)]
        assert "First week" in rows[0] and "Spring: the reading log" in rows[1]
        assert "2025-26" in rows[1]  # a past year's note says which year it is from

        await pilot.press("down", "e")  # last year's note: refused, in one sentence
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ContactsScreen"
        assert told == [
            "This note is from 2025-26, a finished school year: past years are kept as they were."
        ]
        await pilot.press("enter")  # it opens, read from its own year's file
        await settle(app, pilot)
        assert "Spring: the reading log" in static_text(app, "#contact-detail-text")
        await pilot.press("e")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ContactDetail" and len(told) == 2
        await pilot.press("escape", "y")  # back to this year
        await settle(app, pilot, until=lambda: table.row_count == 1)
        assert "This year · 2026-27" in app.screen.sub_title
    # nothing was written to the finished years' files
    past = Store.open_past_year(years_file.with_name("teacherdesk-2025-26.json"))
    assert any(n.summary == "Spring: the reading log" for n in past.contacts.all())


async def test_y_on_a_students_timeline_shows_every_year(years_file):
    store = Store.open(years_file, author="tester", backups=False)
    [quincy] = [s for s in store.students.all() if s.last_name == "Zephyr"]
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_student(quincy.id)
        await settle(app, pilot, until=lambda: "Timeline ·" in static_text(app, "#timeline-title"))
        timeline = app.screen.query_one("#timeline")
        assert "This year · 2026-27" in static_text(app, "#timeline-title")
        assert "First week" in _plain(timeline) and "reading log" not in _plain(timeline)
        await pilot.press("y")
        await settle(app, pilot, until=lambda: "All years" in static_text(app, "#timeline-title"))
        assert "All years · 2024-25 to 2026-27" in static_text(app, "#timeline-title")
        assert "Spring: the reading log" in _plain(timeline)


def _plain(widget) -> str:
    """What a Static holding a Rich table says, as text."""
    from rich.console import Console

    console = Console(width=120, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()
