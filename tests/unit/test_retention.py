"""Retention: finished years past the setting go, from their files and from every backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from teacherdesk.models import ContactNote, Student
from teacherdesk.store import Store
from teacherdesk.store.backups import backup_folder
from teacherdesk.store.closing import close_years
from teacherdesk.store.retention import apply_retention
from teacherdesk.store.years import past_year_labels_for
from tests.helpers import TODAY, run_main


def test_retention_is_a_dry_run_until_applied(tmp_path: Path) -> None:
    path = tmp_path / "teacherdesk.json"
    store = Store.open(path)
    ava = store.students.save(Student(first_name="Ava", last_name="Quill"))
    store.contacts.add_many(
        [
            ContactNote(student_id=ava.id, date=dt.date(2024, 9, 12), summary="OLD-YEAR words"),
            ContactNote(student_id=ava.id, date=dt.date(2025, 10, 6), summary="last year"),
            ContactNote(student_id=ava.id, date=TODAY, summary="this year"),
        ]
    )
    close_years(store, TODAY)
    assert past_year_labels_for(path) == ["2025-26", "2024-25"]
    dry = apply_retention(store, TODAY, 1)
    assert dry.expired == ["2024-25"] and not dry.applied
    assert past_year_labels_for(path) == ["2025-26", "2024-25"]
    done = apply_retention(store, TODAY, 1, dry_run=False)
    assert done.applied and past_year_labels_for(path) == ["2025-26"]
    for backup in backup_folder(path).iterdir():
        assert b"OLD-YEAR" not in backup.read_bytes(), backup.name
    assert b"last year" in (tmp_path / "teacherdesk-2025-26.json").read_bytes()


def test_the_command_saves_the_setting_and_says_what_it_would_do(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    Store.open(path).students.save(Student(first_name="Ava", last_name="Quill"))
    said = run_main(["--data", path, "retention"])
    assert said.returncode == 0 and "No retention is set" in said.stdout
    said = run_main(["--data", path, "retention", "--years", "5"])
    assert said.returncode == 0 and "kept for 5 year(s)" in said.stdout
    assert Store.open(path).settings.load().retention_years == 5
    assert run_main(["--data", path, "retention", "--years", "0"]).returncode == 2
