"""The forms show the domain's sentences: the same words `teacherdesk note` prints."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static, TextArea

from teacherdesk.models import Conference, ConferenceStatus, Guardian, Student
from tests.helpers import TODAY, make_app


async def settle(app, pilot, until=lambda: True) -> None:
    for _ in range(50):
        await app.workers.wait_for_complete()
        app.saver.drain(timeout=10)
        await pilot.pause()
        if until():
            return


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def test_contact_form_refuses_with_the_sentence_the_cli_prints(memory_store):
    kid = memory_store.students.save(Student(first_name="Amara", last_name="Quill"))
    memory_store.guardians.save(Guardian(name="Ngozi Quill", student_ids=[kid.id]))
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        from teacherdesk.ui.forms.contact_form import open_contact_form

        await settle(app, pilot)
        open_contact_form(app, kid.id)
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ContactForm")
        await pilot.press("tab", "tab", *"Called home")  # how, with whom, then the summary
        # on to the date: about, outcome, follow-up, due, date
        await pilot.press(*["tab"] * 5, "ctrl+a", "ctrl+k", *"in 2 weeks", "f10")
        await settle(app, pilot)
        assert shown(app, "#contact-problem") == (
            "The contact date is in the future: when did it happen?"
        )
        await pilot.press("ctrl+a", "ctrl+k", *"today")
        app.screen.query_one("#contact-follow-due Input", Input).focus()
        await pilot.press(*"2020-01-01", "f10")
        await settle(app, pilot)
        assert shown(app, "#contact-problem") == "The follow-up is due before the contact."
        assert app.screen.query_one("#contact-summary", TextArea).text == "Called home"
        assert memory_store.contacts.count() == 0


async def test_a_conference_next_week_cannot_be_recorded_as_held(memory_store):
    from teacherdesk.ui.forms.conference_record import ConferenceRecordScreen

    kid = memory_store.students.save(Student(first_name="Ines", last_name="Marlowe"))
    when = dt.datetime.combine(TODAY + dt.timedelta(days=7), dt.time(15, 30))
    planned = memory_store.conferences.save(Conference(student_id=kid.id, when=when))
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(ConferenceRecordScreen(planned, kid))
        await settle(app, pilot, lambda: type(app.screen).__name__ == "ConferenceRecordScreen")
        sentence = (
            "This conference is planned for Mon 23 Nov 2026, in the future: "
            "record it as held once it has happened."
        )
        assert shown(app, ".form-status") == sentence  # said before anything is typed
        await pilot.press(*"Reads every night", "f10")
        await settle(app, pilot)
        assert shown(app, ".form-status") == f"Not saved yet: {sentence}"
        assert app.screen.query_one("#record-celebrations", TextArea).text == "Reads every night"
        assert memory_store.conferences.get(planned.id).status == ConferenceStatus.PLANNED
