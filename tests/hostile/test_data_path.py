"""Items 5 and 6: `--data` must be a regular file or absent; a device, a FIFO, a folder or a
socket is refused at once (never read, never hung on, never unlinked and replaced)."""

from __future__ import annotations

import os
import socket
import stat
import subprocess

import pytest

from tests.helpers import teacherdesk_cmd

COMMANDS = [
    ["roster"],
    ["note", "x", "hello"],
    ["demo", "--force", "--no-open"],
    ["export", "x"],
    ["calendar"],
    ["import", "nothing.csv"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_a_device_is_refused_and_left_alone(td, argv):
    before = os.stat("/dev/null")
    ran = td("--data", "/dev/null", *argv)
    assert ran.code == 1  # the data file cannot be used (DESIGN.md §5)
    assert "/dev/null" in ran.sentence and "regular file" in ran.sentence
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_check_on_a_device_reports_one_problem(td):
    ran = td("--data", "/dev/null", "check", "--json")
    assert ran.code == 1
    assert '"ok":false' in ran.out and "regular file" in ran.out


@pytest.mark.parametrize("argv", [*COMMANDS, ["check"]], ids=lambda a: a[0])
def test_a_fifo_is_refused_without_opening_it(td, tmp_path, argv):
    fifo = tmp_path / "data.json"
    os.mkfifo(fifo)
    ran = td("--data", fifo, *argv)  # opening it for reading would block this test forever
    assert ran.code in (1, 2)
    assert "regular file" in (ran.err + ran.out)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.slow
def test_a_fifo_does_not_hang_the_real_command(tmp_path):
    fifo = tmp_path / "data.json"
    os.mkfifo(fifo)
    for argv in (["roster"], ["note", "x", "y"], ["check"]):
        done = subprocess.run(
            [*teacherdesk_cmd(), "--data", str(fifo), *argv],
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode in (1, 2) and "Traceback" not in done.stderr


def test_a_folder_is_refused(td, tmp_path):
    ran = td("--data", tmp_path, "roster")
    assert ran.code == 1 and "folder" in ran.sentence


def test_a_socket_is_refused(td, tmp_path):
    path = tmp_path / "s.json"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        ran = td("--data", path, "note", "x", "hi")
        assert ran.code == 1 and "regular file" in ran.sentence
        assert stat.S_ISSOCK(os.stat(path).st_mode)
    finally:
        server.close()


def test_a_symlink_to_a_regular_file_is_fine(td, small_file, tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(small_file)
    assert td("--data", link, "roster").code == 0
    assert link.is_symlink()
