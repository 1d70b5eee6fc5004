"""The IEP timeline with fixed clocks: month ends, leap years, done/late/today words, ordering."""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.iep_timeline import (
    DRAFT,
    MEETING,
    PARENTAL_INPUT,
    STUDENT_INPUT,
    State,
    calendar_deadlines,
    deadlines,
    iep_statuses,
    next_open,
    open_deadlines,
    parental_input_due,
    today_deadlines,
    writing_date,
)
from teacherdesk.domain.interview import QUESTION_IDS
from teacherdesk.models import IEP, ParentalInput, Student, StudentInterview

D = dt.date


def iep(meeting: dt.date, writing: dt.date | None = None, **extra) -> IEP:
    return IEP(student_id="s1", meeting_date=meeting, writing_date=writing, **extra)


def by_key(found):
    return {d.key: d for d in found}


def test_writing_date_defaults_to_two_weeks_before_meeting():
    assert writing_date(iep(D(2026, 12, 17))) == D(2026, 12, 3)
    assert writing_date(iep(D(2026, 12, 17), D(2026, 12, 1))) == D(2026, 12, 1)


def test_parental_input_due_clamps_month_ends_and_knows_leap_years():
    assert parental_input_due(iep(D(2028, 4, 30), D(2028, 3, 31))) == D(2028, 2, 29)
    assert parental_input_due(iep(D(2027, 4, 30), D(2027, 3, 31))) == D(2027, 2, 28)
    assert parental_input_due(iep(D(2026, 6, 1), D(2026, 5, 31))) == D(2026, 4, 30)
    assert parental_input_due(iep(D(2027, 1, 20), D(2027, 1, 15))) == D(2026, 12, 15)


def test_the_four_deadlines_and_their_dates():
    found = by_key(deadlines(iep(D(2026, 12, 17)), None, D(2026, 11, 16)))
    assert found[PARENTAL_INPUT].due == D(2026, 11, 3)
    assert found[STUDENT_INPUT].due == D(2026, 12, 3)
    assert found[DRAFT].due == D(2026, 12, 10)
    assert found[MEETING].due == D(2026, 12, 17)


def test_words_late_today_soon_and_exact_date_beside():
    record = iep(D(2026, 12, 17))
    found = by_key(deadlines(record, None, D(2026, 11, 6)))
    assert (found[PARENTAL_INPUT].state, found[PARENTAL_INPUT].words) == (State.LATE, "3 days late")
    assert found[PARENTAL_INPUT].line == "Parental input: 3 days late · Tue 3 Nov 2026"
    found = by_key(deadlines(record, None, D(2026, 11, 3)))
    assert (found[PARENTAL_INPUT].state, found[PARENTAL_INPUT].words) == (State.TODAY, "due today")
    found = by_key(deadlines(record, None, D(2026, 10, 29)))
    assert (found[PARENTAL_INPUT].state, found[PARENTAL_INPUT].words) == (State.SOON, "in 5 days")
    assert found[MEETING].words == "in a month"  # 49 days: as humanize says it everywhere
    found = by_key(deadlines(record, None, D(2026, 11, 4)))
    assert found[PARENTAL_INPUT].words == "1 day late"
    assert by_key(deadlines(record, None, D(2026, 12, 17)))[MEETING].words == "today"


def test_done_states_say_when():
    record = iep(
        D(2026, 12, 17),
        parental_input=ParentalInput(received_on=D(2026, 11, 3)),
        draft_sent_on=D(2026, 12, 9),
    )
    interview = StudentInterview(
        student_id="s1", answers={q: "x" for q in QUESTION_IDS}, completed_on=D(2026, 11, 20)
    )
    found = by_key(deadlines(record, interview, D(2026, 12, 18)))
    assert found[PARENTAL_INPUT].words == "done 3 Nov"
    assert found[STUDENT_INPUT].words == "done 20 Nov"
    assert found[DRAFT].words == "done 9 Dec"
    assert found[MEETING].done and found[MEETING].words == "done 17 Dec"
    assert next_open(found.values()) is None
    # a different year shows the year
    assert by_key(deadlines(record, interview, D(2027, 2, 1)))[DRAFT].words == "done 9 Dec 2026"


def test_student_input_done_when_every_question_is_answered():
    partial = StudentInterview(student_id="s1", answers={"strengths": "drawing"})
    found = by_key(deadlines(iep(D(2026, 12, 17)), partial, D(2026, 11, 16)))
    assert not found[STUDENT_INPUT].done
    full = StudentInterview(student_id="s1", answers={q: "x" for q in QUESTION_IDS})
    assert by_key(deadlines(iep(D(2026, 12, 17)), full, D(2026, 11, 16)))[STUDENT_INPUT].done


def test_statuses_sorted_by_next_deadline_late_first(memory_store):
    today = D(2026, 11, 16)
    students = [
        Student(first_name="Ada", last_name="Later", has_iep=True),
        Student(first_name="Bo", last_name="Late", has_iep=True),
        Student(first_name="Cy", last_name="Norecord", has_iep=True),
        Student(first_name="Di", last_name="Noiep"),
    ]
    memory_store.students.add_many(students)
    memory_store.ieps.save(IEP(student_id=students[0].id, meeting_date=D(2027, 2, 1)))
    memory_store.ieps.save(IEP(student_id=students[1].id, meeting_date=D(2026, 12, 10)))
    statuses = iep_statuses(memory_store, today)
    assert [s.student.last_name for s in statuses] == ["Late", "Later", "Norecord"]
    assert statuses[0].next.state == State.LATE and statuses[2].iep is None
    pairs = open_deadlines(memory_store, today, within_days=14)
    assert next((s.last_name, d.key) for s, d in pairs) == ("Late", PARENTAL_INPUT)
    assert all((d.due - today).days <= 14 for _s, d in pairs)
    shown = today_deadlines(memory_store, today)
    assert shown[0].student_name == "Bo Late" and shown[0].what == "Parental input"
    keys = [c.key for c in calendar_deadlines(memory_store, today)]
    assert any(k.endswith("-parental-input") for k in keys) and len(keys) == len(set(keys))


def test_deadline_words_are_the_one_humanizer():
    """The IEP record's top and the meeting date field read the same day the same way."""
    from teacherdesk.domain.dates import humanize

    today = D(2026, 11, 16)
    for days in range(1, 400):
        meeting = today + dt.timedelta(days=days)
        found = by_key(deadlines(iep(meeting), None, today))
        assert found[MEETING].words == humanize(meeting, relative_to=today), days
