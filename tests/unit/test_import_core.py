"""Roster import without the app: SIS layouts, OneRoster 1.1/1.2, re-imports, siblings, NFC."""

from __future__ import annotations

import csv
import io
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teacherdesk.importing import NotARoster, apply_import, plan_import, read_roster
from teacherdesk.models import Guardian, Student
from teacherdesk.store import Store

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def imported(store: Store, name: str):
    return apply_import(store, read_roster(FIXTURES / name))


def by_number(store: Store) -> dict[str, Student]:
    return {s.student_number: s for s in store.students.all()}


def guardians_of(store: Store, student: Student) -> list[Guardian]:
    return sorted(store.guardians.for_student(student.id), key=lambda g: g.name)


# --- SIS exports ---------------------------------------------------------------------------------


def test_sis_with_guardian_columns_bom_crlf_accents(memory_store):
    plan = imported(memory_store, "sis_guardians.csv")
    assert (plan.added, plan.updated, len(plan.new_guardians)) == (6, 0, 7)
    assert [str(s) for s in plan.skipped] == ["line 6: no last name"]
    assert any("Bus Route" in w for w in plan.warnings)
    assert any("line 9" in w and "not-an-email" in w for w in plan.warnings)
    students = by_number(memory_store)
    assert set(students) == {"1001", "1002", "1003", "1004", "1006", "1007"}
    omega = students["1001"]
    assert (omega.first_name, omega.last_name) == ("Ελένη", "Ωμέγα")
    assert (omega.grade, omega.class_name, omega.has_iep, omega.has_504) == ("4", "4B", True, False)
    assert omega.pronouns == "she/her"
    assert students["1002"].preferred_name == "Thanh"
    assert students["1002"].has_504 is True
    assert students["1004"].last_name.encode() == nfc("Ærø").encode()
    assert (students["1006"].first_name, students["1006"].last_name) == ("明", "李")
    # Written decomposed in the file, stored composed (NFC), byte for byte.
    zoe = students["1007"]
    assert zoe.first_name.encode() == nfc("Zoë").encode() and len(zoe.first_name) == 3
    assert zoe.last_name == "Okonkwo-Bright, Jr."  # quoted comma kept
    ada = guardians_of(memory_store, zoe)[0]
    assert ada.name == 'Ada "Nne" Okonkwo-Bright' and ada.email == ""
    # Two Omega guardians with their phones, language and interpreter flag.
    mother, father = sorted(guardians_of(memory_store, omega), key=lambda g: g.relationship)[::-1]
    assert (father.name, father.relationship) == ("Πέτρος Ωμέγα", "father")
    assert [(p.label, p.number) for p in father.phones] == [("home", "555-0102")]
    assert mother.email == "xanthi.omega@example.org"
    assert mother.preferred_language == "Greek" and mother.interpreter_needed is True


def test_siblings_share_one_guardian_even_with_phone_written_differently(memory_store):
    imported(memory_store, "sis_guardians.csv")
    students = by_number(memory_store)
    lan = [g for g in memory_store.guardians.all() if g.name == "Thị Lan Nguyễn"]
    assert len(lan) == 1
    assert set(lan[0].student_ids) == {students["1002"].id, students["1003"].id}


def test_second_import_changes_nothing(memory_store):
    imported(memory_store, "sis_guardians.csv")
    before = memory_store.storage.read()
    generation = memory_store.generation
    again = imported(memory_store, "sis_guardians.csv")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 6)
    assert (len(again.new_guardians), len(again.updated_guardians)) == (0, 0)
    assert again.unchanged_guardians == 7
    assert not again.changes_anything
    assert memory_store.generation == generation  # nothing written at all
    assert memory_store.storage.read() == before


