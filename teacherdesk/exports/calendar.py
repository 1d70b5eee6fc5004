"""What is coming up, as an iCalendar file.

Upcoming conferences, engagement events, follow-ups and agreed actions not done, and IEP
deadlines, for Outlook, Google or Apple Calendar. Every entry's UID comes from its record's id,
and SEQUENCE and LAST-MODIFIED from when the record was last changed, so importing the file again
updates the entries instead of duplicating them. Nothing derived from a restricted note appears
at all. Conference times carry the teacher's time zone (Settings, else the computer's) as a
TZID with its VTIMEZONE, never "floating" (which some calendars read as UTC); when no zone name
can be found, the times are written in UTC.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from teacherdesk.domain.conferences import format_time, is_upcoming
from teacherdesk.domain.iep_timeline import calendar_deadlines
from teacherdesk.models import (
    ConferenceStatus,
    EngagementEvent,
    Guardian,
    Student,
    label,
)
from teacherdesk.store import Store

PRODID = "-//teacherdesk//family partnership calendar//EN"
UID_DOMAIN = "teacherdesk"
CONFERENCE_LENGTH = dt.timedelta(minutes=30)
# SEQUENCE must grow whenever an entry changes: seconds from this instant to the record's last
# change (the store stamps whole seconds) grow with every save, need no counter of their own,
# and fit a signed 32-bit integer until 2088.
SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def system_zone_name() -> str:
    """The computer's IANA time zone name: $TZ, /etc/timezone, or where /etc/localtime points."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    with contextlib.suppress(OSError):
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if name and _zone(name) is not None:
            return name
    return ""


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, LookupError):
        return None


def teacher_zone(setting: str) -> ZoneInfo | None:
    """The time zone for calendar times: the Settings one, else the computer's, else None."""
    name = setting or system_zone_name()
    return _zone(name) if name else None


def sequence(updated_at: dt.datetime | None) -> int:
    if updated_at is None:
        return 0
    if updated_at.tzinfo is None:
        updated_at = updated_at.replace(tzinfo=dt.UTC)
    return max(0, int((updated_at - SEQUENCE_EPOCH).total_seconds()))


def _changed(event: Event, updated_at: dt.datetime | None) -> Event:
    """LAST-MODIFIED and SEQUENCE from the record's last change."""
    event.add("sequence", sequence(updated_at))
    if updated_at is not None:
        aware = updated_at if updated_at.tzinfo else updated_at.replace(tzinfo=dt.UTC)
        event.add("last-modified", aware.astimezone(dt.UTC))
    return event


def _at(when: dt.datetime, zone: ZoneInfo | None) -> dt.datetime:
    """A stored wall-clock time as an exact instant in the teacher's zone (UTC if none known)."""
    if when.tzinfo is not None:
        return when.astimezone(zone) if zone else when.astimezone(dt.UTC)
    if zone is not None:
        return when.replace(tzinfo=zone)
    return when.astimezone(dt.UTC)  # naive = the computer's local time


def calendar_text(store: Store, *, today: dt.date, now: dt.datetime | None = None) -> str:
    return build_calendar(store, today=today, now=now).to_ical().decode("utf-8")


def uid(record_id: str, kind: str) -> str:
    """A stable UID: the same record and kind give the same UID on every export."""
    return f"{record_id}-{kind}@{UID_DOMAIN}"


def build_calendar(store: Store, *, today: dt.date, now: dt.datetime | None = None) -> Calendar:
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "teacherdesk")
    students = {student.id: student for student in store.students.all()}
    guardians = {guardian.id: guardian for guardian in store.guardians.all()}
    zone = teacher_zone(store.settings.load().time_zone)
    for event in _entries(store, students, guardians, today, zone):
        event.add("dtstamp", stamp)
        calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones()  # a VTIMEZONE for every TZID used
    return calendar


def _family(students: dict[str, Student], student_id: str) -> str:
    student = students.get(student_id)
    return f"{student.display_name}'s family" if student else "a family"


