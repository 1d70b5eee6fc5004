"""The participation evidence of an IEP meeting (34 CFR 300.322), on fixed dates.

Calendar used throughout: Monday 7 December 2026 is the meeting; Monday 23 November is exactly
10 school days before it (23–27 Nov and 30 Nov–4 Dec).
"""

from __future__ import annotations

import datetime as dt

import pytest

from teacherdesk.domain.meetings import attempts_needed, meeting_evidence, transition_due
from teacherdesk.domain.school_days import (
    age_on,
    school_days_before,
    school_days_between,
    school_year,
)
from teacherdesk.models import (
    IEP,
    Channel,
    ContactNote,
    Direction,
    Guardian,
    MeetingReply,
    Outcome,
    Purpose,
    Settings,
    Student,
)

MEETING = dt.date(2026, 12, 7)  # a Monday
TODAY = dt.date(2026, 12, 1)
STUDENT = Student(first_name="Luz", last_name="Marquez", date_of_birth=dt.date(2010, 5, 2))
FAMILY = [Guardian(name="Ana Marquez", student_ids=[STUDENT.id], preferred_language="Spanish")]


def meeting(**fields) -> IEP:
    base = {
        "student_id": STUDENT.id,
        "meeting_date": MEETING,
        "meeting_time": "3:30 pm",
        "meeting_place": "Room 12",
        "notice_sent_on": dt.date(2026, 11, 23),
    }
    return IEP(**(base | fields))


def note(day: dt.date, channel: Channel, **fields) -> ContactNote:
    base = {
        "student_id": STUDENT.id,
        "guardian_id": FAMILY[0].id,
        "date": day,
        "channel": channel,
        "purpose": Purpose.IEP,
        "outcome": Outcome.NO_ANSWER,
    }
    return ContactNote(**(base | fields))


def evidence(iep: IEP, notes=(), family=FAMILY, settings=None, today=TODAY):
    return meeting_evidence(iep, STUDENT, family, list(notes), settings or Settings(), today)


def needs(found) -> dict[str, str]:
    return {check.key: check.words for check in found.needs}


# --- school days ----------------------------------------------------------------------------


def test_school_days_skip_weekends():
    assert school_days_between(dt.date(2026, 11, 23), MEETING) == 10
    assert school_days_between(dt.date(2026, 11, 24), MEETING) == 9
    # sent on the Saturday or Sunday before: the family still had the same ten school days
    assert school_days_between(dt.date(2026, 11, 21), MEETING) == 10
    assert school_days_between(dt.date(2026, 11, 22), MEETING) == 10
    assert school_days_before(MEETING, 10) == dt.date(2026, 11, 23)


def test_holidays_are_not_school_days():
    thanksgiving = [dt.date(2026, 11, 26), dt.date(2026, 11, 27)]
    assert school_days_between(dt.date(2026, 11, 23), MEETING, thanksgiving) == 8
    assert school_days_before(MEETING, 10, thanksgiving) == dt.date(2026, 11, 19)


def test_school_year_turns_on_first_of_july():
    assert school_year(dt.date(2026, 6, 30)) == "2025-26"
    assert school_year(dt.date(2026, 7, 1)) == "2026-27"
    assert school_year(dt.date(2099, 9, 1)) == "2099-00"


def test_age_counts_whole_years_and_leap_birthdays():
    assert age_on(dt.date(2010, 5, 2), dt.date(2026, 5, 1)) == 15
    assert age_on(dt.date(2010, 5, 2), dt.date(2026, 5, 2)) == 16
    assert age_on(dt.date(2008, 2, 29), dt.date(2024, 2, 28)) == 15
    assert age_on(dt.date(2008, 2, 29), dt.date(2024, 2, 29)) == 16


# --- notice ---------------------------------------------------------------------------------


def test_notice_ten_school_days_before_is_enough():
    found = evidence(meeting(), [note(dt.date(2026, 11, 24), Channel.PHONE),
                                 note(dt.date(2026, 11, 25), Channel.EMAIL),
                                 note(dt.date(2026, 11, 30), Channel.PHONE)])  # fmt: skip
    assert found.ready, found.summary
    assert found.notice_days == 10
    assert found.summary == "ready"


