"""Birth dates join the student record from SIS columns and OneRoster demographics.csv."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from teacherdesk.importing import apply_import, plan_import, read_roster
from teacherdesk.importing.values import birth_date

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


def by_number(store):
    return {s.student_number: s for s in store.students.all()}


def test_birth_date_formats():
    assert birth_date("2010-05-02") == dt.date(2010, 5, 2)
    assert birth_date("2010-05-02T00:00:00Z") == dt.date(2010, 5, 2)
    assert birth_date("5/2/2010") == dt.date(2010, 5, 2)
    assert birth_date("") is None
    assert birth_date("soon") is None
    assert birth_date("2/30/2010") is None
    assert birth_date("3000-01-01") is None


def test_sis_date_of_birth_column(memory_store):
    apply_import(memory_store, read_roster(FIXTURES / "sis_student_name.csv"))
    assert by_number(memory_store)["S-01"].date_of_birth == dt.date(2013, 4, 2)


def test_sis_birthdate_us_format_and_bad_cells(memory_store, tmp_path):
    path = tmp_path / "sis.csv"
    path.write_text(
        "Student Number,First Name,Last Name,Birthdate\n"
        "1,Ada,Quill,09/14/2010\n2,Bo,Quill,someday\n"
    )
    plan = apply_import(memory_store, read_roster(path))
    students = by_number(memory_store)
    assert students["1"].date_of_birth == dt.date(2010, 9, 14)
    assert students["2"].date_of_birth is None
    assert any("birth date 'someday' is not a date" in w for w in plan.warnings)
    again = plan_import(memory_store, read_roster(path))
    assert not again.updated_students  # the same birth date is no change


def test_oneroster_demographics_birth_date(memory_store, tmp_path):
    bundle = tmp_path / "bundle"
    shutil.copytree(FIXTURES / "oneroster12", bundle)
    (bundle / "demographics.csv").write_text(
        "sourcedId,status,dateLastModified,birthDate,sex\n"
        "u-s1,active,2026-08-01T00:00:00Z,2021-03-04,female\n"
        "u-s2,active,2026-08-01T00:00:00Z,not a date,male\n"
    )
    plan = apply_import(memory_store, read_roster(bundle))
    students = by_number(memory_store)
    assert students["N12001"].date_of_birth == dt.date(2021, 3, 4)
    assert students["N12002"].date_of_birth is None
    assert any("birthDate 'not a date'" in w for w in plan.warnings)
