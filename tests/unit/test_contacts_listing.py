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


def test_same_day_notes_are_newest_written_first_whatever_the_stored_time_looks_like(
    memory_store,
):
    """The order comes from the stored text without parsing each time (fast for 10,000
    notes): fractions of a second, offsets and older naive times still sort as times."""
    ana = memory_store.students.save(Student(first_name="Ana", last_name="Lee"))
    written = {
        "a": "2026-11-02T09:00:00Z",
        "b": "2026-11-02T09:00:00.500000Z",  # half a second later, though "." < "Z"
        "c": "2026-11-02T10:30:00+01:00",  # 09:30 UTC
        "d": "2026-11-02T09:15:00",  # naive: read as UTC
        "e": None,  # never stamped: oldest
    }
    for summary in written:
        memory_store.contacts.save(ContactNote(student_id=ana.id, date=TODAY, summary=summary))
    with memory_store.transaction():
        for doc_id, doc in dict(memory_store.contacts.table._read_table()).items():
            memory_store.contacts.table.update(
                {"created_at": written[doc["summary"]]}, doc_ids=[doc_id]
            )
    listing = list_contacts(memory_store, TODAY)
    assert [e.doc["summary"] for e in listing.entries] == ["c", "d", "b", "a", "e"]
    assert [e.doc["summary"] for e in listing.entries[1:3]] == ["d", "b"]
    assert len(listing.entries) == 5 and listing.entries[-1].student_name == "Ana Lee"


def test_matching_by_student_keeps_what_each_note_alone_would(demo_store):
    """The name filter is decided once per student; it keeps exactly the notes that checking
    each note by itself keeps, in the same order, with the choices and dates too."""
    entries = list_contacts(demo_store, TODAY).entries
    some_day = dt.date.fromisoformat(str(entries[len(entries) // 2].doc["date"])[:10])
    filters = [
        ContactFilter(text="s"),
        ContactFilter(text="saoirse"),
        ContactFilter(text="a e"),
        ContactFilter(text="nobody at all"),
        ContactFilter(purpose=Purpose.POSITIVE),
        ContactFilter(text="a", purpose=Purpose.CONCERN),
        ContactFilter(since=some_day),
        ContactFilter(text="e", until=some_day),
    ]
    for wanted in filters:
        one_by_one = [i for i, entry in enumerate(entries) if wanted.keep(entry)]
        assert entries.matching(wanted) == one_by_one, wanted
        picked = entries.pick(one_by_one)
        assert [e.student_name for e in picked] == [entries[i].student_name for i in one_by_one]


def test_a_note_whose_student_is_gone_is_listed_and_found_by_choices(memory_store):
    ana = memory_store.students.save(Student(first_name="Ana", last_name="Lee"))
    memory_store.contacts.save(ContactNote(student_id=ana.id, date=TODAY))
    with memory_store.transaction():
        memory_store.students.table.remove(doc_ids=[ana.id])
    entries = list_contacts(memory_store, TODAY).entries
    assert [e.student_name for e in entries] == ["(unknown student)"]
    assert entries.matching(ContactFilter(purpose=Purpose.INFORMATION)) == [0]
    assert entries.matching(ContactFilter(text="ana")) == []
