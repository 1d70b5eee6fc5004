"""Dates on the command line read like the app's date fields: month names, slash dates in the
date order of settings, and a meeting on a weekend or school holiday said on stderr."""

from __future__ import annotations

import datetime as dt

import pytest

from teacherdesk.cli import main
from teacherdesk.models import IEP, Settings, Student
from teacherdesk.store import Store

TODAY = dt.date(2026, 11, 16)


@pytest.fixture
def clock(monkeypatch):
    for module in ("teacherdesk.cli.note", "teacherdesk.cli.meeting_notice"):
        monkeypatch.setattr(f"{module}.today", lambda: TODAY)


@pytest.fixture
def class_file(data_file):
    store = Store.open(data_file, author="ms.rowan")
    luz = store.students.save(
        Student(first_name="Luz", last_name="Marquez", student_number="77", has_iep=True)
    )
    store.ieps.save(IEP(student_id=luz.id, meeting_date=dt.date(2026, 12, 5)))  # a Saturday
    return data_file


def note_dates(path) -> list[dt.date]:
    return sorted(n.date for n in Store.open(path).contacts.all())


@pytest.mark.parametrize(
    ("order", "typed", "saved"),
    [
        ("", "nov 3", dt.date(2026, 11, 3)),
        ("", "3 Nov", dt.date(2026, 11, 3)),
        ("", "11/3", dt.date(2026, 11, 3)),  # the tests' locale is en_US: month first
        ("day-first", "3/11", dt.date(2026, 11, 3)),
        ("month-first", "11/3", dt.date(2026, 11, 3)),
        ("day-first", "13/11", dt.date(2026, 11, 13)),
        ("month-first", "13/11", dt.date(2026, 11, 13)),  # 13 cannot be a month
    ],
)
def test_note_date_reads_the_settings_order(class_file, clock, capsys, order, typed, saved):
    store = Store.open(class_file)
    store.settings.save(Settings(date_order=order))
    assert main(["--data", str(class_file), "note", "77", "Called", "--date", typed]) == 0
    assert note_dates(class_file) == [saved]
    assert f"on {saved.isoformat()}" in capsys.readouterr().out


def test_note_refuses_an_impossible_date_in_one_sentence(class_file, clock, capsys):
    assert main(["--data", str(class_file), "note", "77", "Called", "--date", "31/2"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("--date: '31/2' is not a real date: February has no day 31.")
    assert "Traceback" not in err and note_dates(class_file) == []


def test_meeting_notice_says_the_meeting_is_on_a_saturday(class_file, clock, capsys):
    assert main(["--data", str(class_file), "meeting-notice", "77"]) == 0
    out, err = capsys.readouterr()
    assert "The IEP meeting is on Sat 5 Dec 2026 — a Saturday." in err
    assert "Saturday 5 December 2026" in out  # still written: a warning, not a refusal


def test_meeting_notice_says_a_school_holiday(class_file, clock, capsys):
    store = Store.open(class_file)
    iep = store.ieps.all()[0]
    store.ieps.save(iep.model_copy(update={"meeting_date": dt.date(2026, 11, 26)}))
    store.settings.save(Settings(holidays=[dt.date(2026, 11, 26)]))
    assert main(["--data", str(class_file), "meeting-notice", "77"]) == 0
    assert "is on Thu 26 Nov 2026 — a school holiday." in capsys.readouterr().err
    store.settings.save(Settings())
    assert main(["--data", str(class_file), "meeting-notice", "77"]) == 0
    assert "a school holiday" not in capsys.readouterr().err


def test_note_date_weekday_is_the_one_just_gone(class_file, clock, capsys):
    """`--date fri` on Monday 16 November is Friday 13th (as the form's Date field reads it);
    `--due fri` still looks forward."""
    argv = ["--data", str(class_file), "note", "77", "Called", "--date", "fri", "--due", "fri"]
    assert main(argv) == 0
    note = Store.open(class_file).contacts.all()[0]
    assert note.date == dt.date(2026, 11, 13)
    assert note.follow_up is not None and note.follow_up.due == dt.date(2026, 11, 20)
