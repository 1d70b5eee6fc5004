"""Restricted means restricted: the text lives in the author's own 0600 file, never in the
shared data file, and nobody else's store hands it out (the OS test is in tests/system)."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import orjson
import pytest

from teacherdesk.exports.packet import export_packet
from teacherdesk.models import ContactNote, Purpose, Student
from teacherdesk.store import Store
from teacherdesk.store.backups import backup_folder
from teacherdesk.store.errors import RestrictedNoteError
from teacherdesk.store.restricted import side_path
from tests.helpers import TODAY

SECRET = "SECRET words about the family"


def everything_under(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def shared_file(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "teacherdesk.json"
    store = Store.open(path, author="ms.rowan")
    store.students.save(Student(id="s1", first_name="Ava", last_name="Quill", grade="3"))
    return path


def restricted_note(**extra) -> ContactNote:
    fields = {"date": TODAY} | extra
    return ContactNote(
        student_id="s1", purpose=Purpose.BEHAVIOR, summary=SECRET, restricted=True, **fields
    )


def test_the_text_is_only_in_the_authors_own_private_file(shared_file: Path) -> None:
    rowan = Store.open(shared_file, author="ms.rowan")
    rowan.contacts.save(restricted_note(id="n1"))
    assert SECRET.encode() not in shared_file.read_bytes()
    side = side_path(shared_file, "ms.rowan")
    assert SECRET.encode() in side.read_bytes()
    assert stat.S_IMODE(os.stat(side).st_mode) == 0o600
    on_disk = orjson.loads(shared_file.read_bytes())["contacts"]["n1"]
    assert on_disk["created_by"] == "ms.rowan" and on_disk["date"] == TODAY.isoformat()
    assert "purpose" not in on_disk and "summary" not in on_disk
    [mine] = rowan.contacts.all()
    assert mine.summary == SECRET and mine.purpose == Purpose.BEHAVIOR and not mine.sealed


def test_another_member_sees_that_it_exists_never_its_text(shared_file: Path) -> None:
    Store.open(shared_file, author="ms.rowan").contacts.save(restricted_note(id="n1"))
    kim = Store.open(shared_file, author="mr.kim")
    [theirs] = kim.contacts.all()
    assert theirs.sealed and theirs.created_by == "ms.rowan" and theirs.date == TODAY
    assert SECRET not in theirs.summary and "ms.rowan" in theirs.summary
    student = kim.students.get("s1")
    for include in (False, True):
        packet = export_packet(kim, student, today=TODAY, include_restricted=include)
        assert SECRET not in packet and "only ms.rowan can read" not in packet
    with pytest.raises(RestrictedNoteError, match=r"only ms\.rowan"):
        kim.contacts.save(theirs.model_copy(update={"summary": "overwritten"}))
    with pytest.raises(RestrictedNoteError):
        kim.contacts.delete("n1")
    rowan = Store.open(shared_file, author="ms.rowan")
    assert rowan.contacts.get("n1").summary == SECRET
    packet = export_packet(rowan, student, today=TODAY, include_restricted=True)
    assert SECRET in packet


def test_editing_keeps_the_history_private_and_unrestricting_brings_it_back(
    shared_file: Path,
) -> None:
    rowan = Store.open(shared_file, author="ms.rowan")
    note = rowan.contacts.save(restricted_note(id="n1"))
    rowan.contacts.save(note.model_copy(update={"summary": "second version"}))
    assert b"SECRET" not in shared_file.read_bytes()
    edited = rowan.contacts.get("n1")
    assert edited.history and edited.history[0]["summary"] == SECRET
    rowan.contacts.save(edited.model_copy(update={"restricted": False}))
    assert b"second version" in shared_file.read_bytes()
    side = orjson.loads(side_path(shared_file, "ms.rowan").read_bytes())
    assert side["notes"] == {}
    assert rowan.contacts.get("n1").summary == "second version"


def test_a_side_entry_without_its_note_is_ignored_and_check_removes_it(shared_file: Path):
    from teacherdesk.store.check import inspect

    rowan = Store.open(shared_file, author="ms.rowan")
    rowan.restricted.put({"ghost": {"summary": SECRET}})  # a kill before the data file's write
    assert rowan.contacts.all() == []
    report = inspect(rowan)
    assert any("leftover" in problem for problem in report["problems"])
    assert SECRET.encode() not in side_path(shared_file, "ms.rowan").read_bytes()


def test_a_schema_1_file_moves_restricted_text_out_with_a_private_backup(tmp_path: Path):
    path = tmp_path / "teacherdesk.json"
    stamp = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC).isoformat()
    old = {
        "_meta": {"schema": {"version": 1}},
        "students": {"s1": {"id": "s1", "first_name": "Ava", "last_name": "Quill"}},
        "contacts": {
            "n1": {
                "id": "n1", "student_id": "s1", "date": "2026-11-02", "summary": SECRET,
                "restricted": True, "created_by": "ms.rowan", "created_at": stamp,
            },
            "n2": {"id": "n2", "student_id": "s1", "date": "2026-11-03", "summary": "open"},
        },
    }  # fmt: skip
    path.write_bytes(orjson.dumps(old))
    os.chmod(path, 0o600)
    store = Store.open(path, author="ms.rowan")
    assert SECRET.encode() not in path.read_bytes()
    assert b"open" in path.read_bytes()
    assert {n.id: n.summary for n in store.contacts.all()} == {"n1": SECRET, "n2": "open"}
    [backup] = backup_folder(path).glob("*before-v1*")
    assert SECRET.encode() in backup.read_bytes()
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    assert Store.open(path, author="mr.kim").contacts.get("n1").sealed


def test_an_old_restricted_follow_up_still_reaches_its_authors_today(shared_file: Path) -> None:
    from teacherdesk.domain.today import build_today
    from teacherdesk.models import FollowUp

    rowan = Store.open(shared_file, author="ms.rowan")
    old = TODAY - dt.timedelta(days=200)
    rowan.contacts.save(
        restricted_note(id="n1", date=old, follow_up=FollowUp(what="call back", due=old))
    )
    rowan.contacts.save(ContactNote(student_id="s1", date=TODAY, summary="newer"))
    [late] = build_today(rowan, TODAY).overdue
    assert late.what == "call back"
    assert build_today(Store.open(shared_file, author="mr.kim"), TODAY).overdue == []
