"""Conferences without a screen: times as typed, the interpreter, upcoming/past and "prepare".

Everything here is pure (a Store is only read), so the Conferences screens and the calendar share
it and tests need no Textual.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from teacherdesk.models import (
    Conference,
    ConferenceStatus,
    ContactNote,
    Guardian,
    Student,
)
from teacherdesk.store import Store

TIME_EXPECTED = "a time like 3:30 pm, 15:30 or 9am"
RECENT_DAYS = 60  # contacts from the last 60 days …
RECENT_AT_LEAST = 5  # … and always at least the last 5
RECENT_AT_MOST = 12
DEFAULT_TIME = dt.time(15, 30)

_TIME = re.compile(r"^(\d{1,2})(?:[:.h]?(\d{2}))?\s*(a|p|am|pm|a\.m\.|p\.m\.)?$")


def parse_time(text: str) -> dt.time:
    """Read a typed time: '3:30 pm', '3:30pm', '3pm', '15:30', '1530', '9.15'; ValueError if not."""
    words = " ".join(text.strip().lower().split())
    if words in ("noon", "midday"):
        return dt.time(12, 0)
    match = _TIME.match(words)
    if not match:
        raise ValueError(f"'{text.strip()}' is not a time I can read. Expected {TIME_EXPECTED}.")
    hour, minute = int(match[1]), int(match[2] or 0)
    half = (match[3] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{text.strip()}' is not a real time. Expected {TIME_EXPECTED}.")
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"'{text.strip()}' is not a real time. Expected {TIME_EXPECTED}.")
    return dt.time(hour, minute)


def format_time(value: dt.time) -> str:
    """'3:30 pm', '9:00 am', '12:00 pm'."""
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'pm' if value.hour >= 12 else 'am'}"


def interpreter_for(guardians: Iterable[Guardian]) -> tuple[bool, str]:
    """Whether an interpreter is needed for these guardians, and in which language(s).

    Raised by any guardian marked `interpreter_needed`; the language is that guardian's preferred
    language (several languages are joined with ' / ').
    """
    languages: list[str] = []
    needed = False
    for guardian in guardians:
        if guardian.interpreter_needed:
            needed = True
            language = guardian.preferred_language.strip()
            if language and language.casefold() not in (lang.casefold() for lang in languages):
                languages.append(language)
    return needed, " / ".join(languages)


def is_upcoming(conference: Conference, today: dt.date) -> bool:
    """Planned and not before today (a planned conference in the past still needs recording)."""
    return conference.status == ConferenceStatus.PLANNED and conference.when.date() >= today


def split_upcoming_past(
    conferences: Iterable[Conference], today: dt.date
) -> tuple[list[Conference], list[Conference]]:
    """Upcoming soonest first; past (held, cancelled, or planned but gone by) newest first."""
    upcoming, past = [], []
    for conference in conferences:
        (upcoming if is_upcoming(conference, today) else past).append(conference)
    upcoming.sort(key=lambda c: c.when)
    past.sort(key=lambda c: c.when, reverse=True)
    return upcoming, past


def status_words(conference: Conference, today: dt.date) -> str:
    if conference.status == ConferenceStatus.PLANNED and conference.when.date() < today:
        return "to record"
    return conference.status.value


@dataclass(frozen=True)
class OpenItem:
    """Something promised and not done yet: a contact's follow-up or a conference's action."""

    what: str
    due: dt.date | None
    owner: str = ""
    source: str = ""  # "follow-up" or "conference action"
    restricted: bool = False


@dataclass
class Preparation:
    """What a teacher reads before a conference."""

    student: Student | None
    guardians: list[Guardian]
    recent_contacts: list[ContactNote]
    open_items: list[OpenItem]
    last_conference: Conference | None
    interpreter: tuple[bool, str] = (False, "")
    staff: list[str] = field(default_factory=list)


def recent_contacts(notes: Iterable[ContactNote], today: dt.date) -> list[ContactNote]:
    """The family's last 5 contacts, plus any others from the last 60 days (at most 12)."""
    ordered = sorted(notes, key=lambda note: note.date, reverse=True)
    since = today - dt.timedelta(days=RECENT_DAYS)
    picked = [note for i, note in enumerate(ordered) if i < RECENT_AT_LEAST or note.date >= since]
    return picked[:RECENT_AT_MOST]


def open_items(notes: Iterable[ContactNote], conferences: Iterable[Conference]) -> list[OpenItem]:
    """Open follow-ups and agreed actions, soonest due first (no due date last)."""
    items: list[OpenItem] = []
    for note in notes:
        follow = note.follow_up
        if follow is not None and follow.done_on is None:
            items.append(
                OpenItem(
                    what=follow.what or "Follow up",
                    due=follow.due,
                    source="follow-up",
                    restricted=note.restricted,
                )
            )
    for conference in conferences:
        for action in conference.actions:
            if action.done_on is None:
                items.append(
                    OpenItem(
                        what=action.what,
                        due=action.due,
                        owner=action.owner,
                        source="conference action",
                    )
                )
    items.sort(key=lambda item: (item.due is None, item.due or dt.date.max))
    return items


def last_held_before(conferences: Iterable[Conference], before: Conference) -> Conference | None:
    held = [
        c
        for c in conferences
        if c.id != before.id and c.status == ConferenceStatus.HELD and c.when <= before.when
    ]
    if not held:  # planning far ahead of time: any held one will do
        held = [c for c in conferences if c.id != before.id and c.status == ConferenceStatus.HELD]
    return max(held, key=lambda c: c.when) if held else None


def prepare(store: Store, conference: Conference, today: dt.date) -> Preparation:
    """Everything the "prepare" view shows for one conference."""
    student_id = conference.student_id
    guardians = store.guardians.for_student(student_id)
    notes = store.contacts.where(student_id=student_id)
    conferences = store.conferences.where(student_id=student_id)
    invited = [g for g in guardians if g.id in conference.guardian_ids] or guardians
    return Preparation(
        student=store.students.get(student_id),
        guardians=guardians,
        recent_contacts=recent_contacts(notes, today),
        open_items=open_items(notes, conferences),
        last_conference=last_held_before(conferences, conference),
        interpreter=interpreter_for(invited),
        staff=list(conference.staff),
    )


def split_staff(text: str) -> list[str]:
    """Staff typed as 'Ms. Rowan, Mr. Ollie; nurse' → a clean list."""
    return [part.strip() for part in re.split(r"[;,]", text) if part.strip()]
