"""The app's own way of opening a file (the first frame first, the file read in a thread): an
older file is migrated before any screen reads it; a newer one is refused, untouched."""

from __future__ import annotations

import orjson

from teacherdesk.models import Student
from teacherdesk.store import NewerSchemaError, Store, schema
from tests.helpers import make_app, settle


def version_of(path) -> int:
    return orjson.loads(path.read_bytes())["_meta"]["schema"]["version"]


async def test_an_older_file_is_migrated_before_the_roster_reads_it(data_file, monkeypatch):
    Store.open(data_file, backups=False).students.save(Student(first_name="Ada", last_name="Birch"))
    now = schema.SCHEMA_VERSION

    def to_next(data):
        for doc in data.get("students", {}).values():
            doc["grade"] = "migrated"
        return data

    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(schema.MIGRATIONS, now, to_next)
    store = Store.open(data_file, backups=False, read_now=False)
    assert not store.is_open
    app = make_app(store, start="roster")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, until=lambda: getattr(app.screen, "loaded", False))
        assert [row.student.grade for row in app.screen.rows] == ["migrated"]
    assert version_of(data_file) == now + 1


async def test_a_newer_file_stops_the_app_with_its_sentence_and_stays_as_it_was(data_file):
    Store.open(data_file, backups=False).students.save(Student(first_name="Ada", last_name="Birch"))
    data = orjson.loads(data_file.read_bytes())
    data["_meta"]["schema"]["version"] = schema.SCHEMA_VERSION + 1
    data_file.write_bytes(orjson.dumps(data))
    before = data_file.read_bytes()
    app = make_app(Store.open(data_file, backups=False, read_now=False), start="today")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, until=lambda: not app.is_running)
    assert app.return_code == 1
    assert isinstance(app.open_problem, NewerSchemaError)
    assert "newer" in str(app.open_problem).lower()
    assert data_file.read_bytes() == before
