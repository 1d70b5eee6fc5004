"""Rosters as SIS, LMS and OneRoster exports really ship them (issue 12).

The fixtures under tests/fixtures/import/realworld are small files written here in the shapes of
those exports (camelCase Infinite Campus headers, Canvas-style `user_id`/`status`, PowerSchool
`Enroll_Status` numbers, contacts exports, numbered contact columns, OneRoster 1.2 bulk and delta
bundles with vendor misspellings). Every name in them is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from teacherdesk.exports.packet import export_packet
from teacherdesk.importing import NotARoster, apply_import, plan_import, read_roster, report
from teacherdesk.importing.headers import normalize
from teacherdesk.models import Guardian, Student
from teacherdesk.store import Store

HERE = Path(__file__).parent.parent / "fixtures" / "import" / "realworld"


def load(store: Store, name: str):
    return apply_import(store, read_roster(HERE / name))


def by_number(store: Store) -> dict[str, Student]:
    return {s.student_number: s for s in store.students.all()}


def family(store: Store, student: Student) -> dict[str, Guardian]:
    return {g.name: g for g in store.guardians.for_student(student.id)}


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("studentNumber", "student number"),
        ("Student_Number", "student number"),
        ("STUDENT NUMBER", "student number"),
        ("Student #", "student number"),
        ("homeroomName", "homeroom name"),
        ("userId", "user id"),
        ("studentID", "student id"),
        ("contact1FirstName", "contact 1 first name"),
        ("Contact person #2 phone", "contact person number 2 phone"),
        ("  Grade-Level ", "grade level"),
    ],
)
def test_header_normalisation(title, key):
    assert normalize(title) == key


# --- student files -------------------------------------------------------------------------


def test_camelcase_headers_bring_numbers_classes_and_status(memory_store):
    plan = load(memory_store, "ic_students_camelcase.csv")
    students = by_number(memory_store)
    assert set(students) == {"20001", "20002", "20003"}
    assert students["20001"].class_name == "5-Birch" and students["20001"].grade == "5"
    # status "inactive": in, but archived (never left out, never deleted)
    assert students["20002"].archived is True and students["20001"].archived is False
    assert "a SIS roster export: 3 students" in report(plan, "Imported")
    again = load(memory_store, "ic_students_camelcase.csv")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)


def test_lms_status_deleted_archives_an_existing_student_and_never_unarchives(memory_store):
    text = (HERE / "lms_users.csv").read_text()
    memory_store.students.save(
        Student(first_name="Bram", last_name="Hollis", student_number="LMS-302")
    )
    plan = load(memory_store, "lms_users.csv")
    bram = by_number(memory_store)["LMS-302"]
    assert bram.archived is True
    assert [u.after.display_name for u in plan.archived_students] == ["Bram Hollis"]
    assert "archived   1 student (left; notes kept)" in report(plan, "Imported")
    assert memory_store.students.count() == 3  # nothing deleted
    # The next file says active again: the teacher decides, the import does not un-archive.
    path = HERE.parent / "lms_users_back.csv"
    try:
        path.write_text(text.replace(",deleted", ",active"))
        again = apply_import(memory_store, read_roster(path))
    finally:
        path.unlink()
    assert by_number(memory_store)["LMS-302"].archived is True
    assert any("stay archived" in w and "Bram Hollis" in w for w in again.warnings)


def test_powerschool_enroll_status_numbers(memory_store):
    load(memory_store, "ps_enroll_status.csv")
    archived = {n: s.archived for n, s in by_number(memory_store).items()}
    assert archived == {"30001": False, "30002": True, "30003": True, "30004": False}


def test_unknown_status_words_are_named_and_change_nothing(memory_store, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Student ID,First Name,Last Name,Status\n1,Ada,Pim,on sabbatical\n")
    plan = apply_import(memory_store, read_roster(path))
    assert memory_store.students.all()[0].archived is False
    assert any("on sabbatical" in w for w in plan.warnings)


# --- contacts exports ----------------------------------------------------------------------


def test_contacts_export_links_guardians_by_student_number(memory_store):
    load(memory_store, "ic_students_camelcase.csv")
    roster = read_roster(HERE / "ps_contacts_export.csv")
    assert roster.kind == "contacts export" and roster.students == []
    preview = plan_import(memory_store, roster)
    text = report(preview, "Preview of")
    assert "a contacts export: 4 guardians for 2 students already on your roster" in text
    assert "student number 29999 is not on your roster" in text
    plan = apply_import(memory_store, roster)
    assert plan.added == 0 and memory_store.students.count() == 3  # parents are not students
    students = by_number(memory_store)
    odessa = family(memory_store, students["20001"])
    assert set(odessa) == {"Maren Quillfeather", "Cosmo Quillfeather", "Tilly Quillfeather"}
    maren = odessa["Maren Quillfeather"]
    assert (maren.educational_rights, maren.lives_with_student) == (True, True)
    cosmo = odessa["Cosmo Quillfeather"]
    assert (cosmo.educational_rights, cosmo.lives_with_student) == (True, False)
    tilly = odessa["Tilly Quillfeather"]
    assert (tilly.relationship, tilly.educational_rights, tilly.lives_with_student) == (
        "Aunt",
        False,
        False,
    )
    assert {p.number for p in maren.phones} == {"555-0141", "555-0142"}
    assert maren.email == "maren.q@example.org"
    # A second run changes nothing and duplicates no one.
    again = apply_import(memory_store, read_roster(HERE / "ps_contacts_export.csv"))
    assert not again.new_guardians and not again.updated_guardians


def test_contacts_export_with_no_student_on_the_roster_is_refused_in_one_sentence(memory_store):
    with pytest.raises(NotARoster) as caught:
        plan_import(memory_store, read_roster(HERE / "ps_contacts_export.csv"))
    message = str(caught.value)
    assert "contacts export" in message and "import the students first" in message
    assert "\n" not in message and message.count(". ") == 0
    assert memory_store.students.count() == 0 and memory_store.guardians.count() == 0


def test_one_row_per_parent_with_student_name_is_a_contacts_export(memory_store):
    load(memory_store, "ic_students_camelcase.csv")
    plan = load(memory_store, "parents_one_row_each.csv")
    assert plan.roster.kind == "contacts export"
    assert not plan.skipped  # the second parent of 20001 is not "the same student number"
    odessa = family(memory_store, by_number(memory_store)["20001"])
    assert set(odessa) == {"Maren Quillfeather", "Cosmo Quillfeather"}


def test_numbered_contact_columns_bring_every_contact(memory_store):
    load(memory_store, "sis_numbered_contacts.csv")
    saffi = by_number(memory_store)["40001"]
    people = family(memory_store, saffi)
    assert set(people) == {
        "Nell Underbrook",
        "Rafe Underbrook",
        "Lotte Underbrook",
        "Ansel Greyfield",
    }
    nell, rafe = people["Nell Underbrook"], people["Rafe Underbrook"]
    assert (nell.educational_rights, nell.lives_with_student) == (True, True)
    assert [p.number for p in nell.phones] == ["555-0161"]
    assert (rafe.relationship, rafe.lives_with_student) == ("Stepfather", False)
    assert [p.number for p in rafe.phones] == ["555-0162"]
    # The file says nothing about their rights: "not recorded", not "yes".
    assert rafe.educational_rights is None
    ansel = people["Ansel Greyfield"]
    assert (ansel.relationship, ansel.email) == ("Family friend", "ansel.g@example.org")
    assert (ansel.educational_rights, ansel.lives_with_student) == (None, None)


def test_not_recorded_is_shown_as_such_in_the_packet(memory_store):
    load(memory_store, "sis_numbered_contacts.csv")
    saffi = by_number(memory_store)["40001"]
    packet = export_packet(memory_store, saffi, today=saffi.created_at.date(), author="T")
    ansel = packet.split("### Ansel Greyfield", 1)[1].split("###", 1)[0]
    assert "- **Holds educational rights:** Not recorded" in ansel
    assert "- **Lives with the student:** Not recorded" in ansel
    nell = packet.split("### Nell Underbrook", 1)[1].split("###", 1)[0]
    assert "- **Holds educational rights:** Yes" in nell


def test_reimport_without_rights_columns_keeps_what_the_teacher_recorded(memory_store, tmp_path):
    student = memory_store.students.save(
        Student(first_name="Ona", last_name="Vell", student_number="7")
    )
    memory_store.guardians.save(
        Guardian(name="Ida Vell", student_ids=[student.id], educational_rights=False)
    )
    path = tmp_path / "r.csv"
    path.write_text(
        "Student Number,First Name,Last Name,Guardian Name,Guardian Phone\n"
        "7,Ona,Vell,Ida Vell,555-0100\n"
    )
    apply_import(memory_store, read_roster(path))
    [ida] = memory_store.guardians.all()
    assert ida.educational_rights is False and ida.lives_with_student is True


# --- OneRoster 1.2 --------------------------------------------------------------------------


def test_oneroster_12_preferred_given_name_and_misspelled_columns(memory_store):
    plan = load(memory_store, "or12_bulk")
    students = {s.sourced_id: s for s in memory_store.students.all()}
    assert (
        students["s-1"].preferred_name == "Teddy"
        and students["s-1"].display_name == "Teddy Ashgrove"
    )
    # agentSourceIds (sic) links the guardian to both children
    [juniper] = memory_store.guardians.all()
    assert set(juniper.student_ids) == {students["s-1"].id, students["s-2"].id}
    assert juniper.educational_rights is None  # OneRoster does not say
    assert "users file in bulk" in report(plan, "Imported")


def test_oneroster_bulk_archives_whoever_is_missing(memory_store):
    load(memory_store, "or12_bulk")
    memory_store.students.save(Student(first_name="Hand", last_name="Added"))  # no sourcedId
    plan = load(memory_store, "or12_bulk_next")
    assert [u.after.display_name for u in plan.archived_students] == ["Calla Brightwater"]
    archived = {s.legal_name: s.archived for s in memory_store.students.all()}
    assert archived == {
        "Theodora Ashgrove": False,
        "Benedikt Ashgrove": False,
        "Calla Brightwater": True,
        "Hand Added": False,
    }


def test_oneroster_delta_changes_only_what_it_lists(memory_store):
    load(memory_store, "or12_bulk")
    plan = load(memory_store, "or12_delta")
    archived = {s.sourced_id: s.archived for s in memory_store.students.all()}
    assert archived == {"s-1": False, "s-2": True, "s-3": False}  # s-1, s-3 not listed: kept
    assert memory_store.students.count() == 3
    # A parent in the delta is linked to a child stored from the earlier bulk file.
    calla = next(s for s in memory_store.students.all() if s.sourced_id == "s-3")
    assert [g.name for g in memory_store.guardians.for_student(calla.id)] == ["Oren Brightwater"]
    assert "delta" in report(plan, "Imported")


def test_oneroster_users_absent_is_refused(memory_store):
    with pytest.raises(NotARoster, match="users file is absent"):
        read_roster(HERE / "or12_absent")


def test_oneroster_without_manifest_archives_no_one_for_being_missing(memory_store, tmp_path):
    load(memory_store, "or12_bulk")
    folder = tmp_path / "b"
    folder.mkdir()
    for name in ("users.csv", "roles.csv"):
        (folder / name).write_bytes((HERE / "or12_bulk_next" / name).read_bytes())
    plan = apply_import(memory_store, read_roster(folder))
    assert plan.archived_students == []
    assert not any(s.archived for s in memory_store.students.all())
