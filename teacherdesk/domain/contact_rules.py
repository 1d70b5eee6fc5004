"""What makes a contact note sayable: the one home of the rules the form and `note` both apply.

`contact_problems` checks typed values (the form has them before a note exists);
`note_problems` checks a built note (the command line). Each returns `Problem`s in the order
the form's fields come: date, summary, follow-up.
"""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.problems import Problem
from teacherdesk.models import Channel, ContactNote, Outcome, label

FUTURE_CONTACT = "The contact date is in the future: when did it happen?"
SUMMARY_NEEDED = "Write a line about what was said."
DUE_BEFORE_CONTACT = "The follow-up is due before the contact."
DUE_NEEDED = "When is the follow-up due? (fri, in 1 week, 3 Dec)"

# What can come of each way of reaching a family. A number out of service or a returned letter
# "bounced"; a visit or a video call cannot (a note left at the door is a left message).
_EVERY = (Outcome.REACHED, Outcome.LEFT_MESSAGE, Outcome.NO_ANSWER, Outcome.BOUNCED)
_FACE_TO_FACE = (Outcome.REACHED, Outcome.LEFT_MESSAGE, Outcome.NO_ANSWER)
OUTCOMES_OF = {
    channel: _FACE_TO_FACE if channel in (Channel.IN_PERSON, Channel.VIDEO) else _EVERY
    for channel in Channel
}
BY = {
    Channel.PHONE: "by phone",
    Channel.TEXT: "by text message",
    Channel.EMAIL: "by email",
    Channel.IN_PERSON: "in person",
    Channel.VIDEO: "by video",
    Channel.LETTER: "by letter",
    Channel.APP: "through the school app",
}


def outcome_problem(channel: Channel, outcome: Outcome) -> Problem | None:
    """A way of contact and an outcome that cannot go together ("in person" and "bounced")."""
    fits = OUTCOMES_OF[channel]
    if outcome in fits:
        return None
    choices = ", ".join(label(o) for o in fits[:-1]) + f" or {label(fits[-1])}"
    return Problem("outcome", f"A contact {BY[channel]} cannot be “{label(outcome)}”: {choices}?")


def contact_problems(
    *,
    date: dt.date,
    today: dt.date,
    outcome: Outcome,
    summary: str,
    follow_up_what: str = "",
    follow_up_due: dt.date | None = None,
    channel: Channel | None = None,
) -> list[Problem]:
    """Why a contact with these values cannot be saved (empty when it can)."""
    problems = []
    if date > today:  # a note records what happened; a plan is a follow-up
        problems.append(Problem("date", FUTURE_CONTACT))
    if channel is not None and (mismatch := outcome_problem(channel, outcome)):
        problems.append(mismatch)
    if outcome == Outcome.REACHED and not summary.strip():
        problems.append(Problem("summary", SUMMARY_NEEDED))
    if follow_up_due is not None and follow_up_due < date:
        problems.append(Problem("follow_up.due", DUE_BEFORE_CONTACT))
    elif follow_up_due is None and follow_up_what.strip():
        problems.append(Problem("follow_up.due", DUE_NEEDED))
    return problems


def note_problems(note: ContactNote, today: dt.date) -> list[Problem]:
    """The same rules for a note already built (the command line, imports, scripts)."""
    follow = note.follow_up
    return contact_problems(
        date=note.date,
        today=today,
        outcome=note.outcome,
        summary=note.summary,
        follow_up_what=follow.what if follow else "",
        follow_up_due=follow.due if follow else None,
        channel=note.channel,
    )
