"""`teacherdesk meeting-notice` and `meeting-evidence`, in-process on a fixed clock: the check the
issue describes — a student of 16 with a Spanish-speaking family, the notice with the transition
paragraph and the interpreter, two phone attempts (one more needed, by another channel), then an
email (ready) — and the evidence file read against 300.322(d)."""

from __future__ import annotations

import datetime as dt
import stat

import pytest

from teacherdesk.cli import main
from teacherdesk.models import IEP, Guardian, Student
from teacherdesk.store import Store

MEETING = dt.date(2026, 12, 7)


@pytest.fixture
def clock(monkeypatch):
    """Set the day every command sees."""

    def set_day(day: dt.date) -> None:
        for module in (
            "teacherdesk.domain.dates",
            "teacherdesk.cli.note",
            "teacherdesk.cli.meeting_notice",
            "teacherdesk.cli.meeting_evidence",
        ):
            monkeypatch.setattr(f"{module}.today", lambda day=day: day)

    return set_day


@pytest.fixture
def class_file(data_file):
    store = Store.open(data_file, author="ms.rowan")
    luz = store.students.save(
        Student(
            first_name="Luz",
            last_name="Marquez *Star*",
            student_number="77",
            has_iep=True,
            date_of_birth=dt.date(2010, 9, 14),  # 16 on the meeting day
        )
    )
    store.students.save(Student(first_name="No", last_name="Meeting", student_number="78"))
    store.guardians.save(
        Guardian(
            name="Ana Marquez",
            student_ids=[luz.id],
            preferred_language="Spanish",
            interpreter_needed=True,
        )
    )
    store.ieps.save(
        IEP(
            student_id=luz.id,
            meeting_date=MEETING,
            meeting_time="3:30 pm",
            meeting_place="Room 12",
            team=["Ms. Rowan (special education teacher)"],
            agencies=["State Vocational Rehabilitation"],
            interpreter_booked_on=dt.date(2026, 11, 20),
        )
    )
    return data_file


def run(path, *args: str) -> int:
    return main(["--data", str(path), *args])


def test_notice_then_attempts_until_ready(class_file, clock, capsys):
    clock(dt.date(2026, 11, 23))
    assert run(class_file, "meeting-notice", "77", "--sent", "letter") == 0
    out, err = capsys.readouterr()
    assert "# You are invited to Luz Marquez \\*Star\\*'s IEP meeting" in out
    assert "Monday 7 December 2026, 3:30\u202fPM" in out  # typed "3:30 pm", the English way
    assert "Room 12" in out and "Ms. Rowan (special education teacher)" in out
    assert "knowledge or special expertise" in out
    assert "## Planning for life after school" in out
    assert "Luz is invited to the meeting" in out
    assert "State Vocational Rehabilitation" in out
    assert "An interpreter in Spanish will be at the meeting" in out
    assert "☐ We need another time" in out and "☐ We would prefer to join by phone or video" in out
    assert "notice sent today (letter)" in err
    iep = Store.open(class_file).ieps.all()[0]
    assert (iep.notice_sent_on, iep.notice_sent_how.value) == (dt.date(2026, 11, 23), "letter")

    for day, outcome in ((24, "no_answer"), (25, "left_message")):
        clock(dt.date(2026, 11, day))
        assert run(class_file, "note", "77", "Called about the meeting", "--channel", "phone",
                   "--purpose", "iep", "--outcome", outcome) == 0  # fmt: skip
    capsys.readouterr()
    assert run(class_file, "meeting-evidence", "77") == 0
    out = capsys.readouterr().out
    assert "## Where it stands: Needs something" in out
    assert "- Needed: one more attempt, by a different channel than phone" in out

    clock(dt.date(2026, 11, 30))
    assert run(class_file, "note", "77", "Emailed the notice again", "--channel", "email",
               "--purpose", "iep", "--outcome", "reached") == 0  # fmt: skip
    capsys.readouterr()
    assert run(class_file, "meeting-evidence", "77") == 0
    out = capsys.readouterr().out
    assert "## Where it stands: Ready" in out
    # 300.322(d): each attempt with date, channel, who, result; letters sent; replies
    attempts = [line for line in out.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert [line.split(", by ")[0] for line in attempts] == [
        "1. Tue 24 Nov 2026 · phone · to Ana Marquez",
        "2. Wed 25 Nov 2026 · phone · to Ana Marquez",
        "3. Mon 30 Nov 2026 · email · to Ana Marquez",
    ]
    results = [line.split("result: ")[1].rstrip("\\") for line in attempts]
    assert results == ["no answer", "left message", "reached"]
    assert "   Emailed the notice again" in out
    assert "- Mon 23 Nov 2026: Notice of the IEP meeting by letter" in out
    assert "## Replies from the family" in out
    assert "- **Interpreter:** needed (Spanish); booked Fri 20 Nov 2026" in out
    assert "- **Transition considered:** yes" in out


def test_out_file_is_private_and_html_by_suffix(class_file, clock, tmp_path, capsys):
    clock(dt.date(2026, 11, 23))
    target = tmp_path / "notice.html"
    assert run(class_file, "meeting-notice", "Luz", "--out", str(target)) == 0
    text = target.read_text()
    assert text.startswith("<!DOCTYPE html>") and "<script" not in text
    assert "Luz Marquez *Star*" in text and "<em>Star</em>" not in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    evidence = tmp_path / "evidence.md"
    assert run(class_file, "meeting-evidence", "77", "--out", str(evidence)) == 0
    assert evidence.read_text().startswith("# IEP meeting participation record")
    assert "Wrote the meeting record" in capsys.readouterr().err
    assert Store.open(class_file).ieps.all()[0].notice_sent_on is None  # no --sent: not noted


def test_refusals_are_one_sentence(class_file, clock, capsys):
    clock(dt.date(2026, 11, 23))
    assert run(class_file, "meeting-notice", "78") == 2
    err = capsys.readouterr().err
    assert "No Meeting has no IEP meeting on record" in err and "Traceback" not in err
    assert run(class_file, "meeting-notice", "77", "--sent", "pigeon") == 2
    assert "--sent: 'pigeon' is not one of" in capsys.readouterr().err
    assert run(class_file, "meeting-evidence", "Nobody") == 2
    assert run(class_file, "meeting-notice", "77", "--format", "pdf") == 2
