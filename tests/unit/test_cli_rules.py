"""`teacherdesk note` refuses what the contact form refuses, with the same sentence (in-process)."""

from __future__ import annotations

import datetime as dt

import pytest

from teacherdesk.cli import main
from teacherdesk.models import Guardian, Student
from teacherdesk.store import Store

FUTURE = "The contact date is in the future: when did it happen?"
DUE_BEFORE = "The follow-up is due before the contact."
SUMMARY = "Write a line about what was said."


@pytest.fixture
def class_file(data_file):
    store = Store.open(data_file, author="tester")
    kid = store.students.save(Student(first_name="Amara", last_name="Quill", student_number="42"))
    store.guardians.save(Guardian(name="Ngozi Quill", relationship="mother", student_ids=[kid.id]))
    return data_file


def note(path, *args: str) -> int:
    return main(["--data", str(path), "note", "42", *args])


@pytest.mark.parametrize(
    ("options", "sentence"),
    [
        (["Called home", "--date", "in 2 weeks"], FUTURE),
        (["Called home", "--date", "tomorrow"], FUTURE),
        (["Called home", "--due", "2020-01-01"], DUE_BEFORE),
        (
            ["Called home", "--date", "yesterday", "--follow-up", "Call", "--due", "3 days ago"],
            DUE_BEFORE,
        ),
        (["   "], SUMMARY),
    ],
)
def test_note_refuses_what_the_form_refuses(class_file, capsys, options, sentence):
    before = class_file.read_bytes()
    assert note(class_file, *options) == 2
    out, err = capsys.readouterr()
    assert err == f"teacherdesk: {sentence}\n"  # one line, the form's own sentence
    assert out == ""
    assert class_file.read_bytes() == before  # nothing saved


def test_note_accepts_what_the_form_accepts(class_file, capsys):
    assert note(class_file, "Called home", "--date", "yesterday", "--due", "fri") == 0
    assert note(class_file, "", "--outcome", "no_answer") == 0  # a missed call needs no words
    assert "Saved" in capsys.readouterr().out
    store = Store.open(class_file, backups=False)
    saved = {n.summary: n for n in store.contacts.all()}
    yesterday = dt.date.today() - dt.timedelta(days=1)
    assert saved["Called home"].date == yesterday
    assert saved["Called home"].follow_up.due >= yesterday
    assert saved[""].outcome.value == "no_answer"
