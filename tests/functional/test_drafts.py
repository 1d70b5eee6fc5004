"""Drafts stay drafts: a form cut off (hang-up, SIGTERM, quit) is kept apart, never counted as a
contact, a held conference or an event, and the next start offers to open or discard it."""

from __future__ import annotations

import datetime as dt

from textual.widgets import OptionList, TextArea

from teacherdesk.domain.today import build_today
from teacherdesk.models import (
    Channel,
    Conference,
    ConferenceStatus,
    EngagementEvent,
    EventKind,
    Guardian,
    Student,
)
from teacherdesk.store.check import inspect
from tests.helpers import TODAY, by_name, make_app, saves_done, settle, wait_for_screen


async def _cut_off(app, pilot) -> None:
    """What the hang-up handler does (flush every screen, drain the saver), then stop."""
    app.flush_pending_edits()
    await saves_done(app, pilot)


async def test_half_typed_note_is_a_draft_never_a_contact(demo_store):
    ravi = by_name(demo_store, "Ravi Honeysett")
    before = len(demo_store.contacts.all())
    last_before = demo_store.contacts.last_contact_dates().get(ravi.id)
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_student(ravi.id)
        await settle(app, pilot)
        await pilot.press("n")
        await wait_for_screen(app, pilot, "ContactForm")
        await pilot.press("t", "tab", *"Mum said the bus is la")  # t: a text message
        await _cut_off(app, pilot)
    assert len(demo_store.contacts.all()) == before  # not filed
    assert demo_store.contacts.last_contact_dates().get(ravi.id) == last_before
    view = build_today(demo_store, TODAY)
    assert all("bus is la" not in str(v) for v in vars(view).values())
    [draft] = demo_store.drafts.all()
    assert (draft.kind, draft.student_id) == ("contact", ravi.id)
    assert draft.fields["contact-summary"] == "Mum said the bus is la"
    assert inspect(demo_store)["drafts"][0].startswith("unfinished note for Ravi Honeysett")
    assert inspect(demo_store)["contacts"] == before

    # The next start says so; o opens the form with the words back; F10 files it.
    app = make_app(demo_store, start="today")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(app, pilot, "DraftsDialog")
        shown = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert shown.startswith("1 unfinished note for Ravi Honeysett — o open / d discard")
        await pilot.press("o")
        await wait_for_screen(app, pilot, "ContactForm")
        await settle(app, pilot)
        summary = app.screen.query_one("#contact-summary", TextArea)
        assert summary.text == "Mum said the bus is la"
        assert app.screen.student.id == ravi.id
        summary.focus()  # the form opens on How, as always; finish the sentence in the summary
        await pilot.pause()
        summary.move_cursor(summary.document.end)
        await pilot.press(*"te", "f10")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "TodayScreen")
    [filed] = [n for n in demo_store.contacts.for_student(ravi.id) if "bus is" in n.summary]
    assert filed.summary == "Mum said the bus is late"
    assert filed.channel == Channel.TEXT  # the one-key choices come back with the words
    assert demo_store.drafts.all() == []


async def test_discard_deletes_the_draft(demo_store):
    ravi = by_name(demo_store, "Ravi Honeysett")
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_student(ravi.id)
        await settle(app, pilot)
        await pilot.press("n")
        await wait_for_screen(app, pilot, "ContactForm")
        await pilot.press("p", "tab", *"never mind")
        await _cut_off(app, pilot)
    assert len(demo_store.drafts.all()) == 1
    app = make_app(demo_store, start="today")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(app, pilot, "DraftsDialog")
        await pilot.press("d")
        await settle(app, pilot, lambda: type(app.screen).__name__ == "TodayScreen")
    assert demo_store.drafts.all() == []
    assert not [n for n in demo_store.contacts.all() if n.summary == "never mind"]


async def test_typing_pause_keeps_a_draft_before_any_hang_up(demo_store):
    """A crash or kill -9 cannot run the hang-up handler: the draft is saved as typing pauses."""
    ravi = by_name(demo_store, "Ravi Honeysett")
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_student(ravi.id)
        await settle(app, pilot)
        await pilot.press("n")
        await wait_for_screen(app, pilot, "ContactForm")
        await pilot.press("p", "tab", *"Called")
        await settle(app, pilot, lambda: demo_store.drafts.count() == 1)
        assert demo_store.drafts.all()[0].fields["contact-summary"] == "Called"
        await pilot.press("escape", "escape")  # thrown away: the draft goes too
        await settle(app, pilot, lambda: demo_store.drafts.count() == 0)


