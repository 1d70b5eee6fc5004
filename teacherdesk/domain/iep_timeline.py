"""The IEP timeline: from the meeting date to the four deadlines a teacher has to keep.

Following the article: the parental input is best completed one calendar month before the IEP is
written; the student's input is due by the writing date; the draft IEP goes to the family one week
before the meeting; then the meeting itself. The writing date defaults to two weeks before the
meeting. Each deadline is done or not, and says so in words beside the exact date ("in 5 days ·
Thu 3 Dec 2026", "3 days late", "done 3 Nov"), the words of `dates.humanize` as on every screen.
A meeting set on a weekend or a school holiday says so wherever it is listed (`meeting_day_off`).
Pure: no textual, no disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from teacherdesk.domain.dates import due_in_words, exact, month_before
from teacherdesk.domain.interview import is_complete, questions_for
from teacherdesk.domain.school_days import day_off
from teacherdesk.models import IEP, Student, StudentInterview
from teacherdesk.store import Store

WRITING_BEFORE_MEETING = dt.timedelta(weeks=2)
DRAFT_BEFORE_MEETING = dt.timedelta(weeks=1)
SOON = 7  # days: "soon" deadlines are shown in the warning colour

PARENTAL_INPUT = "parental_input"
STUDENT_INPUT = "student_input"
DRAFT = "draft"
MEETING = "meeting"

TITLES = {
    PARENTAL_INPUT: "Parental input",
    STUDENT_INPUT: "Student input",
    DRAFT: "Draft IEP to family",
    MEETING: "IEP meeting",
}


class State(StrEnum):
    DONE = "done"
    LATE = "late"
    TODAY = "today"
    SOON = "soon"
    LATER = "later"


@dataclass(frozen=True)
class Deadline:
    key: str  # parental_input, student_input, draft, meeting
    due: dt.date
    done: bool
    done_on: dt.date | None
    state: State
    words: str  # "in 5 days", "due today", "3 days late", "done 3 Nov"

    @property
    def title(self) -> str:
        return TITLES[self.key]

    @property
    def exact(self) -> str:
        return exact(self.due)

    @property
    def line(self) -> str:
        """'Parental input: 3 days late · Fri 13 Nov 2026'."""
        return f"{self.title}: {self.words} · {self.exact}"


def default_writing_date(meeting: dt.date) -> dt.date:
    return meeting - WRITING_BEFORE_MEETING


def writing_date(iep: IEP) -> dt.date:
    """The date the IEP will be written: as recorded, else two weeks before the meeting."""
    return iep.writing_date or default_writing_date(iep.meeting_date)


def parental_input_due(iep: IEP) -> dt.date:
    """One calendar month before the writing date (31 March → 28/29 February)."""
    return month_before(writing_date(iep))


def student_input_due(iep: IEP) -> dt.date:
    return writing_date(iep)


def draft_due(iep: IEP) -> dt.date:
    return iep.meeting_date - DRAFT_BEFORE_MEETING


def _short(day: dt.date, today: dt.date) -> str:
    return f"{day.day} {day:%b}" if day.year == today.year else f"{day.day} {day:%b %Y}"


def _deadline(key: str, due: dt.date, done: bool, done_on: dt.date | None, today: dt.date):
    if done:
        words = f"done {_short(done_on, today)}" if done_on else "done"
        return Deadline(key, due, True, done_on, State.DONE, words)
    days = (due - today).days
    if days < 0:
        state = State.LATE
    elif days == 0:
        state = State.TODAY
    elif days <= SOON:
        state = State.SOON
    else:
        state = State.LATER
    # the one humanizer: the meeting reads here as it does under its own date field
    words = due_in_words(due, relative_to=today)
    if key == MEETING and words == "due today":
        words = "today"
    return Deadline(key, due, False, None, state, words)


def student_input_done(interview: StudentInterview | None) -> tuple[bool, dt.date | None]:
    if interview is None:
        return False, None
    if interview.completed_on is not None:
        return True, interview.completed_on
    if is_complete(interview.answers, interview.skipped, questions_for(interview)):
        stamp = interview.updated_at
        return True, stamp.date() if stamp else None
    return False, None


def deadlines(iep: IEP, interview: StudentInterview | None, today: dt.date) -> list[Deadline]:
    """The four deadlines of one IEP, in date order."""
    received = iep.parental_input.received_on
    student_done, student_done_on = student_input_done(interview)
    meeting_passed = iep.meeting_date < today
    found = [
        _deadline(PARENTAL_INPUT, parental_input_due(iep), received is not None, received, today),
        _deadline(STUDENT_INPUT, student_input_due(iep), student_done, student_done_on, today),
        _deadline(DRAFT, draft_due(iep), iep.draft_sent_on is not None, iep.draft_sent_on, today),
        _deadline(
            MEETING,
            iep.meeting_date,
            meeting_passed,
            iep.meeting_date if meeting_passed else None,
            today,
        ),
    ]
    return sorted(found, key=lambda d: d.due)


def meeting_day_off(meeting: dt.date, holidays: Collection[dt.date], today: dt.date) -> str:
    """Why a meeting still to come is not on a school day ("a Saturday", "a school holiday"),
    or "" (a school day, or a meeting already held: nothing left to move)."""
    return day_off(meeting, holidays) if meeting >= today else ""


def next_open(found: Iterable[Deadline]) -> Deadline | None:
    """The earliest deadline not yet done (late ones are the earliest)."""
    return min((d for d in found if not d.done), key=lambda d: d.due, default=None)


@dataclass
class IEPStatus:
    """One student on the IEP screen: the IEP (None: not set up yet) and its deadlines."""

    student: Student
    iep: IEP | None
    interview: StudentInterview | None
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def next(self) -> Deadline | None:
        return next_open(self.deadlines)

    @property
    def late(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.state == State.LATE]

    def sort_key(self) -> tuple:
        name = (self.student.last_name.lower(), self.student.first_name.lower())
        if self.iep is None:
            return (2, dt.date.max, name)
        upcoming = self.next
        if upcoming is None:  # everything done: meeting held
            return (1, dt.date.max - (self.iep.meeting_date - dt.date.min), name)
        return (0, upcoming.due, name)


def iep_statuses(store: Store, today: dt.date) -> list[IEPStatus]:
    """Every IEP student (flagged, or with an IEP record), next deadline first, late ones first;
    students flagged with an IEP but with no record yet come last."""
    students = {s.id: s for s in store.students.all() if not s.archived}
    ieps: dict[str, IEP] = {}
    for iep in store.ieps.all():
        held = ieps.get(iep.student_id)
        if held is None or iep.meeting_date > held.meeting_date:
            ieps[iep.student_id] = iep
    interviews = {iv.student_id: iv for iv in store.interviews.all()}
    statuses = []
    for student in students.values():
        iep = ieps.get(student.id)
        if iep is None and not student.has_iep:
            continue
        interview = interviews.get(student.id)
        found = deadlines(iep, interview, today) if iep else []
        statuses.append(IEPStatus(student, iep, interview, found))
    return sorted(statuses, key=IEPStatus.sort_key)


def open_deadlines(
    store: Store, today: dt.date, *, within_days: int | None = None
) -> list[tuple[Student, Deadline]]:
    """Deadlines not yet done, late first then by date (for Today and the calendar);
    `within_days` keeps only those due by today + N days."""
    return _open_in(iep_statuses(store, today), today, within_days)


def _open_in(
    statuses: list[IEPStatus], today: dt.date, within_days: int | None
) -> list[tuple[Student, Deadline]]:
    found = []
    for status in statuses:
        for deadline in status.deadlines:
            if deadline.done:
                continue
            if within_days is not None and (deadline.due - today).days > within_days:
                continue
            found.append((status.student, deadline))
    return sorted(found, key=lambda pair: (pair[1].due, pair[0].last_name, pair[1].key))


# --- for other screens -------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarDeadline:
    key: str  # stable: "<iep id>-parental-input"
    title: str
    due: dt.date
    student_id: str


def calendar_deadlines(store: Store, today: dt.date) -> list[CalendarDeadline]:
    """Every IEP deadline not yet done, and every meeting to come (for `teacherdesk calendar`)."""
    found = []
    for status in iep_statuses(store, today):
        for deadline in status.deadlines:
            if deadline.done:
                continue
            key = f"{status.iep.id}-{deadline.key.replace('_', '-')}"
            found.append(CalendarDeadline(key, deadline.title, deadline.due, status.student.id))
    return found


TODAY_WINDOW = 14  # days ahead that Today lists (late ones always)


@dataclass(frozen=True)
class IEPDeadline:
    """One dated step of an IEP timeline, as the Today screen lists it."""

    student_id: str
    student_name: str
    what: str  # "parental input due", "draft IEP to the family", "IEP meeting"
    due: dt.date
    done: bool = False


def today_deadlines(store: Store, today: dt.date) -> list[IEPDeadline]:
    """IEP deadlines for the Today screen: late, and due in the next two weeks; and for each
    meeting near today that is not ready, what it needs next ("Meeting: one more attempt…")."""
    from teacherdesk.domain.meetings import needs_for_today

    statuses = iep_statuses(store, today)  # once: it validates every student and IEP
    meetings = [(status.student, status.iep) for status in statuses if status.iep is not None]
    needs = [
        IEPDeadline(
            student_id=student.id,
            student_name=student.display_name,
            what=f"Meeting: {need.words}",
            due=need.due or today,
        )
        for student, need in needs_for_today(store, meetings, today)
        if need.due is None or (need.due - today).days <= TODAY_WINDOW
    ]
    holidays = frozenset(store.settings.load().holidays)

    def what(deadline: Deadline) -> str:
        """The meeting says when it falls on a weekend or a school holiday (in words)."""
        off = day_off(deadline.due, holidays) if deadline.key == MEETING else ""
        return f"{deadline.title} — {off}" if off else deadline.title

    deadlines_due = [
        IEPDeadline(
            student_id=student.id,
            student_name=student.display_name,
            what=what(deadline),
            due=deadline.due,
            done=deadline.done,
        )
        for student, deadline in _open_in(statuses, today, TODAY_WINDOW)
    ]
    return deadlines_due + needs
