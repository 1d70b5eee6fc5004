"""Item 7: SIGTERM and SIGHUP give the terminal back (echo and line mode on, main screen, mouse
tracking off), and what was being saved is on disk."""

from __future__ import annotations

import os
import select
import signal
import sys
import termios

import pytest

from teacherdesk.domain.demo import DemoSize, build_demo
from teacherdesk.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="ptys")]


def _read_until(fd: int, wanted: bytes, seen: bytearray, seconds: float = 30) -> None:
    import time

    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            seen += chunk
    assert wanted in seen, f"{wanted!r} never came; last: {bytes(seen[-300:])!r}"


def _read_to_end(fd: int, seen: bytearray, seconds: float = 30) -> None:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the pty
                return
            if not chunk:
                return
            seen += chunk


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_gives_the_terminal_back(tmp_path, signum):
    import fcntl
    import pty
    import struct

    path = tmp_path / "class.json"
    build_demo(Store.open(path), DemoSize(students=4, notes=4))
    env = dict(os.environ, TERM="xterm-256color", TEXTUAL_ANIMATIONS="none")
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "teacherdesk", "--data", str(path)], env)
    seen = bytearray()
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        _read_until(fd, b"Today", seen)
        lflag = termios.tcgetattr(fd)[3]
        assert not lflag & termios.ECHO  # the app has the terminal raw
        start = len(seen)
        os.kill(pid, signum)
        _read_to_end(fd, seen)
        _, status = os.waitpid(pid, 0)
        tail = bytes(seen[start:])
        assert b"\x1b[?1049l" in tail, tail[-200:]  # back on the main screen
        assert b"\x1b[?1000l" in tail or b"\x1b[?1003l" in tail  # mouse tracking off
        assert b"\x1b[?25h" in tail  # cursor shown
        if signum == signal.SIGTERM:  # after a hang-up there is no terminal left to ask
            lflag = termios.tcgetattr(fd)[3]
            assert lflag & termios.ECHO and lflag & termios.ICANON
        assert os.WIFEXITED(status) or os.WIFSIGNALED(status)
        assert Store.open(path).students.all()  # the file is sound
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
