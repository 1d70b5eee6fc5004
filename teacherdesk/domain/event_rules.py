"""Dates that make sense for what happened: the one home of the engagement event rules, and of
the question asked before planning anything (an event, a conference) in the past.

Problems refuse (one sentence, nothing lost); warnings are questions a form asks first.
"""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.dates import exact
from teacherdesk.domain.problems import Problem
from teacherdesk.models import EngagementEvent


def attendance_problems(event: EngagementEvent, today: dt.date) -> list[Problem]:
    """Why who came to `event` cannot be recorded today (empty when it can)."""
    if event.date > today:
        return [
            Problem(
                "date",
                f"{event.title} is on {exact(event.date)}, in the future: "
                "record who came once it has happened.",
            )
        ]
    return []


def planned_in_the_past(day: dt.date, today: dt.date, what: str) -> list[Problem]:
    """A warning (to ask, not refuse) when `what` ("This conference") is planned before today."""
    if day < today:
        return [
            Problem(
                "date",
                f"{what} is planned for {exact(day)}, in the past. Save it anyway?",
            )
        ]
    return []
