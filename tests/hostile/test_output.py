"""Items 2, 4 and 13: `--out` and `--format`: HTML gets real HTML, a mismatch is refused, devices
and FIFOs are written through and never replaced, `-` is stdout, a folder is refused, and a
failed write names the export, never the data file or a temp file."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.hostile.conftest import digest


@pytest.mark.parametrize(
    ("command", "name"),
    [("export", "packet.html"), ("parent-input-request", "letter.html"), ("export", "p.HTM")],
)
def test_html_out_is_escaped_html(td, hostile_family, tmp_path, command, name):
    path, student = hostile_family
    out = tmp_path / name
    ran = td("--data", path, command, student.student_number, "--out", out)
    assert ran.code == 0, ran.err
    page = out.read_text()
    assert page.lstrip().lower().startswith("<!doctype html")
    for raw in ("<img", "<script", 'href="javascript:'):
        assert raw not in page, raw
    assert "&lt;img src=x" in page or "&lt;img src=x" in page.replace("&amp;", "&")


@pytest.mark.parametrize(
    ("command", "argv"),
    [
        ("export", ["--out", "p.html", "--format", "md"]),
        ("export", ["--out", "p.md", "--format", "html"]),
        ("parent-input-request", ["--out", "l.html", "--format", "md"]),
        ("parent-input-request", ["--out", "l.markdown", "--format", "html"]),
        ("calendar", ["--out", "c.html"]),
        ("calendar", ["--out", "c.md"]),
        ("export", ["--out", "p.ics"]),
        ("export", ["--format", "pdf"]),
    ],
)
def test_format_and_suffix_that_disagree_are_refused(
    td, hostile_family, tmp_path, monkeypatch, command, argv
):
    monkeypatch.chdir(tmp_path)
    path, student = hostile_family
    before = digest(path)
    who = [] if command == "calendar" else [student.student_number]
    ran = td("--data", path, command, *who, *argv)
    assert ran.code == 2
    assert "--" in ran.sentence
    assert not any(tmp_path.glob("[pcl].*")), "nothing is written when the command is refused"
    assert digest(path) == before  # not even "requested today" is recorded


def test_markdown_export_is_commonmark_with_names_literal(td, hostile_family, tmp_path):
    path, student = hostile_family
    ran = td("--data", path, "export", student.student_number, "--out", tmp_path / "p.md")
    assert ran.code == 0
    html = MarkdownIt("commonmark", {"html": False}).render((tmp_path / "p.md").read_text())
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "*Star*" in html  # the asterisks are text, not emphasis


def test_calendar_cannot_be_given_extra_lines(td, tmp_path):
    import datetime as dt

    from teacherdesk.models import Conference, Student
    from teacherdesk.store import Store

    path = tmp_path / "cal.json"
    store = Store.open(path)
    student = Student(first_name="Eve\r\nBEGIN:VEVENT", last_name="X;Y,Z\\\nATTENDEE:evil")
    store.students.save(student)
    when = dt.datetime.combine(dt.date.today() + dt.timedelta(days=3), dt.time(16))
    store.conferences.save(Conference(student_id=student.id, when=when))
    ran = td("--data", path, "calendar", "--out", "-")
    assert ran.code == 0, ran.err
    lines = ran.out.splitlines()
    assert sum(line == "BEGIN:VEVENT" for line in lines) == 1
    assert not any(line.startswith("ATTENDEE") for line in lines)


def test_dash_is_standard_output(td, small_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ran = td("--data", small_file, "calendar", "--out", "-")
    assert ran.code == 0 and ran.out.startswith("BEGIN:VCALENDAR")
    assert not (tmp_path / "-").exists()


def test_a_character_device_is_written_through_never_replaced(td, small_file, tmp_path):
    link = tmp_path / "out.ics"
    link.symlink_to("/dev/null")
    for target in ("/dev/null", str(link)):
        ran = td("--data", small_file, "calendar", "--out", target)
        assert ran.code == 0, ran.err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_device_names_the_export(td, small_file):
    before = digest(small_file)
    ran = td("--data", small_file, "export", "Applewhistle", "--out", "/dev/full")
    if "matches" in ran.err or "no student" in ran.err:  # the demo is random: any student
        student = td("--data", small_file, "roster", "--json").out
        number = __import__("orjson").loads(student)[0]["student_number"]
        ran = td("--data", small_file, "export", number, "--out", "/dev/full")
    assert ran.code == 1
    assert "/dev/full" in ran.sentence and "no space left" in ran.sentence
    assert str(small_file) not in ran.sentence
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert digest(small_file) == before


def test_a_fifo_is_written_through(td, small_file, tmp_path):
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    ran = td("--data", small_file, "calendar", "--out", fifo)
    reader.join(timeout=30)
    assert ran.code == 0, ran.err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and got[0].startswith(b"BEGIN:VCALENDAR")


def test_a_folder_is_refused(td, small_file, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    ran = td("--data", small_file, "calendar", "--out", folder)
    assert ran.code == 1 and "is a folder" in ran.sentence
    assert list(folder.iterdir()) == []


def test_symlink_to_a_file_keeps_the_link(td, small_file, tmp_path):
    real = tmp_path / "real.ics"
    real.write_text("old")
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    assert td("--data", small_file, "calendar", "--out", link).code == 0
    assert link.is_symlink() and real.read_text().startswith("BEGIN:VCALENDAR")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_write_error_names_the_export_not_a_temp_file(td, small_file, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    out = blocker / "cal.ics"
    ran = td("--data", small_file, "calendar", "--out", out)
    assert ran.code == 1
    assert str(out) in ran.sentence and ".tmp" not in ran.sentence
    assert str(small_file) not in ran.sentence


def test_out_parents_are_private(td, small_file, tmp_path):
    out = tmp_path / "a" / "b" / "cal.ics"
    old = os.umask(0)
    try:
        assert td("--data", small_file, "calendar", "--out", out).code == 0
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_no_stray_temp_files(small_file, tmp_path: Path, td):
    td("--data", small_file, "calendar", "--out", tmp_path / "c.ics")
    assert not list(tmp_path.glob(".*.tmp"))
