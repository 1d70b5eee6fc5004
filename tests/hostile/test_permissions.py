"""Item 8: under umask 000 every folder teacherdesk creates (all parents, backups) is 0700 and
every file 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from teacherdesk.store import Store
from teacherdesk.store.files import ensure_private_dir


@pytest.fixture
def open_umask():
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_file_parents_and_backups_are_private(td, tmp_path, open_umask):
    path = tmp_path / "a" / "b" / "c" / "class.json"
    assert td("--data", path, "demo", "--no-open", "--students", "2").code == 0
    number = __import__("orjson").loads(td("--data", path, "roster", "--json").out)[0]
    assert td("--data", path, "note", number["student_number"], "hello").code == 0
    for folder in (tmp_path / "a", tmp_path / "a" / "b", path.parent, path.parent / "backups"):
        assert _mode(folder) == 0o700, folder
    for file in [path, *path.parent.glob("backups/*.json"), Path(f"{path}.lock")]:
        if file.exists():
            assert _mode(file) & 0o077 == 0, file


def test_an_existing_folder_is_left_as_the_owner_set_it(tmp_path, open_umask):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    ensure_private_dir(shared / "new" / "deeper")
    assert _mode(shared) == 0o755
    assert _mode(shared / "new") == 0o700 and _mode(shared / "new" / "deeper") == 0o700


def test_store_open_and_save_under_umask_000(tmp_path, open_umask):
    from teacherdesk.models import Student

    path = tmp_path / "x" / "y.json"
    Store.open(path).students.save(Student(first_name="A", last_name="B"))
    assert _mode(path.parent) == 0o700 and _mode(path) == 0o600