def _kid(store) -> Student:
    kid = store.students.save(Student(first_name="Ada", last_name="Brook"))
    store.guardians.save(Guardian(name="Parent Brook", student_ids=[kid.id]))
    return kid


async def test_a_cut_off_conference_record_stays_planned(memory_store):
    kid = _kid(memory_store)
    planned = memory_store.conferences.save(
        Conference(student_id=kid.id, when=dt.datetime.combine(TODAY, dt.time(8, 0)))
    )
    app = make_app(memory_store, start="conferences")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await wait_for_screen(app, pilot, "ConferenceRecordScreen")
        assert "Ada Brook" in app.breadcrumb()
        await pilot.press(*"Reads every", "tab", "tab", *"Reading log")
        await _cut_off(app, pilot)
    assert memory_store.conferences.get(planned.id).status == ConferenceStatus.PLANNED
    [draft] = memory_store.drafts.all()
    assert draft.kind == "conference_record" and draft.record_id == planned.id
    app = make_app(memory_store, start="today")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(app, pilot, "DraftsDialog")
        await pilot.press("enter")
        await wait_for_screen(app, pilot, "ConferenceRecordScreen")
        await settle(app, pilot)
        assert app.screen.query_one("#record-celebrations", TextArea).text == "Reads every"
        assert app.screen.query_one(".action-what").value == "Reading log"


async def test_a_cut_off_event_is_not_on_the_calendar(memory_store):
    app = make_app(memory_store, start="engagement")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await wait_for_screen(app, pilot, "EventFormScreen")
        await pilot.press("tab", *"Family math night", "tab", *"12/3")
        await _cut_off(app, pilot)
    assert memory_store.events.count() == 0
    [draft] = memory_store.drafts.all()
    assert (draft.kind, draft.about) == ("event", "Family math night")
    app = make_app(memory_store, start="today")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(app, pilot, "DraftsDialog")
        assert "1 unfinished event: Family math night" in str(
            app.screen.query_one(OptionList).get_option_at_index(0).prompt
        )
        await pilot.press("o")
        await wait_for_screen(app, pilot, "EventFormScreen")
        await settle(app, pilot)
        assert app.screen.query_one("#event-title").value == "Family math night"
        await pilot.press("f10")
        await settle(app, pilot, lambda: memory_store.events.count() == 1)
    assert memory_store.drafts.count() == 0


async def test_volunteer_dialog_cut_off_keeps_an_attendance_draft(memory_store):
    kid = _kid(memory_store)
    event = memory_store.events.save(
        EngagementEvent(kind=EventKind.WORKSHOP, title="Workshop", date=TODAY)
    )
    app = make_app(memory_store, start="engagement")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await wait_for_screen(app, pilot, "AttendanceScreen")
        await pilot.press("v")
        await wait_for_screen(app, pilot, "VolunteerDialog")
        await pilot.press(*"snacks", "enter", *"30")
        await _cut_off(app, pilot)
    assert memory_store.events.get(event.id).attendance == []
    [draft] = memory_store.drafts.all()
    assert draft.kind == "attendance" and "snacks" in str(draft.fields["came"])
    assert kid.id in str(draft.fields["came"])


async def test_future_event_attendance_is_refused_and_past_plans_ask(memory_store):
    _kid(memory_store)
    future = memory_store.events.save(
        EngagementEvent(kind=EventKind.WORKSHOP, title="Math night", date=TODAY + dt.timedelta(7))
    )
    app = make_app(memory_store, start="engagement")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await wait_for_screen(app, pilot, "AttendanceScreen")
        await pilot.press("space", "f10")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "AttendanceScreen"
        assert "in the future" in str(app.screen.query_one(".form-status").content)
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        await pilot.press("n")
        await wait_for_screen(app, pilot, "EventFormScreen")
        await pilot.press("tab", *"Coffee morning", "tab", *"2026-11-02", "f10")
        await wait_for_screen(app, pilot, "ConfirmScreen")
        assert "in the past. Save it anyway?" in str(app.screen.query_one(".dialog-title").content)
        await pilot.press("n")  # no: back in the form, nothing saved, nothing lost
        await settle(app, pilot)
        assert type(app.screen).__name__ == "EventFormScreen"
        assert memory_store.events.count() == 1
        await pilot.press("f10")
        await wait_for_screen(app, pilot, "ConfirmScreen")
        await pilot.press("y")
        await settle(app, pilot, lambda: memory_store.events.count() == 2)
    assert memory_store.events.get(future.id).attendance == []
