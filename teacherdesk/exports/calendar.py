"""What is coming up, as an iCalendar file.

Upcoming conferences, engagement events, follow-ups and agreed actions not done, and IEP
deadlines, for Outlook, Google or Apple Calendar. Every entry's UID comes from its record's id,
so importing the file again updates the entries instead of duplicating them. A restricted note's
follow-up says only "Follow-up with <student>'s family": no restricted text leaves the app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

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
    for event in _entries(store, students, guardians, today):
        event.add("dtstamp", stamp)
        calendar.add_component(event)
    return calendar


def _family(students: dict[str, Student], student_id: str) -> str:
    student = students.get(student_id)
    return f"{student.display_name}'s family" if student else "a family"


def _entries(
    store: Store, students: dict[str, Student], guardians: dict[str, Guardian], today: dt.date
) -> Iterator[Event]:
    yield from _conferences(store, students, guardians, today)
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


def _conferences(store, students, guardians, today) -> Iterator[Event]:
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
        event = _entry(
            uid(conference.id, "conference"),
            summary,
            conference.when,
            conference.when + CONFERENCE_LENGTH,
            "\n".join(lines),
        )
        if conference.updated_at:
            event.add("last-modified", conference.updated_at.astimezone(dt.UTC))
        yield event


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
        if event.updated_at:
            entry.add("last-modified", event.updated_at.astimezone(dt.UTC))
        yield entry


def _event_title(event: EngagementEvent) -> str:
    kind = label(event.kind)
    return event.title if kind.casefold() in event.title.casefold() else f"{event.title} ({kind})"


def _follow_ups(store: Store, students: dict[str, Student]) -> Iterator[Event]:
    """Follow-ups and agreed actions not done yet (overdue ones too: they are still due)."""
    for note in store.contacts.filter(
        lambda doc: bool(doc.get("follow_up")) and not doc["follow_up"].get("done_on")
    ):
        assert note.follow_up is not None
        family = _family(students, note.student_id)
        if note.restricted:
            summary = f"Follow-up with {family}"
        else:
            summary = f"Follow-up with {family}: {note.follow_up.what or 'follow up'}"
        yield _entry(uid(note.id, "follow-up"), summary, note.follow_up.due)
    for conference in store.conferences.all():
        if conference.status == ConferenceStatus.CANCELLED:
            continue
        family = _family(students, conference.student_id)
        for action in conference.actions:
            if action.done_on is not None or action.due is None:
                continue
            owner = f" ({action.owner})" if action.owner else ""
            yield _entry(
                uid(f"{conference.id}-{action.id}", "action"),
                f"Action for {family}: {action.what}{owner}",
                action.due,
            )


def _iep_deadlines(store: Store, students: dict[str, Student], today: dt.date) -> Iterator[Event]:
    for deadline in calendar_deadlines(store, today):
        family = _family(students, deadline.student_id).replace("'s family", "")
        yield _entry(uid(deadline.key, "iep"), f"IEP: {deadline.title} ({family})", deadline.due)
