"""Several processes on one file, and kill -9 in the middle of saves: no acknowledged note lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import orjson
import pytest

from teacherdesk.domain.demo import DemoSize, build_demo
from teacherdesk.store import Store
from tests.helpers import TODAY, teacherdesk_cmd

pytestmark = pytest.mark.slow

# A writer that saves notes in a loop and prints each id once save() has returned.
WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from teacherdesk.models import ContactNote
    from teacherdesk.store import Store

    path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store.open(path, author=tag)
    student_ids = [s.id for s in store.students.all()][:20]
    print("ready", flush=True)
    i = 0
    while count < 0 or i < count:
        note = ContactNote(
            student_id=student_ids[i % len(student_ids)],
            date=dt.date(2026, 11, 16),
            summary=f"{tag} note {i} " + "x" * (i % 7),
        )
        store.contacts.save(note)
        print(note.id, flush=True)
        i += 1
    """
)


def run_check(path: Path, env: dict[str, str]) -> dict:
    done = subprocess.run(
        [*teacherdesk_cmd(), "--data", str(path), "check", "--json"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    report = orjson.loads(done.stdout)
    assert done.returncode == 0, report
    assert report["ok"] is True, report
    return report


def small_class(path: Path, students: int = 24) -> None:
    build_demo(Store.open(path, author="setup"), DemoSize(students=students, notes=10), today=TODAY)


@pytest.mark.parametrize("writers", [2, 4])
def test_processes_saving_at_once_lose_nothing(writers, data_file, cli_env):
    small_class(data_file)
    before = Store.open(data_file).contacts.count()
    per_writer = 40
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_file), f"w{n}", str(per_writer)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(writers)
    ]
    acknowledged: set[str] = set()
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        lines = out.split()
        assert lines[0] == "ready"
        acknowledged |= set(lines[1:])
    assert len(acknowledged) == writers * per_writer
    store = Store.open(data_file)
    assert store.contacts.count() == before + writers * per_writer
    assert acknowledged <= {note.id for note in store.contacts.all()}
    report = run_check(data_file, cli_env)
    assert report["contacts"] == before + writers * per_writer


def test_shell_note_commands_at_once_keep_every_note(data_file, cli_env):
    small_class(data_file)
    student = Store.open(data_file).students.all()[0]
    before = Store.open(data_file).contacts.count()
    shells, per_shell = 4, 4
    cmd = " ".join(teacherdesk_cmd())
    procs = [
        subprocess.Popen(
            [
                "sh",
                "-c",
                f'for i in $(seq 1 {per_shell}); do {cmd} --data "$1" note {student.student_number}'
                f' "shell {n} note $i" --channel email || exit 1; done',
                "sh",
                str(data_file),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env,
        )
        for n in range(shells)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.count("Saved an information note") == per_shell
    notes = Store.open(data_file).contacts.for_student(student.id)
    texts = {note.summary for note in notes}
    expected = {f"shell {n} note {i}" for n in range(shells) for i in range(1, per_shell + 1)}
    assert expected <= texts
    assert Store.open(data_file).contacts.count() == before + shells * per_shell
    run_check(data_file, cli_env)


def test_kill_9_during_saves_on_a_large_file_never_damages_it(tmp_path, cli_env):
    path = tmp_path / "big" / "teacherdesk.json"
    build_demo(Store.open(path, author="setup"), DemoSize(students=180, notes=5000), today=TODAY)
    assert path.stat().st_size > 2_000_000
    rng = random.Random(1234)
    acknowledged: set[str] = set()
    for round_no in range(8):  # a fixed number of kills, not as many as fit in a time
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), f"k{round_no}", "-1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.35))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        # only whole lines are acknowledgements (the kill may cut the last one)
        lines = out.decode().split("\n")
        acknowledged |= {line for line in lines[:-1] if len(line) == 32}
        # the file parses, as a whole, after every kill
        orjson.loads(path.read_bytes())
        store = Store.open(path, backups=False)
        ids = set(orjson.loads(path.read_bytes())["contacts"])
        missing = acknowledged - ids
        assert not missing, f"round {round_no}: {len(missing)} acknowledged notes lost"
        assert store.contacts.count() >= 5000 + len(acknowledged)
    assert len(acknowledged) > 0
    report = run_check(path, cli_env)
    assert report["contacts"] >= 5000 + len(acknowledged)
    # no half-written temp file survives the next save
    Store.open(path, backups=False).students.save(Store.open(path).students.all()[0])
    assert not [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