def _entries(
    store: Store,
    students: dict[str, Student],
    guardians: dict[str, Guardian],
    today: dt.date,
    zone: ZoneInfo | None,
) -> Iterator[Event]:
    yield from _conferences(store, students, guardians, today, zone)
    yield from _engagement(store.events.all(), today)
    yield from _follow_ups(store, students)
    yield from _iep_deadlines(store, students, today)


def _entry(
    uid_text: str, summary: str, start: dt.date | dt.datetime, end=None, description: str = ""
) -> Event:
    event = Event()
    event.add("uid", uid_text)
    event.add("summary", summary)
    event.add("dtstart", start)
    if end is None and not isinstance(start, dt.datetime):
        end = start + dt.timedelta(days=1)  # an all-day entry
    if end is not None:
        event.add("dtend", end)
    if description:
        event.add("description", description)
    return event


def _conferences(store, students, guardians, today, zone) -> Iterator[Event]:
    for conference in store.conferences.all():
        if not is_upcoming(conference, today):
            continue
        family = _family(students, conference.student_id)
        summary = f"Conference ({label(conference.format)}) with {family}"
        if conference.interpreter_needed:
            summary += f", interpreter {conference.interpreter_language}".rstrip()
        people = [guardians[g].name for g in conference.guardian_ids if g in guardians]
        at = format_time(conference.when.time())
        lines = [f"{label(conference.format).capitalize()} at {at}"]
        if people:
            lines.append("Family: " + ", ".join(people))
        if conference.staff:
            lines.append("Staff: " + ", ".join(conference.staff))
        start = _at(conference.when, zone)
        event = _entry(
            uid(conference.id, "conference"),
            summary,
            start,
            start + CONFERENCE_LENGTH,
            "\n".join(lines),
        )
        yield _changed(event, conference.updated_at)


def _engagement(events: Iterable[EngagementEvent], today: dt.date) -> Iterator[Event]:
    for event in events:
        if event.date < today:
            continue
        entry = _entry(
            uid(event.id, "event"),
            _event_title(event),
            event.date,
            description=event.description,
        )
        yield _changed(entry, event.updated_at)


def _event_title(event: EngagementEvent) -> str:
    kind = label(event.kind)
    return event.title if kind.casefold() in event.title.casefold() else f"{event.title} ({kind})"


def _follow_ups(store: Store, students: dict[str, Student]) -> Iterator[Event]:
    """Follow-ups and agreed actions not done yet (overdue ones too: they are still due)."""
    for note in store.contacts.filter(
        lambda doc: (
            bool(doc.get("follow_up"))
            and not doc["follow_up"].get("done_on")
            and not doc.get("restricted")
        )  # nothing at all from a restricted note
    ):
        assert note.follow_up is not None
        family = _family(students, note.student_id)
        summary = f"Follow-up with {family}: {note.follow_up.what or 'follow up'}"
        entry = _entry(uid(note.id, "follow-up"), summary, note.follow_up.due)
        yield _changed(entry, note.updated_at)
    for conference in store.conferences.all():
        if conference.status == ConferenceStatus.CANCELLED:
            continue
        family = _family(students, conference.student_id)
        for action in conference.actions:
            if action.done_on is not None or action.due is None:
                continue
            owner = f" ({action.owner})" if action.owner else ""
            entry = _entry(
                uid(f"{conference.id}-{action.id}", "action"),
                f"Action for {family}: {action.what}{owner}",
                action.due,
            )
            yield _changed(entry, conference.updated_at)


def _iep_deadlines(store: Store, students: dict[str, Student], today: dt.date) -> Iterator[Event]:
    changed = {iep.student_id: iep.updated_at for iep in store.ieps.all()}
    for deadline in calendar_deadlines(store, today):
        family = _family(students, deadline.student_id).replace("'s family", "")
        entry = _entry(uid(deadline.key, "iep"), f"IEP: {deadline.title} ({family})", deadline.due)
        yield _changed(entry, changed.get(deadline.student_id))
