"""Bad command lines: each is exit 2 with one sentence (argparse's own usage errors: exit 2, no
traceback), and nothing is written."""

from __future__ import annotations

import os

import pytest

from tests.hostile.conftest import digest

BAD = [
    ["demo", "--students", "0", "--no-open"],
    ["demo", "--students", "999999", "--no-open"],
    ["demo", "--notes", "-1", "--no-open"],
    ["note", "NUMBER", ""],
    ["note", "NUMBER", "   \t  "],
    ["note", "NUMBER", "hi", "--channel", "pigeon"],
    ["note", "NUMBER", "hi", "--purpose", "[b]x"],
    ["note", "NUMBER", "hi", "--date", "31/31"],
    ["note", "NUMBER", "hi", "--date", "in 99999999 years"],
    ["note", "NUMBER", "hi", "--due", "yesterday-ish"],
    ["note", "NUMBER", "hi", "--guardian", "nobody at all"],
    ["note", "NUMBER", "x" * 100_000],
    ["note", "", "hi"],
    ["note", "x" * 100_000, "hi"],
    ["note", "\x1b]0;pwned\x07", "hi"],
    ["export", "NUMBER", "--format", "docx"],
    ["export", "NUMBER", "--out", "a.html", "--format", "md"],
    ["parent-input-request", "NUMBER", "--how", "carrier pigeon"],
    ["import", "/no/such/roster.csv"],
    ["import", "/dev/zero"],
    ["import", "/dev/null"],
    ["calendar", "--out", "x.md"],
]


@pytest.mark.parametrize("argv", BAD, ids=lambda a: " ".join(a)[:40])
def test_bad_arguments_exit_2_with_one_sentence(td, small_file, argv):
    import orjson

    number = orjson.loads(td("--data", small_file, "roster", "--json").out)[0]["student_number"]
    argv = [number if word == "NUMBER" else word for word in argv]
    before = digest(small_file)
    ran = td("--data", small_file, *argv)
    assert ran.code == 2, ran.err
    sentence = ran.sentence
    assert len(sentence) < 400 and "\x1b" not in sentence and "\x07" not in sentence
    assert digest(small_file) == before


@pytest.mark.parametrize(
    "argv", [["frobnicate"], ["note"], ["export", "a", "--bogus"], ["--data"], ["roster", "-x"]]
)
def test_argparse_errors_are_exit_2_without_traceback(td, small_file, argv):
    ran = td("--data", small_file, *argv)
    assert ran.code == 2 and "Traceback" not in ran.err


def test_an_empty_data_path_is_one_sentence(td, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ran = td("--data", "", "roster")
    assert ran.code in (1, 2) and "Traceback" not in ran.err
    assert not os.listdir(tmp_path) or all(not p.endswith(".tmp") for p in os.listdir(tmp_path))
