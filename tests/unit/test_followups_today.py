"""Follow-up states and order, marking done, and the Today view (balance, stale families)."""

from __future__ import annotations

import datetime as dt

import pytest

from teacherdesk.domain.followups import (
    FollowUpState,
    collect,
    due_soon,
    mark_done,
    overdue,
    sort_items,
)
from teacherdesk.domain.today import build_today, compute_today
from teacherdesk.models import (
    AgreedAction,
    Conference,
    ConferenceStatus,
    ContactNote,
    FollowUp,
    Guardian,
    Outcome,
    Purpose,
    Settings,
    Student,
)
from tests.helpers import TODAY

DAY = dt.timedelta(days=1)


def note(student, *, days_ago=0, purpose=Purpose.INFORMATION, outcome=Outcome.REACHED, due=None,
         done=None, what="Call back"):  # fmt: skip
    follow_up = FollowUp(what=what, due=due, done_on=done) if due else None
    return ContactNote(
        student_id=student.id,
        date=TODAY - days_ago * DAY,
        purpose=purpose,
        outcome=outcome,
        follow_up=follow_up,
    )


@pytest.fixture
def kids():
    return [Student(first_name=f, last_name="Testing") for f in ("Ada", "Ben", "Cy", "Di")]


def test_states_and_order(kids):
    a = kids[0]
    notes = [
        note(a, due=TODAY + 3 * DAY, what="soon"),
        note(a, due=TODAY - 5 * DAY, what="very late"),
        note(a, due=TODAY - 1 * DAY, what="late"),
        note(a, due=TODAY - 9 * DAY, done=TODAY - 2 * DAY, what="finished"),
        note(a, due=TODAY, what="today"),
    ]
    conference = Conference(
        student_id=a.id,
        when=dt.datetime.combine(TODAY - 10 * DAY, dt.time(15)),
        status=ConferenceStatus.HELD,
        actions=[AgreedAction(what="someday", owner="family")],
    )
    items = sort_items(collect(notes, [conference]), TODAY)
    assert [i.what for i in items] == ["very late", "late", "today", "soon", "someday", "finished"]
    states = [i.state(TODAY) for i in items]
    assert states == [
        FollowUpState.OVERDUE,
        FollowUpState.OVERDUE,
        FollowUpState.DUE,
        FollowUpState.DUE,
        FollowUpState.NO_DATE,
        FollowUpState.DONE,
    ]
    assert items[4].owner == "family" and "conference" in items[4].origin
    assert [i.what for i in overdue(items, TODAY)] == ["very late", "late"]
    assert [i.what for i in due_soon(items, TODAY)] == ["today", "soon"]


def test_due_this_week_ends_after_six_days(kids):
    items = collect([note(kids[0], due=TODAY + 6 * DAY), note(kids[0], due=TODAY + 7 * DAY)], [])
    assert [i.due for i in due_soon(items, TODAY)] == [TODAY + 6 * DAY]


def test_cancelled_conference_actions_are_left_out(kids):
    conference = Conference(
        student_id=kids[0].id,
        when=dt.datetime.combine(TODAY, dt.time(9)),
        status=ConferenceStatus.CANCELLED,
        actions=[AgreedAction(what="x", due=TODAY)],
    )
    assert collect([], [conference]) == []


def test_mark_done_and_reopen(kids):
    original = note(kids[0], due=TODAY - DAY)
    [item] = collect([original])
    done = mark_done(original, item, TODAY)
    assert done.follow_up.done_on == TODAY and original.follow_up.done_on is None
    assert mark_done(done, item, None).follow_up.done_on is None

    conference = Conference(
        student_id=kids[0].id,
        when=dt.datetime.combine(TODAY, dt.time(9)),
        actions=[AgreedAction(what="one"), AgreedAction(what="two", due=TODAY)],
    )
    second = collect([], [conference])[1]
    updated = mark_done(conference, second, TODAY)
    assert [a.done_on for a in updated.actions] == [None, TODAY]
    with pytest.raises(KeyError):
        mark_done(conference.model_copy(update={"actions": []}), second, TODAY)


