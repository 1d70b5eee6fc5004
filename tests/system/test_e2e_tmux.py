"""End to end in a real terminal (DESIGN.md §10): the real `teacherdesk` driven in tmux at 80×24.

A teacher opens the app on a demo class, goes to the roster, filters by a name, opens the student,
logs a contact by keyboard alone and quits; the note must be in the data file and `check` must pass.
tmux runs on a private socket that the fixture always kills. Every wait polls the screen.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

WIDTH, HEIGHT = 80, 24
SESSION = "e2e"


def teacherdesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "teacherdesk", *args]


class Terminal:
    """One tmux server on its own socket, running one pane of WIDTH×HEIGHT."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )

    def start(self, command: str) -> None:
        done = self.tmux(
            "new-session", "-d", "-s", SESSION, "-x", str(WIDTH), "-y", str(HEIGHT), command
        )
        assert done.returncode == 0, done.stderr

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", SESSION).stdout

    def keys(self, *keys: str) -> None:
        """Named keys (F3, Enter, Tab, C-q …), one send-keys each, as a person presses them."""
        for key in keys:
            self.tmux("send-keys", "-t", SESSION, key)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", SESSION, "-l", text)

    def wait_for(self, *texts: str, timeout: float = 8.0) -> str:
        """Poll the pane until every text is on it; fail showing the last screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.05)
        pytest.fail(f"waited {timeout}s for {texts!r}; the screen shows:\n{screen}")

    def kill(self) -> None:
        """Stop this server and remove its socket file (tmux leaves it behind)."""
        socket_path = self.tmux("display-message", "-p", "#{socket_path}").stdout.strip()
        self.tmux("kill-server")
        if socket_path:
            Path(socket_path).unlink(missing_ok=True)


@pytest.fixture
def terminal():
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    term = Terminal(f"td-e2e-{uuid.uuid4().hex[:10]}")
    try:
        yield term
    finally:
        term.kill()


@pytest.fixture
def demo_data(tmp_path: Path) -> Path:
    """A demo class made by the real command, as a new user would."""
    data = tmp_path / "class" / "demo.json"
    done = subprocess.run(
        teacherdesk("--data", str(data), "demo", "--no-open"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return data


def pick_student(data: Path) -> dict:
    """A student whose surname no other student shares, so filtering by it leaves one row."""
    done = subprocess.run(
        teacherdesk("--data", str(data), "roster", "--json"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    students = [s for s in json.loads(done.stdout) if not s["archived"] and s["guardians"]]
    surnames = Counter(s["last_name"].casefold() for s in students)
    unique = [s for s in students if surnames[s["last_name"].casefold()] == 1]
    assert unique, "the demo class has no student with a surname of their own"
    return unique[0]


def test_log_a_contact_by_keyboard_in_a_real_terminal(
    terminal: Terminal, demo_data: Path, tmp_path: Path
) -> None:
    student = pick_student(demo_data)
    surname = student["last_name"]
    summary = f"E2E called home about the reading log {uuid.uuid4().hex[:6]}"
    home = tmp_path / "home"
    home.mkdir()
    app = shlex.join(
        [
            "env",
            f"HOME={home}",
            "TEXTUAL_ANIMATIONS=none",
            *teacherdesk("--data", str(demo_data)),
        ]
    )
    # The shell line stays after the app ends, so the test can see how it ended.
    terminal.start(f"{app}; echo teacherdesk-exited-$?; sleep 60")

    terminal.wait_for("teacherdesk — Today", "Quit", timeout=15)

    terminal.keys("F3")
    terminal.wait_for("students · sorted by")
    terminal.type(surname)
    terminal.wait_for("1 of ")

    terminal.keys("Down", "Enter")
    terminal.wait_for(f"Student no. {student['student_number']}", surname)

    terminal.keys("n")
    terminal.wait_for("Log a contact", surname, "Write a line about what was said")
    # The form opens on "How". On to the summary, back to "How" and forward again, then type
    # at once: over SSH keys come in bursts, and none typed right after a tab may be lost.
    terminal.keys(*["Tab"] * 2, *["BTab"] * 2, *["Tab"] * 2)
    terminal.type(summary)
    terminal.wait_for(summary[:40], "Ready")

    terminal.keys("F10")
    terminal.wait_for("Saved the contact")

    terminal.keys("C-q")
    terminal.wait_for("teacherdesk-exited-0")

    saved = json.loads(demo_data.read_text(encoding="utf-8"))
    notes = [
        note
        for note in saved["contacts"].values()
        if note["student_id"] == student["id"] and note["summary"] == summary
    ]
    assert len(notes) == 1, "the contact typed in the terminal is not in the data file"
    assert notes[0]["guardian_id"] in {g["id"] for g in student["guardians"]}

    check = subprocess.run(
        teacherdesk("--data", str(demo_data), "check", "--json"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert json.loads(check.stdout)["ok"] is True
