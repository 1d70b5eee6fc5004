"""The store, in one process: round trips, audit, history, modes, backups, refusals, migrations."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import threading
from pathlib import Path

import orjson
import pytest

from teacherdesk.models import (
    IEP,
    Conference,
    ContactNote,
    Guardian,
    PhoneNumber,
    Purpose,
    Student,
)
from teacherdesk.store import DamagedFileError, NewerSchemaError, Store, StoreError, schema
from teacherdesk.store.backups import KEEP_DAYS, DailyBackups, backup_folder, list_daily
from teacherdesk.store.files import write_private_text

DAY = dt.date(2026, 11, 16)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def fingerprint(path: Path) -> tuple[str, int, int]:
    st = os.stat(path)
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size


def raw(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def add_student(store: Store, first="Zoë", last="Okafor", **extra) -> Student:
    return store.students.save(Student(first_name=first, last_name=last, **extra))


def note_for(student: Student, text="Called home", **extra) -> ContactNote:
    return ContactNote(student_id=student.id, date=DAY, summary=text, **extra)


class Clock:
    """store.now() that moves one minute per call, so audit times always differ."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 16, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


@pytest.fixture
def store(data_file: Path) -> Store:
    return Store.open(data_file, author="ms.rivera")


# --- round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["memory", "file"])
def test_save_get_all_round_trip(kind, data_file):
    store = Store.memory() if kind == "memory" else Store.open(data_file)
    zoe = add_student(store, preferred_name="Zo", grade="4", has_iep=True)
    mum = store.guardians.save(
        Guardian(
            name="Ada Okafor",
            student_ids=[zoe.id],
            phones=[PhoneNumber(number="555-0142")],
            email="ada@example.org",
        )
    )
    note = store.contacts.save(note_for(zoe, guardian_id=mum.id, purpose=Purpose.POSITIVE))
    again = Store.open(data_file) if kind == "file" else store
    assert again.students.get(zoe.id).model_dump(exclude={"created_at", "updated_at"}) == (
        zoe.model_dump(exclude={"created_at", "updated_at"})
    )
    assert again.students.get(zoe.id).created_at == zoe.created_at
    assert [g.id for g in again.guardians.for_student(zoe.id)] == [mum.id]
    assert again.guardians.get(mum.id).main_phone == "555-0142"
    assert [n.id for n in again.contacts.for_student(zoe.id)] == [note.id]
    assert again.contacts.get(note.id).purpose is Purpose.POSITIVE
    assert again.contacts.last_contact_dates() == {zoe.id: DAY}
    assert again.students.where(grade="4")[0].id == zoe.id
    assert again.students.filter(lambda doc: doc["has_iep"])[0].id == zoe.id
    assert again.students.get("no-such-id") is None
    assert again.counts()["contacts"] == 1
    assert again.contacts.delete(note.id) is True
    assert again.contacts.count() == 0
    assert again.contacts.delete(note.id) is False


def test_add_many_inserts_in_one_write(store, data_file):
    students = [Student(first_name=f"S{i}", last_name="Ng") for i in range(50)]
    before = store.generation
    store.students.add_many(students)
    assert store.generation == before + 1
    assert {s.id for s in Store.open(data_file).students.all()} == {s.id for s in students}
    assert all(s.created_by == "ms.rivera" for s in Store.open(data_file).students.all())


def test_record_ids_are_ours_and_key_the_file(store, data_file):
    zoe = add_student(store)
    notes = [store.contacts.save(note_for(zoe, f"n{i}")) for i in range(3)]
    tables = raw(data_file)
    assert list(tables["students"]) == [zoe.id]
    assert set(tables["contacts"]) == {note.id for note in notes}
    for key, doc in tables["contacts"].items():
        assert doc["id"] == key
        assert len(key) == 32  # uuid4 hex, not TinyDB's "1", "2", ...
    assert tables["_meta"]["schema"]["version"] == schema.SCHEMA_VERSION
    assert next(iter(tables)) == "_meta"


# --- audit and history ---------------------------------------------------------------------------


