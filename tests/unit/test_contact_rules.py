"""The contact-note rules (domain.contact_rules): each refusal, its field and its one sentence."""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.contact_rules import contact_problems, note_problems
from teacherdesk.models import ContactNote, FollowUp, Outcome
from tests.helpers import TODAY


def problems(**typed):
    values = {"date": TODAY, "today": TODAY, "outcome": Outcome.REACHED, "summary": "Talked."}
    return [(p.field, p.sentence) for p in contact_problems(**(values | typed))]


def test_a_plain_contact_today_has_no_problem():
    assert problems() == []
    assert problems(date=TODAY - dt.timedelta(days=400)) == []


def test_a_contact_in_the_future_is_refused():
    assert problems(date=TODAY + dt.timedelta(days=1)) == [
        ("date", "The contact date is in the future: when did it happen?")
    ]


def test_a_reached_contact_needs_a_summary_but_a_missed_call_does_not():
    assert problems(summary="  \n ") == [("summary", "Write a line about what was said.")]
    assert problems(summary="", outcome=Outcome.NO_ANSWER) == []
    assert problems(summary="", outcome=Outcome.LEFT_MESSAGE) == []


def test_a_follow_up_due_before_the_contact_is_refused():
    day = TODAY - dt.timedelta(days=3)
    assert problems(date=day, follow_up_due=day - dt.timedelta(days=1)) == [
        ("follow_up.due", "The follow-up is due before the contact.")
    ]
    assert problems(date=day, follow_up_due=day) == []  # the same day is fine


def test_a_follow_up_needs_a_due_date():
    assert problems(follow_up_what="Send the log home") == [
        ("follow_up.due", "When is the follow-up due? (fri, in 1 week, 3 Dec)")
    ]
    assert problems(follow_up_what="   ") == []


def test_problems_come_in_the_order_of_the_form():
    found = problems(
        date=TODAY + dt.timedelta(days=2),
        summary="",
        follow_up_due=TODAY,
    )
    assert [field for field, _ in found] == ["date", "summary", "follow_up.due"]


def test_a_built_note_is_checked_by_the_same_rules():
    note = ContactNote(
        student_id="s1",
        date=TODAY,
        summary="Called",
        follow_up=FollowUp(what="Call back", due=TODAY - dt.timedelta(days=1)),
    )
    assert [p.sentence for p in note_problems(note, TODAY)] == [
        "The follow-up is due before the contact."
    ]
    fine = note.model_copy(update={"follow_up": None})
    assert note_problems(fine, TODAY) == []
    assert note_problems(fine, TODAY - dt.timedelta(days=1))[0].field == "date"


def test_an_outcome_must_fit_the_way_of_contact():
    from teacherdesk.domain.contact_rules import OUTCOMES_OF, outcome_problem
    from teacherdesk.models import Channel

    problem = outcome_problem(Channel.IN_PERSON, Outcome.BOUNCED)
    assert problem is not None and problem.field == "outcome"
    assert problem.sentence == (
        "A contact in person cannot be “bounced”: reached, left message or no answer?"
    )
    assert outcome_problem(Channel.LETTER, Outcome.BOUNCED) is None  # returned by the post
    assert all(Outcome.REACHED in fits for fits in OUTCOMES_OF.values())
    assert set(OUTCOMES_OF) == set(Channel)


def test_the_command_line_refuses_a_visit_that_bounced_and_the_demo_has_none(tmp_path):
    from teacherdesk.domain.contact_rules import OUTCOMES_OF
    from teacherdesk.domain.demo import DemoSize, build_demo
    from teacherdesk.store import Store
    from tests.helpers import run_main

    path = tmp_path / "class.json"
    store = Store.open(path, backups=False)
    build_demo(store, DemoSize(notes=400), today=TODAY)
    assert all(n.outcome in OUTCOMES_OF[n.channel] for n in store.contacts.all())
    before = len(store.contacts.all())
    number = store.students.all()[0].student_number
    ran = run_main(
        ["--data", path, "note", number, "Home visit", "--channel", "in_person",
         "--outcome", "bounced"]
    )  # fmt: skip
    assert ran.returncode == 2
    assert "cannot be “bounced”" in ran.stderr
    assert len(Store.open(path, backups=False).contacts.all()) == before
