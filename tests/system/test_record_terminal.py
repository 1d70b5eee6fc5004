"""The record in a real terminal (tmux, 80×24): keys typed right after launch are not lost, and
a hang-up mid-note keeps a draft that is never counted as a contact and is offered at restart."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.system.test_e2e_tmux import Terminal, pick_student, teacherdesk

pytestmark = pytest.mark.slow

# The real command with the pause before a draft saves itself made an hour: a draft on disk
# after the hang-up was saved by the hang-up.
NO_QUIET_SAVE = (
    "from teacherdesk.ui.forms.base import TypingPause\n"
    "TypingPause.save = 3600\n"
    "from teacherdesk.cli import main\n"
    "raise SystemExit(main())\n"
)


@pytest.fixture
def terminal():
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    term = Terminal(f"td-rec-{uuid.uuid4().hex[:10]}")
    try:
        yield term
    finally:
        term.kill()


@pytest.fixture
def demo_data(tmp_path: Path) -> Path:
    data = tmp_path / "class" / "demo.json"
    done = subprocess.run(
        teacherdesk("--data", str(data), "demo", "--no-open"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return data


def _app_line(tmp_path: Path, *argv: str) -> str:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return shlex.join(["env", f"HOME={home}", "TEXTUAL_ANIMATIONS=none", *argv])


def test_keys_typed_right_after_launch_are_applied(terminal, demo_data, tmp_path):
    student = pick_student(demo_data)
    surname = student["last_name"]
    terminal.start(_app_line(tmp_path, *teacherdesk("--data", str(demo_data))))
    terminal.keys("F3")  # at once: the app has not drawn anything yet
    terminal.type(surname)
    screen = terminal.wait_for("1 of ", surname, timeout=20)
    assert "teacherdesk — Roster" in screen


def _records(data: Path) -> dict:
    return json.loads(data.read_text(encoding="utf-8"))


def test_hang_up_mid_note_keeps_a_draft_offered_at_restart(terminal, demo_data, tmp_path):
    student = pick_student(demo_data)
    name = f"{student['preferred_name'] or student['first_name']} {student['last_name']}"
    contacts_before = len(_records(demo_data)["contacts"])
    app = _app_line(tmp_path, sys.executable, "-c", NO_QUIET_SAVE, "--data", str(demo_data))
    terminal.start(app)
    terminal.wait_for("teacherdesk — Today", timeout=20)
    terminal.keys("F3")
    terminal.wait_for("students · sorted by")
    terminal.type(student["last_name"])
    terminal.wait_for("1 of ")
    terminal.keys("Down", "Enter")
    terminal.wait_for(f"Student no. {student['student_number']}")
    terminal.keys("n")
    terminal.wait_for("Log a contact")
    terminal.keys("p", "Tab")  # the form opens on How: p is phone, tab keeps the first guardian
    terminal.type("Mum says the bus is la")
    terminal.wait_for("Mum says the bus is la")
    assert not _records(demo_data).get("drafts")  # only the hang-up can have saved it
    terminal.tmux("kill-session", "-t", "e2e")  # the terminal goes away: SIGHUP

    def drafts() -> list:
        return list(_records(demo_data).get("drafts", {}).values())

    import time

    deadline = time.monotonic() + 15
    while not drafts() and time.monotonic() < deadline:
        time.sleep(0.05)
    [draft] = drafts()
    assert draft["fields"]["contact-summary"] == "Mum says the bus is la"
    assert len(_records(demo_data)["contacts"]) == contacts_before  # not filed as a contact
    check = subprocess.run(
        teacherdesk("--data", str(demo_data), "check", "--json"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    report = json.loads(check.stdout)
    assert report["contacts"] == contacts_before
    assert report["drafts"][0].startswith(f"unfinished note for {name}")

    terminal.start(_app_line(tmp_path, *teacherdesk("--data", str(demo_data))))
    terminal.wait_for(f"1 unfinished note for {name}", "open / d discard", timeout=20)
    terminal.keys("o")
    terminal.wait_for("Mum says the bus is la", "Log a contact")
