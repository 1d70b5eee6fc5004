"""A student's single timeline: everything about them, newest first.

Contact notes, conferences, engagement events the family came to, and the IEP's steps become
`TimelineEntry`s with a date, a kind, one headline and a few detail lines. The student screen
shows them; the IEP packet can use them too. Pure: reads records, never imports textual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from teacherdesk.domain.dates import due_in_words, exact
from teacherdesk.models import (
    IEP,
    Conference,
    ConferenceStatus,
    ContactNote,
    EngagementEvent,
    Guardian,
    StudentInterview,
    label,
)
from teacherdesk.store import Store

# Kinds of entry, in the order they are listed when they fall on the same day.
CONTACT = "contact"
CONFERENCE = "conference"
EVENT = "event"
IEP_STEP = "iep"
KIND_WORDS = {CONTACT: "Contact", CONFERENCE: "Conference", EVENT: "Event", IEP_STEP: "IEP"}


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    kind: str  # CONTACT, CONFERENCE, EVENT, IEP_STEP
    headline: str
    details: tuple[str, ...] = ()
    time: dt.time | None = None
    upcoming: bool = False  # planned, not yet happened
    late: bool = False  # something due that is overdue
    record_id: str = ""
    sort_extra: tuple = field(default=(), compare=False)

    @property
    def kind_words(self) -> str:
        return KIND_WORDS.get(self.kind, self.kind)


def build_timeline(
    store: Store, student_id: str, *, today: dt.date, all_years: bool = False
) -> list[TimelineEntry]:
    """Everything about one student from the store, newest first; with `all_years`, the
    finished school years' files too (opened only then)."""
    from teacherdesk.store.years import across_years

    years = (lambda read: across_years(store, read)) if all_years else (lambda read: read(store))
    guardians = {
        guardian.id: guardian for guardian in years(lambda y: y.guardians.for_student(student_id))
    }
    return timeline_from(
        contacts=years(lambda y: y.contacts.for_student(student_id)),
        conferences=years(lambda y: y.conferences.for_student(student_id)),
        events=years(lambda y: y.events.for_student(student_id)),
        ieps=years(lambda y: y.ieps.where(student_id=student_id)),
        interview=store.interviews.for_student(student_id),
        guardians=guardians,
        student_id=student_id,
        today=today,
        me=store.author,
    )


def contacts_of_every_year(store: Store) -> tuple[list, list, list]:
    """(notes, students, guardians) of this year and every finished one, for Contacts' "all
    years": a student or family that is only in a past year still has a name."""
    from teacherdesk.store.years import across_years

    return (
        across_years(store, lambda y: y.contacts.all()),
        across_years(store, lambda y: y.students.all()),
        across_years(store, lambda y: y.guardians.all()),
    )


def timeline_from(
    *,
    contacts: Iterable[ContactNote] = (),
    conferences: Iterable[Conference] = (),
    events: Iterable[EngagementEvent] = (),
    ieps: Iterable[IEP] = (),
    interview: StudentInterview | None = None,
    guardians: dict[str, Guardian] | None = None,
    student_id: str = "",
    today: dt.date,
    me: str = "",
) -> list[TimelineEntry]:
    """`me`: the login reading it; what someone else wrote says "by" whom (a team's file)."""
    guardians = guardians or {}
    entries: list[TimelineEntry] = []
    entries += [_contact(note, guardians, today, me) for note in contacts]
    entries += [_conference(conference, guardians, today, me) for conference in conferences]
    for event in events:
        entries += _event(event, student_id, guardians, today)
    for iep in ieps:
        entries += iep_steps(iep, today)
        entries += iep_deadlines(iep, today, interview)
    return newest_first(entries)


