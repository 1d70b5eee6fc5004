"""Running the real `teacherdesk serve` in tests: start it, find its URL, see its apps, stop it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import teacherdesk_cmd

URL = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)")


@dataclass
class Served:
    """A running `teacherdesk serve`: its process, printed URL and what it printed."""

    process: subprocess.Popen
    url: str
    base: str
    secret: str
    output: Path

    def app_processes(self) -> list[int]:
        """The pids of the apps it started (one per open tab)."""
        children: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            children += [int(pid) for pid in (task / "children").read_text().split()]
        return children

    def wait_for_apps(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while len(self.app_processes()) != count:
            if time.monotonic() > deadline:
                pytest.fail(f"expected {count} app processes, found {self.app_processes()}")
            time.sleep(0.05)


def wait_for_url(process: subprocess.Popen, output: Path, timeout: float = 30) -> re.Match:
    deadline = time.monotonic() + timeout
    while not (found := URL.search(output.read_text())):
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"`teacherdesk serve` printed no URL:\n{output.read_text()}")
        time.sleep(0.05)
    return found


def start_server(data: Path, *args: str, tmp_path: Path) -> Served:
    output = tmp_path / f"serve-{time.monotonic_ns()}.out"
    with output.open("w") as sink:
        process = subprocess.Popen(
            [*teacherdesk_cmd(), "--data", str(data), "serve", *args],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "TEXTUAL_ANIMATIONS": "none"},
        )
    found = wait_for_url(process, output)
    base = f"http://127.0.0.1:{found.group(1)}"
    return Served(process, found.group(0), base, found.group(2), output)


def stop_server(served: Served) -> None:
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGTERM)
    try:
        served.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait()
