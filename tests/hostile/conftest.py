"""The hostile battery's tools: the command run in-process, a small class in a real file."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from teacherdesk.cli.main import main
from teacherdesk.domain.demo import DemoSize, build_demo
from teacherdesk.models import IEP, Guardian, Student
from teacherdesk.store import Store

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass
class Ran:
    code: int
    out: str
    err: str

    @property
    def sentence(self) -> str:
        """stderr must be one line: the one sentence a person reads."""
        lines = [line for line in self.err.splitlines() if line.strip()]
        assert len(lines) == 1, self.err
        assert "Traceback" not in self.err
        return lines[0]


@pytest.fixture
def td(capsys):
    """`td("--data", f, "roster")` runs the real entry point in this process."""

    def run(*argv: str | Path) -> Ran:
        capsys.readouterr()
        try:
            code = main([str(arg) for arg in argv])
        except SystemExit as stop:  # argparse refusing the command line
            code = stop.code if isinstance(stop.code, int) else 2
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    """A small demo class in a real file."""
    path = tmp_path / "data" / "class.json"
    build_demo(Store.open(path, author="tester"), DemoSize(students=6, notes=12))
    return path


@pytest.fixture
def hostile_family(tmp_path: Path) -> tuple[Path, Student]:
    """One IEP student whose family's names are written to break Markdown, HTML and iCalendar."""
    import datetime as dt

    path = tmp_path / "data" / "family.json"
    store = Store.open(path, author="tester")
    student = Student(
        first_name="Zoë <script>alert(1)</script>",
        last_name="*Star* [x](javascript:alert(1))",
        student_number="4242",
        has_iep=True,
    )
    store.students.save(student)
    store.guardians.save(
        Guardian(name='Pat <img src=x onerror="alert(1)">', student_ids=[student.id])
    )
    store.ieps.save(IEP(student_id=student.id, meeting_date=dt.date.today() + dt.timedelta(60)))
    return path, student


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mount_tmpfs(where: Path, options: str) -> bool:
    import subprocess

    if not IS_ROOT:
        return False
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
    )
    return done.returncode == 0


def _unmount(where: Path) -> None:
    import subprocess

    subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture
def full_disk(tmp_path: Path):
    """A folder on a 64 kB tmpfs (root only, where mount works), to fill up."""
    where = tmp_path / "full"
    if not _mount_tmpfs(where, "size=64k,mode=0700"):
        pytest.skip("needs root and a working mount for a small tmpfs")
    try:
        yield where
    finally:
        _unmount(where)


@pytest.fixture
def read_only_folder(tmp_path: Path):
    """(folder, make_read_only): a folder that refuses writes, by mode or, as root, by mount."""
    where = tmp_path / "ro"
    if IS_ROOT:
        if not _mount_tmpfs(where, "size=1m,mode=0700"):
            pytest.skip("root ignores folder modes and mount does not work here")

        def make_read_only() -> None:
            import subprocess

            subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)

        try:
            yield where, make_read_only
        finally:
            _unmount(where)
    else:
        where.mkdir(mode=0o700)
        try:
            yield where, lambda: os.chmod(where, 0o500)
        finally:
            os.chmod(where, 0o700)