def test_updated_file_updates_without_duplicates_and_keeps_teacher_typing(memory_store):
    imported(memory_store, "sis_guardians.csv")
    omega = by_number(memory_store)["1001"]
    father = next(g for g in memory_store.guardians.all() if g.name == "Πέτρος Ωμέγα")
    memory_store.students.save(omega.model_copy(update={"notes": "Loves maps.", "archived": True}))
    memory_store.guardians.save(father.model_copy(update={"best_time": "after 5pm"}))
    plan = imported(memory_store, "sis_guardians_updated.csv")
    assert plan.added == 1 and plan.updated == 1
    assert memory_store.students.count() == 7 and memory_store.guardians.count() == 8
    omega = by_number(memory_store)["1001"]
    assert (omega.grade, omega.class_name) == ("5", "5A")
    assert omega.notes == "Loves maps." and omega.archived is True  # never touched
    father = next(g for g in memory_store.guardians.all() if g.name == "Πέτρος Ωμέγα")
    assert [p.number for p in father.phones] == ["555-0109", "555-0102"]  # new first, none lost
    assert father.best_time == "after 5pm"
    ada = next(g for g in memory_store.guardians.all() if g.name.startswith("Ada"))
    assert ada.email == "ada.ob@example.org"
    assert any("archived here and stay archived" in w for w in plan.warnings)
    # The student missing from the new file (1005 was never imported; 1003 is still there).
    assert "1003" in by_number(memory_store)


def test_student_name_last_first_and_parent_guardian_column(memory_store):
    plan = imported(memory_store, "sis_student_name.csv")
    assert [str(s) for s in plan.skipped] == ["line 5: no first name"]
    assert not any("Date of Birth" in w for w in plan.warnings)  # read now (IEP meetings)
    students = by_number(memory_store)
    assert (students["S-01"].first_name, students["S-01"].last_name) == ("Hazel", "Brambleton")
    assert students["S-01"].class_name == "Period 2, Science"
    assert students["S-05"].last_name == nfc("Åkesson-Łukasz")
    assert students["S-05"].first_name == nfc("Inés")
    rowan = [g for g in memory_store.guardians.all() if g.name == "Rowan Brambleton"]
    assert len(rowan) == 1
    assert set(rowan[0].student_ids) == {students["S-01"].id, students["S-02"].id}
    assert rowan[0].main_phone == "555-0201" and rowan[0].relationship == "father"
    assert memory_store.guardians.count() == 2  # S-05 has no guardian name: none made up


def test_semicolon_delimited_with_mother_and_father_columns(memory_store):
    plan = imported(memory_store, "sis_semicolon.csv")
    assert (plan.added, len(plan.new_guardians), plan.skipped) == (3, 3, [])
    students = by_number(memory_store)
    assert students["F-100"].first_name == nfc("Amélie")
    elodie = next(g for g in memory_store.guardians.all() if g.name == nfc("Élodie Dufresne"))
    assert elodie.relationship == "mother"
    assert set(elodie.student_ids) == {students["F-100"].id, students["F-101"].id}
    assert elodie.phones[0].number == "06 12 34 56 78"


def test_sis_matches_on_student_number_not_name(memory_store):
    text = "Student ID,First Name,Last Name,Grade\n77,Ana,Bell,3\n"
    roster_a = _roster_from_text(text)
    apply_import(memory_store, roster_a)
    renamed = _roster_from_text("Student ID,First Name,Last Name,Grade\n77,Anna,Bell-Ruiz,3\n")
    plan = apply_import(memory_store, renamed)
    assert (plan.added, plan.updated) == (0, 1)
    (only,) = memory_store.students.all()
    assert (only.first_name, only.last_name) == ("Anna", "Bell-Ruiz")


def _roster_from_text(text: str):
    import tempfile

    folder = Path(tempfile.mkdtemp())
    path = folder / "roster.csv"
    path.write_text(text, encoding="utf-8")
    try:
        return read_roster(path)
    finally:
        shutil.rmtree(folder)


def test_duplicate_student_number_and_empty_rows_and_blank_cells(memory_store):
    text = (
        "Student Number,First Name,Last Name,Guardian 1 Name,Guardian 1 Phone\r\n"
        "1,Ivo,Lark,Mira Lark,555-0100\r\n"
        "\r\n"
        ",,,,\r\n"
        "1,Ivo,Lark-Again,,\r\n"
        "2,,Lark,,\r\n"
        '3,"Multi\nLine",Lark,,\r\n'
        "4,Ola,,,\r\n"
    )
    plan = apply_import(memory_store, _roster_from_text(text))
    assert [str(s) for s in plan.skipped] == [
        "line 5: student number 1 is also on line 2",
        "line 6: no first name",
        "line 9: no last name",
    ]
    assert plan.added == 2
    multi = by_number(memory_store)["3"]
    assert multi.first_name == "Multi Line"


