"""Today validates only the records it can list (sorted out by their stored ISO dates first):
what it shows must be exactly what it would show from every record."""

from __future__ import annotations

import datetime as dt

import pytest

from teacherdesk.domain.iep_timeline import today_deadlines
from teacherdesk.domain.today import build_today, compute_today
from teacherdesk.models import (
    AgreedAction,
    Conference,
    ConferenceStatus,
    ContactNote,
    FollowUp,
    Student,
)
from tests.helpers import TODAY

DAY = dt.timedelta(days=1)


def everything(store, today: dt.date):
    """The Today view computed from every note and conference, nothing sorted out first."""
    settings = store.settings.load()
    return compute_today(
        today,
        settings,
        store.students.all(),
        store.guardians.all(),
        store.contacts.all(),
        store.conferences.all(),
        today_deadlines(store, today),
    )


def shown(view) -> dict:
    """What a teacher sees of each section, in order."""
    return {
        "overdue": [item.key for item in view.overdue],
        "due": [item.key for item in view.due_this_week],
        "conferences": [c.conference_id for c in view.conferences],
        "iep": [(d.student_id, d.what, d.due) for d in view.iep_deadlines],
        "stale": [(s.family.student_id, s.last_contact) for s in view.not_contacted],
        "balance": [(b.family.student_id, b.positive, b.concern) for b in view.balance],
    }


@pytest.mark.parametrize("offset", [-7, 0, 3, 30])
def test_the_demo_shows_the_same_as_from_every_record(demo_store, offset):
    day = TODAY + offset * DAY
    view = build_today(demo_store, day)
    assert view.overdue or view.due_this_week or view.conferences  # the demo has something
    assert shown(view) == shown(everything(demo_store, day))


def test_edges_of_the_windows(memory_store):
    """Due exactly six days ahead is this week, seven is not; a conference 14 days ahead is
    listed, 15 is not; a past planned conference still brings an action due this week; actions
    of a cancelled conference and actions without a date are not on Today."""
    kid = memory_store.students.save(Student(first_name="Ada", last_name="Edge"))

    def promise(due: dt.date, what: str) -> ContactNote:
        follow_up = FollowUp(what=what, due=due)
        return memory_store.contacts.save(
            ContactNote(student_id=kid.id, date=TODAY - 20 * DAY, follow_up=follow_up)
        )

    def conference(days: int, status=ConferenceStatus.PLANNED, actions=()) -> Conference:
        when = dt.datetime.combine(TODAY + days * DAY, dt.time(15, 30))
        return memory_store.conferences.save(
            Conference(student_id=kid.id, when=when, status=status, actions=list(actions))
        )

    promise(TODAY + 6 * DAY, "six days")
    promise(TODAY + 7 * DAY, "seven days")
    promise(TODAY - 300 * DAY, "long overdue")
    soon, too_far = conference(14), conference(15)
    past = conference(-30, actions=[AgreedAction(what="send the chart", due=TODAY + 2 * DAY)])
    conference(-30, actions=[AgreedAction(what="someday")])
    conference(
        -10,
        status=ConferenceStatus.CANCELLED,
        actions=[AgreedAction(what="never agreed", due=TODAY)],
    )

    view = build_today(memory_store, TODAY)
    assert shown(view) == shown(everything(memory_store, TODAY))
    words = [item.what for item in view.overdue + view.due_this_week]
    assert words == ["long overdue", "send the chart", "six days"]
    assert [c.conference_id for c in view.conferences] == [soon.id]
    assert too_far.id not in {item.record_id for item in view.due_this_week}
    assert past.id in {item.record_id for item in view.due_this_week}


def test_a_due_date_that_does_not_read_is_left_to_validation(memory_store):
    """A hand-edited due date is not silently dropped by the date sorting: the record goes to
    validation, which leaves it out and counts it as damaged (as every other read does)."""
    kid = memory_store.students.save(Student(first_name="Ben", last_name="Broken"))
    note = memory_store.contacts.save(
        ContactNote(student_id=kid.id, date=TODAY, follow_up=FollowUp(what="x", due=TODAY))
    )
    with memory_store.transaction():
        table = memory_store.contacts.table
        table.update({"follow_up": {"what": "x", "due": "next tuesday"}}, doc_ids=[note.id])
    build_today(memory_store, TODAY)
    assert note.id in memory_store.contacts.skipped


def test_records_today_cannot_list_are_not_validated(memory_store):
    """A follow-up due next month and a conference two months ahead are not read at all (a
    damaged one is not even noticed here: `check` and the screens that list them say so)."""
    kid = memory_store.students.save(Student(first_name="Cy", last_name="Later"))
    later = memory_store.contacts.save(
        ContactNote(
            student_id=kid.id, date=TODAY, follow_up=FollowUp(what="x", due=TODAY + 30 * DAY)
        )
    )
    when = dt.datetime.combine(TODAY + 60 * DAY, dt.time(9))
    far = memory_store.conferences.save(Conference(student_id=kid.id, when=when))
    with memory_store.transaction():
        memory_store.contacts.table.update({"summary": 42}, doc_ids=[later.id])
        memory_store.conferences.table.update({"format": 42}, doc_ids=[far.id])
    build_today(memory_store, TODAY)
    assert later.id not in memory_store.contacts.skipped
    assert far.id not in memory_store.conferences.skipped
    everything(memory_store, TODAY)  # reading every record does find both
    assert later.id in memory_store.contacts.skipped
    assert far.id in memory_store.conferences.skipped
