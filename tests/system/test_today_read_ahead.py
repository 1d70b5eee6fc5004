"""The real command on a pty: Today's read-ahead process never outlives its use, whether the
app runs normally or is killed while starting (kill -9 leaves no reader behind)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers import teacherdesk_cmd
from tests.system.test_e2e_tmux import demo_data
from tests.system.test_keys_at_launch import CTRL_Q, GIVE_UP_AFTER, Pty

pytestmark = pytest.mark.slow
__all__ = ["demo_data"]  # fixture used below


def processes_reading(data: Path) -> list[int]:
    """Every process whose command line names this data file (the app and a reader fork)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(data).encode() in words and state != "Z":
            found.append(int(entry.name))
    return found


def until(done, what: str) -> None:
    deadline = time.monotonic() + GIVE_UP_AFTER
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen")
        time.sleep(0.02)


def start(data: Path, tmp_path: Path) -> Pty:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(home), TERM="xterm-256color", TEXTUAL_ANIMATIONS="none")
    env.pop("TEACHERDESK_DATA", None)
    return Pty([*teacherdesk_cmd(), "--data", str(data)], env)


def today_shown(app: Pty) -> bool:
    today = dt.date.today()
    return f"{today:%a} {today.day}".encode() in app.output


def test_no_reader_is_left_once_today_shows_and_after_quitting(demo_data, tmp_path):
    app = start(demo_data, tmp_path)
    try:
        app.until(lambda: today_shown(app), "Today showing its data")
        until(lambda: processes_reading(demo_data) == [app.pid], "the reader gone")
        app.write(CTRL_Q)
        app.until(app.exited, "quitting")
    finally:
        app.close()
    assert app.exit_code == 0
    assert processes_reading(demo_data) == []


def test_kill_9_while_starting_leaves_no_reader(tmp_path):
    """The app is killed while its reader is at work (seen as a second process on the file; a
    bigger class, so that the reader is there long enough to be seen)."""
    data = tmp_path / "big-class.json"
    made = subprocess.run(
        [*teacherdesk_cmd(), "--data", str(data), "demo", "--students", "150", "--notes", "6000",
         "--no-open"],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    app = start(data, tmp_path)
    try:
        app.until(lambda: len(processes_reading(data)) == 2, "the reader at work")
        os.kill(app.pid, signal.SIGKILL)
        app.until(app.exited, "the app killed")
    finally:
        app.close()
    until(lambda: processes_reading(data) == [], "no process left on the data file")
