"""The conference rules (domain.conference_rules): held only once it happened; agreed actions."""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.conference_rules import action_problems, held_problems
from teacherdesk.models import Conference
from tests.helpers import TODAY


def conference_on(day: dt.date) -> Conference:
    return Conference(student_id="s1", when=dt.datetime.combine(day, dt.time(15, 30)))


def test_a_conference_today_or_before_can_be_recorded_as_held():
    assert held_problems(conference_on(TODAY), TODAY) == []
    assert held_problems(conference_on(TODAY - dt.timedelta(days=30)), TODAY) == []


def test_a_conference_next_week_cannot_be_recorded_as_held():
    [problem] = held_problems(conference_on(TODAY + dt.timedelta(days=7)), TODAY)
    assert problem.field == "when"
    assert problem.sentence == (
        "This conference is planned for Mon 23 Nov 2026, in the future: "
        "record it as held once it has happened."
    )


def test_an_action_with_an_owner_or_due_date_needs_what_was_agreed():
    assert [p.sentence for p in action_problems(2, what="", owner="teacher", due_typed=False)] == [
        "Action 2 needs what was agreed."
    ]
    assert action_problems(1, what=" ", owner="", due_typed=True)[0].field == "actions"
    assert action_problems(1, what="", owner="", due_typed=False) == []  # an empty row
    assert action_problems(1, what="Reading log", owner="", due_typed=False) == []
