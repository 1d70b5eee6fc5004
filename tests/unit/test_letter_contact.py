"""The notice promises only the ways of reaching the teacher that it gives; with no phone and no
email the CLI says so once, and a folder given to --out gets a file name with the language."""

from __future__ import annotations

import datetime as dt

import pytest

from teacherdesk.exports.letters.sender import NO_CONTACT
from teacherdesk.exports.meeting_notice import write_notice
from teacherdesk.exports.parent_request import write_request
from teacherdesk.models import IEP, Guardian, Settings, Student
from teacherdesk.store import Store
from tests.helpers import TODAY, run_main


def notice(settings: Settings, lang: str = "en"):
    student = Student(first_name="Luz", last_name="Marquez")
    family = [Guardian(name="Ana Marquez", student_ids=[student.id], preferred_language="vi")]
    iep = IEP(student_id=student.id, meeting_date=dt.date(2026, 12, 7), meeting_time="3:30 pm")
    return write_notice(student, family, iep, settings, TODAY, lang=lang)


@pytest.mark.parametrize(
    ("settings", "said", "unsaid"),
    [
        (
            Settings(teacher_name="Ms. Rowan"),
            "Please let us know whether you can come by returning the slip below. We look",
            ["calling", "emailing", "by phone or email"],
        ),
        (
            Settings(teacher_name="Ms. Rowan", room="Room 12"),
            "or by stopping by room 12.",
            ["calling", "emailing", "by phone or email"],
        ),
        (
            Settings(teacher_phone="555-0190"),
            "or by calling us.",
            ["emailing", "by phone or email"],
        ),
        (
            Settings(teacher_email="r@example.org"),
            "or by emailing us.",
            ["calling", "by phone or email"],
        ),
        (
            Settings(teacher_phone="555-0190", teacher_email="r@example.org"),
            "or by calling or emailing us.",
            [],
        ),
    ],
)
def test_the_notice_promises_only_the_ways_it_gives(settings, said, unsaid):
    text = notice(settings).markdown()
    assert said in text
    for words in unsaid:
        assert words not in text
    if settings.teacher_phone:
        assert f"Phone: {settings.teacher_phone}" in text
    assert (NO_CONTACT in notice(settings).warnings) is not (
        settings.teacher_phone or settings.teacher_email
    )


def test_reply_how_is_kept_as_typed_in_every_language():
    settings = Settings(reply_how="a note in Luz's *folder*")
    assert (
        "You can also reply this way: a note in Luz's \\*folder\\*" in notice(settings).markdown()
    )
    vietnamese = notice(settings, lang="vi").markdown()
    assert "Theo lời giáo viên, bằng tiếng Anh: a note in Luz's \\*folder\\*" in vietnamese
    assert "gọi điện" not in vietnamese.split("> ")[0]  # no call promised in Vietnamese either


def test_the_request_says_it_too():
    student = Student(first_name="Luz", last_name="Marquez")
    letter = write_request(student, [], None, Settings(), TODAY)
    assert NO_CONTACT in letter.warnings
    assert (
        NO_CONTACT
        not in write_request(
            student, [], None, Settings(teacher_email="r@example.org"), TODAY
        ).warnings
    )


def class_file(tmp_path, settings: Settings):
    data = tmp_path / "d" / "teacherdesk.json"
    store = Store.open(data, author="tester")
    student = store.students.save(
        Student(first_name="Luz", last_name="Marquez", student_number="77", has_iep=True)
    )
    store.guardians.save(
        Guardian(name="Ana Marquez", student_ids=[student.id], preferred_language="Vietnamese")
    )
    store.ieps.save(
        IEP(student_id=student.id, meeting_date=dt.date(2026, 12, 7), meeting_time="3:30 pm")
    )
    store.settings.save(settings)
    return data


def test_cli_says_once_that_families_cannot_reach_the_teacher(tmp_path):
    data = class_file(tmp_path, Settings(teacher_name="Ms. Rowan"))
    ran = run_main(["--data", data, "meeting-notice", "77"])
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr.count("no way to reach you") == 1
    assert "add your phone or email in Settings" in ran.stderr
    assert "15:30" in ran.stdout  # the Vietnamese notice writes the time its way
    reachable = class_file(tmp_path / "b", Settings(teacher_phone="555-0190"))
    assert "no way to reach" not in run_main(["--data", reachable, "meeting-notice", "77"]).stderr


def test_cli_out_folder_names_the_file_with_its_language(tmp_path):
    data = class_file(tmp_path, Settings(teacher_phone="555-0190"))
    folder = tmp_path / "letters"
    folder.mkdir()
    for lang in ("en", "vi"):
        ran = run_main(["--data", data, "meeting-notice", "77", "--lang", lang, "--out", folder])
        assert ran.returncode == 0, ran.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["iep-meeting-notice-luz-marquez-en.md", "iep-meeting-notice-luz-marquez-vi.md"]
    assert str(folder / "iep-meeting-notice-luz-marquez-vi.md") in ran.stderr
    ran = run_main(["--data", data, "good-news", "77", "--lang", "es", "--out", folder])
    assert (folder / "good-news-luz-marquez-es.md").exists(), ran.stderr
    ran = run_main(["--data", data, "parent-input-request", "77", "--out", folder])
    assert (folder / "parent-input-request-luz-marquez-vi.md").exists(), ran.stderr
