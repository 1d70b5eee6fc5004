"""Years as files: close-year moves finished school years out; past years are read when asked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import orjson
import pytest

from teacherdesk.models import ContactNote, FollowUp, Settings, Student
from teacherdesk.store import Store, StoreError
from teacherdesk.store.closing import close_years
from teacherdesk.store.years import across_years, past_year_files, year_label, year_start
from tests.helpers import TODAY

LAST_YEAR = dt.date(2025, 10, 6)  # school year 2025-26
TWO_YEARS_AGO = dt.date(2024, 9, 12)  # school year 2024-25


def file_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".json"}


@pytest.fixture
def history(tmp_path: Path):
    """Two children (siblings, one family), one who left; notes over three school years."""
    path = tmp_path / "teacherdesk.json"
    store = Store.open(path, author="tester")
    ana = store.students.save(Student(first_name="Ana", last_name="Pebble"))
    ben = store.students.save(Student(first_name="Ben", last_name="Pebble"))
    gone = store.students.save(Student(first_name="Cal", last_name="Left", archived=True))
    from teacherdesk.models import Guardian

    store.guardians.save(Guardian(name="Marisol Pebble", student_ids=[ana.id, ben.id]))
    store.guardians.save(Guardian(name="Dee Left", student_ids=[gone.id]))
    notes = {
        "old": ContactNote(student_id=ana.id, date=TWO_YEARS_AGO, summary="old news"),
        "last": ContactNote(student_id=ben.id, date=LAST_YEAR, summary="last year"),
        "open": ContactNote(
            student_id=ana.id,
            date=LAST_YEAR,
            summary="still promised",
            follow_up=FollowUp(what="call back", due=LAST_YEAR + dt.timedelta(days=7)),
        ),
        "done": ContactNote(
            student_id=ana.id,
            date=LAST_YEAR,
            summary="kept promise",
            follow_up=FollowUp(due=LAST_YEAR, done_on=LAST_YEAR),
        ),
        "gone": ContactNote(student_id=gone.id, date=LAST_YEAR, summary="moved away"),
        "now": ContactNote(student_id=ana.id, date=TODAY, summary="this year"),
    }
    for note in notes.values():
        store.contacts.save(note)
    return path, store, {key: note.id for key, note in notes.items()}, (ana, ben, gone)


def contact_ids(path: Path) -> set[str]:
    return set(orjson.loads(path.read_bytes()).get("contacts", {}))


def test_school_years_begin_on_the_setting():
    assert year_start(TODAY) == dt.date(2026, 8, 1)
    assert year_start(dt.date(2026, 7, 31)) == dt.date(2025, 8, 1)
    assert year_start(dt.date(2026, 7, 31), "07-01") == dt.date(2026, 7, 1)
    assert year_label(dt.date(2025, 8, 1)) == "2025-26"
    assert year_label(dt.date(1999, 8, 1)) == "1999-00"
    with pytest.raises(ValueError, match="month and day"):
        Settings(year_starts_on="13-01")


def test_dry_run_says_what_would_move_and_writes_nothing(history):
    path, store, _ids, _ = history
    before = file_bytes(path.parent)
    report = close_years(store, TODAY, dry_run=True)
    assert report.years == ["2024-25", "2025-26"]
    assert (report.contacts, report.students_left, report.kept_open) == (4, 1, 1)
    assert file_bytes(path.parent) == before
    assert not (path.parent / "backups").exists()


def test_close_moves_finished_years_and_keeps_what_is_open(history):
    path, store, ids, (ana, ben, gone) = history
    report = close_years(store, TODAY)
    assert report.backup is not None and report.backup.exists()  # backup first
    assert contact_ids(path) == {ids["now"], ids["open"]}  # this year + the open follow-up
    files = dict(past_year_files(path))
    assert set(files) == {"2024-25", "2025-26"}
    assert contact_ids(files["2024-25"]) == {ids["old"]}
    assert contact_ids(files["2025-26"]) == {ids["last"], ids["done"], ids["gone"]}
    current = Store.open(path)
    # families stay; the child who left is gone from the roster, and from the shared family
    assert {s.id for s in current.students.all()} == {ana.id, ben.id}
    assert [g.name for g in current.guardians.all()] == ["Marisol Pebble"]
    # the past year stands on its own: its students and families are in it
    past = Store.open_past_year(files["2025-26"])
    assert {s.first_name for s in past.students.all()} >= {"Ben", "Cal"}
    assert "Dee Left" in {g.name for g in past.guardians.all()}
    assert past.students.get(gone.id).archived
    for mode_of in files.values():
        assert mode_of.stat().st_mode & 0o777 == 0o600


def test_running_close_again_changes_nothing(history):
    path, store, _ids, _ = history
    close_years(store, TODAY)
    before = file_bytes(path.parent)
    report = close_years(Store.open(path), TODAY)
    assert report.years == [] and report.contacts == 0
    assert file_bytes(path.parent) == before


def test_a_later_close_adds_to_a_past_year_without_losing_what_it_held(history):
    path, store, ids, _students = history
    close_years(store, TODAY)
    # the open follow-up is done now: the next close moves it into its own year
    note = store.contacts.get(ids["open"])
    store.contacts.save(
        note.model_copy(update={"follow_up": note.follow_up.model_copy(update={"done_on": TODAY})})
    )
    close_years(Store.open(path), TODAY)
    year = dict(past_year_files(path))["2025-26"]
    assert contact_ids(year) == {ids["last"], ids["done"], ids["gone"], ids["open"]}
    assert contact_ids(path) == {ids["now"]}


def test_past_years_are_read_when_asked_and_never_written(history):
    path, store, ids, (ana, _, _) = history
    close_years(store, TODAY)
    current = Store.open(path)
    assert {n.id for n in current.contacts.for_student(ana.id)} == {ids["now"], ids["open"]}
    every = across_years(current, lambda year: year.contacts.for_student(ana.id))
    assert {n.id for n in every} == {ids["now"], ids["open"], ids["done"], ids["old"]}
    assert current.past_year_labels() == ["2025-26", "2024-25"]
    past = current.past_years()[0]
    with pytest.raises(StoreError, match="cannot be changed"):
        past.contacts.save(ContactNote(student_id=ana.id, date=LAST_YEAR))


def test_a_note_found_in_two_files_is_listed_once_as_current(history):
    """A close cut short between its writes leaves copies in both files: one is shown."""
    path, store, ids, _students = history
    close_years(store, TODAY)
    year = dict(past_year_files(path))["2025-26"]
    copy = orjson.loads(year.read_bytes())["contacts"][ids["last"]]
    data = orjson.loads(path.read_bytes())
    data["contacts"][ids["last"]] = copy | {"summary": "edited this year"}
    path.write_bytes(orjson.dumps(data))
    current = Store.open(path)
    found = [n for n in across_years(current, lambda y: y.contacts.all()) if n.id == ids["last"]]
    assert [n.summary for n in found] == ["edited this year"]


def test_a_cut_short_close_is_finished_on_the_next_open(history):
    path, store, ids, _ = history
    original = path.read_bytes()
    close_years(store, TODAY)
    finished = file_bytes(path.parent)
    # as if killed after the marker was written and before any past year's file
    for _label, year in past_year_files(path):
        year.unlink()
    data = orjson.loads(original)
    data["_meta"]["closing"] = {"cutoff": "2026-08-01"}
    path.write_bytes(orjson.dumps(data))
    Store.open(path)
    again = file_bytes(path.parent)
    assert set(again) == set(finished)
    assert contact_ids(path) == {ids["now"], ids["open"]}
    assert "closing" not in orjson.loads(path.read_bytes())["_meta"]


def test_close_year_splits_a_file_of_many_years_at_once(tmp_path):
    """The migration from one file of every year: close-year splits all finished years."""
    from teacherdesk.domain.demo import DemoSize, build_demo

    path = tmp_path / "teacherdesk.json"
    build_demo(Store.open(path), DemoSize(students=12, notes=40, years=4), today=TODAY)
    everything = contact_ids(path)
    report = close_years(Store.open(path), TODAY)
    assert report.years == ["2023-24", "2024-25", "2025-26"]
    union = set(contact_ids(path))
    for _label, year in past_year_files(path):
        assert not union & contact_ids(year)  # each note in exactly one file
        union |= contact_ids(year)
    assert union == everything


def test_a_students_full_timeline_reads_every_year_only_when_asked(history):
    from teacherdesk.domain.timeline import build_timeline, contacts_of_every_year

    path, store, ids, (ana, _, gone) = history
    close_years(store, TODAY)
    current = Store.open(path)
    this_year = {e.record_id for e in build_timeline(current, ana.id, today=TODAY)}
    assert this_year >= {ids["now"], ids["open"]} and ids["old"] not in this_year
    assert current._past == {}  # no past year was opened
    every = {e.record_id for e in build_timeline(current, ana.id, today=TODAY, all_years=True)}
    assert every >= {ids["now"], ids["open"], ids["done"], ids["old"]}
    notes, students, _guardians = contacts_of_every_year(current)
    assert len(notes) == 6 and gone.id in {s.id for s in students}
