"""A team on one server: two real Unix accounts in one group use one data folder.

Runs only as root where `useradd` exists (it creates two throwaway accounts and a group, and
removes them afterwards); skipped elsewhere.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from teacherdesk.models import Guardian, Student
from teacherdesk.store import Store
from teacherdesk.store.restricted import side_path

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("useradd") is None or shutil.which("runuser") is None,
    reason="needs root and useradd/runuser to create throwaway accounts",
)


SECRET = "SECRET-words-of-rowan"


def sh(*argv: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(argv, check=check, capture_output=True, text=True)


@pytest.fixture
def team() -> Iterator[tuple[str, str, str]]:
    if PYTHON is None:
        pytest.skip("no Python that other accounts can run")
    tag = secrets.token_hex(3)
    group, a, b = f"tdteam{tag}", f"tdrowan{tag}", f"tdkim{tag}"
    sh("groupadd", group)
    for name in (a, b):
        sh("useradd", "-M", "-N", "-s", "/bin/sh", "-G", group, name)
    try:
        yield group, a, b
    finally:
        for name in (a, b):
            sh("userdel", name, check=False)
        sh("groupdel", group, check=False)


@pytest.fixture
def folder() -> Iterator[Path]:
    """Somewhere every account can reach (pytest's tmp_path is root's own, 0700)."""
    top = Path(tempfile.mkdtemp(prefix="td-team-"))
    os.chmod(top, 0o711)
    try:
        yield top
    finally:
        shutil.rmtree(top, ignore_errors=True)


def reachable_by_all(path: str) -> bool:
    real = Path(os.path.realpath(path))
    return all(os.stat(parent).st_mode & stat.S_IXOTH for parent in real.parents)


def python_for_everyone() -> str | None:
    """This interpreter if other accounts can run it, else the system's of the same version
    (the packages come from this checkout and its venv, through PYTHONPATH)."""
    if reachable_by_all(sys.executable):
        return sys.executable
    same = shutil.which(f"python{sys.version_info.major}.{sys.version_info.minor}", path="/usr/bin")
    return same if same and reachable_by_all(same) else None


PYTHON = python_for_everyone()
REPO = Path(__file__).resolve().parents[2]
SITE = next(p for p in sys.path if p.endswith("site-packages") and p.startswith(sys.prefix))
CLEAN_ENV = [
    "env", "-i", "PATH=/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE=1", "LANG=C.UTF-8",
    f"PYTHONPATH={REPO}:{SITE}",
]  # fmt: skip


def as_user(user: str, *args: str, data: Path) -> subprocess.CompletedProcess:
    argv = ["runuser", "-u", user, "--", *CLEAN_ENV, PYTHON or "", "-m", "teacherdesk"]
    return subprocess.run([*argv, "--data", str(data), *args], capture_output=True, text=True)


def shared_class(folder: Path, owner: str, group: str) -> Path:
    data = folder / "caseload" / "teacherdesk.json"
    store = Store.open(data, author=owner)
    ava = store.students.save(Student(first_name="Ava", last_name="Quill", student_number="7"))
    store.guardians.save(Guardian(name="Maria Quill", student_ids=[ava.id]))
    sh("chown", "-R", f"{owner}:{group}", str(data.parent))
    done = as_user(owner, "share", "--group", group, data=data)
    assert done.returncode == 0, done.stderr
    return data


def test_two_accounts_save_at_once_and_nothing_is_lost(team, folder: Path) -> None:
    group, rowan, kim = team
    data = shared_class(folder, rowan, group)
    assert stat.S_IMODE(os.stat(data.parent).st_mode) == 0o2770
    assert stat.S_IMODE(os.stat(data).st_mode) == 0o660
    per_account = 6
    script = f'for i in $(seq {per_account}); do "$@" note 7 "from $ME $i" || exit 1; done'
    runs = []
    for user in (rowan, kim):
        env = [*CLEAN_ENV, f"ME={user}"]
        argv = [PYTHON or "", "-m", "teacherdesk", "--data", str(data)]
        runs.append(
            subprocess.Popen(
                ["runuser", "-u", user, "--", *env, "sh", "-c", script, "sh", *argv],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for run in runs:
        _out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    notes = orjson.loads(data.read_bytes())["contacts"].values()
    by = sorted((note["created_by"], note["summary"]) for note in notes)
    expected = sorted(
        (user, f"from {user} {i}") for user in (rowan, kim) for i in range(1, per_account + 1)
    )
    assert by == expected
    for path in [data, *data.parent.glob("*.lock"), *(data.parent / "backups").iterdir()]:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o660, path
        assert os.stat(path).st_gid == os.stat(data.parent).st_gid
    check = as_user(kim, "check", data=data)
    assert check.returncode == 0, check.stdout + check.stderr


def test_another_account_cannot_read_restricted_text_with_any_tool(team, folder: Path) -> None:
    group, rowan, kim = team
    data = shared_class(folder, rowan, group)
    done = as_user(rowan, "note", "7", SECRET, "--restricted", data=data)
    assert done.returncode == 0, done.stderr
    side = side_path(data, rowan)
    assert stat.S_IMODE(os.stat(side).st_mode) == 0o600
    grep = sh("runuser", "-u", kim, "--", "grep", "-r", SECRET, str(data.parent), check=False)
    assert grep.returncode != 0 and SECRET not in grep.stdout
    assert "Permission denied" in grep.stderr  # the file is there; the OS keeps kim out
    for args in (["export", "7", "--include-restricted"], ["records-request", "7"]):
        shown = as_user(kim, *args, data=data)
        assert shown.returncode == 0, shown.stderr
        assert SECRET not in shown.stdout + shown.stderr
    timeline = as_user(kim, "access-log", data=data)
    assert SECRET not in timeline.stdout
    mine = as_user(rowan, "export", "7", "--include-restricted", data=data)
    assert SECRET in mine.stdout
    # grep as the author finds it, so the test above could fail
    assert sh("runuser", "-u", rowan, "--", "grep", "-rl", SECRET, str(data.parent)).stdout


def test_kill_9_during_share_leaves_files_whole_and_a_second_share_finishes(
    team, folder: Path
) -> None:
    group, rowan, _kim = team
    data = folder / "caseload" / "teacherdesk.json"
    store = Store.open(data, author=rowan)
    store.students.save(Student(first_name="Ava", last_name="Quill", student_number="7"))
    store.students.save(Student(first_name="Ben", last_name="Quill"))  # a daily backup too
    sh("chown", "-R", f"{rowan}:{group}", str(data.parent))
    before = data.read_bytes()
    script = (
        "import os, signal, sys\n"
        "import teacherdesk.store.sharing as sharing\n"
        "real = os.chmod\n"
        "count = [0]\n"
        "def dying(path, mode):\n"
        "    real(path, mode)\n"
        "    count[0] += 1\n"
        "    if count[0] == 2: os.kill(os.getpid(), signal.SIGKILL)\n"
        "sharing.os.chmod = dying\n"
        "from teacherdesk.cli.main import main\n"
        "sys.exit(main(['--data', sys.argv[1], 'share', '--group', sys.argv[2]]))\n"
    )
    killed = subprocess.run(
        ["runuser", "-u", rowan, "--", *CLEAN_ENV, PYTHON or "", "-c", script, str(data), group],
        capture_output=True,
        check=False,
    )
    assert killed.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL)  # runuser reports it
    assert data.read_bytes() == before  # share changes modes, never contents
    assert stat.S_IMODE(os.stat(data.parent).st_mode) != 0o2770  # the folder comes last
    again = as_user(rowan, "share", "--group", group, data=data)
    assert again.returncode == 0, again.stderr
    assert stat.S_IMODE(os.stat(data.parent).st_mode) == 0o2770
