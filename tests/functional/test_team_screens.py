"""What a team sees in the app: the 45-day records clock on Today, the access-log line on the
student screen, another member's restricted note as sealed, and who wrote what."""

from __future__ import annotations

import datetime as dt

from rich.console import Console
from textual.widgets import Static

from teacherdesk.models import ContactNote, RecordsRequest, Student
from teacherdesk.store import Store
from teacherdesk.store.access_log import record
from tests.helpers import TODAY, make_app, settle, static_text


async def test_today_shows_the_records_clock_and_g_marks_it_given() -> None:
    store = Store.memory()
    ava = store.students.save(Student(first_name="Ava", last_name="Quill"))
    store.records_requests.save(
        RecordsRequest(student_id=ava.id, requested_on=TODAY - dt.timedelta(days=40))
    )
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: "records request" in static_text(app, "#today-records"))
        assert "Ava Quill: records request due 21 Nov (5 day(s) left)" in static_text(
            app, "#today-records"
        )
        await pilot.press("g")
        await settle(app, pilot)
        assert store.records_requests.open_ones() == []
        assert store.records_requests.all()[0].given_on == TODAY


async def test_the_student_screen_shows_sharing_and_others_authorship(tmp_path) -> None:
    path = tmp_path / "t.json"
    kim = Store.open(path, author="mr.kim")
    ava = kim.students.save(Student(first_name="Ava", last_name="Quill"))
    kim.contacts.save(ContactNote(student_id=ava.id, date=TODAY, summary="called home"))
    kim.contacts.save(
        ContactNote(student_id=ava.id, date=TODAY, summary="KIM SECRET", restricted=True)
    )
    record(kim, "packet", [ava.id], to="file")
    rowan = Store.open(path, author="ms.rowan")
    app = make_app(rowan)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        app.open_student(ava.id)
        await settle(app, pilot, lambda: "Last shared" in static_text(app, "#access-line"))
        line = static_text(app, "#access-line")
        assert line.startswith("Last shared: IEP packet,") and "by mr.kim; 1 entry" in line
        timeline = rendered(app.screen.query_one("#timeline", Static).content)
        assert "· by mr.kim" in timeline and "restricted note · by mr.kim" in timeline
        assert "KIM SECRET" not in timeline and "only mr.kim can read it" in timeline


def rendered(content) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(content)
    return console.export_text()


async def test_contacts_lists_another_members_restricted_note_sealed(tmp_path) -> None:
    """Contacts shows that the note exists (date, student, author) and never its text."""
    path = tmp_path / "t.json"
    kim = Store.open(path, author="mr.kim")
    ava = kim.students.save(Student(first_name="Ava", last_name="Quill"))
    kim.contacts.save(
        ContactNote(student_id=ava.id, date=TODAY, summary="KIM SECRET", restricted=True)
    )
    app = make_app(Store.open(path, author="ms.rowan"), start="contacts")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot, lambda: "1 contacts" in static_text(app, "#contacts-status"))
        table = app.screen.query_one("#contacts-table")
        cells = " ".join(str(cell) for cell in table.get_row_at(0))
        assert "Ava Quill" in cells and "—" in cells
        assert "KIM SECRET" not in cells