def newest_first(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    order = {CONTACT: 3, CONFERENCE: 2, EVENT: 1, IEP_STEP: 0}

    def key(entry: TimelineEntry):
        return (entry.date, entry.time or dt.time(0), order.get(entry.kind, 0), entry.sort_extra)

    return sorted(entries, key=key, reverse=True)


def first_line(text: str, width: int = 90) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def whole(text: str) -> str:
    """Every line of a note, blank lines dropped: the timeline shows what was written in full."""
    return "\n".join(part.strip() for part in text.splitlines() if part.strip())


def _who(guardian_id: str | None, guardians: dict[str, Guardian], student_id: str) -> str:
    guardian = guardians.get(guardian_id or "")
    if guardian is None:
        return ""
    what = guardian.relationship_to(student_id)
    return f"{guardian.name} ({what})" if what else guardian.name


# --- contact notes ---------------------------------------------------------------------------


def by_whom(author: str, me: str) -> str:
    """' · by mr.kim' for a record another team member wrote, else ''."""
    return f" · by {author}" if me and author and author != me else ""


def _contact(
    note: ContactNote, guardians: dict[str, Guardian], today: dt.date, me: str = ""
) -> TimelineEntry:
    if note.sealed:  # another member's restricted note: that it exists, never what it says
        return TimelineEntry(
            note.date,
            CONTACT,
            f"restricted note{by_whom(note.created_by, me) or ' by its author'}",
            (note.summary,),
            record_id=note.id,
        )
    words = [label(note.channel), label(note.purpose), label(note.outcome)]
    who = _who(note.guardian_id, guardians, note.student_id)
    headline = " · ".join(words) + (f" — {who}" if who else "")
    if note.restricted:
        headline += " · restricted"
    headline += by_whom(note.created_by, me)
    details = []
    if summary := whole(note.summary):
        details.append(summary)
    late = False
    if note.follow_up is not None:
        follow = note.follow_up
        what = follow.what or "follow up"
        if follow.done_on:
            details.append(f"Follow-up: {what} — done {exact(follow.done_on)}")
        else:
            state = due_in_words(follow.due, relative_to=today)
            late = follow.due < today
            details.append(f"Follow-up: {what} — due {exact(follow.due)} ({state})")
    created = note.created_at.time() if note.created_at else None
    return TimelineEntry(
        note.date,
        CONTACT,
        headline,
        tuple(details),
        upcoming=note.date > today,
        late=late,
        record_id=note.id,
        sort_extra=(created or dt.time(0),),
    )


# --- conferences -----------------------------------------------------------------------------


def _conference(
    conference: Conference, guardians: dict[str, Guardian], today: dt.date, me: str = ""
) -> TimelineEntry:
    status = conference.status
    headline = f"{label(conference.format)} conference · {label(status)}"
    headline += by_whom(conference.created_by, me)
    if status == ConferenceStatus.PLANNED and conference.when.date() < today:
        headline += " (date passed — was it held?)"
    family = [g.name for gid in conference.guardian_ids if (g := guardians.get(gid))]
    details = []
    if family:
        details.append("With " + ", ".join(family))
    if conference.interpreter_needed:
        details.append(f"Interpreter: {conference.interpreter_language or 'needed'}")
    if celebrations := whole(conference.celebrations):
        details.append(f"Celebrations: {celebrations}")
    if concerns := whole(conference.concerns):
        details.append(f"Concerns: {concerns}")
    open_actions = [a for a in conference.actions if a.done_on is None]
    if conference.actions:
        details.append(
            f"{len(conference.actions)} agreed action(s), {len(open_actions)} still open"
            if open_actions
            else f"{len(conference.actions)} agreed action(s), all done"
        )
    return TimelineEntry(
        conference.when.date(),
        CONFERENCE,
        headline,
        tuple(details),
        time=conference.when.time(),
        upcoming=status == ConferenceStatus.PLANNED and conference.when.date() >= today,
        record_id=conference.id,
    )


# --- engagement ------------------------------------------------------------------------------


def _event(
    event: EngagementEvent, student_id: str, guardians: dict[str, Guardian], today: dt.date
) -> list[TimelineEntry]:
    entries = []
    for attendance in event.attendance:
        if attendance.student_id != student_id:
            continue
        who = guardians.get(attendance.guardian_id or "")
        name = who.name if who else "The family"
        if attendance.volunteered:
            how = f" ({attendance.role})" if attendance.role else ""
            minutes = f", {attendance.minutes} min" if attendance.minutes else ""
            headline = f"{event.title} — {name} volunteered{how}{minutes}"
        else:
            headline = f"{event.title} — {name} attended"
        entries.append(
            TimelineEntry(
                event.date,
                EVENT,
                headline,
                (label(event.kind).capitalize(),),
                upcoming=event.date > today,
                record_id=event.id,
            )
        )
    return entries


# --- IEP -------------------------------------------------------------------------------------


def iep_steps(iep: IEP, today: dt.date) -> list[TimelineEntry]:
    """What happened (or is planned) for an IEP, from the IEP record itself."""
    steps: list[TimelineEntry] = []
    parental = iep.parental_input
    if parental.requested_on:
        how = f" ({label(parental.requested_how)})" if parental.requested_how else ""
        steps.append(_iep(parental.requested_on, f"Parental input requested{how}", iep, today))
    if parental.received_on:
        how = f" ({label(parental.received_how)})" if parental.received_how else ""
        steps.append(_iep(parental.received_on, f"Parental input received{how}", iep, today))
    if iep.draft_sent_on:
        how = f" ({label(iep.draft_sent_how)})" if iep.draft_sent_how else ""
        steps.append(_iep(iep.draft_sent_on, f"Draft IEP sent to the family{how}", iep, today))
    when = "IEP meeting" if iep.meeting_date >= today else "IEP meeting held"
    team = ", ".join(iep.team)
    details = (f"Case manager: {iep.case_manager}",) if iep.case_manager else ()
    details += (f"Team: {team}",) if team else ()
    steps.append(_iep(iep.meeting_date, when, iep, today, details))
    return steps


def iep_deadlines(
    iep: IEP, today: dt.date, interview: StudentInterview | None = None
) -> list[TimelineEntry]:
    """The IEP deadlines not yet done (input due, draft due), from `iep_timeline`."""
    from teacherdesk.domain.iep_timeline import MEETING, State, deadlines

    return [
        TimelineEntry(
            d.due,
            IEP_STEP,
            f"{d.title} due ({d.words})",
            upcoming=d.due >= today,
            late=d.state == State.LATE,
            record_id=iep.id,
        )
        for d in deadlines(iep, interview, today)
        if not d.done and d.key != MEETING
    ]


def _iep(
    day: dt.date, headline: str, iep: IEP, today: dt.date, details: tuple[str, ...] = ()
) -> TimelineEntry:
    return TimelineEntry(day, IEP_STEP, headline, details, upcoming=day > today, record_id=iep.id)