def test_notice_late_by_one_school_day():
    found = evidence(meeting(notice_sent_on=dt.date(2026, 11, 24)))
    assert "only 9 school days before the meeting (10 needed)" in needs(found)["notice"]


def test_notice_late_because_of_holidays():
    settings = Settings(holidays=[dt.date(2026, 11, 26), dt.date(2026, 11, 27)])
    found = evidence(meeting(), settings=settings)
    assert "only 8 school days" in needs(found)["notice"]


def test_notice_not_sent_says_by_when():
    found = evidence(meeting(notice_sent_on=None), today=dt.date(2026, 11, 16))
    assert (
        needs(found)["notice"]
        == "send the meeting notice by Mon 23 Nov 2026 (10 school days before)"
    )
    late = evidence(meeting(notice_sent_on=None), today=dt.date(2026, 11, 30))
    assert "too late for 10 school days' notice" in needs(late)["notice"]


def test_notice_days_is_a_setting():
    found = evidence(
        meeting(notice_sent_on=dt.date(2026, 11, 30)), settings=Settings(notice_school_days=5)
    )
    assert "notice" not in needs(found)


# --- attempts -------------------------------------------------------------------------------


def test_too_few_attempts():
    found = evidence(meeting(), [note(dt.date(2026, 11, 24), Channel.PHONE)])
    assert needs(found)["family"] == "two more attempts, by a different channel than phone"


def test_two_phone_calls_need_one_more_by_another_channel_then_email_is_ready():
    calls = [note(dt.date(2026, 11, 24), Channel.PHONE),
             note(dt.date(2026, 11, 25), Channel.PHONE, outcome=Outcome.LEFT_MESSAGE)]  # fmt: skip
    found = evidence(meeting(), calls)
    assert needs(found) == {"family": "one more attempt, by a different channel than phone"}
    found = evidence(meeting(), [*calls, note(dt.date(2026, 11, 30), Channel.EMAIL)])
    assert found.ready
    assert [a.result for a in found.attempts] == ["no answer", "left message", "no answer"]


def test_enough_attempts_by_one_channel_only_still_need_another_channel():
    calls = [note(dt.date(2026, 11, 24 + n), Channel.PHONE) for n in range(3)]
    found = evidence(meeting(), calls)
    assert needs(found) == {"family": "one more attempt, by a different channel than phone"}


def test_attempts_before_the_notice_or_about_other_things_do_not_count():
    found = evidence(
        meeting(),
        [
            note(dt.date(2026, 11, 20), Channel.PHONE),  # before the notice
            note(dt.date(2026, 11, 24), Channel.EMAIL, purpose=Purpose.ACADEMIC),
            note(dt.date(2026, 11, 24), Channel.TEXT),
        ],
    )
    assert len(found.attempts) == 1
    assert needs(found)["family"] == "two more attempts, by a different channel than text message"


def test_a_family_reply_is_not_an_attempt_by_us():
    found = evidence(meeting(), [note(dt.date(2026, 11, 24), Channel.PHONE,
                                      direction=Direction.THEY_REACHED_OUT)])  # fmt: skip
    assert found.outgoing == []
    assert found.attempts[0].result == "family reached out"
    assert needs(found)["family"].startswith("three attempts to reach the family")


def test_no_attempts_say_how_many_and_how_many_channels():
    assert needs(evidence(meeting()))["family"] == (
        "three attempts to reach the family, by at least two different channels"
    )


def test_attempt_settings():
    settings = Settings(contact_attempts=2, contact_channels=1)
    found = evidence(meeting(), [note(dt.date(2026, 11, 24 + n), Channel.PHONE) for n in range(2)],
                     settings=settings)  # fmt: skip
    assert found.ready
    assert attempts_needed(found.attempts, Settings(contact_channels=3)) == (
        "two more attempts, by two other channels than phone"
    )


def test_the_family_saying_yes_is_enough_and_asking_another_time_is_a_need():
    assert evidence(meeting(family_reply=MeetingReply.CAN_ATTEND)).ready
    assert evidence(meeting(family_reply=MeetingReply.PHONE_OR_VIDEO)).ready
    other = evidence(meeting(family_reply=MeetingReply.ANOTHER_TIME))
    assert "agree a new time" in needs(other)["family"]


