"""The commands in-process (`cli.main(argv)`, output captured): exit codes, messages, JSON
shapes, file safety. tests/system/test_cli.py runs the real process for what only it shows."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from teacherdesk.models import Guardian, Student
from teacherdesk.store import Store, schema
from teacherdesk.store.backups import backup_folder
from tests.helpers import (
    BAD_FILES,
    TODAY,
    family_file,
    fingerprint,
    notes_on_disk,
    one_clear_line,
    run_main,
)

ROSTER_KEYS = {
    "id",
    "student_number",
    "first_name",
    "last_name",
    "preferred_name",
    "grade",
    "has_iep",
    "has_504",
    "guardians",
}
EXTRA_ROSTER_KEYS = {"class_name", "archived"}  # beyond DESIGN.md §5, harmless to scripts
GUARDIAN_KEYS = {"id", "name", "relationship", "phone", "email", "preferred_language"}
CHECK_KEYS = {
    "ok",
    "schema",
    "students",
    "guardians",
    "contacts",
    "conferences",
    "events",
    "ieps",
    "problems",
    "drafts",  # forms cut off before they were saved (issue 11): listed, not counted
}


def td(*args: str, env: dict[str, str], data: Path | None = None):
    command = [] if data is None else ["--data", str(data)]
    return run_main([*command, *args], env=env)


def students_in(path: Path) -> list[dict]:
    """The roster read in-process (for tests about other commands)."""
    return [s.model_dump() for s in Store.open(path, backups=False).students.all()]


def roster(path: Path, env) -> list[dict]:
    done = td("roster", "--json", env=env, data=path)
    assert done.returncode == 0, done.stderr
    return orjson.loads(done.stdout)


# --- data path ------------------------------------------------------------------------------------


def test_default_data_path_honours_teacherdesk_data(tmp_path, cli_env):
    target = tmp_path / "from-env" / "mine.json"
    env = {**cli_env, "TEACHERDESK_DATA": str(target)}
    done = td("demo", "--no-open", env=env)
    assert done.returncode == 0, done.stderr
    assert str(target) in done.stdout
    assert target.exists()
    assert len(roster(target, env)) >= 24
    assert len(orjson.loads(td("roster", "--json", env=env).stdout)) >= 24


# --- demo ----------------------------------------------------------------------------------------


def test_demo_writes_a_living_class(demo_path, cli_env):
    students = roster(demo_path, cli_env)
    assert len(students) >= 24
    assert sum(student["has_iep"] for student in students) >= 2
    by_guardian: dict[str, set[str]] = {}
    for student in students:
        for guardian in student["guardians"]:
            by_guardian.setdefault(guardian["id"], set()).add(student["id"])
    assert any(len(kids) >= 2 for kids in by_guardian.values()), "no siblings share a guardian"
    report = orjson.loads(td("check", "--json", env=cli_env, data=demo_path).stdout)
    assert report["ok"] is True
    assert report["contacts"] > 0 and report["conferences"] > 0 and report["events"] > 0
    assert report["ieps"] >= 2
    data = orjson.loads(demo_path.read_bytes())
    iep_inputs = [iep for iep in data["ieps"].values() if iep["parental_input"]["strengths_needs"]]
    assert len(iep_inputs) >= 2
    assert len(data["interviews"]) >= 2


def test_demo_refuses_a_file_with_data_without_force(demo_path, cli_env):
    before = fingerprint(demo_path)
    done = td("demo", "--no-open", "--seed", "99", env=cli_env, data=demo_path)
    assert done.returncode == 2
    line = one_clear_line(done.stderr)
    assert "--force" in line
    assert fingerprint(demo_path) == before


def test_demo_force_keeps_a_backup_and_a_versioned_file(demo_path, cli_env):
    before = demo_path.read_bytes()
    done = td("demo", "--no-open", "--force", "--seed", "99", env=cli_env, data=demo_path)
    assert done.returncode == 0, done.stderr
    copies = [p for p in backup_folder(demo_path).iterdir() if "before-demo" in p.name]
    assert len(copies) == 1
    assert copies[0].read_bytes() == before
    assert oct(copies[0].stat().st_mode & 0o777) == oct(0o600)
    data = orjson.loads(demo_path.read_bytes())
    assert data["_meta"]["schema"]["version"] == schema.SCHEMA_VERSION
    report = orjson.loads(td("check", "--json", env=cli_env, data=demo_path).stdout)
    assert report["ok"] is True and report["schema"] == schema.SCHEMA_VERSION
    assert report["students"] == 24  # replaced, not appended


def test_demo_on_a_damaged_file_needs_force_and_keeps_a_copy(tmp_path, cli_env):
    path = tmp_path / "d" / "teacherdesk.json"
    path.parent.mkdir()
    path.write_bytes(b"{broken")
    done = td("demo", "--no-open", env=cli_env, data=path)
    assert done.returncode == 1
    one_clear_line(done.stderr)
    assert path.read_bytes() == b"{broken"
    done = td("demo", "--no-open", "--force", env=cli_env, data=path)
    assert done.returncode == 0, done.stderr
    [copy] = [p for p in backup_folder(path).iterdir() if "damaged" in p.name]
    assert copy.read_bytes() == b"{broken"


def test_demo_scales_for_benchmarks(tmp_path, cli_env):
    path = tmp_path / "big.json"
    done = td("demo", "--no-open", "--students", "60", "--notes", "700", env=cli_env, data=path)
    assert done.returncode == 0, done.stderr
    report = orjson.loads(td("check", "--json", env=cli_env, data=path).stdout)
    assert (report["students"], report["contacts"], report["ok"]) == (60, 700, True)


# --- roster --------------------------------------------------------------------------------------


def test_roster_json_shape(demo_path, cli_env):
    students = roster(demo_path, cli_env)
    for student in students:
        assert ROSTER_KEYS <= set(student) <= ROSTER_KEYS | EXTRA_ROSTER_KEYS
        for key in ("id", "student_number", "first_name", "last_name", "preferred_name", "grade"):
            assert isinstance(student[key], str)
        assert student["id"] and student["first_name"] and student["last_name"]
        assert isinstance(student["has_iep"], bool) and isinstance(student["has_504"], bool)
        assert isinstance(student["guardians"], list)
        for guardian in student["guardians"]:
            assert set(guardian) == GUARDIAN_KEYS
            assert all(isinstance(value, str) for value in guardian.values())
    assert len({student["id"] for student in students}) == len(students)


def test_roster_text_and_empty_file(tmp_path, cli_env, demo_path):
    done = td("roster", env=cli_env, data=demo_path)
    assert done.returncode == 0
    assert "Applewhistle" in done.stdout
    empty = td("roster", env=cli_env, data=tmp_path / "none" / "x.json")
    assert empty.returncode == 0
    assert "No students yet" in empty.stdout
    assert not (tmp_path / "none").exists()  # looking writes nothing
    assert orjson.loads(td("roster", "--json", env=cli_env, data=tmp_path / "n.json").stdout) == []


# --- note ----------------------------------------------------------------------------------------


def find(students: list[dict], **match) -> dict:
    return next(s for s in students if all(s[k] == v for k, v in match.items()))


def test_note_by_number_is_saved_with_defaults(demo_path, cli_env):
    student = students_in(demo_path)[0]
    before = len(notes_on_disk(demo_path))
    done = td(
        "note", student["student_number"], "Called about the trip", env=cli_env, data=demo_path
    )
    assert done.returncode == 0, done.stderr
    assert f"Saved an information note for {student['first_name']}" in done.stdout or (
        f"Saved an information note for {student['preferred_name']}" in done.stdout
    )
    notes = notes_on_disk(demo_path)
    assert len(notes) == before + 1
    [note] = [n for n in notes if n.get("summary") == "Called about the trip"]
    assert note["student_id"] == student["id"]
    assert note["restricted"] is False
    assert note["created_by"]


def test_note_by_accented_name_any_case(tmp_path, cli_env):
    path = tmp_path / "zoe.json"
    store = Store.open(path)
    zoe = store.students.save(Student(first_name="Zoë", last_name="Okafor", student_number="7"))
    store.students.save(Student(first_name="Mateo", last_name="Quillfeather"))
    for typed in ("zoe okafor", "OKAFOR, Zoë", zoe.id):
        done = td("note", typed, f"by {typed}", env=cli_env, data=path)
        assert done.returncode == 0, (typed, done.stderr)
        assert "Zoë Okafor" in done.stdout
    notes = notes_on_disk(path)
    assert len(notes) == 3
    assert {n["student_id"] for n in notes} == {zoe.id}


def test_note_ambiguous_student_lists_candidates(demo_path, cli_env):
    students = students_in(demo_path)
    surnames = {}
    for s in students:
        surnames.setdefault(s["last_name"], []).append(s)
    last, siblings = next((k, v) for k, v in surnames.items() if len(v) >= 2)
    before = demo_path.read_bytes()
    done = td("note", last, "hello", env=cli_env, data=demo_path)
    assert done.returncode == 2
    line = one_clear_line(done.stderr)
    assert f"matches {len(siblings)} students" in line
    for sibling in siblings:
        assert sibling["student_number"] in line
    assert demo_path.read_bytes() == before


def test_note_unknown_student_exit_2(demo_path, cli_env):
    before = demo_path.read_bytes()
    done = td("note", "Nobody Atall", "hello", env=cli_env, data=demo_path)
    assert done.returncode == 2
    assert "no student matches 'Nobody Atall'" in one_clear_line(done.stderr)
    assert demo_path.read_bytes() == before


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--channel", "carrier pigeon", "phone, text, email"),
        ("--date", "someday", "2026-12-03"),
        ("--date", "2/30", "not a real date"),
        ("--purpose", "gossip", "positive"),
        ("--outcome", "maybe", "reached"),
        ("--due", "never", "2026-12-03"),
    ],
)
def test_note_bad_option_exit_2_nothing_saved(option, value, words, demo_path, cli_env):
    number = students_in(demo_path)[0]["student_number"]
    before = demo_path.read_bytes()
    done = td("note", number, "hello", option, value, env=cli_env, data=demo_path)
    assert done.returncode == 2
    line = one_clear_line(done.stderr)
    assert option in line and words in line
    assert demo_path.read_bytes() == before


def test_note_empty_or_huge_text_exit_2(demo_path, cli_env):
    number = students_in(demo_path)[0]["student_number"]
    before = demo_path.read_bytes()
    for text in ("   ", "\x1b[31m", "x" * 30_000):
        done = td("note", number, text, env=cli_env, data=demo_path)
        assert done.returncode == 2
        one_clear_line(done.stderr)
    assert demo_path.read_bytes() == before


def test_note_guardian_picks_one(tmp_path, cli_env):
    path, _kid, mum, dad = family_file(tmp_path)
    done = td("note", "42", "spoke to dad", "--guardian", "tomas", env=cli_env, data=path)
    assert done.returncode == 0, done.stderr
    assert "Tomás Quill" in done.stdout
    done = td("note", "42", "spoke to mum", "--guardian", "mother", env=cli_env, data=path)
    assert done.returncode == 0, done.stderr
    by_text = {n["summary"]: n for n in notes_on_disk(path)}
    assert by_text["spoke to dad"]["guardian_id"] == dad.id
    assert by_text["spoke to mum"]["guardian_id"] == mum.id
    before = path.read_bytes()
    done = td("note", "42", "who?", "--guardian", "quill", env=cli_env, data=path)  # both
    assert done.returncode == 2
    line = one_clear_line(done.stderr)
    assert "Ngozi Quill" in line and "Tomás Quill" in line
    done = td("note", "42", "who?", "--guardian", "grandma", env=cli_env, data=path)
    assert done.returncode == 2
    assert path.read_bytes() == before


def test_note_options_are_stored(tmp_path, cli_env):
    path, kid, _mum, _dad = family_file(tmp_path)
    done = td(
        "note", "42", "Private matter", "--restricted", "--channel", "in person",
        "--purpose", "concern", "--outcome", "left message", "--direction", "incoming",
        "--date", "2026-11-02", "--follow-up", "Send the form", "--due", "2026-11-20",
        env=cli_env, data=path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [shared] = notes_on_disk(path)
    assert shared["restricted"] is True and "Private matter" not in str(shared)
    # its text is in this account's own file: read it back as this account
    [note] = Store.open(path).contacts.all()
    note = note.model_dump(mode="json")
    assert (note["channel"], note["purpose"], note["outcome"], note["direction"]) == (
        "in_person",
        "concern",
        "left_message",
        "incoming",
    )
    assert note["date"] == "2026-11-02"
    assert note["follow_up"]["what"] == "Send the form"
    assert note["follow_up"]["due"] == "2026-11-20"
    assert note["student_id"] == kid.id
    assert note["guardian_id"] is None  # two guardians, none named


# --- check ---------------------------------------------------------------------------------------


def test_check_json_shape_on_a_sound_file(demo_path, cli_env):
    done = td("check", "--json", env=cli_env, data=demo_path)
    assert done.returncode == 0
    report = orjson.loads(done.stdout)
    assert set(report) == CHECK_KEYS
    assert report["ok"] is True and report["problems"] == []
    assert report["schema"] == schema.SCHEMA_VERSION
    assert report["students"] >= 24
    assert report["drafts"] == []
    for key in CHECK_KEYS - {"ok", "schema", "problems", "drafts"}:
        assert isinstance(report[key], int)
    text = td("check", env=cli_env, data=demo_path)
    assert text.returncode == 0
    assert "OK" in text.stdout


def test_check_reports_a_loose_file_mode(demo_path, cli_env):
    os.chmod(demo_path, 0o644)
    done = td("check", "--json", env=cli_env, data=demo_path)
    assert done.returncode == 1
    report = orjson.loads(done.stdout)
    assert report["ok"] is False
    assert any("chmod 600" in problem for problem in report["problems"])


def test_check_reports_broken_links_and_invalid_records(demo_path, cli_env):
    data = orjson.loads(demo_path.read_bytes())
    note = next(iter(data["contacts"].values()))
    note["student_id"] = "gone"
    student = next(iter(data["students"].values()))
    student["first_name"] = ""
    demo_path.write_bytes(orjson.dumps(data))
    os.chmod(demo_path, 0o600)
    done = td("check", "--json", env=cli_env, data=demo_path)
    assert done.returncode == 1
    problems = orjson.loads(done.stdout)["problems"]
    assert any("missing student" in p for p in problems)
    assert any("first_name" in p for p in problems)


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_check_on_a_bad_file_exit_1_file_untouched(kind, tmp_path, cli_env):
    path = tmp_path / "bad" / "teacherdesk.json"
    path.parent.mkdir()
    path.write_bytes(BAD_FILES[kind])
    before = fingerprint(path)
    done = td("check", "--json", env=cli_env, data=path)
    assert done.returncode == 1
    report = orjson.loads(done.stdout)
    assert set(report) == CHECK_KEYS
    assert report["ok"] is False and report["schema"] is None
    assert len(report["problems"]) == 1
    if kind == "newer":
        assert "newer" in report["problems"][0]
    text = td("check", env=cli_env, data=path)
    assert text.returncode == 1 and "Traceback" not in text.stderr
    assert fingerprint(path) == before
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")) == [
        "teacherdesk.json"
    ]


def test_check_on_a_missing_file_exit_1(tmp_path, cli_env):
    done = td("check", "--json", env=cli_env, data=tmp_path / "nope.json")
    assert done.returncode == 1
    assert orjson.loads(done.stdout)["ok"] is False
    assert not (tmp_path / "nope.json").exists()


COMMANDS = [("roster",), ("roster", "--json"), ("note", "1", "hello"), ("demo", "--no-open")]


@pytest.mark.parametrize(
    ("kind", "args"),
    [("damaged", args) for args in COMMANDS]
    + [("newer", args) for args in COMMANDS[1:]]
    + [("empty", args) for args in COMMANDS[:3:2]],
)
def test_commands_on_a_bad_file_exit_1_one_line_no_traceback(kind, args, tmp_path, cli_env):
    path = tmp_path / "bad" / "teacherdesk.json"
    path.parent.mkdir()
    path.write_bytes(BAD_FILES[kind])
    before = fingerprint(path)
    done = td(*args, env=cli_env, data=path)
    assert done.returncode == 1
    line = one_clear_line(done.stderr)
    assert str(path) in line
    if kind == "newer":
        assert "newer teacherdesk" in line
    assert done.stdout == ""
    assert fingerprint(path) == before


# --- hostile names round trip --------------------------------------------------------------------

HOSTILE = [
    ("Zoë *Star*", "Ñúñez <b>bold</b>"),
    ("`code` _under_", "[link](http://x.example)"),
    ("<script>alert(1)</script>", "# Heading | pipe"),
    ("Björn\x1b[31m", "O'Brien\x1b]0;pwned\x07-Smith"),
    ("\x9b2J李\u200b明", "Nguyễn\x07"),
]


def test_hostile_names_survive_note_and_roster_as_literal_text(tmp_path, cli_env):
    path = tmp_path / "hostile.json"
    store = Store.open(path)
    ids = []
    for n, (first, last) in enumerate(HOSTILE):
        student = store.students.save(
            Student(first_name=first, last_name=last, student_number=f"H{n}")
        )
        store.guardians.save(Guardian(name=f"Parent of {first}", student_ids=[student.id]))
        ids.append(student.id)
    students = {s["id"]: s for s in roster(path, cli_env)}
    expected = {
        0: ("Zoë *Star*", "Ñúñez <b>bold</b>"),
        1: ("`code` _under_", "[link](http://x.example)"),
        2: ("<script>alert(1)</script>", "# Heading | pipe"),
        3: ("Björn", "O'Brien-Smith"),
        4: ("李\u200b明", "Nguyễn"),
    }
    for n, (first, last) in expected.items():
        assert (students[ids[n]]["first_name"], students[ids[n]]["last_name"]) == (first, last)
        assert students[ids[n]]["guardians"][0]["name"] == f"Parent of {first}"
    text = td("roster", env=cli_env, data=path)
    assert text.returncode == 0
    assert "\x1b" not in text.stdout and "\x9b" not in text.stdout and "\x07" not in text.stdout
    assert "Zoë *Star*" in text.stdout and "<script>alert(1)</script>" in text.stdout
    # notes by those names, with hostile text, come back literal and clean
    for first, last in expected.values():
        summary = f"Told {first} {last}: **well done** <i>x</i>\x1b[2J\x1b]0;t\x07!"
        done = td("note", f"{first} {last}", summary, env=cli_env, data=path)
        assert done.returncode == 0, (first, done.stderr)
        assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    by_student = {n["student_id"]: n["summary"] for n in notes_on_disk(path)}
    for n, (first, last) in expected.items():
        assert by_student[ids[n]] == f"Told {first} {last}: **well done** <i>x</i>!"


def test_escape_sequences_typed_on_the_command_line_never_reach_stderr(demo_path, cli_env):
    done = td("note", "\x1b]0;pwned\x07\x1b[31mNobody", "hello", env=cli_env, data=demo_path)
    assert done.returncode == 2
    line = one_clear_line(done.stderr)
    assert "\x07" not in line and "Nobody" in line


def test_demo_dates_are_around_today(tmp_path):
    # the fixtures' demo (built on TODAY) is what the app tests see; sanity check it here
    from teacherdesk.domain.demo import DemoSize, build_demo

    store = Store.memory()
    build_demo(store, DemoSize(), today=TODAY)
    dates = sorted(note.date for note in store.contacts.all())
    assert dates[-1] <= TODAY
