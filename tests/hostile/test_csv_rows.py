"""Item 10: a bad CSV row is skipped and reported whatever the reason, and the rest goes in:
an oversized field, a stray or unterminated quote (the rows it would swallow are read again),
a NUL; a legitimate quoted field over two lines is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teacherdesk.importing import read_roster
from teacherdesk.importing.csvtext import drop_bad_rows

HEADER = "First Name,Last Name,Student ID\n"
GOOD = [("Ana", "Bell", "1"), ("Bo", "Cruz", "2"), ("Cy", "Dee", "3"), ("Di", "Eck", "4")]


def _csv(tmp_path: Path, rows: list[str], name: str = "sis.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def _numbers(roster) -> list[str]:
    return sorted(s.fields.get("student_number", "") for s in roster.students)


def _good(*indexes: int) -> list[str]:
    return [",".join(GOOD[i]) + "\n" for i in indexes]


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("Big," + "x" * 2_000_000 + ",9\n", "too long"),
        ('Stray,"Quote,9\n', "quote"),
        ("Nul,Zero\x00,9\n", "binary"),
    ],
    ids=["oversized", "stray-quote", "nul"],
)
def test_a_bad_row_in_the_middle_is_skipped_and_the_rest_goes_in(tmp_path, bad, reason):
    # 300 rows first: a NUL in the first 4 kB means "not a CSV at all", refused whole
    filler = [f"Fil{n},Ler,{1000 + n}\n" for n in range(300)]
    roster = read_roster(_csv(tmp_path, [*filler, *_good(0, 1), bad, *_good(2, 3)]))
    assert {"1", "2", "3", "4"} <= set(_numbers(roster)) and len(roster.students) == 304
    assert [s.where for s in roster.skipped] == ["line 304"]
    assert reason in roster.skipped[0].reason


def test_an_unterminated_quote_at_the_end_is_reported(tmp_path):
    roster = read_roster(_csv(tmp_path, [*_good(0, 1, 2), '"Last,Row,9\n']))
    assert _numbers(roster) == ["1", "2", "3"]
    assert [s.where for s in roster.skipped] == ["line 5"]


def test_two_stray_quotes_swallow_nothing(tmp_path):
    rows = [*_good(0), 'Ana,"Bell,8\n', *_good(1, 2), '"Ed,Eve,9\n', *_good(3)]
    roster = read_roster(_csv(tmp_path, rows))
    assert _numbers(roster) == ["1", "2", "3", "4"]
    assert [s.where for s in roster.skipped] == ["line 3", "line 6"]


def test_a_quoted_field_over_two_lines_is_kept(tmp_path):
    rows = [*_good(0), '"Mary\nAnn",Fox,7\n', *_good(1)]
    roster = read_roster(_csv(tmp_path, rows))
    assert _numbers(roster) == ["1", "2", "7"] and not roster.skipped


def test_command_lists_skipped_rows_and_imports_the_rest(td, tmp_path):
    path = _csv(tmp_path, [*_good(0), 'Stray,"Quote,9\n', *_good(1)])
    ran = td("--data", tmp_path / "d.json", "import", path)
    assert ran.code == 0, ran.err
    assert "line 3" in ran.out
    assert "2 students" in ran.out


def test_a_oneroster_bundle_reports_bad_rows_too(tmp_path):
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "users.csv").write_text(
        "sourcedId,status,role,givenName,familyName,identifier\n"
        "s1,active,student,Ana,Bell,1\n"
        's2,active,student,"Bo,Cruz,2\n'
        "s3,active,student,Cy,Dee,3\n"
    )
    roster = read_roster(folder)
    assert _numbers(roster) == ["1", "3"] or len(roster.students) == 2
    assert any("users.csv line 3" in w for w in roster.warnings)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet='ab,"\n\r\x00 ', max_size=30), max_size=12))
def test_whatever_the_rows_reading_never_fails(lines):
    import csv
    import io

    text = HEADER + "\n".join(lines)
    bad: list[int] = []
    cleaned = drop_bad_rows(text, lambda line, _reason: bad.append(line), ",")
    assert cleaned.count("\n") + cleaned.count("\r") >= 0
    list(csv.reader(io.StringIO(cleaned, newline="")))  # csv never raises on what is left
    assert len(bad) == len(set(bad))
