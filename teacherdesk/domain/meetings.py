"""IEP meetings families can join (34 CFR 300.322): who is invited, and the evidence that the
family was given every chance to take part, computed from what is already logged.

The rules, each with the settings that tune them:

- the notice went out at least `notice_school_days` school days before the meeting (weekdays,
  minus `Settings.holidays`), and says the time and the place (or how to join by phone/video);
- the family answered the notice (can attend, or prefers phone/video) — or, until they do, the
  school made at least `contact_attempts` attempts by at least `contact_channels` different
  channels since the notice (contact notes with purpose IEP that we started, each with its
  result). A family asking for another time needs a new time agreed;
- an interpreter is booked at least 3 days before the meeting when the family needs one (the
  meeting record says, else the family record);
- after the meeting, the family is given a copy of the IEP.

Each meeting reads "ready" or "needs something", saying what in plain words ("one more attempt,
by a different channel than phone"). The notice itself is not counted as an attempt: it is the
letter the attempts follow up. Pure: no textual; reads the store only in `meeting_for`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from teacherdesk.domain.dates import exact
from teacherdesk.domain.school_days import (
    age_on,
    birthday,
    day_off,
    school_days_before,
    school_days_between,
)
from teacherdesk.models import (
    IEP,
    Channel,
    ContactNote,
    Direction,
    Guardian,
    MeetingPurpose,
    MeetingReply,
    Purpose,
    Settings,
    Student,
    label,
)
from teacherdesk.store import Store
from teacherdesk.store.repositories import newest_first

INTERPRETER_DAYS_BEFORE = 3  # calendar days: time for the service to confirm someone
ACCEPTED = (MeetingReply.CAN_ATTEND, MeetingReply.PHONE_OR_VIDEO)
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def _count(n: int, thing: str) -> str:
    word = NUMBER_WORDS.get(n, str(n))
    return f"{word} {thing}" if n == 1 else f"{word} {thing}s"


def _or_list(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


# --- who and what ------------------------------------------------------------------------------


def transition_due(student: Student, meeting: dt.date, age: int) -> bool:
    """Does this meeting have to consider transition? Yes when the IEP it writes is in effect
    (the year from the meeting) on the day the student turns `age` or later: a student of 16 on
    the meeting date, or of 15 turning 16 before the next annual review. Unknown birth date: no."""
    born = student.date_of_birth
    if born is None:
        return False
    if age_on(born, meeting) >= age:
        return True
    try:
        year_on = meeting.replace(year=meeting.year + 1)
    except ValueError:  # a meeting on 29 February
        year_on = dt.date(meeting.year + 1, 3, 1)
    return birthday(born, age) < year_on


def considers_transition(iep: IEP, student: Student, settings: Settings) -> bool:
    return iep.meeting_purpose == MeetingPurpose.TRANSITION or transition_due(
        student, iep.meeting_date, settings.transition_age
    )


def interpreter_needed(iep: IEP, guardians: Iterable[Guardian]) -> bool:
    """As the meeting record says, else as the family record says."""
    if iep.interpreter_needed is not None:
        return iep.interpreter_needed
    return any(g.interpreter_needed for g in guardians)


def interpreter_languages(iep: IEP, guardians: Iterable[Guardian]) -> list[str]:
    """The language(s) the interpreter speaks: the IEP's, else those of guardians who need one."""
    if iep.interpreter_language.strip():
        return [iep.interpreter_language.strip()]
    return sorted(
        {g.preferred_language.strip() for g in guardians
         if g.interpreter_needed and g.preferred_language.strip()}
    )  # fmt: skip


def interpreter_language(iep: IEP, guardians: Iterable[Guardian]) -> str:
    return " or ".join(interpreter_languages(iep, guardians))


def invited_family(guardians: Iterable[Guardian]) -> list[Guardian]:
    """Those who hold educational rights (all of them when none is recorded as holding them)."""
    found = list(guardians)
    rights = [g for g in found if g.educational_rights]
    return rights or found


# --- the record of attempts (300.322(d)) -------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    """One try to reach the family about the meeting, or one reply from them."""

    date: dt.date
    channel: Channel
    guardian: str  # who was tried ("" when not recorded)
    by: str  # who made it (the login that logged it)
    result: str  # "reached", "left message", … or "family reached out"
    summary: str
    incoming: bool
    restricted: bool = False


def _attempt(note: ContactNote, names: dict[str, str]) -> Attempt:
    incoming = note.direction == Direction.THEY_REACHED_OUT
    return Attempt(
        date=note.date,
        channel=note.channel,
        guardian=names.get(note.guardian_id or "", ""),
        by=note.created_by,
        result=label(Direction.THEY_REACHED_OUT) if incoming else label(note.outcome),
        summary=note.summary,
        incoming=incoming,
        restricted=note.restricted,
    )


