"""Items 11 and 12: `check` finds repeated JSON keys, shared student numbers and records of the
wrong type; every command says when it left a damaged record out; damaged files stay untouched."""

from __future__ import annotations

import orjson
import pytest

from tests.hostile.conftest import digest


def _edit(path, change) -> None:
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(orjson.dumps(data))


def _students(path) -> dict:
    return orjson.loads(path.read_bytes())["students"]


def test_check_finds_a_repeated_key(td, small_file):
    raw = small_file.read_bytes().decode()
    first_id, first = next(iter(_students(small_file).items()))
    doubled = raw.replace(
        '"students":{', f'"students":{{"{first_id}":{orjson.dumps(first).decode()},', 1
    )
    small_file.write_text(doubled)
    ran = td("--data", small_file, "check", "--json")
    assert ran.code == 1
    problems = orjson.loads(ran.out)["problems"]
    assert any(first_id in p and "twice" in p for p in problems), problems


def test_check_and_export_see_a_shared_student_number(td, small_file):
    ids = list(_students(small_file))

    def share(data):
        data["students"][ids[1]]["student_number"] = data["students"][ids[0]]["student_number"]

    _edit(small_file, share)
    number = _students(small_file)[ids[0]]["student_number"]
    report = orjson.loads(td("--data", small_file, "check", "--json").out)
    assert any(f"share the student number {number}" in p for p in report["problems"])
    ran = td("--data", small_file, "export", number)
    assert ran.code == 2 and "matches 2 students" in ran.sentence


@pytest.mark.parametrize(
    ("field", "value"),
    [("has_iep", "maybe"), ("first_name", 42), ("first_name", ""), ("grade", ["a"])],
)
@pytest.mark.parametrize("command", [["roster"], ["roster", "--json"], ["calendar"]])
def test_a_damaged_student_is_reported_by_every_command(td, small_file, field, value, command):
    victim = next(iter(_students(small_file)))
    _edit(small_file, lambda data: data["students"][victim].__setitem__(field, value))
    before = digest(small_file)
    ran = td("--data", small_file, *command)
    assert ran.code == 0
    assert ran.sentence == (
        "teacherdesk: 1 student record is damaged and left out; run teacherdesk check."
    )
    assert digest(small_file) == before
    report = orjson.loads(td("--data", small_file, "check", "--json").out)
    assert not report["ok"] and any(victim in p for p in report["problems"])
    assert not any("missing student" in p for p in report["problems"])


def test_a_contact_note_from_year_9999_is_reported_not_fatal(td, small_file):
    def far(data):
        note = next(iter(data["contacts"].values()))
        note["date"] = "9999-01-01"

    _edit(small_file, far)
    ran = td("--data", small_file, "calendar")
    assert ran.code == 0 and "BEGIN:VCALENDAR" in ran.out
    roster = td("--data", small_file, "roster")
    assert "7978" not in roster.out


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[]", b'{"students": []}', b'{"students": {"a": 1}}', b"\xff\xfe{}", b"null"],
)
def test_an_unreadable_file_is_refused_and_left_byte_for_byte(td, tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    for argv in (["roster"], ["note", "x", "y"], ["demo", "--no-open"], ["calendar"]):
        ran = td("--data", path, *argv)
        assert ran.code == 1, (argv, ran.err)
        assert str(path) in ran.sentence
        assert path.read_bytes() == content


def test_a_newer_file_is_refused(td, tmp_path):
    path = tmp_path / "new.json"
    path.write_bytes(b'{"_meta": {"schema": {"version": 99}}}')
    ran = td("--data", path, "note", "x", "hi")
    assert ran.code == 1 and "newer teacherdesk" in ran.sentence
    assert path.read_bytes() == b'{"_meta": {"schema": {"version": 99}}}'


async def test_the_app_says_when_it_left_a_damaged_record_out(small_file):
    from teacherdesk.store import Store
    from tests.helpers import make_app

    victim = next(iter(_students(small_file)))
    _edit(small_file, lambda data: data["students"][victim].__setitem__("has_iep", "maybe"))
    app = make_app(Store.open(small_file), start="roster")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app._say_what_was_skipped()  # (the app does this itself a moment after it opens)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert "1 student record is damaged and left out; run teacherdesk check." in messages
