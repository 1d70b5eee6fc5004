"""Calendar times that hold up in other clients: TZID + VTIMEZONE, SEQUENCE, LAST-MODIFIED, and
nothing at all from a restricted note (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar
from pydantic import ValidationError

from teacherdesk.exports.calendar import calendar_text, system_zone_name
from teacherdesk.models import Conference, ContactNote, FollowUp, Settings, Student
from tests.helpers import TODAY

NOW = dt.datetime(2026, 11, 16, 8, tzinfo=dt.UTC)


def _conference(store) -> Conference:
    kid = store.students.save(Student(first_name="Ilse", last_name="Brackenridge"))
    when = dt.datetime.combine(TODAY + dt.timedelta(days=23), dt.time(17, 30))
    return store.conferences.save(Conference(student_id=kid.id, when=when))


def _events(text: str) -> list:
    return list(Calendar.from_ical(text).walk("VEVENT"))


def test_conference_time_carries_the_teachers_zone_with_its_vtimezone(memory_store):
    memory_store.settings.save(Settings(time_zone="America/Chicago"))
    _conference(memory_store)
    text = calendar_text(memory_store, today=TODAY, now=NOW)
    assert "DTSTART;TZID=America/Chicago:20261209T173000" in text.replace("\r\n ", "")
    calendar = Calendar.from_ical(text)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "America/Chicago"
    [event] = _events(text)
    start = event.decoded("DTSTART")
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 12, 9, 23, 30, tzinfo=dt.UTC)


def test_no_setting_means_the_computers_zone(memory_store, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Vilnius")
    assert system_zone_name() == "Europe/Vilnius"
    _conference(memory_store)
    text = calendar_text(memory_store, today=TODAY, now=NOW)
    assert "TZID=Europe/Vilnius" in text and "TZID:Europe/Vilnius" in text


def test_every_entry_has_sequence_and_last_modified_and_an_edit_raises_sequence(
    memory_store, monkeypatch
):
    conference = _conference(memory_store)
    [before] = _events(calendar_text(memory_store, today=TODAY, now=NOW))
    assert "LAST-MODIFIED" in before and int(before["SEQUENCE"]) >= 0
    later = conference.updated_at + dt.timedelta(hours=2)
    monkeypatch.setattr(memory_store, "now", lambda: later)  # the edit, two hours on
    memory_store.conferences.save(conference.model_copy(update={"notes": "Bring the log"}))
    [after] = _events(calendar_text(memory_store, today=TODAY, now=NOW))
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_nothing_at_all_comes_from_a_restricted_note(memory_store):
    kid = memory_store.students.save(Student(first_name="Pim", last_name="Coldharbour"))
    due = TODAY + dt.timedelta(days=4)
    memory_store.contacts.save(
        ContactNote(
            student_id=kid.id,
            date=TODAY,
            summary="private",
            restricted=True,
            follow_up=FollowUp(what="Call the caseworker", due=due),
        )
    )
    text = calendar_text(memory_store, today=TODAY, now=NOW)
    assert _events(text) == []
    assert "Coldharbour" not in text and "caseworker" not in text


def test_a_zone_that_does_not_exist_is_refused_in_settings():
    with pytest.raises(ValidationError, match="not a time zone name"):
        Settings(time_zone="Mars/Olympus_Mons")
