"""Faults while writing: a full disk, a read-only folder, a held lock, kill -9 in a loop. The file
is always the old or the new version, and the sentence names the right file."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import orjson
import pytest
from filelock import FileLock

from teacherdesk.models import Student
from teacherdesk.store import Store, StoreBusyError
from teacherdesk.store.storage import SafeJSONStorage
from tests.hostile.conftest import digest


def _fill(folder: Path) -> None:
    """Fill the small tmpfs to the last byte."""
    fd = os.open(folder / "ballast", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            while True:
                try:
                    os.write(fd, b"\x00" * size)
                except OSError:
                    break
    finally:
        os.close(fd)


def _number(td, path) -> str:
    return orjson.loads(td("--data", path, "roster", "--json").out)[0]["student_number"]


def test_full_disk_during_an_export_names_the_export(td, full_disk, tmp_path):
    data = tmp_path / "data" / "class.json"
    assert td("--data", data, "demo", "--no-open", "--students", "30").code == 0
    _fill(full_disk)
    out = full_disk / "packet.md"
    ran = td("--data", data, "export", _number(td, data), "--out", out)
    assert ran.code == 1
    assert str(out) in ran.sentence and "no space left" in ran.sentence
    assert str(data) not in ran.sentence and ".tmp" not in ran.sentence
    assert not out.exists() and not list(full_disk.glob(".*.tmp"))


def test_full_disk_during_a_save_keeps_the_old_file(td, full_disk):
    data = full_disk / "class.json"
    assert td("--data", data, "demo", "--no-open", "--students", "3", "--notes", "2").code == 0
    assert td("--data", data, "note", _number(td, data), "today's backup is made").code == 0
    before = digest(data)
    _fill(full_disk)
    ran = td("--data", data, "note", _number(td, data), "x" * 19_000)
    assert ran.code == 1
    assert str(data) in ran.sentence and ".tmp" not in ran.sentence
    assert digest(data) == before
    assert not list(full_disk.glob(".*.tmp"))


def test_read_only_folder_keeps_the_file_and_says_so(td, read_only_folder):
    folder, make_read_only = read_only_folder
    data = folder / "class.json"
    assert td("--data", data, "demo", "--no-open", "--students", "2").code == 0
    before = digest(data)
    make_read_only()
    ran = td("--data", data, "note", _number(td, data), "hello")
    assert ran.code == 1 and str(data) in ran.sentence
    assert digest(data) == before


def test_a_held_lock_is_one_sentence_and_nothing_is_lost(tmp_path):
    path = tmp_path / "class.json"
    Store.open(path).students.save(Student(first_name="A", last_name="B"))
    before = digest(path)
    held = FileLock(f"{path}.lock")
    held.acquire()
    try:
        store = Store(SafeJSONStorage(path, lock_timeout=0.2))
        with pytest.raises(StoreBusyError, match="another teacherdesk"):
            store.students.save(Student(first_name="C", last_name="D"))
    finally:
        held.release()
    assert digest(path) == before
    assert len(Store.open(path).students.all()) == 1


SAVER = """
import sys
from teacherdesk.models import ContactNote
from teacherdesk.store import Store
import datetime as dt
store = Store.open(sys.argv[1])
for n in range(10_000):
    store.contacts.save(ContactNote(student_id="s", date=dt.date(2026, 1, 1), summary=f"n{n}"))
    print(n, flush=True)
"""


@pytest.mark.slow
def test_kill_9_in_a_loop_never_damages_the_file(tmp_path):
    path = tmp_path / "class.json"
    Store.open(path).students.save(Student(first_name="A", last_name="B"))
    acknowledged = 0
    for round_ in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        wanted = 3 + round_ * 2  # kill at a different save each round
        for _ in range(wanted):
            child.stdout.readline()
        child.kill()  # SIGKILL, in the middle of the next save
        child.wait()
        acknowledged += wanted
        store = Store.open(path)  # parses: never torn
        notes = store.contacts.all()
        assert not store.contacts.problems
        assert len(notes) >= acknowledged
        acknowledged = len(notes)


def test_concurrent_writers_in_threads_lose_nothing(tmp_path):
    path = tmp_path / "class.json"
    Store.open(path).students.save(Student(first_name="A", last_name="B"))

    def writer(n: int) -> None:
        store = Store.open(path)
        for i in range(10):
            store.students.save(Student(first_name=f"W{n}", last_name=f"S{i}"))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(Store.open(path).students.all()) == 31


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_file_that_cannot_be_read_is_one_sentence(td, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "class.json"
    path.write_text("{}")
    os.chmod(path, 0)
    ran = td("--data", path, "roster")
    assert ran.code == 1 and str(path) in ran.sentence


def test_full_disk_for_the_backup_says_so(td, full_disk):
    data = full_disk / "class.json"
    assert td("--data", data, "demo", "--no-open", "--students", "3", "--notes", "2").code == 0
    before = digest(data)
    _fill(full_disk)
    ran = td("--data", data, "note", _number(td, data), "hello")
    assert ran.code == 1
    assert f"could not save to {data}" in ran.sentence and "backup" in ran.sentence
    assert digest(data) == before
