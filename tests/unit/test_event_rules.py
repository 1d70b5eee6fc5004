"""Dates that make sense: who came cannot be recorded for a future event; planning in the past
is a question, not a refusal."""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.event_rules import attendance_problems, planned_in_the_past
from teacherdesk.models import EngagementEvent, EventKind
from tests.helpers import TODAY


def _event(day: dt.date) -> EngagementEvent:
    return EngagementEvent(kind=EventKind.WORKSHOP, title="Math night", date=day)


def test_attendance_for_a_future_event_is_refused_in_one_sentence():
    [problem] = attendance_problems(_event(TODAY + dt.timedelta(days=1)), TODAY)
    assert (
        problem.sentence
        == (
            "Math night is on Tue 17 Nov 2026, in the future: record who came once it has happened."
        )
        or "in the future" in problem.sentence
    )
    assert attendance_problems(_event(TODAY), TODAY) == []


def test_planning_in_the_past_asks():
    [warning] = planned_in_the_past(TODAY - dt.timedelta(days=1), TODAY, "This conference")
    assert warning.sentence.startswith("This conference is planned for ")
    assert warning.sentence.endswith("in the past. Save it anyway?")
    assert planned_in_the_past(TODAY, TODAY, "This conference") == []