def test_balance_only_concerns_first(kids):
    ada, ben, cy, di = kids
    notes = [
        note(ada, purpose=Purpose.POSITIVE),
        note(ada, purpose=Purpose.CONCERN),
        note(ben, purpose=Purpose.CONCERN),
        note(ben, purpose=Purpose.BEHAVIOR, days_ago=3),
        note(cy, purpose=Purpose.CONCERN),
        note(cy, purpose=Purpose.POSITIVE, outcome=Outcome.NO_ANSWER),  # did not get through
        note(di, purpose=Purpose.POSITIVE),
        note(di, purpose=Purpose.POSITIVE, days_ago=200),  # last term
        note(di, purpose=Purpose.ACADEMIC),  # neither
    ]
    settings = Settings(term_start=TODAY - 60 * DAY, term_end=TODAY + 30 * DAY)
    view = compute_today(TODAY, settings, kids, [], notes, [])
    rows = [(b.family.student_name, b.positive, b.concern, b.only_concerns) for b in view.balance]
    assert rows == [
        ("Ben Testing", 0, 2, True),
        ("Cy Testing", 0, 1, True),
        ("Ada Testing", 1, 1, False),
        ("Di Testing", 1, 0, False),
    ]


def test_not_contacted_in_n_days_never_first(kids):
    ada, ben, cy, _di = kids
    notes = [note(ada, days_ago=5), note(ben, days_ago=45), note(cy, days_ago=31)]
    guardian = Guardian(name="Pat Testing", student_ids=[ben.id])
    view = compute_today(TODAY, Settings(stale_after_days=30), kids, [guardian], notes, [])
    stale = [(s.family.student_name, s.last_contact) for s in view.not_contacted]
    assert stale == [
        ("Di Testing", None),
        ("Ben Testing", TODAY - 45 * DAY),
        ("Cy Testing", TODAY - 31 * DAY),
    ]
    assert view.not_contacted[1].family.guardians == "Pat Testing"
    view = compute_today(TODAY, Settings(stale_after_days=40), kids, [], notes, [])
    assert [s.family.student_name for s in view.not_contacted] == ["Di Testing", "Ben Testing"]


def test_upcoming_conferences_next_14_days(kids):
    def conf(days, status=ConferenceStatus.PLANNED):
        when = dt.datetime.combine(TODAY + days * DAY, dt.time(15, 30))
        return Conference(student_id=kids[0].id, when=when, status=status)

    conferences = [conf(14), conf(15), conf(0), conf(-1), conf(3, ConferenceStatus.CANCELLED)]
    view = compute_today(TODAY, Settings(), kids, [], [], conferences)
    assert [c.when.date() for c in view.conferences] == [TODAY, TODAY + 14 * DAY]


def test_build_today_on_demo(demo_store):
    view = build_today(demo_store, TODAY)
    assert view.overdue and all(i.state(TODAY) == FollowUpState.OVERDUE for i in view.overdue)
    assert view.conferences
    # the demo leaves some IEP students' parental input unreceived, so a deadline is open
    assert view.iep_deadlines, "the demo's IEP students have open deadlines"
    assert all(not d.done and d.student_name for d in view.iep_deadlines)
    assert view.term == (TODAY - 80 * DAY, TODAY + 40 * DAY)


def test_build_today_reads_only_the_notes_it_needs(memory_store):
    """Years of history stay on disk: Today validates open follow-ups, recent notes and each
    family's latest note, and still says how long ago an old family was last contacted."""
    from teacherdesk.domain.today import notes_for_today
    from teacherdesk.models import ContactNote, FollowUp, Student

    old, recent = (memory_store.students.save(Student(first_name=n, last_name="Ng")) for n in "AB")
    long_ago = TODAY - dt.timedelta(days=400)
    for days in (700, 500, 400):  # A's history: only the latest (400 days ago) is needed
        memory_store.contacts.save(
            ContactNote(student_id=old.id, date=TODAY - dt.timedelta(days=days), summary="old")
        )
    promise = memory_store.contacts.save(
        ContactNote(
            student_id=recent.id,
            date=TODAY - dt.timedelta(days=600),
            summary="promised",
            follow_up=FollowUp(what="Call back", due=TODAY - dt.timedelta(days=2)),
        )
    )
    memory_store.contacts.save(ContactNote(student_id=recent.id, date=TODAY, summary="today"))
    done = FollowUp(due=long_ago, done_on=long_ago)  # a kept promise long ago: nothing to show
    memory_store.contacts.save(
        ContactNote(student_id=recent.id, date=long_ago, summary="kept", follow_up=done)
    )

    needed = notes_for_today(memory_store, TODAY - dt.timedelta(days=90))
    assert sorted(n.summary for n in needed) == ["old", "promised", "today"]

    view = build_today(memory_store, TODAY)
    stale = {s.family.student_id: s.last_contact for s in view.not_contacted}
    assert stale[old.id] == long_ago
    assert promise.id in {item.record_id for item in view.overdue}
