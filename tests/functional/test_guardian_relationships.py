"""A guardian shared by siblings can be "father" of one and "stepfather" of the other."""

from __future__ import annotations

import argparse

import orjson

from teacherdesk.cli import roster as roster_command
from teacherdesk.importing.apply import apply_import
from teacherdesk.importing.records import ImportedGuardian, ImportedRoster, ImportedStudent
from teacherdesk.models import Guardian, Student
from teacherdesk.ui.widgets.guardian_card import GuardianCard
from tests.helpers import by_name, make_app, open_student, settle, wait_for_screen


def test_relationship_per_child_with_the_default_as_fallback():
    g = Guardian(name="Sam Lee", student_ids=["a", "b"], relationship="stepfather")
    assert g.relationship_to("a") == "stepfather"
    g = g.with_relationship("a", "father")
    assert g.relationship_to("a") == "father"
    assert g.relationship_to("b") == "stepfather"
    assert g.relationship_to(None) == "stepfather"
    # Saying the default again drops the override.
    assert g.with_relationship("a", "stepfather").relationships == {}
    # A guardian of one child: editing changes the default itself.
    solo = Guardian(name="Ann Lee", student_ids=["a"], relationship="mother")
    solo = solo.with_relationship("a", "aunt")
    assert solo.relationship == "aunt" and solo.relationships == {}


def test_old_files_load_without_per_child_relationships():
    g = Guardian.model_validate({"name": "Sam Lee", "relationship": "father"})
    assert g.relationships == {} and g.relationship_to("x") == "father"


def _two_children(store) -> tuple[Student, Student, Guardian]:
    a = store.students.save(Student(first_name="Ada", last_name="Lee"))
    b = store.students.save(Student(first_name="Ben", last_name="Lee"))
    sam = Guardian(name="Sam Lee", student_ids=[a.id, b.id], relationship="stepfather")
    sam = store.guardians.save(sam.with_relationship(a.id, "father"))
    return a, b, sam


def test_roster_json_gives_the_relationship_to_each_student(memory_store, capsysbinary):
    a, b, _ = _two_children(memory_store)
    args = argparse.Namespace(json=True, archived=False)
    assert roster_command.run(args, memory_store) == 0
    rows = {r["id"]: r for r in orjson.loads(capsysbinary.readouterr().out)}
    assert rows[a.id]["guardians"][0]["relationship"] == "father"
    assert rows[b.id]["guardians"][0]["relationship"] == "stepfather"


def test_import_keeps_a_per_student_relationship(memory_store):
    email = {"email": "sam@example.org"}  # the same person on both rows
    rows = ImportedRoster(
        source="x.csv",
        kind="SIS export",
        students=[
            ImportedStudent("line 2", "s1", {"first_name": "Ada", "last_name": "Lee"}),
            ImportedStudent("line 3", "s2", {"first_name": "Ben", "last_name": "Lee"}),
        ],
        guardians=[
            ImportedGuardian("line 2", "Sam Lee", ["s1"], {"relationship": "father", **email}),
            ImportedGuardian("line 3", "Sam Lee", ["s2"], {"relationship": "stepfather", **email}),
        ],
    )
    apply_import(memory_store, rows)
    [sam] = memory_store.guardians.all()
    students = {s.first_name: s.id for s in memory_store.students.all()}
    assert len(sam.student_ids) == 2
    assert sam.relationship_to(students["Ada"]) == "father"
    assert sam.relationship_to(students["Ben"]) == "stepfather"


async def test_linking_a_sibling_asks_the_relationship_and_both_cards_are_right(demo_store):
    zo = by_name(demo_store, "Zo Quillfeather")
    [parent] = demo_store.guardians.for_student(zo.id)
    before = parent.relationship
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "kenji")
        kenji = by_name(demo_store, "Kenji Dandelion")
        await pilot.press("l")
        await wait_for_screen(app, pilot, "PickScreen")
        await pilot.press(*parent.name.lower(), "enter")
        await wait_for_screen(app, pilot, "AskScreen")
        await pilot.press("ctrl+u", *"stepfather", "enter")
        await settle(app, pilot)
        [saved] = [g for g in demo_store.guardians.all() if g.id == parent.id]
        assert saved.relationship_to(kenji.id) == "stepfather"
        assert saved.relationship_to(zo.id) == before
        titles = {c.guardian.id: str(c.border_title) for c in app.screen.query(GuardianCard)}
        assert titles[parent.id] == f"{parent.name} · stepfather"
        # Zo's own card still says what he is to Zo.
        await pilot.press("escape")
        await settle(app, pilot)
    app = make_app(demo_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "zo quill")
        titles = {c.guardian.id: str(c.border_title) for c in app.screen.query(GuardianCard)}
        assert titles[parent.id] == f"{parent.name} · {before}"


async def test_editing_from_one_childs_screen_changes_only_that_child(memory_store):
    a, b, sam = _two_children(memory_store)
    app = make_app(memory_store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await open_student(app, pilot, "ben")
        card = app.screen.query_one(GuardianCard)
        card.focus()
        await pilot.press("enter")
        await pilot.pause()
        relationship = app.screen.query_one("#f-relationship")
        assert relationship.value == "stepfather"  # to Ben, not the default of Ada's father
        relationship.value = "guardian"
        app.screen.query_one("#f-name").focus()
        await pilot.press("enter")
        await settle(app, pilot)
    saved = memory_store.guardians.get(sam.id)
    assert saved.relationship_to(b.id) == "guardian"
    assert saved.relationship_to(a.id) == "father"
