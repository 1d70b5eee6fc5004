"""What the Today screen shows, computed for one day from the store (no Textual here).

Sections:
- follow-ups overdue, and due this week (today and the next six days) — see `followups`;
- planned conferences in the next 14 days (today included), each saying when it falls on a
  weekend or a school holiday (`school_days.day_off`);
- IEP deadlines: late, or due in the next two weeks (`iep_timeline.today_deadlines`);
- families not contacted in `Settings.stale_after_days` days (default 30): any logged contact
  counts, as on the roster; a family never contacted is listed first;
- the positive-to-concern balance per family this term.

Balance, decided here: a family is named by its student. Only contacts that got through count
(outcome reached or left message; no answer and bounced do not). Positive = `Purpose.POSITIVE`;
concern = `Purpose.CONCERN` and `Purpose.BEHAVIOR` (both tell the family something is wrong).
Academic, attendance, information and IEP contacts are neither. The term is
`Settings.term_start`..`term_end`; when not set, the last 90 days up to today. Families who heard
only concerns come first (most concerns first), then the lowest positive share; families with no
positive or concern contact this term are not listed (they show under "not contacted").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from teacherdesk.domain.family import guardians_by_student
from teacherdesk.domain.followups import FollowUpItem, collect, due_soon, overdue, week_ends
from teacherdesk.domain.iep_timeline import IEPDeadline, today_deadlines
from teacherdesk.domain.records import RequestClock, clocks
from teacherdesk.domain.school_days import day_off
from teacherdesk.models import (
    Conference,
    ConferenceFormat,
    ConferenceStatus,
    ContactNote,
    Guardian,
    Outcome,
    Purpose,
    Settings,
    Student,
)
from teacherdesk.store import Store
from teacherdesk.text import fold

UPCOMING_DAYS = 14
DEFAULT_TERM_DAYS = 90
POSITIVE = frozenset({Purpose.POSITIVE})
CONCERN = frozenset({Purpose.CONCERN, Purpose.BEHAVIOR})
HEARD = frozenset({Outcome.REACHED, Outcome.LEFT_MESSAGE})


@dataclass(frozen=True)
class Family:
    student_id: str
    student_name: str
    guardians: str  # "Marisol Pebbleton, Abebe Pebbleton"


@dataclass(frozen=True)
class UpcomingConference:
    conference_id: str
    family: Family
    when: dt.datetime
    format: ConferenceFormat
    interpreter_needed: bool
    interpreter_language: str
    day_off: str = ""  # "a Saturday", "a school holiday": not refused, but said


@dataclass(frozen=True)
class StaleFamily:
    family: Family
    last_contact: dt.date | None  # None: never


@dataclass(frozen=True)
class Balance:
    family: Family
    positive: int
    concern: int

    @property
    def only_concerns(self) -> bool:
        return self.concern > 0 and self.positive == 0


@dataclass
class TodayView:
    today: dt.date
    settings: Settings
    term: tuple[dt.date, dt.date]
    overdue: list[FollowUpItem] = field(default_factory=list)
    due_this_week: list[FollowUpItem] = field(default_factory=list)
    conferences: list[UpcomingConference] = field(default_factory=list)
    iep_deadlines: list[IEPDeadline] = field(default_factory=list)
    not_contacted: list[StaleFamily] = field(default_factory=list)
    balance: list[Balance] = field(default_factory=list)
    families: dict[str, Family] = field(default_factory=dict)
    records_requests: list[RequestClock] = field(default_factory=list)  # 45-day clocks

    def family(self, student_id: str) -> Family:
        return self.families.get(student_id) or Family(student_id, "(unknown student)", "")


def term_of(settings: Settings, today: dt.date) -> tuple[dt.date, dt.date]:
    start = settings.term_start or today - dt.timedelta(days=DEFAULT_TERM_DAYS)
    end = settings.term_end or max(today, start)
    return (start, end) if start <= end else (end, start)


def families_of(students: Iterable[Student], guardians: Iterable[Guardian]) -> dict[str, Family]:
    names = {sid: [g.name for g in found] for sid, found in guardians_by_student(guardians).items()}
    return {
        s.id: Family(s.id, s.display_name, ", ".join(sorted(names.get(s.id, [])))) for s in students
    }


def stale_families(
    families: dict[str, Family],
    notes: Iterable[ContactNote | ContactFact],
    today: dt.date,
    days: int,
) -> list[StaleFamily]:
    """Families with no contact in the last `days` days: never first, then the longest ago."""
    last: dict[str, dt.date] = {}
    for note in notes:
        if note.date > last.get(note.student_id, dt.date.min):
            last[note.student_id] = note.date
    cutoff = today - dt.timedelta(days=days)
    stale = [
        StaleFamily(family, last.get(student_id))
        for student_id, family in families.items()
        if last.get(student_id) is None or last[student_id] <= cutoff
    ]
    stale.sort(
        key=lambda s: (
            s.last_contact is not None,
            s.last_contact or dt.date.min,
            fold(s.family.student_name),
        )
    )
    return stale


def balances(
    families: dict[str, Family],
    notes: Iterable[ContactNote | ContactFact],
    term: tuple[dt.date, dt.date],
) -> list[Balance]:
    """Positive and concern contacts per family this term; only-concern families first."""
    start, end = term
    positive: dict[str, int] = {}
    concern: dict[str, int] = {}
    for note in notes:
        if not start <= note.date <= end or note.outcome not in HEARD:
            continue
        if note.student_id not in families:
            continue
        if note.purpose in POSITIVE:
            positive[note.student_id] = positive.get(note.student_id, 0) + 1
        elif note.purpose in CONCERN:
            concern[note.student_id] = concern.get(note.student_id, 0) + 1
    rows = [
        Balance(families[sid], positive.get(sid, 0), concern.get(sid, 0))
        for sid in set(positive) | set(concern)
    ]
    rows.sort(
        key=lambda b: (
            not b.only_concerns,
            -b.concern if b.only_concerns else b.positive / (b.positive + b.concern),
            -b.concern,
            fold(b.family.student_name),
        )
    )
    return rows


def upcoming_conferences(
    families: dict[str, Family],
    conferences: Iterable[Conference],
    today: dt.date,
    days: int = UPCOMING_DAYS,
    holidays: Iterable[dt.date] = (),
) -> list[UpcomingConference]:
    closed = frozenset(holidays)
    last = today + dt.timedelta(days=days)
    found = [
        UpcomingConference(
            c.id,
            families.get(c.student_id) or Family(c.student_id, "(unknown student)", ""),
            c.when,
            c.format,
            c.interpreter_needed,
            c.interpreter_language,
            day_off(c.when.date(), closed),
        )
        for c in conferences
        if c.status == ConferenceStatus.PLANNED and today <= c.when.date() <= last
    ]
    return sorted(found, key=lambda c: c.when)


@dataclass(frozen=True, slots=True)
class ContactFact:
    """What Today counts of a note (the balance, the last contact), read without validating it."""

    student_id: str
    date: dt.date
    purpose: Purpose | None
    outcome: Outcome | None


def compute_today(
    today: dt.date,
    settings: Settings,
    students: Iterable[Student],
    guardians: Iterable[Guardian],
    notes: list[ContactNote],
    conferences: list[Conference],
    iep_deadlines: Iterable[IEPDeadline] = (),
    facts: Iterable[ContactFact] | None = None,
) -> TodayView:
    """Everything on the Today screen, from plain lists (pure: used by tests directly).

    `notes` give the follow-ups; the balance and the last contacts count `facts` when given
    (cheap to read), else the notes themselves."""
    active = [s for s in students if not s.archived]
    families = families_of(active, guardians)
    active_ids = set(families)
    notes = [n for n in notes if n.student_id in active_ids]
    counted = notes if facts is None else [f for f in facts if f.student_id in active_ids]
    conferences = [c for c in conferences if c.student_id in active_ids]
    items = collect(notes, conferences)
    term = term_of(settings, today)
    return TodayView(
        today=today,
        settings=settings,
        term=term,
        overdue=overdue(items, today),
        due_this_week=due_soon(items, today),
        conferences=upcoming_conferences(families, conferences, today, holidays=settings.holidays),
        iep_deadlines=sorted(iep_deadlines, key=lambda d: (d.done, d.due)),
        not_contacted=stale_families(families, counted, today, settings.stale_after_days),
        balance=balances(families, counted, term),
        families=families,
    )


def build_today(store: Store, today: dt.date) -> TodayView:
    """Read the store and compute the Today view (call it from a thread worker)."""
    settings = store.settings.load()
    since = min(term_of(settings, today)[0], today - dt.timedelta(days=settings.stale_after_days))
    view = compute_today(
        today,
        settings,
        store.students.all(),
        store.guardians.all(),
        open_follow_up_notes(store, today),
        store.conferences.filter(lambda doc: _today_may_show(doc, today)),
        today_deadlines(store, today),
        facts=contact_facts(store, since),
    )
    view.records_requests = clocks(store, today)
    return view


# Today validates only the records it can list: a teacher's year holds thousands of notes and
# conferences, and each validation costs. The stored documents are sorted out by their ISO dates
# first; anything whose date does not read as one is kept, so validation still decides about it.


def _iso_after(value: object, last: str) -> bool:
    """True only for an ISO date (or date-time) string later than `last` ("YYYY-MM-DD")."""
    if not isinstance(value, str) or value[:10] <= last:
        return False
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return False  # not a date: validation decides
    return True


def _open_soon(item: object, last: str) -> bool:
    """A follow-up or agreed action not done, that may be due by `last` (overdue or this week)."""
    return (
        isinstance(item, dict)
        and not item.get("done_on")
        and item.get("due") is not None
        and not _iso_after(item.get("due"), last)
    )


def _today_may_show(doc: dict, today: dt.date) -> bool:
    """A conference Today can list: planned in the next days, or with an agreed action not done
    that is overdue or due this week (actions without a date wait on the follow-ups screen)."""
    status = doc.get("status", ConferenceStatus.PLANNED.value)
    if status == ConferenceStatus.CANCELLED.value:
        return False  # nothing was agreed
    if status == ConferenceStatus.PLANNED.value:
        when = doc.get("when")
        start, last = today.isoformat(), (today + dt.timedelta(days=UPCOMING_DAYS)).isoformat()
        if not isinstance(when, str) or start <= when[:10] <= last:
            return True
    last_due = week_ends(today).isoformat()
    actions = doc.get("actions")
    return isinstance(actions, list) and any(_open_soon(action, last_due) for action in actions)


def open_follow_up_notes(store: Store, today: dt.date) -> list[ContactNote]:
    """The only notes Today shows: a follow-up not done, overdue or due this week (validated)."""
    last_due = week_ends(today).isoformat()
    return store.contacts.filter(lambda doc: _open_soon(doc.get("follow_up"), last_due))


def contact_facts(store: Store, since: dt.date) -> list[ContactFact]:
    """What the balance and "not contacted" count, not years of history: every note since `since`
    and each family's latest, read from the stored documents without building the notes (our
    own checked file; a note whose date, purpose or outcome does not read is not counted)."""
    last = store.contacts.last_contact_dates()
    latest = {student: day.isoformat() for student, day in last.items()}
    cutoff = since.isoformat()

    def needed(doc: dict) -> bool:
        day = doc.get("date")
        return isinstance(day, str) and (day >= cutoff or day == latest.get(doc.get("student_id")))

    facts = []
    for doc in store.contacts.readable_documents(needed):
        try:
            facts.append(
                ContactFact(
                    str(doc["student_id"]),
                    dt.date.fromisoformat(doc["date"]),
                    Purpose(doc["purpose"]) if doc.get("purpose") else None,
                    Outcome(doc["outcome"]) if doc.get("outcome") else None,
                )
            )
        except (KeyError, ValueError):
            continue
    return facts


def notes_for_today(store: Store, since: dt.date) -> list[ContactNote]:
    """Validated notes with what Today counts: open follow-ups, every note since `since` and each
    family's latest (Today itself reads `contact_facts` for the counts)."""
    last = store.contacts.last_contact_dates()
    latest = {student: day.isoformat() for student, day in last.items()}
    cutoff = since.isoformat()

    def needed(doc: dict) -> bool:
        day = str(doc.get("date", ""))
        is_latest = day == latest.get(doc.get("student_id"))
        follow_up = doc.get("follow_up")
        is_open = isinstance(follow_up, dict) and not follow_up.get("done_on")
        return is_open or day >= cutoff or is_latest

    return store.contacts.filter(needed)
