"""The app's way of opening: cheap checks at once, the file read later in a thread; nothing can
read or write the file before that opening (with its migration) is done."""

from __future__ import annotations

import pytest

from teacherdesk.models import Student
from teacherdesk.store import DamagedFileError, NotADataFileError, Store


def test_the_file_is_read_by_finish_opening_or_by_the_first_read(tmp_path):
    path = tmp_path / "class.json"
    Store.open(path).students.save(Student(first_name="Ada", last_name="Birch"))

    later = Store.open(path, read_now=False)
    assert not later.is_open
    later.finish_opening()
    assert later.is_open
    assert [s.first_name for s in later.students.all()] == ["Ada"]

    first_read = Store.open(path, read_now=False)
    assert [s.first_name for s in first_read.students.all()] == ["Ada"]  # opens on the way
    assert first_read.is_open
    first_read.students.save(Student(first_name="Cy", last_name="Dale"))
    assert len(Store.open(path).students.all()) == 2


def test_a_damaged_file_is_refused_when_read_and_left_untouched(tmp_path):
    path = tmp_path / "class.json"
    path.write_bytes(b"not json")
    store = Store.open(path, read_now=False)  # no read yet: no error yet
    with pytest.raises(DamagedFileError):
        store.finish_opening()
    with pytest.raises(DamagedFileError):  # still refused, never written
        store.students.save(Student(first_name="Ada", last_name="Birch"))
    assert path.read_bytes() == b"not json"


def test_a_folder_is_refused_at_once(tmp_path):
    with pytest.raises(NotADataFileError):
        Store.open(tmp_path, read_now=False)
