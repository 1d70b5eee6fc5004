"""Item 13: sentences a person can act on: the file they gave (never a temp file), no "The what",
a typed escape sequence shown as typed, one short sentence for a non-UTF-8 CSV, and no terminal:
one sentence and exit 2."""

from __future__ import annotations

import subprocess

import orjson
import pytest

from tests.helpers import teacherdesk_cmd


def _number(td, path) -> str:
    return orjson.loads(td("--data", path, "roster", "--json").out)[0]["student_number"]


def test_no_what(td, small_file):
    ran = td("--data", small_file, "note", _number(td, small_file), "hi", "--follow-up", "x" * 300)
    assert ran.code == 2
    assert "The what" not in ran.sentence and "follow-up" in ran.sentence


def test_an_escape_sequence_in_a_student_argument_is_shown_as_typed(td, small_file):
    student = orjson.loads(td("--data", small_file, "roster", "--json").out)[0]
    typed = f"{student['first_name']}\x1b[31m"
    ran = td("--data", small_file, "export", typed)
    assert ran.code == 2
    assert "\\x1b[31m" in ran.sentence and "\x1b" not in ran.err


@pytest.mark.parametrize(
    "raw",  # each once printed 200 characters of mojibake as its "columns"
    [
        "名前,姓\n太郎,山田\n".encode("shift_jis"),
        bytes(range(1, 256)) * 20,
        "Prénom;Nom\nJosé;Müller\n".encode("cp1252") + bytes([0x81, 0x8D, 0x8F]) * 100,
    ],
    ids=["shift-jis", "bytes", "cp1252-junk"],
)
def test_a_csv_that_is_not_utf8_gets_one_short_sentence(td, small_file, tmp_path, raw):
    path = tmp_path / "export.csv"
    path.write_bytes(raw)
    ran = td("--data", small_file, "import", path, "--dry-run")
    if ran.code == 0:  # read as Windows-1252 with a warning: fine, as long as it says so
        assert "UTF-8" in ran.out
        return
    assert ran.code == 2
    assert len(ran.sentence) < 200 and "UTF-8" in ran.sentence


def test_a_read_only_data_folder_names_the_data_file(td, read_only_folder):
    folder, make_read_only = read_only_folder
    path = folder / "class.json"
    assert td("--data", path, "demo", "--no-open", "--students", "2").code == 0
    make_read_only()
    number = _number(td, path)
    ran = td("--data", path, "note", number, "hello")
    assert ran.code == 1
    assert str(path) in ran.sentence and ".tmp" not in ran.sentence
    assert "read-only" in ran.sentence or "permission denied" in ran.sentence


@pytest.mark.slow
@pytest.mark.parametrize("argv", [[], ["interview", "x"]], ids=["app", "interview"])
def test_no_terminal_is_one_sentence_and_exit_2(tmp_path, argv):
    data = tmp_path / "d.json"
    subprocess.run(
        [*teacherdesk_cmd(), "--data", str(data), "demo", "--no-open", "--students", "2"],
        check=True,
        capture_output=True,
    )
    if argv:
        argv = ["interview", orjson.loads(data.read_bytes())["students"].popitem()[0]]
    done = subprocess.run(
        [*teacherdesk_cmd(), "--data", str(data), *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and "terminal" in lines[0]
    assert "\x1b" not in done.stdout


def test_demo_without_a_terminal_writes_and_does_not_open(td, tmp_path):
    ran = td("--data", tmp_path / "d.json", "demo", "--students", "2")
    assert ran.code == 0 and (tmp_path / "d.json").exists()
