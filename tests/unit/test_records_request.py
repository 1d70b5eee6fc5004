"""A family's records request: everything about their child, and no other child's name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markdown_it import MarkdownIt

from teacherdesk.domain.records import clocks
from teacherdesk.models import IEP, Conference, ContactNote, Guardian, Student, StudentInterview
from teacherdesk.store import Store, login_name
from teacherdesk.store.access_log import read
from teacherdesk.store.closing import close_years
from tests.helpers import TODAY, run_main


def class_with_siblings(path: Path) -> None:
    me = Store.open(path, author=login_name())
    ava = me.students.save(Student(id="ava", first_name="Ava", last_name="Quill", has_iep=True,
                                   student_number="7"))  # fmt: skip
    me.students.save(Student(id="ben", first_name="Benedikt", preferred_name="Ben",
                             last_name="Quill"))  # fmt: skip
    me.students.save(Student(id="cora", first_name="Cora", last_name="Vance"))
    me.guardians.save(Guardian(name="Maria Quill", student_ids=["ava", "ben"]))
    me.contacts.add_many(
        [
            ContactNote(student_id=ava.id, date=dt.date(2025, 10, 6),
                        summary="Ava and Ben Quill read together; Cora Vance joined"),
            ContactNote(student_id=ava.id, date=TODAY, summary="Benedikt helped Ava"),
            ContactNote(student_id=ava.id, date=TODAY, summary="MY OWN restricted",
                        restricted=True),
            ContactNote(student_id="ben", date=TODAY, summary="Ben only"),
        ]
    )  # fmt: skip
    note = me.contacts.all()[0]
    me.contacts.save(note.model_copy(update={"summary": note.summary + " (edited)"}))
    me.conferences.save(
        Conference(student_id=ava.id, when=dt.datetime(2026, 10, 1, 15), concerns="Cora teases")
    )
    me.ieps.save(IEP(student_id=ava.id, meeting_date=dt.date(2027, 1, 21)))
    me.interviews.save(
        StudentInterview(student_id=ava.id, answers={"strengths": "I help Ben with maths"})
    )
    close_years(me, TODAY)  # last year's note now lives in teacherdesk-2025-26.json
    other = Store.open(path, author="mr.kim")
    other.contacts.save(
        ContactNote(student_id=ava.id, date=TODAY, summary="KIM restricted", restricted=True)
    )


def test_records_request_names_no_other_child(tmp_path: Path) -> None:
    path = tmp_path / "teacherdesk.json"
    class_with_siblings(path)
    out = tmp_path / "records.md"
    done = run_main(["--data", path, "records-request", "7", "--out", out,
                     "--requested-on", "2026-11-10"])  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    MarkdownIt("commonmark").parse(text)
    for other in ("Ben", "Benedikt", "Cora", "Vance", "KIM restricted"):
        assert other not in text, other
    assert "a sibling" in text and "another student" in text
    assert "read together" in text  # last year's file is in
    assert "MY OWN restricted" in text  # the running account's own restricted note
    assert "1 restricted note(s) written by other team members" in text
    assert "by mr.kim" in text
    assert "Edit history" in text and "(edited)" not in text.split("## Edit history")[1]
    assert "I help a sibling with maths" in text
    assert "1 restricted note(s) by other team members left out" in done.stderr
    store = Store.open(path)
    [clock] = clocks(store, TODAY)
    assert clock.student_name == "Ava Quill" and clock.due == dt.date(2026, 12, 25)
    assert read(store)[-1].what == "records-request"
    assert run_main(["--data", path, "records-request", "7", "--given"]).returncode == 0
    assert clocks(Store.open(path), TODAY) == []