# --- interpreter, place, copy ---------------------------------------------------------------


def test_interpreter_from_the_family_record_booked_three_days_before():
    family = [FAMILY[0].model_copy(update={"interpreter_needed": True})]
    ok = meeting(family_reply=MeetingReply.CAN_ATTEND)
    missing = evidence(ok, family=family)
    assert needs(missing) == {"interpreter": "book an interpreter (Spanish) by Fri 4 Dec 2026"}
    assert evidence(ok.model_copy(update={"interpreter_booked_on": dt.date(2026, 12, 4)}),
                    family=family).ready  # fmt: skip
    late = evidence(ok.model_copy(update={"interpreter_booked_on": dt.date(2026, 12, 5)}),
                    family=family)  # fmt: skip
    assert "booked only two days before the meeting (3 needed)" in needs(late)["interpreter"]


def test_meeting_record_overrides_the_family_record_for_the_interpreter():
    family = [FAMILY[0].model_copy(update={"interpreter_needed": True})]
    found = evidence(meeting(family_reply=MeetingReply.CAN_ATTEND, interpreter_needed=False),
                     family=family)  # fmt: skip
    assert found.ready and not found.interpreter


def test_time_and_place_are_needed():
    found = evidence(
        meeting(meeting_time="", meeting_place="", family_reply=MeetingReply.CAN_ATTEND)
    )
    assert needs(found) == {"place": "say the meeting's time and place (or phone/video details)"}
    assert evidence(meeting(meeting_place="", meeting_call="Zoom 123",
                            family_reply=MeetingReply.CAN_ATTEND)).ready  # fmt: skip


def test_copy_of_the_iep_after_the_meeting():
    held = meeting(family_reply=MeetingReply.CAN_ATTEND)
    after = evidence(held, today=dt.date(2026, 12, 8))
    assert needs(after) == {"copy": "give the family a copy of the IEP"}
    given = held.model_copy(update={"iep_copy_given_on": dt.date(2026, 12, 8)})
    assert evidence(given, today=dt.date(2026, 12, 9)).ready


# --- transition -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "due"),
    [
        (dt.date(2010, 12, 7), True),  # 16 on the meeting day
        (dt.date(2010, 12, 8), True),  # 15, turns 16 the next day, while this IEP is in effect
        (dt.date(2011, 12, 6), True),  # turns 16 the day before the next annual review
        (dt.date(2011, 12, 7), False),  # turns 16 on the next annual review: that IEP's job
        (None, False),
    ],
)
def test_transition_is_due_for_the_iep_in_effect_when_the_student_turns_16(born, due):
    student = STUDENT.model_copy(update={"date_of_birth": born})
    assert transition_due(student, MEETING, 16) is due


def test_transition_age_is_a_setting():
    student = STUDENT.model_copy(update={"date_of_birth": dt.date(2012, 1, 1)})
    assert not transition_due(student, MEETING, 16)
    assert transition_due(student, MEETING, 14)


def test_today_lists_what_a_meeting_near_today_needs(memory_store):
    from teacherdesk.domain.iep_timeline import today_deadlines

    student = memory_store.students.save(STUDENT)
    memory_store.guardians.save(FAMILY[0])
    memory_store.ieps.save(meeting())
    memory_store.contacts.save(note(dt.date(2026, 11, 24), Channel.PHONE))
    memory_store.contacts.save(note(dt.date(2026, 11, 25), Channel.PHONE))
    rows = [row for row in today_deadlines(memory_store, TODAY) if row.what.startswith("Meeting")]
    assert [(r.student_name, r.what, r.due) for r in rows] == [
        (
            student.display_name,
            "Meeting: one more attempt, by a different channel than phone",
            MEETING,
        )
    ]
    memory_store.contacts.save(note(dt.date(2026, 11, 26), Channel.EMAIL))
    assert not [r for r in today_deadlines(memory_store, TODAY) if r.what.startswith("Meeting")]