def test_audit_fields_created_kept_updated_changed(data_file):
    clock = Clock()
    first = Store.open(data_file, author="ms.rivera")
    first.now = clock
    zoe = add_student(first)
    assert zoe.created_by == zoe.updated_by == "ms.rivera"
    assert zoe.created_at == zoe.updated_at is not None

    second = Store.open(data_file, author="mr.chen")
    second.now = clock
    edited = second.students.save(zoe.model_copy(update={"grade": "5"}))
    assert edited.created_at == zoe.created_at
    assert edited.created_by == "ms.rivera"
    assert edited.updated_by == "mr.chen"
    assert edited.updated_at > zoe.updated_at

    # a caller cannot forge the creation stamp
    forged = edited.model_copy(update={"created_by": "someone", "created_at": clock.now})
    stored = second.students.save(forged)
    assert stored.created_by == "ms.rivera"
    assert stored.created_at == zoe.created_at
    on_disk = Store.open(data_file).students.get(zoe.id)
    assert (on_disk.created_by, on_disk.updated_by, on_disk.grade) == ("ms.rivera", "mr.chen", "5")


@pytest.mark.parametrize("kind", ["contacts", "conferences", "ieps"])
def test_history_keeps_every_earlier_version(kind, store, data_file):
    store.now = Clock()
    zoe = add_student(store)
    repo = getattr(store, kind)
    repo.edit_session = None  # autosave sessions are tested on their own below
    first = {
        "contacts": lambda: note_for(zoe, "First words"),
        "conferences": lambda: Conference(
            student_id=zoe.id, when=dt.datetime(2026, 11, 20, 15, 0), concerns="First words"
        ),
        "ieps": lambda: IEP(
            student_id=zoe.id, meeting_date=dt.date(2027, 1, 20), family_comments="First words"
        ),
    }[kind]()
    field = {"contacts": "summary", "conferences": "concerns", "ieps": "family_comments"}[kind]
    v1 = repo.save(first)
    assert v1.history == []
    v2 = repo.save(v1.model_copy(update={field: "Second words"}))
    v2_same = repo.save(v2)  # saving without a change adds nothing
    v3 = repo.save(v2_same.model_copy(update={field: "Third words"}))
    assert [h[field] for h in v3.history] == ["First words", "Second words"]
    assert v3.history[0]["changed_by"] == "ms.rivera"
    assert dt.datetime.fromisoformat(v3.history[0]["changed_at"]) == v1.updated_at
    stored = getattr(Store.open(data_file), kind).get(first.id)
    assert getattr(stored, field) == "Third words"
    assert [h[field] for h in stored.history] == ["First words", "Second words"]
    # a caller cannot drop the history by saving a copy without it
    v4 = repo.save(v3.model_copy(update={"history": [], field: "Fourth"}))
    assert len(v4.history) == 3


def test_students_do_not_grow_history(store, data_file):
    zoe = add_student(store)
    store.students.save(zoe.model_copy(update={"grade": "5"}))
    assert "history" not in raw(data_file)["students"][zoe.id]


# --- privacy -------------------------------------------------------------------------------------


def test_new_folder_0700_and_files_0600(tmp_path):
    data = tmp_path / "new" / "nested" / "teacherdesk.json"
    store = Store.open(data)
    assert not data.parent.exists()  # opening alone writes nothing
    add_student(store)
    assert mode(data.parent) == 0o700
    assert mode(data) == 0o600
    assert mode(Path(f"{data}.lock")) & 0o077 == 0
    # a file someone loosened is private again after the next save
    os.chmod(data, 0o644)
    add_student(store, "Mateo", "Quillfeather")
    assert mode(data) == 0o600


def test_write_private_text_is_0600_and_atomic(tmp_path):
    out = tmp_path / "exports" / "packet.md"
    write_private_text(out, "# Zoë *Star*\n")
    assert out.read_text(encoding="utf-8") == "# Zoë *Star*\n"
    assert mode(out) == 0o600
    assert mode(out.parent) == 0o700
    assert [p.name for p in out.parent.iterdir()] == ["packet.md"]


