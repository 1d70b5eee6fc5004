"""F3 and F4 open on rows read while Today was on view, and only if the data is unchanged."""

from __future__ import annotations

from teacherdesk.models import ContactNote, Student
from tests.helpers import TODAY, make_app, settle, table_rows


def counting(monkeypatch, module, name: str) -> list:
    """Calls of `module.name` as the screens make them (counted, then done for real)."""
    calls: list = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a, **k: calls.append(a) or real(*a, **k))
    return calls


async def test_f3_and_f4_use_what_was_read_while_today_showed(demo_store, monkeypatch):
    app = make_app(demo_store, warm_up=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: app.warm._ready.keys() == {"roster", "contacts"})
        import teacherdesk.ui.screens.contacts as contacts_screen
        import teacherdesk.ui.screens.roster as roster_screen

        rows_read = counting(monkeypatch, roster_screen, "build_rows")
        notes_read = counting(monkeypatch, contacts_screen, "list_contacts")
        await pilot.press("f3")
        await settle(app, pilot, lambda: app.screen.query("#roster-table"))
        assert "Saoirse Applewhistle" in str(app.screen.query_one("#roster-table").rows)
        await pilot.press("f4")
        await settle(app, pilot, lambda: table_rows(app, "#contacts-table"))
        assert rows_read == [] and notes_read == []


async def test_a_change_since_and_the_screen_reads_again(demo_store, monkeypatch):
    """A save after the reading ahead (here another session's, not announced): F3 and F4 read
    again and show it."""
    app = make_app(demo_store, warm_up=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: app.warm._ready.keys() == {"roster", "contacts"})
        import teacherdesk.ui.screens.contacts as contacts_screen
        import teacherdesk.ui.screens.roster as roster_screen

        rows_read = counting(monkeypatch, roster_screen, "build_rows")
        notes_read = counting(monkeypatch, contacts_screen, "list_contacts")
        kid = demo_store.students.save(Student(first_name="Wren", last_name="Latecomer"))
        demo_store.contacts.save(ContactNote(student_id=kid.id, date=TODAY, summary="Welcome"))
        await pilot.press("f3")
        await settle(app, pilot, lambda: app.screen.query("#roster-table") and rows_read)
        assert "Latecomer" in str(app.screen.query_one("#roster-table").rows)
        await pilot.press("f4")
        await settle(app, pilot, lambda: notes_read and table_rows(app, "#contacts-table"))
        assert any("Welcome" in " ".join(row) for row in table_rows(app, "#contacts-table"))
        assert len(rows_read) == 1 and len(notes_read) == 1
