"""Keys typed the moment the teacher presses Enter on `teacherdesk` reach the app, in order.

The real command on a pty, with a whole task typed before the app has drawn anything: `n`, a
name, enter, `p` (phone), tab, a summary, F10. The note must be saved for that student, as a
phone call, with that summary. Before the fix the shell's cooked mode held the keys: Enter
arrived as a newline (ctrl+j to Textual), so the name picker was never answered, `p` went into
its filter and the summary was lost. Every wait is on the data file or the process, never a
clock; the timeouts are only there so that a broken build fails instead of hanging.
"""

from __future__ import annotations

import contextlib
import json
import os
import pty
import select
import signal
import termios
import time
import uuid
from pathlib import Path

import pytest

from tests.helpers import teacherdesk_cmd
from tests.system.test_e2e_tmux import demo_data, pick_student

pytestmark = pytest.mark.slow
__all__ = ["demo_data"]  # fixture used below

GIVE_UP_AFTER = 60.0  # seconds: a loaded machine is slow, a broken build never gets there
F10 = b"\x1b[21~"
CTRL_Q = b"\x11"


class Pty:
    """The real command on its own pseudo-terminal; its output is read so it never blocks."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child becomes the command
            os.execvpe(argv[0], argv, env)
        self.output = b""
        self.exit_code: int | None = None

    def write(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def read_a_little(self) -> None:
        if select.select([self.fd], [], [], 0.05)[0]:
            with contextlib.suppress(OSError):
                self.output += os.read(self.fd, 65536)

    def until(self, done, what: str) -> None:
        deadline = time.monotonic() + GIVE_UP_AFTER
        while not done():
            # Exited between the two checks: that may be just what was waited for.
            if (self.exited() and not done()) or time.monotonic() > deadline:
                pytest.fail(f"{what} did not happen; the program wrote: {self.output[-600:]!r}")
            self.read_a_little()

    def exited(self) -> bool:
        if self.exit_code is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_code = os.waitstatus_to_exitcode(status)
        return self.exit_code is not None

    def held_for_the_app(self) -> bool:
        """The command has switched its terminal out of the shell's line mode."""
        return not termios.tcgetattr(self.fd)[3] & termios.ICANON

    def close(self) -> None:
        if not self.exited():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def notes_with(data: Path, summary: str) -> list[dict]:
    try:
        saved = json.loads(data.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # between two writes of the file: look again
        return []
    return [note for note in saved["contacts"].values() if note.get("summary") == summary]


@pytest.mark.parametrize("when", ["at once", "once the terminal is held"])
def test_a_note_typed_while_the_app_starts_is_saved_right(
    demo_data: Path, tmp_path: Path, when: str
) -> None:
    student = pick_student(demo_data)
    name = f"{student['first_name']} {student['last_name']}"
    summary = f"Quick call about the bus {uuid.uuid4().hex[:6]}"
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), TERM="xterm-256color", TEXTUAL_ANIMATIONS="none")
    env.pop("TEACHERDESK_DATA", None)
    app = Pty([*teacherdesk_cmd(), "--data", str(demo_data)], env)
    try:
        if when != "at once":  # typed after the switch, while the app is still importing
            app.until(app.held_for_the_app, "the terminal held for the app")
        app.write(b"n" + name.encode() + b"\rp\t" + summary.encode() + F10)

        app.until(lambda: notes_with(demo_data, summary), "the note saved")
        app.write(CTRL_Q)
        app.until(app.exited, "quitting")
    finally:
        app.close()

    assert app.exit_code == 0
    notes = notes_with(demo_data, summary)
    assert len(notes) == 1
    assert notes[0]["student_id"] == student["id"]
    assert notes[0]["channel"] == "phone"
