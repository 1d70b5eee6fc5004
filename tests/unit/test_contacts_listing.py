"""The Contacts list read from stored documents: order, filters, damaged notes, no validation."""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.contacts import ContactFilter, build_row, list_contacts
from teacherdesk.models import ContactNote, Guardian, Purpose, Student
from tests.helpers import TODAY


def test_listing_is_newest_first_and_filters_as_stored(memory_store):
    ana = memory_store.students.save(Student(first_name="Ana", last_name="Lee"))
    memory_store.guardians.save(Guardian(name="Zoë Lee", student_ids=[ana.id]))
    for day, purpose in ((1, Purpose.CONCERN), (3, Purpose.POSITIVE), (2, Purpose.CONCERN)):
        memory_store.contacts.save(
            ContactNote(student_id=ana.id, date=dt.date(2026, 11, day), purpose=purpose)
        )
    listing = list_contacts(memory_store, TODAY)
    assert [e.doc["date"] for e in listing.entries] == ["2026-11-03", "2026-11-02", "2026-11-01"]
    assert listing.heading == "This year · 2026-27"
    assert all(e.student_name == "Ana Lee" and not e.past for e in listing.entries)

    def kept(wanted: ContactFilter) -> list[str]:
        return [e.doc["date"] for e in listing.entries if wanted.keep(e)]

    assert kept(ContactFilter(text="zoe")) == ["2026-11-03", "2026-11-02", "2026-11-01"]
    assert kept(ContactFilter(purpose=Purpose.CONCERN)) == ["2026-11-02", "2026-11-01"]
    assert kept(ContactFilter(since=dt.date(2026, 11, 2))) == ["2026-11-03", "2026-11-02"]
    assert kept(ContactFilter(until=dt.date(2026, 11, 1), text="ana")) == ["2026-11-01"]
    assert kept(ContactFilter(text="nobody")) == []


def test_a_damaged_note_is_listed_and_built_as_damaged(memory_store):
    ana = memory_store.students.save(Student(first_name="Ana", last_name="Lee"))
    note = memory_store.contacts.save(ContactNote(student_id=ana.id, date=TODAY))
    with memory_store.transaction():
        memory_store.contacts.table.update({"channel": "carrier pigeon"}, doc_ids=[note.id])
    [entry] = list_contacts(memory_store, TODAY).entries
    assert build_row(entry).note is None
    memory_store.contacts.save(ContactNote(student_id=ana.id, date=TODAY, summary="fine"))
    rows = [build_row(e) for e in list_contacts(memory_store, TODAY).entries]
    assert sorted(r.note.summary if r.note else "damaged" for r in rows) == ["damaged", "fine"]
