"""Today read ahead on another core: the reader's view is used only when it was built from
exactly the file the app then reads; anything else, and the app builds Today itself."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson

from teacherdesk.cli import today_ahead
from teacherdesk.domain.today import build_today
from teacherdesk.models import ContactNote, FollowUp, Student
from teacherdesk.store import Store
from teacherdesk.store.closing import CLOSING_DOC
from tests.helpers import TODAY


def a_class(path: Path) -> Store:
    store = Store.open(path, backups=False)
    kid = store.students.save(Student(first_name="Ada", last_name="Ahead"))
    promise = FollowUp(what="Send the reading log", due=TODAY)
    store.contacts.save(ContactNote(student_id=kid.id, date=TODAY, follow_up=promise))
    return store


def test_the_reader_sees_what_the_app_will_read(tmp_path):
    path = tmp_path / "class.json"
    a_class(path)
    found = today_ahead._build(path, "tester", TODAY)
    app_store = Store.open(path, backups=False)
    assert found is not None
    assert found.identity == app_store.storage.identity
    assert found.view.overdue == [] and [i.what for i in found.view.due_this_week] == [
        "Send the reading log"
    ]
    assert found.view == build_today(app_store, TODAY)


def test_a_file_the_app_must_change_first_is_left_to_the_app(tmp_path):
    """An older file (migrated on opening) and a close-year cut short (finished on opening)."""
    path = tmp_path / "class.json"
    a_class(path)
    data = orjson.loads(path.read_bytes())
    data["_meta"][CLOSING_DOC] = {"cutoff": "2026-08-01"}
    path.write_bytes(orjson.dumps(data))
    assert today_ahead._build(path, "tester", TODAY) is None
    del data["_meta"][CLOSING_DOC]
    data["_meta"]["schema"] = {"version": 1}  # older: the app migrates it
    path.write_bytes(orjson.dumps(data))
    assert today_ahead._build(path, "tester", TODAY) is None


READER = textwrap.dedent(
    """
    import datetime as dt, json, os, sys
    from pathlib import Path
    from teacherdesk.cli import today_ahead
    from teacherdesk.models import ContactNote, Student
    from teacherdesk.store import Store

    path, today = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
    today_ahead.worth_it = lambda: True  # whatever this machine's cores
    ahead = today_ahead.start(path, "tester", today)
    if sys.argv[3] == "save meanwhile":  # another session saves before the app reads the file
        ahead.wait(10)  # the reader has read it (and built its view) before that save
        other = Store.open(path, backups=False)
        kid = other.students.all()[0]
        other.contacts.save(ContactNote(student_id=kid.id, date=today, summary="meanwhile"))
    store = Store.open(path, backups=False)
    found = ahead.wait(10)
    same = found is not None and found.identity == store.storage.identity
    view = found.view if same else None
    ahead.stop()
    try:
        os.waitpid(ahead.pid, os.WNOHANG)
        reaped = False
    except ChildProcessError:
        reaped = True
    print(json.dumps({
        "used": view is not None,
        "due": [item.what for item in view.due_this_week] if view else None,
        "reaped": reaped,
    }))
    """
)


def run_reader(path: Path, how: str) -> dict:
    # Its own process: a fork from pytest's threads is what `worth_it` refuses.
    done = subprocess.run(
        [sys.executable, "-c", READER, str(path), TODAY.isoformat(), how],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_forked_reader_hands_its_view_over_and_is_reaped(tmp_path):
    path = tmp_path / "class.json"
    a_class(path)
    result = run_reader(path, "as is")
    assert result == {"used": True, "due": ["Send the reading log"], "reaped": True}


def test_a_save_between_the_two_readings_throws_the_view_away(tmp_path):
    path = tmp_path / "class.json"
    a_class(path)
    result = run_reader(path, "save meanwhile")
    assert result == {"used": False, "due": None, "reaped": True}


def test_no_reader_from_a_process_with_threads(monkeypatch):
    monkeypatch.setattr(today_ahead.threading, "active_count", lambda: 2)
    assert today_ahead.worth_it() is False
    monkeypatch.setattr(today_ahead.threading, "active_count", lambda: 1)
    monkeypatch.setattr(today_ahead.os, "sched_getaffinity", lambda _pid: {0})
    assert today_ahead.worth_it() is False  # one core: the reader would only slow the app


def test_damaged_records_the_reader_left_out_are_handed_over(tmp_path):
    """The reader's store counts a damaged record; the app says it as if it had read it."""
    path = tmp_path / "class.json"
    a_class(path)
    data = orjson.loads(path.read_bytes())
    note_id = next(iter(data["contacts"]))
    data["contacts"][note_id]["channel"] = "carrier pigeon"
    path.write_bytes(orjson.dumps(data))
    found = today_ahead._build(path, "tester", TODAY)
    assert found is not None and found.skipped == {"contacts": [note_id]}
    app_store = Store.open(path, backups=False)
    app_store.note_skipped(found.skipped)
    assert note_id in app_store.contacts.skipped


GIVE_UP = textwrap.dedent(
    """
    import datetime as dt, json, os, signal, sys, time
    from pathlib import Path
    from teacherdesk.cli import today_ahead

    path = Path(sys.argv[1])
    today_ahead.worth_it = lambda: True
    ahead = today_ahead.start(path, "tester", dt.date.fromisoformat(sys.argv[2]))
    os.kill(ahead.pid, signal.SIGSTOP)  # a reader that never answers (a stuck share)
    started = time.monotonic()
    found = ahead.ready()  # the app does not wait for it
    took = time.monotonic() - started
    deadline = time.monotonic() + 10  # killed, then reaped by the app's own thread
    while Path(f"/proc/{ahead.pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    gone = not Path(f"/proc/{ahead.pid}").exists()
    print(json.dumps({"found": found is not None, "took": took, "gone": gone}))
    """
)


def test_a_reader_that_never_answers_is_given_up_at_once(tmp_path):
    path = tmp_path / "class.json"
    a_class(path)
    done = subprocess.run(
        [sys.executable, "-c", GIVE_UP, str(path), TODAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["found"] is False
    assert result["took"] < 1.0  # at most a moment (GIVE_UP_SECONDS), never the 3 s wait
    assert result["gone"] is True  # killed and reaped
