"""The access log: one durable line per thing given out, readable after a torn write."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson

from teacherdesk.domain.access import student_line
from teacherdesk.models import Student
from teacherdesk.store import Store
from teacherdesk.store.access_log import log_path, read, record
from tests.helpers import run_main


def test_lines_are_appended_private_and_a_torn_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "teacherdesk.json"
    store = Store.open(path, author="ms.rowan")
    record(store, "packet", ["s1"], to="file", detail="md")
    log = log_path(path)
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o600
    with open(log, "ab") as handle:  # a writer killed half-way through its line
        handle.write(b'{"at": "2026-12-02T10:00:00+00:00", "by": "mr.k')
    record(store, "letter", ["s1"], to="stdout")
    entries = read(store)
    assert [(e.what, e.by, e.students, e.to) for e in entries] == [
        ("packet", "ms.rowan", ("s1",), "file"),
        ("letter", "ms.rowan", ("s1",), "stdout"),
    ]
    assert log.read_bytes().count(b"\n") == 3  # the torn line stayed alone on its line


def test_the_student_line_names_the_last_and_counts(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "t.json", author="ms.rowan")
    assert student_line(read(store), "s1") == ""
    record(store, "packet", ["s1"])
    record(store, "letter", ["s2"])
    record(store, "packet", ["s1", "s2"])
    line = student_line(read(store), "s1")
    day = read(store)[-1].at
    assert line == (
        f"Last shared: IEP packet, {day.day} {day.strftime('%b')} by ms.rowan; 2 entries — "
        "teacherdesk access-log"
    )


def test_commands_log_what_they_give_out_and_access_log_shows_it(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    store = Store.open(path)
    ava = store.students.save(Student(first_name="Ava", last_name="Quill", student_number="7"))
    out = tmp_path / "ava.md"
    assert run_main(["--data", path, "export", "7", "--out", out]).returncode == 0
    assert run_main(["--data", path, "export", "7"]).returncode == 0
    lines = [orjson.loads(line) for line in log_path(path).read_bytes().splitlines()]
    assert [(line["what"], line["to"], line["students"]) for line in lines] == [
        ("packet", "file", [ava.id]),
        ("packet", "stdout", [ava.id]),
    ]
    assert b"Ava" not in log_path(path).read_bytes()  # ids only: a name outlives an erasure
    shown = run_main(["--data", path, "access-log", "Ava"])
    assert shown.returncode == 0
    assert shown.stdout.count("IEP packet: Ava Quill") == 2
    as_json = orjson.loads(run_main(["--data", path, "access-log", "--json"]).stdout)
    assert as_json[0]["students"] == [{"id": ava.id, "name": "Ava Quill"}]