def test_existing_folder_mode_is_left_alone(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    add_student(Store.open(folder / "t.json"))
    assert mode(folder) == 0o755
    assert mode(folder / "t.json") == 0o600


# --- daily backups -------------------------------------------------------------------------------


def use_clock(store: Store, days: list[dt.date]) -> None:
    store.storage.before_write = DailyBackups(today=lambda: days[0]).before_write


def test_first_write_of_a_day_backs_up_the_file_as_it_was(data_file):
    add_student(Store.open(data_file, backups=False))
    assert list_daily(data_file) == []
    store = Store.open(data_file)
    day = [DAY]
    use_clock(store, day)
    before = data_file.read_bytes()
    add_student(store, "Mateo", "Quillfeather")
    backups = list_daily(data_file)
    assert [p.name for p in backups] == ["teacherdesk-2026-11-16.json"]
    assert backups[0].read_bytes() == before
    assert mode(backup_folder(data_file)) == 0o700
    assert mode(backups[0]) == 0o600
    add_student(store, "Amara", "Quillfeather")  # same day: no second backup
    assert len(list_daily(data_file)) == 1
    assert backups[0].read_bytes() == before
    # a new process on the same day does not overwrite the morning's copy either
    again = Store.open(data_file)
    use_clock(again, day)
    add_student(again, "Inès", "Brightwater")
    assert backups[0].read_bytes() == before


def test_rotation_keeps_the_last_14_days(data_file):
    store = Store.open(data_file)
    day = [DAY]
    use_clock(store, day)
    add_student(store)
    for offset in range(20):
        day[0] = DAY + dt.timedelta(days=offset)
        add_student(store, f"S{offset}", "Ng")
    names = [p.name for p in list_daily(data_file)]
    assert len(names) == KEEP_DAYS == 14
    expected = [f"teacherdesk-{DAY + dt.timedelta(days=o)}.json" for o in range(6, 20)]
    assert names == expected
    # every backup is a whole, readable data file
    for path in list_daily(data_file):
        assert Store.open(path, backups=False).students.count() >= 1


def test_half_written_backups_are_cleaned_up(data_file):
    add_student(Store.open(data_file, backups=False))
    folder = backup_folder(data_file)
    folder.mkdir(mode=0o700)
    stray = folder / ".teacherdesk-2026-11-15.json.x1y2.tmp"
    stray.write_bytes(b'{"half')
    os.utime(stray, (0, 0))
    store = Store.open(data_file)
    use_clock(store, [DAY])
    add_student(store, "Mateo", "Quillfeather")
    assert sorted(p.name for p in folder.iterdir()) == ["teacherdesk-2026-11-16.json"]


def test_store_open_makes_daily_backups_by_default(data_file):
    store = Store.open(data_file)
    add_student(store)
    Store.open(data_file).students.save(Student(first_name="A", last_name="B"))
    assert [p.name for p in list_daily(data_file)] == [
        f"teacherdesk-{dt.date.today().isoformat()}.json"
    ]


# --- refusals: damaged and newer files -----------------------------------------------------------

DAMAGED = {
    "garbage": b"\x00\xffthis is not json at all",
    "truncated": b'{"_meta": {"schema": {"version": 1}}, "students": {"abc": {"first_na',
    "empty": b"",
    "blank": b"  \n",
    "list": b"[1, 2, 3]",
    "string": b'"hello"',
    "table not object": b'{"_meta": {"schema": {"version": 1}}, "students": [1, 2]}',
    "record not object": b'{"_meta": {"schema": {"version": 1}}, "students": {"a": 5}}',
    "foreign json": b'{"name": {"x": {}}, "other": {}}',
    "bad version": b'{"_meta": {"schema": {"version": "one"}}}',
    "not utf8": b'{"_meta": {"schema": {"version": 1}}, "s": {"a": {"n": "\xff"}}}',
}


def plant(path: Path, data: bytes) -> tuple[str, int, int]:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    return fingerprint(path)


def assert_untouched(path: Path, before: tuple[str, int, int]) -> None:
    assert fingerprint(path) == before
    assert not backup_folder(path).exists()
    assert [p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")] == [path.name]


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_damaged_file_is_refused_and_left_untouched(name, data_file):
    before = plant(data_file, DAMAGED[name])
    with pytest.raises(DamagedFileError) as raised:
        Store.open(data_file)
    assert "\n" not in str(raised.value)
    assert "Traceback" not in str(raised.value)
    assert_untouched(data_file, before)


@pytest.mark.parametrize("version", [schema.SCHEMA_VERSION + 1, 99])
def test_newer_file_is_refused_and_left_untouched(version, data_file):
    doc = {"_meta": {"schema": {"version": version}}, "students": {}, "future_table": {}}
    before = plant(data_file, orjson.dumps(doc))
    with pytest.raises(NewerSchemaError, match="newer teacherdesk"):
        Store.open(data_file)
    assert_untouched(data_file, before)


def test_a_kept_open_store_refuses_to_save_over_a_file_damaged_under_it(store, data_file):
    zoe = add_student(store)
    before = plant(data_file, b'{"students": {"broken')
    with pytest.raises(DamagedFileError):
        store.contacts.save(note_for(zoe))
    assert fingerprint(data_file) == before
    with pytest.raises(DamagedFileError):
        store.students.all()


def test_a_kept_open_store_refuses_a_file_replaced_by_a_newer_version(store, data_file):
    zoe = add_student(store)
    newer = raw(data_file)
    newer["_meta"]["schema"]["version"] = schema.SCHEMA_VERSION + 1
    before = plant(data_file, orjson.dumps(newer))
    with pytest.raises(NewerSchemaError):
        store.contacts.save(note_for(zoe))
    assert fingerprint(data_file) == before


def test_invalid_records_are_reported_not_dropped_from_the_file(store, data_file):
    zoe = add_student(store)
    tables = raw(data_file)
    tables["students"]["bad"] = {"id": "bad", "first_name": "", "last_name": "X"}
    data_file.write_bytes(orjson.dumps(tables))
    students = store.students.all()
    assert [s.id for s in students] == [zoe.id]
    assert store.students.problems and "bad" in store.students.problems[0]
    add_student(store, "Mateo", "Quillfeather")  # saving something else keeps the bad record
    assert "bad" in raw(data_file)["students"]


# --- migrations ----------------------------------------------------------------------------------


def version_zero_file(path: Path) -> bytes:
    zoe = Student(first_name="Zoë", last_name="Okafor").model_dump(mode="json")
    data = orjson.dumps({"students": {zoe["id"]: zoe}, "contacts": {}})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def migration_backups(path: Path) -> list[Path]:
    folder = backup_folder(path)
    return sorted(folder.glob("*before-v*")) if folder.exists() else []


def test_version_zero_file_is_backed_up_then_stamped(data_file):
    original = version_zero_file(data_file)
    store = Store.open(data_file)
    assert raw(data_file)["_meta"]["schema"]["version"] == schema.SCHEMA_VERSION
    assert store.students.all()[0].first_name == "Zoë"
    [backup] = migration_backups(data_file)
    assert "before-v0" in backup.name
    assert backup.read_bytes() == original
    assert mode(backup) == 0o600
    assert mode(backup.parent) == 0o700
    # opening again migrates nothing more
    Store.open(data_file)
    assert len(migration_backups(data_file)) == 1


def test_a_next_migration_runs_forward_with_a_backup(data_file, monkeypatch):
    store = Store.open(data_file)
    add_student(store)
    add_student(store, "Mateo", "Quillfeather")
    v1 = data_file.read_bytes()

    def to_two(data):
        for doc in data.get("students", {}).values():
            doc["grade"] = doc.get("grade") or "unknown"
        return data

    now = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(schema.MIGRATIONS, now, to_two)
    migrated = Store.open(data_file)
    assert raw(data_file)["_meta"]["schema"]["version"] == now + 1
    assert {s.grade for s in migrated.students.all()} == {"unknown"}
    [backup] = migration_backups(data_file)
    assert f"before-v{now}" in backup.name
    assert backup.read_bytes() == v1


def test_a_failing_migration_leaves_the_file_untouched(data_file, monkeypatch):
    add_student(Store.open(data_file))
    before = fingerprint(data_file)

    def broken(data):
        data["students"].clear()  # damage the copy, then fail
        raise KeyError("oops")

    now = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(schema.MIGRATIONS, now, broken)
    with pytest.raises(StoreError, match="could not upgrade"):
        Store.open(data_file)
    assert fingerprint(data_file) == before


def test_older_teacherdesk_refuses_what_the_migration_wrote(data_file, monkeypatch):
    add_student(Store.open(data_file))
    now = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(schema.MIGRATIONS, now, lambda data: data)
    Store.open(data_file)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now)
    with pytest.raises(NewerSchemaError):
        Store.open(data_file)


# --- two stores, one file ------------------------------------------------------------------------


def test_two_stores_see_each_others_writes(data_file):
    a = Store.open(data_file, author="a")
    b = Store.open(data_file, author="b")
    zoe = add_student(a)
    assert b.students.get(zoe.id) is not None
    mateo = add_student(b, "Mateo", "Quillfeather")
    assert {s.id for s in a.students.all()} == {zoe.id, mateo.id}
    gen = a.generation
    assert a.refresh() is False and a.generation == gen
    b.students.delete(zoe.id)
    assert a.refresh() is True and a.generation > gen
    assert [s.id for s in a.students.all()] == [mateo.id]


def test_kept_open_stores_interleave_saves_without_id_clashes(data_file):
    a = Store.open(data_file, author="a")
    b = Store.open(data_file, author="b")
    zoe = add_student(a)
    saved = []
    for i in range(40):
        writer = a if i % 2 else b
        saved.append(writer.contacts.save(note_for(zoe, f"note {i}")).id)
        if i % 5 == 0:
            writer.contacts.add_many([note_for(zoe, f"batch {i}")])
    for reader in (a, b, Store.open(data_file)):
        ids = {n.id for n in reader.contacts.all()}
        assert set(saved) <= ids
        assert len(ids) == 48


def test_same_size_rewrite_with_an_unchanged_stat_is_still_seen(data_file, monkeypatch):
    """ext4 reuses the freed inode at once and mtime can be jiffy-coarse: stat alone can lie."""
    a = Store.open(data_file)
    b = Store.open(data_file)
    zoe = add_student(a)
    b.students.all()
    monkeypatch.setattr(type(a.storage), "_stat", lambda self: (1, 2, 3))
    a.students.all()
    b.students.all()  # both now hold the same (fake) stamp
    renamed = b.students.save(zoe.model_copy(update={"first_name": "Zoé"}))  # same size
    assert a.students.get(zoe.id).first_name == "Zoé"
    a.contacts.save(note_for(renamed))  # under the lock a must build on b's version
    assert Store.open(data_file).students.get(zoe.id).first_name == "Zoé"


def test_threads_sharing_one_store_lose_nothing(store, data_file):
    zoe = add_student(store)
    ids: list[str] = []

    def writer(n: int) -> None:
        for i in range(15):
            ids.append(store.contacts.save(note_for(zoe, f"t{n} n{i}")).id)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(ids) == 60
    assert set(raw(data_file)["contacts"]) == set(ids)


# --- failures and crashes ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["file", "memory"])
def test_a_failed_transaction_changes_nothing(kind, data_file):
    store = Store.open(data_file) if kind == "file" else Store.memory()
    zoe = add_student(store)
    before = fingerprint(data_file) if kind == "file" else None
    with pytest.raises(RuntimeError, match="power cut"), store.transaction():
        store.contacts.save(note_for(zoe, "first half"))
        store.students.save(zoe.model_copy(update={"first_name": "Changed"}))
        raise RuntimeError("power cut")
    if kind == "file":
        assert fingerprint(data_file) == before
    assert store.contacts.count() == 0
    assert store.students.get(zoe.id).first_name == "Zoë"
    # and the store still works afterwards
    store.contacts.save(note_for(zoe))
    assert store.contacts.count() == 1


def test_a_record_that_cannot_be_written_changes_nothing(store, data_file):
    zoe = add_student(store)
    before = fingerprint(data_file)
    with pytest.raises(TypeError), store.transaction():
        store.contacts.save(note_for(zoe))
        store.storage.read()["contacts"]["x"] = {"when": dt.datetime.now}  # not serializable
        store.storage.write(store.storage.read())
    assert fingerprint(data_file) == before
    assert store.contacts.count() == 0


def test_writes_outside_a_transaction_are_refused(store):
    with pytest.raises(RuntimeError, match="transaction"):
        store.storage.write({})


def test_stray_temp_files_are_cleaned_on_the_next_write(store, data_file):
    add_student(store)
    stray = [data_file.parent / f".{data_file.name}.crash{i}.tmp" for i in range(3)]
    for path in stray:
        path.write_bytes(b'{"half a')
    unrelated = data_file.parent / "notes.txt"
    unrelated.write_text("mine")
    add_student(store, "Mateo", "Quillfeather")
    assert not any(path.exists() for path in stray)
    assert unrelated.exists()
    assert Store.open(data_file).students.count() == 2


def test_a_symlinked_data_file_stays_a_symlink(tmp_path):
    real = tmp_path / "real" / "class.json"
    add_student(Store.open(real))
    link_dir = tmp_path / "links"
    link_dir.mkdir()
    link = link_dir / "class.json"
    link.symlink_to(real)
    via_link = Store.open(link)
    add_student(via_link, "Mateo", "Quillfeather")
    assert link.is_symlink()
    assert Store.open(real).students.count() == 2
    # the link's name and the real name share one lock
    assert Path(f"{via_link.path}.lock") == Path(f"{real}.lock")


def test_opening_a_missing_file_writes_nothing(tmp_path):
    data = tmp_path / "nothing" / "here.json"
    store = Store.open(data)
    assert store.is_empty()
    assert store.students.all() == []
    assert not data.parent.exists()


def test_a_full_disk_loses_nothing_already_saved(store, data_file, monkeypatch):
    zoe = add_student(store)
    store.contacts.save(note_for(zoe, "kept"))
    before = fingerprint(data_file)
    real_fsync = os.fsync

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        store.contacts.save(note_for(zoe, "lost, and the teacher is told"))
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert fingerprint(data_file) == before
    assert [n.summary for n in store.contacts.all()] == ["kept"]
    assert not [p for p in data_file.parent.iterdir() if p.name.endswith(".tmp")]
    store.contacts.save(note_for(zoe, "saved once there is room"))
    assert store.contacts.count() == 2
