"""The meeting fields on the IEP record are saved, the readiness panel follows them, and f12
previews the notice (in the language chosen first) (Pilot, 80×24)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Markdown, Select, Static

from teacherdesk.models import IEP, Guardian, Student
from teacherdesk.ui.dialogs.language_prompt import LanguagePrompt
from teacherdesk.ui.forms.iep_record import IEPRecordScreen
from teacherdesk.ui.screens.meeting_notice import MeetingNoticePreview
from tests.helpers import make_app


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_meeting_fields_saved_and_notice_key(memory_store):
    student = memory_store.students.save(Student(first_name="Ada", last_name="Quill", has_iep=True))
    memory_store.guardians.save(Guardian(name="Mo Quill", student_ids=[student.id]))
    iep = memory_store.ieps.save(IEP(student_id=student.id, meeting_date=dt.date(2026, 12, 7)))
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(IEPRecordScreen(student.id, iep.id))
        await settle(app, pilot)
        assert "Meeting: needs something" in text_of(app, "#ir-evidence")
        assert "send the meeting notice by Mon 23 Nov 2026" in text_of(app, "#ir-evidence")
        app.screen.query_one("#ir-time", Input).focus()
        await pilot.press(*"3:30 pm")
        app.screen.query_one("#ir-place", Input).focus()
        await pilot.press(*"Room 12")
        app.screen.query_one("#ir-purpose", Select).value = "annual_review"
        app.screen.query_one("#ir-reply", Select).value = "can_attend"
        app.screen.query_one("#ir-notice-on").focus()
        await pilot.press(*"2026-11-20")
        await pilot.press("f10")
        app.saver.drain()
        await settle(app, pilot)
        saved = memory_store.ieps.get(iep.id)
        assert (saved.meeting_time, saved.meeting_place) == ("3:30 pm", "Room 12")
        assert saved.meeting_purpose.value == "annual_review"
        assert saved.family_reply.value == "can_attend"
        assert saved.notice_sent_on == dt.date(2026, 11, 20)
        assert "Meeting: ready" in text_of(app, "#ir-evidence")

        await pilot.press("f12")
        await settle(app, pilot)
        assert isinstance(app.screen, LanguagePrompt)  # the language first: the family's
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingNoticePreview)
        assert "You are invited to Ada Quill's IEP meeting" in app.screen.markdown
        assert "Room 12" in app.screen.markdown
        assert app.screen.query_one(Markdown).source == app.screen.markdown
