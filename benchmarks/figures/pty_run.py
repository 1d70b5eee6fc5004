"""Run a program on a real pseudo-terminal (80×24), time what appears on screen, read its memory."""

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
from collections.abc import Callable


class PtyProgram:
    """A program on its own pty: `wait_for` a marker in its output, `send` it keys."""

    def __init__(self, argv: list[str], *, env: dict | None = None) -> None:
        environment = dict(os.environ if env is None else env)
        environment.update({"TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"})
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child becomes the program
            os.execvpe(argv[0], argv, environment)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.output = b""

    def wait_for(
        self,
        seen: Callable[[bytes], bool],
        *,
        timeout: float = 30.0,
        each: Callable[[], None] | None = None,
    ) -> float:
        """Read output until `seen(output since this call)`; the moment it did, as perf_counter.
        `each` is called every 20 ms or so meanwhile (to sample the process)."""
        chunk_start = len(self.output)
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if each is not None:
                each()
            if select.select([self.fd], [], [], 0.02)[0]:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.output += chunk
                if seen(self.output[chunk_start:]):
                    return time.perf_counter()
        tail = self.output[-300:]
        raise RuntimeError(f"what was expected never appeared on screen; last output: {tail!r}")

    def send(self, keys: bytes) -> float:
        moment = time.perf_counter()
        os.write(self.fd, keys)
        return moment

    def settle(self, seconds: float = 0.3) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            if select.select([self.fd], [], [], 0.01)[0]:
                try:
                    if not os.read(self.fd, 65536):
                        return
                except OSError:
                    return

    def peak_rss_kb(self) -> int:
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def children_peak_kb(self) -> dict[int, int]:
        """Each child process of the program now, with its peak RSS so far (kB)."""
        found = {}
        try:
            with open(f"/proc/{self.pid}/task/{self.pid}/children") as children:
                listed = children.read().split()
        except OSError:
            return found
        for child in map(int, listed):
            try:
                with open(f"/proc/{child}/status") as status:
                    for line in status:
                        if line.startswith("VmHWM:"):
                            found[child] = int(line.split()[1])
            except OSError:
                continue
        return found

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def run_until(argv: list[str], marker, *, timeout: float = 30.0, env: dict | None = None):
    """Start `argv` on a pty; return (ms until `marker` (bytes, or a test of the output) appeared,
    peak RSS in kB)."""
    program = PtyProgram(argv, env=env)
    seen = marker if callable(marker) else (lambda out: marker in out)
    try:
        moment = program.wait_for(seen, timeout=timeout)
        elapsed = (moment - program.started) * 1000
        program.settle(0.5)  # let it settle, then read its peak memory
        return elapsed, program.peak_rss_kb()
    finally:
        program.close()
