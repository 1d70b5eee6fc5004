"""Run a program on a real pseudo-terminal (80×24) and time it until a marker is on screen."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time


def run_until(argv: list[str], marker: bytes, *, timeout: float = 30.0, env: dict | None = None):
    """Start `argv` on a pty; return (ms until `marker` appeared, peak RSS in kB)."""
    environment = dict(os.environ if env is None else env)
    environment.update({"TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"})
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the program
        os.execvpe(argv[0], argv, environment)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                if marker in seen:
                    elapsed = (time.perf_counter() - start) * 1000
                    break
        if elapsed is None:
            raise RuntimeError(f"{marker!r} never appeared on screen; last output: {seen[-300:]!r}")
        time.sleep(0.5)  # let it settle, then read its peak memory
        _drain(fd)
        peak = _peak_rss_kb(pid)
        return elapsed, peak
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def _drain(fd: int) -> None:
    while select.select([fd], [], [], 0.01)[0]:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def _peak_rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0