def attempts_since(
    notes: Iterable[ContactNote], guardians: Iterable[Guardian], since: dt.date | None,
    until: dt.date,
) -> list[Attempt]:  # fmt: skip
    """IEP contacts from `since` (the notice; None: none sent, so none count) to `until`, oldest
    first; restricted notes count too (they happened), their text is the caller's to hide."""
    if since is None:
        return []
    names = {g.id: g.name for g in guardians}
    found = [
        _attempt(note, names)
        for note in notes
        if note.purpose == Purpose.IEP and since <= note.date <= until
    ]
    return sorted(found, key=lambda a: a.date)


# --- the evidence ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One element of the evidence: fine (ok) or what is still needed."""

    key: str  # notice, place, family, interpreter, copy
    ok: bool
    words: str  # what is true, or what to do
    due: dt.date | None = None  # by when the need should be met


@dataclass
class MeetingEvidence:
    iep: IEP
    student: Student
    attempts: list[Attempt] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    interpreter: bool = False
    language: str = ""
    transition: bool = False
    notice_days: int | None = None  # school days of notice given (None: not sent)
    day_off: str = ""  # a meeting to come on "a Saturday" or "a school holiday" (flagged only)

    @property
    def needs(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]

    @property
    def ready(self) -> bool:
        return not self.needs

    @property
    def outgoing(self) -> list[Attempt]:
        return [a for a in self.attempts if not a.incoming]

    @property
    def summary(self) -> str:
        """'ready', or 'needs: one more attempt, by a different channel than phone'."""
        if self.ready:
            return "ready"
        return "needs: " + "; ".join(check.words for check in self.needs)


def _notice_check(iep: IEP, settings: Settings, today: dt.date) -> tuple[Check, int | None]:
    wanted = settings.notice_school_days
    holidays = settings.holidays
    latest = school_days_before(iep.meeting_date, wanted, holidays)
    if iep.notice_sent_on is None:
        if iep.meeting_date < today:
            return Check("notice", False, "no notice of the meeting was recorded"), None
        if latest < today:
            words = (
                f"send the notice now: it is too late for {wanted} school days' notice, so agree "
                "the date with the family or move the meeting"
            )
        else:
            words = f"send the meeting notice by {exact(latest)} ({wanted} school days before)"
        return Check("notice", False, words, latest), None
    given = school_days_between(iep.notice_sent_on, iep.meeting_date, holidays)
    how = f" by {label(iep.notice_sent_how)}" if iep.notice_sent_how else ""
    if given < wanted:
        words = (
            f"the notice went out only {given} school days before the meeting ({wanted} needed): "
            "agree the date with the family, or move the meeting"
        )
        return Check("notice", False, words, iep.meeting_date), given
    words = f"notice sent {exact(iep.notice_sent_on)}{how}, {given} school days before"
    return Check("notice", True, words), given


def _place_check(iep: IEP) -> Check:
    if (iep.meeting_time or "").strip() and (iep.meeting_place or iep.meeting_call):
        return Check("place", True, "time and place set")
    missing = [
        words
        for words, present in (
            ("time", bool(iep.meeting_time)),
            ("place (or phone/video details)", bool(iep.meeting_place or iep.meeting_call)),
        )
        if not present
    ]
    return Check("place", False, "say the meeting's " + " and ".join(missing), iep.meeting_date)


def attempts_needed(attempts: Sequence[Attempt], settings: Settings) -> str:
    """What is missing from the attempts ('' when they are enough)."""
    outgoing = [a for a in attempts if not a.incoming]
    used = sorted({a.channel for a in outgoing}, key=list(Channel).index)
    more_channels = max(0, settings.contact_channels - len(used))
    more = max(settings.contact_attempts - len(outgoing), more_channels)
    if more <= 0:
        return ""
    if not outgoing:
        words = f"{_count(more, 'attempt')} to reach the family"
        if settings.contact_channels > 1:
            words += f", by at least {_count(settings.contact_channels, 'different channel')}"
        return words
    words = f"{_count(more, 'more attempt')}"
    if more_channels:
        others = _or_list([label(c) for c in used])
        if more_channels == 1:
            words += f", by a different channel than {others}"
        else:
            words += f", by {_count(more_channels, 'other channel')} than {others}"
    return words


def _family_check(iep: IEP, attempts: Sequence[Attempt], settings: Settings) -> Check:
    reply = iep.family_reply
    when = f" ({exact(iep.family_reply_on)})" if iep.family_reply_on else ""
    if reply in ACCEPTED:
        return Check("family", True, f"the family replied: {label(reply)}{when}")
    if reply == MeetingReply.ANOTHER_TIME:
        return Check(
            "family",
            False,
            f"the family asked for another time{when}: agree a new time and send a new notice",
            iep.meeting_date,
        )
    missing = attempts_needed(attempts, settings)
    if not missing:
        outgoing = [a for a in attempts if not a.incoming]
        channels = len({a.channel for a in outgoing})
        return Check(
            "family",
            True,
            f"no reply yet; {_count(len(outgoing), 'attempt')} by "
            f"{_count(channels, 'channel')} on record",
        )
    if iep.notice_sent_on is None:
        missing += " once the notice is sent"
    return Check("family", False, missing, iep.meeting_date)


