"""`teacherdesk interview STUDENT` in a real terminal (a pty): a hang-up mid-typing loses
neither the answers nor the draft being typed."""

from __future__ import annotations

import pytest


def _read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    """Read the pty (so the app never blocks on output) until `wanted` shows up."""
    import os
    import select
    import time

    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if wanted in seen:
                return seen
    raise AssertionError(f"{wanted!r} never appeared; last output: {seen[-400:]!r}")


def _drain_for(fd: int, seconds: float) -> None:
    import contextlib

    with contextlib.suppress(AssertionError):
        _read_until(fd, b"\x00never\x00", seconds)


# The real command, with the pause before a draft saves itself made an hour: whatever the
# machine's speed, a draft on disk after the hang-up was saved by the hang-up.
NO_QUIET_SAVE = (
    "from teacherdesk.ui.forms.base import TypingPause\n"
    "TypingPause.save = 3600\n"
    "from teacherdesk.cli import main\n"
    "raise SystemExit(main())\n"
)


@pytest.mark.slow
def test_hangup_keeps_answers_and_typed_draft(demo_file, tmp_path):
    """`teacherdesk interview STUDENT` in a real pty; SIGHUP mid-typing loses nothing."""
    import fcntl
    import os
    import pty
    import signal
    import struct
    import sys
    import termios
    import time

    from teacherdesk.store import Store

    store = Store.open(demo_file)
    student = next(s for s in store.students.all() if s.has_iep)
    env = dict(os.environ, TERM="xterm-256color", TEXTUAL_ANIMATIONS="none")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command
        os.execve(
            sys.executable,
            [
                sys.executable,
                "-c",
                NO_QUIET_SAVE,
                "--data",
                str(demo_file),
                "interview",
                student.student_number,
            ],
            env,
        )

    def on_disk():
        return Store.open(demo_file).interviews.for_student(student.id)

    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        _read_until(fd, b"Question", 30)
        _drain_for(fd, 0.5)
        os.write(fd, b"raise my hand\r")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            _drain_for(fd, 0.2)
            answers = on_disk().answers
            if answers.get("behavior_goal") == "raise my hand":
                break
        else:
            raise AssertionError("the answer never reached the file")
        os.write(fd, b"my drawing")
        _read_until(fd, b"my drawing", 10)  # on the screen, so in the answer box
        assert "proud_of" not in on_disk().drafts  # not saved yet: only the hang-up can
        os.kill(pid, signal.SIGHUP)
        started = time.monotonic()
        while True:
            _drain_for(fd, 0.05)
            done, _status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            assert time.monotonic() - started < 15, "the app did not exit after SIGHUP"
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
    record = on_disk()
    assert record.answers["behavior_goal"] == "raise my hand"
    assert record.answers["strengths"]  # the earlier answers are still there
    assert record.drafts == {"proud_of": "my drawing"}
