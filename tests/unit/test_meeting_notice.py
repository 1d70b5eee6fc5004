"""The meeting notice: what 300.322(b) asks for, the transition paragraph exactly when due, person
text kept literal."""

from __future__ import annotations

import datetime as dt

import pytest
from markdown_it import MarkdownIt

from teacherdesk.exports.meeting_notice import build_notice, build_notice_markdown
from teacherdesk.models import IEP, Guardian, MeetingPurpose, Settings, Student

TODAY = dt.date(2026, 11, 16)
MEETING = dt.date(2026, 12, 7)
TRANSITION = "## Planning for life after school"


def notice(born=None, settings=None, **fields) -> str:
    student = Student(first_name="Ada", last_name="Quill", date_of_birth=born)
    family = [Guardian(name="Mo <b>Quill</b>", student_ids=[student.id])]
    iep = IEP(student_id=student.id, meeting_date=MEETING, meeting_time="9 am", **fields)
    return build_notice_markdown(student, family, iep, settings or Settings(), TODAY)


@pytest.mark.parametrize(
    ("born", "shown"),
    [
        (dt.date(2010, 12, 7), True),  # 16 on the meeting day
        (dt.date(2011, 12, 6), True),  # turns 16 the day before the next annual review
        (dt.date(2011, 12, 7), False),  # turns 16 on the next one
        (dt.date(2014, 1, 1), False),
        (None, False),
    ],
)
def test_transition_paragraph_exactly_when_due(born, shown):
    text = notice(born)
    assert (TRANSITION in text) is shown
    assert ("Ada, who is invited" in text) is shown


def test_transition_age_setting_and_transition_purpose():
    assert TRANSITION in notice(dt.date(2012, 6, 1), Settings(transition_age=14))
    assert TRANSITION in notice(None, meeting_purpose=MeetingPurpose.TRANSITION)


def test_required_parts_in_plain_words():
    text = notice(
        meeting_purpose=MeetingPurpose.ANNUAL_REVIEW,
        meeting_place="Room *12*",
        meeting_call="555-0100",
        team=["Ms. Lee (case manager)"],
        student_invited=True,
    )
    assert "to review Ada's IEP together" in text
    assert "Monday 7 December 2026, 9:00\u202fAM" in text  # "9 am", written the English way
    assert "Room \\*12\\*" in text and "555-0100" in text
    assert "- Ms. Lee (case manager)" in text
    assert "- You: Mo \\<b\\>Quill\\</b\\>" in text
    assert "Ada, who is invited" in text
    assert "knowledge or special expertise" in text
    assert "## Reply slip" in text
    assert TRANSITION not in text
    html = MarkdownIt("commonmark", {"html": False}).render(text)
    assert "<b>" not in html and "<em>12</em>" not in html


def test_interpreter_only_when_needed_and_html_renders():
    assert "interpreter" not in notice()
    student = Student(first_name="Ada", last_name="Quill")
    family = [Guardian(name="Mo", student_ids=[student.id], interpreter_needed=True,
                       preferred_language="Tigrinya")]  # fmt: skip
    iep = IEP(student_id=student.id, meeting_date=MEETING)
    text = build_notice(student, family, iep, Settings(), TODAY, fmt="html")
    assert "An interpreter in Tigrinya will be at the meeting" in text
    assert "time to be confirmed" in text
    assert "<title>You are invited to Ada Quill&#x27;s IEP meeting</title>" in text
