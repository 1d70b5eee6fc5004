"""Erasure: `forget` leaves no trace of the student's name in any file under the data folder
(backups and finished years included) except the access log's line that it happened."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from teacherdesk.models import Conference, ContactNote, EngagementEvent, Guardian, Student
from teacherdesk.store import Store
from teacherdesk.store.access_log import log_path
from teacherdesk.store.backups import backup_folder
from teacherdesk.store.closing import close_years
from teacherdesk.store.erasure import ERASING_DOC
from tests.helpers import TODAY, run_main

LAST_YEAR = dt.date(2025, 10, 6)


def files_holding(folder: Path, word: bytes) -> dict[str, list[bytes]]:
    found = {}
    for path in folder.rglob("*"):
        if path.is_file() and word in path.read_bytes():
            found[str(path.relative_to(folder))] = [
                line for line in path.read_bytes().splitlines() if word in line
            ]
    return found


@pytest.fixture
def siblings_file(tmp_path: Path) -> Path:
    """Ava and Ben Quill share their mother; Ava's father is only hers; a past year and backups
    hold Ava too, and Ben's notes mention her."""
    path = tmp_path / "data" / "teacherdesk.json"
    store = Store.open(path)
    ava = store.students.save(
        Student(id="ava", first_name="Avaline", preferred_name="Ava", last_name="Quill",
                student_number="7")
    )  # fmt: skip
    ben = store.students.save(Student(id="ben", first_name="Ben", last_name="Quill"))
    store.guardians.save(
        Guardian(id="mum", name="Maria Quill", student_ids=[ava.id, ben.id], relationship="mother")
    )
    store.guardians.save(Guardian(id="dad", name="Tobias Odenkirk", student_ids=[ava.id]))
    store.contacts.add_many(
        [
            ContactNote(student_id=ava.id, date=LAST_YEAR, summary="Avaline read aloud"),
            ContactNote(student_id=ava.id, date=TODAY, summary="Ava private", restricted=True),
            ContactNote(student_id=ben.id, date=TODAY, summary="Ben helped Ava Quill today"),
            ContactNote(student_id=ben.id, date=TODAY, guardian_id="mum", summary="Mum called"),
        ]
    )
    store.conferences.save(
        Conference(student_id=ava.id, when=dt.datetime(2026, 10, 1, 15), concerns="Ava worry")
    )
    store.events.save(
        EngagementEvent(
            kind="workshop", title="Math night", date=TODAY,
            attendance=[{"student_id": ava.id}, {"student_id": ben.id}],
        )
    )  # fmt: skip
    close_years(store, TODAY)  # the old note goes to teacherdesk-2025-26.json (and a backup)
    store.contacts.save(ContactNote(student_id=ben.id, date=TODAY, summary="another save"))
    return path


def test_forget_leaves_no_trace_but_the_log_line(siblings_file: Path) -> None:
    folder = siblings_file.parent
    assert len(files_holding(folder, b"Ava")) >= 4  # data, past year, backups, side file
    done = run_main(["--data", siblings_file, "forget", "7", "--yes"])
    assert done.returncode == 0, done.stderr
    assert "Erased Ava Quill" in done.stdout
    for word in (b"Ava", b"Avaline", b"Tobias", b"Odenkirk"):
        left = files_holding(folder, word)
        if word in (b"Ava", b"Avaline"):
            assert list(left) == [log_path(siblings_file).name], left
            [line] = left[log_path(siblings_file).name]
            assert orjson.loads(line)["what"] == "erasure"
        else:
            assert left == {}, left
    store = Store.open(siblings_file)
    [mum] = store.guardians.all()
    assert mum.name == "Maria Quill" and mum.student_ids == ["ben"]
    assert [s.display_name for s in store.students.all()] == ["Ben Quill"]
    summaries = sorted(n.summary for n in store.contacts.all())
    assert "Ben helped another student today" in summaries
    assert store.events.all()[0].attendance[0].student_id == "ben"
    assert run_main(["--data", siblings_file, "check"]).returncode == 0


def test_forget_asks_and_refuses_without_a_terminal(siblings_file: Path) -> None:
    before = siblings_file.read_bytes()
    done = run_main(["--data", siblings_file, "forget", "Ava"])
    assert done.returncode == 2
    assert "needs a yes" in done.stderr and done.stderr.count("\n") == 1
    assert siblings_file.read_bytes() == before


def test_a_killed_forget_is_finished_by_the_next_open(siblings_file: Path) -> None:
    """A kill after the marker: every file is whole, and the next open finishes the erasure."""
    store = Store.open(siblings_file)
    data = store.storage.read()
    with store.transaction():
        meta = dict(data["_meta"]) | {ERASING_DOC: {"student_id": "ava"}}
        store.storage.write({**data, "_meta": meta})
    Store.open(siblings_file)
    assert b"Ava" not in siblings_file.read_bytes()
    assert all(b"Avaline" not in p.read_bytes() for p in backup_folder(siblings_file).iterdir())


def test_kill_9_during_forget_leaves_every_file_whole(siblings_file: Path) -> None:
    script = (
        "import sys, os, signal\n"
        "import teacherdesk.store.files as files\n"
        "real = files.atomic_write\n"
        "count = [0]\n"
        "def dying(path, data, **kw):\n"
        "    real(path, data, **kw)\n"
        "    count[0] += 1\n"
        "    if count[0] == int(sys.argv[2]): os.kill(os.getpid(), signal.SIGKILL)\n"
        "files.atomic_write = dying\n"
        "import teacherdesk.store.erasure as erasure\n"
        "erasure.atomic_write = dying\n"
        "import teacherdesk.store.storage as storage\n"
        "storage.atomic_write = dying\n"
        "from teacherdesk.cli.main import main\n"
        "sys.exit(main(['--data', sys.argv[1], 'forget', '7', '--yes']))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(siblings_file), "3"], check=False)
    assert done.returncode == -signal.SIGKILL
    for path in siblings_file.parent.rglob("*.json"):
        orjson.loads(path.read_bytes())  # whole, old or new
    assert not [p for p in siblings_file.parent.rglob("*.tmp")]
    store = Store.open(siblings_file)  # finishes what was cut short
    assert [s.id for s in store.students.all()] == ["ben"]
    assert list(files_holding(siblings_file.parent, b"Avaline")) == [log_path(siblings_file).name]
    assert os.path.exists(log_path(siblings_file))
