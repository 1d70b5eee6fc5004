"""Parental Input form saved as you type; the IEP screen and record; the parent-input request
(app key and command line); snapshots of the form and the IEP screen at 80×24."""

from __future__ import annotations

import datetime as dt
import os
import stat

from markdown_it import MarkdownIt

from teacherdesk.exports.parent_request import build_request
from teacherdesk.models import IEP, Guardian, InputMethod, Settings, Student
from teacherdesk.ui.forms.iep_record import IEPRecordScreen
from teacherdesk.ui.forms.parental_input import ParentalInputScreen
from tests.helpers import TODAY, family_store, make_app, saves_done, settle, typing_paused


async def test_parental_input_saved_as_you_type_and_reopened(memory_store):
    _student, iep = family_store(memory_store)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ParentalInputScreen(iep.id))
        await settle(app, pilot)
        assert app.screen.query_one("#pi-entered-by").value == "Ms. Teach"  # defaults to teacher
        await pilot.press(*"Loves maps")  # focus starts in (a)
        await typing_paused(app, pilot)
        await saves_done(app, pilot)
        saved = memory_store.ieps.get(iep.id).parental_input
        assert saved.strengths_needs == "Loves maps" and saved.entered_by == "Ms. Teach"
        app.screen.query_one("#pi-received-on").focus()
        await pilot.press(*"11/12")
        app.screen.query_one("#pi-learning_style").focus()
        await pilot.press(*"hands on")
        await pilot.press("escape")  # leaving saves at once
        await settle(app, pilot)
        await saves_done(app, pilot)
        saved = memory_store.ieps.get(iep.id).parental_input
        assert saved.received_on == dt.date(2026, 11, 12) and saved.learning_style == "hands on"

        app.push_screen(ParentalInputScreen(iep.id))
        await settle(app, pilot)
        assert app.screen.query_one("#pi-strengths_needs").text == "Loves maps"
        assert app.screen.query_one("#pi-received-on").text == "2026-11-12"


async def test_bad_date_keeps_typing_and_saves_the_rest(memory_store):
    _student, iep = family_store(memory_store)
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ParentalInputScreen(iep.id))
        await settle(app, pilot)
        app.screen.query_one("#pi-requested-on").focus()
        await pilot.press(*"soon")
        app.screen.query_one("#pi-social_behavioral").focus()
        await pilot.press(*"shy")
        app.flush_pending_edits()
        await saves_done(app, pilot)
        saved = memory_store.ieps.get(iep.id).parental_input
        assert saved.social_behavioral == "shy" and saved.requested_on is None
        assert "except the requested date" in str(app.screen.query_one("#pi-status").render())
        assert app.screen.query_one("#pi-requested-on").text == "soon"


async def test_iep_screen_lists_late_first_and_creates_a_record(memory_store):
    late = Student(first_name="Lia", last_name="Late", has_iep=True)
    fresh = Student(first_name="Nia", last_name="New", has_iep=True)
    later = Student(first_name="Ola", last_name="Later", has_iep=True)
    memory_store.students.add_many([late, fresh, later])
    memory_store.ieps.save(IEP(student_id=later.id, meeting_date=dt.date(2027, 3, 1)))
    memory_store.ieps.save(IEP(student_id=late.id, meeting_date=dt.date(2026, 12, 10)))
    app = make_app(memory_store, start="iep")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#iep-table")
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert [str(r[0]) for r in rows] == ["Lia Late", "Ola Later", "Nia New"]
        assert str(rows[0][1]) == "Parental input" and "late" in str(rows[0][2])
        assert "Set up" in str(rows[2][1])
        table.move_cursor(row=2)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, IEPRecordScreen)
        await pilot.press(*"2027-02-04")  # focus starts on the meeting date
        await pilot.press("tab", "tab", "tab")  # writing date, case manager
        await pilot.press(*"Mx. Case")
        await typing_paused(app, pilot)
        await saves_done(app, pilot)
        created = memory_store.ieps.for_student(fresh.id)
        assert created is not None and created.meeting_date == dt.date(2027, 2, 4)
        assert len(memory_store.ieps.where(student_id=fresh.id)) == 1
        assert "Parental input" in str(app.screen.query_one("#ir-deadlines").render())
        await pilot.press("escape")
        await settle(app, pilot)
        table = app.screen.query_one("#iep-table")
        assert "Set up" not in " ".join(str(table.get_row_at(i)[1]) for i in range(3))


async def test_request_letter_from_the_app_is_written_and_recorded(memory_store, tmp_path):
    _student, iep = family_store(memory_store)
    out = tmp_path / "letters" / "request.html"
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ParentalInputScreen(iep.id))
        await settle(app, pilot)
        await pilot.press("f8")
        await settle(app, pilot)
        await pilot.press("enter")  # the language: the family's
        await settle(app, pilot)
        await pilot.press("s")  # save the previewed letter
        await settle(app, pilot)
        path_input = app.screen.query_one("#letter-path")
        assert path_input.value.endswith(".md")
        path_input.value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        await saves_done(app, pilot)
        await settle(app, pilot)
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
        assert "<b>" not in out.read_text() and "&lt;b&gt;" in out.read_text()
        parental = memory_store.ieps.get(iep.id).parental_input
        assert parental.requested_on == TODAY and parental.requested_how == InputMethod.PAPER
        await pilot.press("escape")  # back from the preview to the form
        await settle(app, pilot)
        assert app.screen.query_one("#pi-requested-on").text == TODAY.isoformat()


def test_request_letter_text_is_warm_escaped_and_ordered():
    student = Student(first_name="Zoë", last_name="O'Star *Bold*")
    rights = Guardian(name="Pat <b>Star</b>", student_ids=[student.id])
    other = Guardian(name="Alex Step", student_ids=[student.id], educational_rights=False)
    iep = IEP(student_id=student.id, meeting_date=dt.date(2027, 1, 21))
    text = build_request(student, [other, rights], iep, Settings(teacher_name="Ms. T"), TODAY)
    assert text.index("Pat") < text.index("Alex")  # rights holders first
    assert "Tue 7 Dec 2026" not in text and "Mon 7 Dec 2026" in text  # due: writing 7 Jan - 1 month
    html = MarkdownIt("commonmark", {"html": False}).render(text)
    assert "<b>" not in html and "*Bold*" in html
    for part in ("Strengths and needs", "Friends, feelings", "learns best", "tests", "classroom"):
        assert part in text
    page = build_request(student, [rights], iep, Settings(), TODAY, fmt="html")
    assert page.lower().startswith("<!doctype html>") and "<b>Star" not in page


def test_request_letter_never_asks_for_a_weekend():
    """Parental input due on Sunday 6 Dec: the letter asks for it by Friday 4 Dec."""
    from teacherdesk.exports.parent_request import build_request_markdown

    student = Student(first_name="Ada", last_name="Quill")
    iep = IEP(
        student_id=student.id,
        meeting_date=dt.date(2027, 1, 20),
        writing_date=dt.date(2027, 1, 6),
    )
    guardian = Guardian(name="Mo Quill", student_ids=[student.id])
    letter = build_request_markdown(student, [guardian], iep, Settings(), dt.date(2026, 11, 16))
    assert "**Fri 4 Dec 2026**" in letter
    assert "Sun 6 Dec" not in letter
