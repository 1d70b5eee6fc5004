"""What makes a conference recordable: the one home of the rules the conference forms apply."""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.dates import exact
from teacherdesk.domain.problems import Problem
from teacherdesk.models import Conference


def held_problems(conference: Conference, today: dt.date) -> list[Problem]:
    """Why `conference` cannot be recorded as held today (empty when it can)."""
    day = conference.when.date()
    if day > today:  # else it would be listed under "Past" before it happened
        return [
            Problem(
                "when",
                f"This conference is planned for {exact(day)}, in the future: "
                "record it as held once it has happened.",
            )
        ]
    return []


def action_problems(number: int, *, what: str, owner: str, due_typed: bool) -> list[Problem]:
    """Why agreed action `number` (counting from 1) cannot be saved as typed."""
    if not what.strip() and (owner.strip() or due_typed):
        return [Problem("actions", f"Action {number} needs what was agreed.")]
    return []