def test_not_a_roster(tmp_path):
    with pytest.raises(NotARoster, match="does not exist"):
        read_roster(tmp_path / "missing.csv")
    (tmp_path / "notes.csv").write_text("Colour,Size\nred,3\n")
    with pytest.raises(NotARoster, match="no name columns"):
        read_roster(tmp_path / "notes.csv")
    (tmp_path / "image.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    with pytest.raises(NotARoster, match="not a CSV"):
        read_roster(tmp_path / "image.csv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(NotARoster, match="not a OneRoster bundle"):
        read_roster(tmp_path / "empty")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(NotARoster):
        read_roster(tmp_path / "broken.zip")


# --- OneRoster -----------------------------------------------------------------------------------


@pytest.mark.parametrize("bundle", ["oneroster11", "oneroster11.zip"])
def test_oneroster_11_folder_and_zip(memory_store, bundle):
    roster = read_roster(FIXTURES / bundle)
    assert roster.kind == f"OneRoster 1.1 {'zip' if bundle.endswith('.zip') else 'folder'}"
    plan = apply_import(memory_store, roster)
    assert [str(s) for s in plan.skipped] == [
        "users.csv line 5: marked tobedeleted",
        "users.csv line 6: no last name",
        "users.csv line 13: marked tobedeleted",
    ]
    assert any("1 administrator, 1 teacher" in w for w in plan.warnings)
    students = {s.sourced_id: s for s in memory_store.students.all()}
    assert set(students) == {"stu-1", "stu-2", "stu-3"}  # no teacher, no tobedeleted
    wren = students["stu-1"]
    assert (wren.student_number, wren.grade) == ("S11001", "3")
    assert wren.class_name == "Room 12 Homeroom, Art, Period 4"  # homeroom first
    assert students["stu-2"].class_name == "Room 12 Homeroom"  # tobedeleted enrollment ignored
    assert students["stu-3"].class_name == ""  # its class is tobedeleted
    assert students["stu-3"].last_name == nfc("Ōtsuka")
    guardians = {g.sourced_id: g for g in memory_store.guardians.all()}
    assert set(guardians) == {"par-1", "par-2", "par-3"}  # par-4 unlinked, par-5 tobedeleted
    # Linked from the parent's side (par-1 lists both) and from the student's side (par-2).
    assert set(guardians["par-1"].student_ids) == {wren.id, students["stu-2"].id}
    assert guardians["par-2"].student_ids == [wren.id]
    assert guardians["par-3"].relationship == "relative"
    # OneRoster says nothing about rights or households: "not recorded", whatever the role.
    assert guardians["par-3"].educational_rights is None
    assert guardians["par-1"].lives_with_student is None
    assert {p.number for p in guardians["par-1"].phones} == {"555-0301", "555-0302"}


def test_oneroster_12_roles_preferred_names_pronouns(memory_store):
    roster = read_roster(FIXTURES / "oneroster12")
    assert roster.kind == "OneRoster 1.2 folder"
    plan = apply_import(memory_store, roster)
    assert plan.skipped == []
    assert any("1 aide, 1 teacher" in w for w in plan.warnings)
    students = {s.sourced_id: s for s in memory_store.students.all()}
    assert set(students) == {"u-s1", "u-s2", "u-s3", "u-s4"}  # u-x1's student role tobedeleted
    sasha = students["u-s1"]
    assert (sasha.first_name, sasha.preferred_name, sasha.pronouns) == (
        "Alexandra",
        "Sasha",
        "she/her",
    )
    assert (sasha.grade, sasha.class_name) == ("KG", "Kinder Sunflowers")
    assert students["u-s2"].class_name == ""  # enrollment tobedeleted
    assert students["u-s2"].grade == "1"
    assert students["u-s3"].last_name.encode() == nfc("Adébáyọ̀").encode()
    assert students["u-s4"].display_name == nfc("Rubi Castañeda")
    olga = next(g for g in memory_store.guardians.all() if g.sourced_id == "u-p1")
    assert set(olga.student_ids) == {sasha.id, students["u-s2"].id}  # siblings, one record
    assert len(memory_store.guardians.for_student(students["u-s3"].id)) == 2


def test_oneroster_reimport_and_update_by_sourced_id(memory_store, tmp_path):
    imported(memory_store, "oneroster12")
    again = imported(memory_store, "oneroster12")
    assert (again.added, again.updated, again.unchanged, len(again.new_guardians)) == (0, 0, 4, 0)
    assert not again.changes_anything
    changed = tmp_path / "bundle"
    shutil.copytree(FIXTURES / "oneroster12", changed)
    users = (
        (changed / "users.csv")
        .read_bytes()
        .replace(b"Sasha", b"Sash")
        .replace(b"Olga,Ivanova", b"Olga,Ivanova-Petrova")
    )
    (changed / "users.csv").write_bytes(users)
    plan = apply_import(memory_store, read_roster(changed))
    assert (plan.added, plan.updated, len(plan.updated_guardians)) == (0, 1, 1)
    assert memory_store.students.count() == 4 and memory_store.guardians.count() == 3
    olga = next(g for g in memory_store.guardians.all() if g.sourced_id == "u-p1")
    assert olga.name == "Olga Ivanova-Petrova"


def test_oneroster_zip_in_a_subfolder_and_users_csv_path(memory_store, tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for file in (FIXTURES / "oneroster11").iterdir():
            z.write(file, f"district-export/{file.name}")
    assert read_roster(archive).kind == "OneRoster 1.1 zip"
    plan = apply_import(memory_store, read_roster(FIXTURES / "oneroster11" / "users.csv"))
    assert plan.added == 3


def test_tobedeleted_student_already_on_roster_is_archived_not_deleted(memory_store, tmp_path):
    imported(memory_store, "oneroster11")
    bundle = tmp_path / "b"
    shutil.copytree(FIXTURES / "oneroster11", bundle)
    text = (bundle / "users.csv").read_text().replace("stu-2,active", "stu-2,tobedeleted")
    (bundle / "users.csv").write_text(text)
    plan = apply_import(memory_store, read_roster(bundle))
    assert [u.after.display_name for u in plan.archived_students] == ["Ash Thistlewood"]
    ash = next(s for s in memory_store.students.all() if s.sourced_id == "stu-2")
    assert ash.archived is True


# --- dry run, speed, property ------------------------------------------------------------------


def test_plan_writes_nothing(memory_store):
    generation = memory_store.generation
    plan = plan_import(memory_store, read_roster(FIXTURES / "sis_guardians.csv"))
    assert plan.added == 6
    assert memory_store.students.count() == 0 and memory_store.generation == generation


def test_thousands_of_rows_import_fast_in_one_write(tmp_path):
    store = Store.open(tmp_path / "data.json", author="tester", backups=False)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["Student ID", "First Name", "Last Name", "Grade", "Guardian 1 Name", "Guardian 1 Phone"]
    )
    for n in range(3000):
        family = n // 2  # every two students are siblings
        writer.writerow(
            [n, f"Kid{n}", f"Fam{family}", n % 12, f"Parent{family}", f"555-{family:04d}"]
        )
    path = tmp_path / "big.csv"
    path.write_text(out.getvalue())
    plan = apply_import(store, read_roster(path))
    assert plan.added == 3000 and len(plan.new_guardians) == 1500
    again = apply_import(store, read_roster(path))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3000)


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda s: s.strip())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(names, names), min_size=1, max_size=5))
def test_any_names_round_trip_through_a_csv(tmp_path, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Student Number", "First Name", "Last Name"])
    for n, (first, last) in enumerate(rows):
        writer.writerow([n, first, last])
    path = tmp_path / "names.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    roster = read_roster(path)
    got = {s.fields["student_number"]: s for s in roster.students}
    assert roster.skipped == []
    for n, (first, last) in enumerate(rows):
        from teacherdesk.text import clean_line

        student = got[str(n)]
        assert student.fields["first_name"] == clean_line(first)
        assert student.fields["last_name"] == clean_line(last)
        Student.model_validate(student.fields)
