"""The command line as a real process: what only a process shows (the version, exit codes and
one-line errors, argument bytes and terminal encodings). Everything else about the commands runs
in-process in tests/cli."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from teacherdesk import __version__
from tests.helpers import family_file, notes_on_disk, one_clear_line, teacherdesk_cmd

pytestmark = pytest.mark.slow


def td(*args: str, env: dict[str, str], data: Path | None = None, input_text: str | None = None):
    command = [*teacherdesk_cmd()]
    if data is not None:
        command += ["--data", str(data)]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        input=input_text,
        errors="surrogateescape",
    )


def test_version(cli_env):
    done = td("--version", env=cli_env)
    assert done.returncode == 0
    assert done.stdout.strip() == f"teacherdesk {__version__}"


def test_without_teacherdesk_data_the_user_data_folder_is_used(tmp_path, cli_env):
    env = {k: v for k, v in cli_env.items() if k != "TEACHERDESK_DATA"}
    env["HOME"] = str(tmp_path / "home")
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    done = td("demo", "--no-open", env=env)
    assert done.returncode == 0, done.stderr
    expected = tmp_path / "xdg" / "teacherdesk" / "teacherdesk.json"
    assert expected.exists()
    assert oct(expected.stat().st_mode & 0o777) == oct(0o600)
    assert oct(expected.parent.stat().st_mode & 0o777) == oct(0o700)


def test_usage_errors_exit_2(cli_env, demo_path):
    assert td("no-such-command", env=cli_env, data=demo_path).returncode == 2
    assert td("note", env=cli_env, data=demo_path).returncode == 2
    done = td("demo", "--students", "0", "--no-open", env=cli_env, data=demo_path)
    assert done.returncode == 2
    one_clear_line(done.stderr)


def test_a_folder_instead_of_a_file_is_one_clear_line(tmp_path, cli_env):
    done = td("roster", env=cli_env, data=tmp_path)
    assert done.returncode == 1
    one_clear_line(done.stderr)


def test_undecodable_bytes_in_arguments_are_no_traceback(tmp_path, cli_env):
    path, _kid, _mum, _dad = family_file(tmp_path)
    command = [*teacherdesk_cmd(), "--data", str(path), "note", "42", "caf\udce9 au lait"]
    done = subprocess.run(
        [os.fsencode(part) for part in command], capture_output=True, env=cli_env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    [note] = notes_on_disk(path)
    assert note["summary"] == "caf au lait"


def test_output_to_a_terminal_that_cannot_encode_names_is_no_traceback(demo_path, cli_env):
    env = {**cli_env, "PYTHONIOENCODING": "ascii"}
    done = td("roster", env=env, data=demo_path)
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    assert "Zo\\xeb" in done.stdout or "Zo" in done.stdout
