"""A family's engagement and attendance edits, without Textual."""

from __future__ import annotations

import datetime as dt

import pytest

from teacherdesk.domain.engagement import (
    event_counts,
    family_engagement,
    minutes_in_words,
    parse_minutes,
    with_attendance,
)
from teacherdesk.models import Attendance, EngagementEvent, EventKind
from tests.helpers import TODAY


def _event(days: int, title: str, *attendance: Attendance, kind=EventKind.WORKSHOP):
    return EngagementEvent(
        kind=kind, title=title, date=TODAY + dt.timedelta(days=days), attendance=list(attendance)
    )


def test_family_engagement_counts_events_and_volunteer_time():
    events = [
        _event(-70, "Fall open house", Attendance(student_id="a"), Attendance(student_id="b")),
        _event(
            -12,
            "Math night",
            Attendance(student_id="a", volunteered=True, role="snacks", minutes=45),
        ),
        _event(
            -5,
            "Library helpers",
            Attendance(student_id="a", volunteered=True, role="shelving", minutes=60),
            kind=EventKind.VOLUNTEER,
        ),
        _event(9, "Advisory group"),
    ]
    mine = family_engagement(events, "a", TODAY)
    assert mine.events_attended == 3
    assert mine.volunteer_minutes == 105
    assert mine.times_volunteered == 2
    assert [a.event.title for a in mine.attended] == [
        "Library helpers",
        "Math night",
        "Fall open house",
    ]
    assert mine.summary == "Came to 3 events · volunteered twice, 1 h 45 min"
    assert "volunteered: shelving, 1 h" in mine.attended[0].line
    assert [e.title for e in mine.upcoming] == ["Advisory group"]

    theirs = family_engagement(events, "b")
    assert theirs.summary == "Came to 1 event"
    assert family_engagement(events, "nobody").summary == "No events attended yet"


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("45", 45),
        ("45 min", 45),
        ("1h", 60),
        ("1.5 h", 90),
        ("1:30", 90),
        ("2 hours", 120),
        ("", None),
    ],
)
def test_parse_minutes(typed, minutes):
    assert parse_minutes(typed) == minutes


@pytest.mark.parametrize("typed", ["lots", "25h", "-5"])
def test_parse_minutes_refuses(typed):
    with pytest.raises(ValueError):
        parse_minutes(typed)


def test_minutes_in_words():
    assert [minutes_in_words(m) for m in (5, 60, 90, 125)] == [
        "5 min",
        "1 h",
        "1 h 30 min",
        "2 h 5 min",
    ]


def test_with_attendance_and_counts():
    event = _event(-1, "Class meeting")
    updated = with_attendance(
        event,
        {
            "b": Attendance(student_id="b", volunteered=True, role="set-up", minutes=30),
            "a": Attendance(student_id="a"),
        },
    )
    assert [a.student_id for a in updated.attendance] == ["a", "b"]
    assert updated.id == event.id
    assert event_counts(updated) == (2, 1, 30)
