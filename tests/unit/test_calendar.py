"""`teacherdesk calendar`: parsed back with icalendar; stable UIDs; no restricted text."""

from __future__ import annotations

import datetime as dt
import stat

from icalendar import Calendar

from teacherdesk.cli.main import main
from teacherdesk.exports.calendar import calendar_text
from teacherdesk.models import (
    AgreedAction,
    Conference,
    ConferenceStatus,
    ContactNote,
    EngagementEvent,
    EventKind,
    FollowUp,
    Guardian,
    Student,
)
from teacherdesk.store import Store
from tests.helpers import TODAY

SECRET_SUMMARY = "Custody arrangements changed; do not release to father"
SECRET_FOLLOW_UP = "Ask the counselor about the custody order"


def _fill(store: Store) -> dict[str, str]:
    kid = store.students.save(Student(first_name="Saoirse", last_name="Applewhistle"))
    mum = store.guardians.save(Guardian(name="Bao Applewhistle", student_ids=[kid.id]))
    at = lambda days, hour=15: dt.datetime.combine(  # noqa: E731
        TODAY + dt.timedelta(days=days), dt.time(hour, 30)
    )
    upcoming = store.conferences.save(
        Conference(
            student_id=kid.id,
            when=at(3),
            guardian_ids=[mum.id],
            interpreter_needed=True,
            interpreter_language="Vietnamese",
        )
    )
    store.conferences.save(
        Conference(
            student_id=kid.id,
            when=at(-10),
            status=ConferenceStatus.HELD,
            concerns="Private concern text",
            actions=[
                AgreedAction(what="Reading log", owner="teacher", due=TODAY + dt.timedelta(2)),
                AgreedAction(what="Done one", due=TODAY, done_on=TODAY),
                AgreedAction(what="No date"),
            ],
        )
    )
    store.events.add_many(
        [
            EngagementEvent(
                kind=EventKind.WORKSHOP, title="Math night", date=TODAY + dt.timedelta(9)
            ),
            EngagementEvent(
                kind=EventKind.OPEN_HOUSE_FALL, title="Old", date=TODAY - dt.timedelta(9)
            ),
        ]
    )
    restricted = store.contacts.save(
        ContactNote(
            student_id=kid.id,
            date=TODAY,
            summary=SECRET_SUMMARY,
            restricted=True,
            follow_up=FollowUp(what=SECRET_FOLLOW_UP, due=TODAY + dt.timedelta(days=1)),
        )
    )
    store.contacts.save(
        ContactNote(
            student_id=kid.id,
            date=TODAY,
            summary="Great week",
            follow_up=FollowUp(what="Send the photo", due=TODAY + dt.timedelta(days=4)),
        )
    )
    store.contacts.save(
        ContactNote(
            student_id=kid.id,
            date=TODAY,
            follow_up=FollowUp(what="Already done", due=TODAY, done_on=TODAY),
        )
    )
    return {"upcoming": upcoming.id, "restricted": restricted.id}


def _parse(text: str) -> list:
    return [c for c in Calendar.from_ical(text).walk("VEVENT")]


def test_calendar_has_the_right_entries_and_no_restricted_text(memory_store):
    ids = _fill(memory_store)
    text = calendar_text(memory_store, today=TODAY, now=dt.datetime(2026, 11, 16, 8, tzinfo=dt.UTC))
    events = _parse(text)
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    # 1 upcoming conference, 1 upcoming event, 1 open follow-up, 1 dated open action.
    assert len(events) == 4, summaries  # nothing at all from the restricted note
    assert (
        "Conference (one-on-one) with Saoirse Applewhistle's family, interpreter Vietnamese"
        in summaries
    )
    assert "Math night (workshop)" in summaries
    assert "Follow-up with Saoirse Applewhistle's family" not in summaries  # the restricted one
    assert "Follow-up with Saoirse Applewhistle's family: Send the photo" in summaries
    assert "Action for Saoirse Applewhistle's family: Reading log (teacher)" in summaries
    for secret in (SECRET_SUMMARY, SECRET_FOLLOW_UP, "custody", "Private concern", "Great week"):
        assert secret.casefold() not in text.casefold()
    by_uid = {str(e["UID"]): e for e in events}
    conference = by_uid[f"{ids['upcoming']}-conference@teacherdesk"]
    # The wall-clock time the teacher typed, in their time zone (not floating).
    assert conference.decoded("DTSTART").replace(tzinfo=None) == dt.datetime.combine(
        TODAY + dt.timedelta(days=3), dt.time(15, 30)
    )
    assert conference.decoded("DTEND") - conference.decoded("DTSTART") == dt.timedelta(minutes=30)
    assert f"{ids['restricted']}-follow-up@teacherdesk" not in by_uid
    assert all("DTSTAMP" in e for e in events)
    cal = Calendar.from_ical(text)
    assert str(cal["VERSION"]) == "2.0" and "teacherdesk" in str(cal["PRODID"])


def test_uids_are_stable_across_runs(memory_store):
    _fill(memory_store)
    first = _parse(calendar_text(memory_store, today=TODAY))
    second = _parse(
        calendar_text(memory_store, today=TODAY, now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    )
    assert sorted(str(e["UID"]) for e in first) == sorted(str(e["UID"]) for e in second)
    assert len({str(e["UID"]) for e in first}) == len(first)


def test_cli_writes_a_private_file_or_stdout(tmp_path, capsys):
    data = tmp_path / "d" / "t.json"
    _fill(Store.open(data, author="tester"))
    out = tmp_path / "out" / "desk.ics"
    assert main(["--data", str(data), "calendar", "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    events = _parse(out.read_text())
    assert events, "the calendar should have entries"
    assert SECRET_FOLLOW_UP not in out.read_text()
    capsys.readouterr()
    assert main(["--data", str(data), "calendar"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("BEGIN:VCALENDAR")