def _interpreter_check(iep: IEP, language: str) -> Check:
    latest = iep.meeting_date - dt.timedelta(days=INTERPRETER_DAYS_BEFORE)
    spoken = f" ({language})" if language else ""
    booked = iep.interpreter_booked_on
    if booked is None:
        words = f"book an interpreter{spoken} by {exact(latest)}"
        return Check("interpreter", False, words, latest)
    if booked > latest:
        days = (iep.meeting_date - booked).days
        words = (
            f"the interpreter{spoken} was booked only {_count(days, 'day')} before the meeting "
            f"({INTERPRETER_DAYS_BEFORE} needed): confirm they can come"
        )
        return Check("interpreter", False, words, iep.meeting_date)
    return Check("interpreter", True, f"interpreter{spoken} booked {exact(booked)}")


def _copy_check(iep: IEP, today: dt.date) -> Check | None:
    if iep.iep_copy_given_on is not None:
        return Check("copy", True, f"copy of the IEP given {exact(iep.iep_copy_given_on)}")
    if iep.meeting_date < today:
        return Check("copy", False, "give the family a copy of the IEP", iep.meeting_date)
    return None  # nothing to give before the meeting


def meeting_evidence(
    iep: IEP,
    student: Student,
    guardians: Sequence[Guardian],
    notes: Iterable[ContactNote],
    settings: Settings,
    today: dt.date,
) -> MeetingEvidence:
    """Everything that shows the family could take part, and what is still needed."""
    attempts = attempts_since(notes, guardians, iep.notice_sent_on, iep.meeting_date)
    notice, given = _notice_check(iep, settings, today)
    checks = [notice, _place_check(iep), _family_check(iep, attempts, settings)]
    needs_interpreter = interpreter_needed(iep, guardians)
    language = interpreter_language(iep, guardians)
    if needs_interpreter:
        checks.append(_interpreter_check(iep, language))
    copy = _copy_check(iep, today)
    if copy is not None:
        checks.append(copy)
    return MeetingEvidence(
        iep=iep,
        student=student,
        attempts=attempts,
        checks=checks,
        interpreter=needs_interpreter,
        language=language,
        transition=considers_transition(iep, student, settings),
        notice_days=given,
        day_off=day_off(iep.meeting_date, settings.holidays) if iep.meeting_date >= today else "",
    )


def evidence_for(store: Store, student: Student, today: dt.date) -> MeetingEvidence | None:
    """The evidence for the student's latest IEP meeting (None: no IEP record)."""
    iep = store.ieps.for_student(student.id)
    if iep is None:
        return None
    return meeting_evidence(
        iep,
        student,
        store.guardians.for_student(student.id),
        store.contacts.for_student(student.id),
        store.settings.load(),
        today,
    )


# For Today: meetings this close (or held this recently) show what they still need.
TODAY_AHEAD = dt.timedelta(days=35)
TODAY_BEHIND = dt.timedelta(days=30)


def needs_for_today(
    store: Store, ieps: Iterable[tuple[Student, IEP]], today: dt.date
) -> list[tuple[Student, Check]]:
    """The first need of each meeting near today (the one to act on next), by due date."""
    near = [
        (student, iep)
        for student, iep in ieps
        if today - TODAY_BEHIND <= iep.meeting_date <= today + TODAY_AHEAD
    ]
    if not near:
        return []
    settings = store.settings.load()
    # One pass over the notes and the families for all these students, not one per student.
    ids = {student.id for student, _iep in near}
    notes: dict[str, list[ContactNote]] = {sid: [] for sid in ids}
    # Only IEP contacts count as attempts (attempts_since): the rest of the year is not read.
    for note in store.contacts.filter(
        lambda doc: doc.get("student_id") in ids and doc.get("purpose") == Purpose.IEP.value
    ):
        notes[note.student_id].append(note)
    family: dict[str, list[Guardian]] = {sid: [] for sid in ids}
    for guardian in store.guardians.filter(lambda doc: _links_any(doc, ids)):
        for sid in ids.intersection(guardian.student_ids):
            family[sid].append(guardian)
    found = []
    for student, iep in near:
        evidence = meeting_evidence(
            iep, student, family[student.id], newest_first(notes[student.id]), settings, today
        )
        needs = sorted(evidence.needs, key=lambda c: c.due or iep.meeting_date)
        if needs:
            found.append((student, needs[0]))
    return found


def _links_any(doc: dict, student_ids: set[str]) -> bool:
    linked = doc.get("student_ids")
    return isinstance(linked, list) and not student_ids.isdisjoint(linked)
