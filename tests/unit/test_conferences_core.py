"""Conference helpers without Textual: typed times, the interpreter, upcoming/past, "prepare"."""

from __future__ import annotations

import datetime as dt

import pytest

from teacherdesk.domain.conferences import (
    format_time,
    interpreter_for,
    open_items,
    parse_time,
    prepare,
    recent_contacts,
    split_staff,
    split_upcoming_past,
    status_words,
)
from teacherdesk.models import (
    AgreedAction,
    Conference,
    ConferenceStatus,
    ContactNote,
    FollowUp,
    Guardian,
    Student,
)
from tests.helpers import TODAY


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3:30 pm", dt.time(15, 30)),
        ("3:30pm", dt.time(15, 30)),
        ("3pm", dt.time(15, 0)),
        ("15:30", dt.time(15, 30)),
        ("1530", dt.time(15, 30)),
        ("9.15", dt.time(9, 15)),
        ("12:00 am", dt.time(0, 0)),
        ("12 pm", dt.time(12, 0)),
        ("noon", dt.time(12, 0)),
        (" 8:05 A.M. ", dt.time(8, 5)),
    ],
)
def test_parse_time_reads_what_teachers_type(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["", "25:00", "13pm", "3:75", "half past three", "0 am"])
def test_parse_time_refuses_with_one_sentence(typed):
    with pytest.raises(ValueError, match="time"):
        parse_time(typed)


def test_format_time():
    assert format_time(dt.time(15, 30)) == "3:30 pm"
    assert format_time(dt.time(0, 5)) == "12:05 am"
    assert format_time(dt.time(12, 0)) == "12:00 pm"


def test_interpreter_is_raised_from_the_guardians_records():
    mum = Guardian(name="Ana Ruiz", preferred_language="Spanish", interpreter_needed=True)
    dad = Guardian(name="Leo Ruiz", preferred_language="English")
    gran = Guardian(name="Rosa Ruiz", preferred_language="spanish", interpreter_needed=True)
    tia = Guardian(name="Mai Ruiz", preferred_language="Vietnamese", interpreter_needed=True)
    assert interpreter_for([dad]) == (False, "")
    assert interpreter_for([]) == (False, "")
    assert interpreter_for([dad, mum]) == (True, "Spanish")
    assert interpreter_for([mum, gran]) == (True, "Spanish")  # one language once
    assert interpreter_for([mum, tia]) == (True, "Spanish / Vietnamese")
    # Needed but the language is not on record: still raised.
    assert interpreter_for([Guardian(name="X Y", interpreter_needed=True)]) == (True, "")


def _conf(days: int, status=ConferenceStatus.PLANNED, **fields) -> Conference:
    when = dt.datetime.combine(TODAY + dt.timedelta(days=days), dt.time(15, 30))
    return Conference(student_id="s1", when=when, status=status, **fields)


def test_upcoming_soonest_first_and_past_newest_first():
    later, soon, today = _conf(9), _conf(2), _conf(0)
    held, gone_by = _conf(-3, ConferenceStatus.HELD), _conf(-1)
    cancelled = _conf(5, ConferenceStatus.CANCELLED)
    upcoming, past = split_upcoming_past([later, held, soon, gone_by, today, cancelled], TODAY)
    assert upcoming == [today, soon, later]
    assert past == [cancelled, gone_by, held]
    assert status_words(gone_by, TODAY) == "to record"
    assert status_words(held, TODAY) == "held"


def _note(days_ago: int, **fields) -> ContactNote:
    return ContactNote(student_id="s1", date=TODAY - dt.timedelta(days=days_ago), **fields)


def test_recent_contacts_last_five_or_sixty_days():
    old = [_note(d, summary=f"old {d}") for d in (100, 120, 140, 160, 180, 200)]
    assert [n.summary for n in recent_contacts(old, TODAY)] == [
        "old 100",
        "old 120",
        "old 140",
        "old 160",
        "old 180",
    ]
    busy = [_note(d) for d in range(0, 50, 7)] + old  # 8 notes in the last 60 days
    picked = recent_contacts(busy, TODAY)
    assert len(picked) == 8
    assert all((TODAY - n.date).days <= 60 for n in picked)
    assert picked == sorted(picked, key=lambda n: n.date, reverse=True)


def test_open_items_follow_ups_and_actions_not_done_soonest_first():
    notes = [
        _note(3, follow_up=FollowUp(what="Call back", due=TODAY + dt.timedelta(days=4))),
        _note(9, follow_up=FollowUp(what="Done already", due=TODAY, done_on=TODAY)),
        _note(
            12, restricted=True, follow_up=FollowUp(what="Late one", due=TODAY - dt.timedelta(2))
        ),
    ]
    conference = _conf(
        -20,
        ConferenceStatus.HELD,
        actions=[
            AgreedAction(what="Reading log", owner="teacher", due=TODAY + dt.timedelta(days=1)),
            AgreedAction(what="Spelling on Sundays", owner="family"),
            AgreedAction(what="Finished", owner="teacher", due=TODAY, done_on=TODAY),
        ],
    )
    items = open_items(notes, [conference])
    assert [i.what for i in items] == [
        "Late one",
        "Reading log",
        "Call back",
        "Spelling on Sundays",
    ]
    assert items[0].restricted and items[0].source == "follow-up"
    assert items[1].owner == "teacher" and items[1].source == "conference action"


def test_prepare_gathers_the_family_picture(memory_store):
    store = memory_store
    student = store.students.save(Student(first_name="Zoë", last_name="Quill"))
    other = store.students.save(Student(first_name="Other", last_name="Kid"))
    ana = store.guardians.save(
        Guardian(
            name="Ana Quill",
            student_ids=[student.id],
            preferred_language="Portuguese",
            interpreter_needed=True,
        )
    )
    store.guardians.save(Guardian(name="Not Family", student_ids=[other.id]))
    for days in (2, 30, 90):
        store.contacts.save(
            _note(days, summary=f"note {days}").model_copy(update={"student_id": student.id})
        )
    store.contacts.save(ContactNote(student_id=other.id, date=TODAY, summary="not theirs"))
    held = store.conferences.save(
        _conf(
            -40,
            ConferenceStatus.HELD,
            actions=[AgreedAction(what="Weekly email", owner="teacher")],
        ).model_copy(update={"student_id": student.id})
    )
    planned = store.conferences.save(
        _conf(5, guardian_ids=[ana.id]).model_copy(update={"student_id": student.id})
    )

    prep = prepare(store, planned, TODAY)
    assert prep.student.id == student.id
    assert [g.name for g in prep.guardians] == ["Ana Quill"]
    assert [n.summary for n in prep.recent_contacts] == ["note 2", "note 30", "note 90"]
    assert [i.what for i in prep.open_items] == ["Weekly email"]
    assert prep.last_conference.id == held.id
    assert prep.interpreter == (True, "Portuguese")


def test_split_staff():
    assert split_staff(" Ms. Rowan, Mr. Ollie;nurse ,, ") == ["Ms. Rowan", "Mr. Ollie", "nurse"]
