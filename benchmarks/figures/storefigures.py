"""Figures about saving: one contact note, in-process and as a whole `teacherdesk note` process."""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import orjson
from tinydb import TinyDB
from tinydb.table import Document

from figures.common import BigFile, atomic_write_floor, make_big_file, timed
from teacherdesk.models import ContactNote
from teacherdesk.store import Store
from teacherdesk.store.repositories import RecordTable


def _note(student_id: str, n: int) -> ContactNote:
    return ContactNote(
        student_id=student_id, date=dt.date.today(), summary=f"Benchmark call number {n}."
    )


def _save_ours(path: Path, reps: int) -> list[float]:
    store = Store.open(path, author="benchmark", backups=False)
    student = store.students.all()[0]
    store.contacts.save(_note(student.id, -1))  # warm: first save pays for imports and caches
    return [timed(lambda n=n: store.contacts.save(_note(student.id, n))) for n in range(reps)]


def _save_floor(path: Path, reps: int) -> list[float]:
    """orjson.dumps of the same data plus an atomic write with fsync (data already in memory)."""
    data = orjson.loads(path.read_bytes())
    student_id = next(iter(data["students"]))
    times = []
    for n in range(reps):
        note = _note(student_id, n).model_dump(mode="json")

        def save(note=note) -> None:
            data["contacts"][note["id"]] = note
            atomic_write_floor(path, orjson.dumps(data))

        times.append(timed(save))
    return times


def save_vs_atomic_floor(big: BigFile, root: Path, reps: int) -> dict:
    """save one contact note vs orjson.dumps + atomic write with fsync"""
    ours_path, floor_path = root / "save-ours.json", root / "save-floor.json"
    shutil.copy(big.path, ours_path)
    shutil.copy(big.path, floor_path)
    ours = statistics.median(_save_ours(ours_path, reps))
    floor = statistics.median(_save_floor(floor_path, reps))
    return {
        "name": "save one contact note (vs orjson + atomic write)",
        "ours_ms": ours,
        "floor_ms": floor,
        "budget": "<= 1.5x",
    }


class _IdTable(RecordTable):
    pass


def save_vs_tinydb_default(big: BigFile, root: Path, reps: int) -> dict:
    """save one contact note vs TinyDB's default JSONStorage on the same data"""
    ours_path, tiny_path = root / "save-ours2.json", root / "save-tinydb.json"
    shutil.copy(big.path, ours_path)
    shutil.copy(big.path, tiny_path)
    ours = statistics.median(_save_ours(ours_path, reps))
    db = TinyDB(tiny_path)
    db.table_class = _IdTable
    contacts = db.table("contacts")
    student_id = next(iter(orjson.loads(tiny_path.read_bytes())["students"]))
    times = []
    for n in range(max(3, reps // 2)):
        note = _note(student_id, n).model_dump(mode="json")
        times.append(timed(lambda note=note: contacts.insert(Document(note, doc_id=note["id"]))))
    db.close()
    tiny = statistics.median(times)
    return {
        "name": "same save vs TinyDB default JSONStorage",
        "ours_ms": ours,
        "floor_ms": tiny,
        "budget": ">= 5x faster",
    }


FLOOR_SCRIPT = """
import os, sys, uuid, datetime
import pydantic, tinydb, orjson
path = sys.argv[1]
with open(path, "rb") as handle:
    data = orjson.loads(handle.read())
student_id = next(iter(data["students"]))
note_id = uuid.uuid4().hex
data["contacts"][note_id] = {"id": note_id, "student_id": student_id,
    "date": datetime.date.today().isoformat(), "summary": sys.argv[2]}
temp = path + ".floor.tmp"
with open(temp, "wb") as handle:
    handle.write(orjson.dumps(data)); handle.flush(); os.fsync(handle.fileno())
os.replace(temp, path)
fd = os.open(os.path.dirname(path), os.O_RDONLY); os.fsync(fd); os.close(fd)
"""


def note_process_vs_python_floor(big: BigFile, root: Path, reps: int) -> dict:
    """`teacherdesk note` whole process vs python that imports pydantic+tinydb, parses, rewrites"""
    ours_path, floor_path = root / "note-ours.json", root / "note-floor.json"
    shutil.copy(big.path, ours_path)
    shutil.copy(big.path, floor_path)
    number = Store.open(ours_path, backups=False).students.all()[0].student_number
    ours_cmd = [
        str(Path(sys.executable).with_name("teacherdesk")),  # the real command, as typed
        "--data",
        str(ours_path),
        "note",
        number,
        "Benchmark note from the shell",
    ]
    floor_cmd = [sys.executable, "-c", FLOOR_SCRIPT, str(floor_path), "Benchmark note"]
    ours, floor = [], []
    for _ in range(reps):  # interleaved, so both see the same machine weather
        ours.append(timed(lambda: subprocess.run(ours_cmd, check=True, capture_output=True)))
        floor.append(timed(lambda: subprocess.run(floor_cmd, check=True, capture_output=True)))
    return {
        "name": "`teacherdesk note` whole process",
        "ours_ms": statistics.median(ours),
        "floor_ms": statistics.median(floor),
        "budget": "<= 1.5x",
    }


def version_vs_python(big: BigFile, root: Path, reps: int) -> dict:
    """`teacherdesk --version` whole process vs `python -c pass`"""
    ours_cmd = [str(Path(sys.executable).with_name("teacherdesk")), "--version"]
    floor_cmd = [sys.executable, "-c", "pass"]
    ours, floor = [], []
    for _ in range(reps * 2):
        ours.append(timed(lambda: subprocess.run(ours_cmd, check=True, capture_output=True)))
        floor.append(timed(lambda: subprocess.run(floor_cmd, check=True, capture_output=True)))
    return {
        "name": "`teacherdesk --version` whole process",
        "ours_ms": statistics.median(ours),
        "floor_ms": statistics.median(floor),
        "budget": "<= 2x",
    }


def growth(root: Path, size: BigFile, *, reps: int, quick: bool) -> list[dict]:
    """How one save grows with 1x, 2x and 4x the contact notes."""
    rows = []
    for factor in (1, 2, 4):
        scaled = size.scaled(factor)
        path = root / f"growth-{factor}x.json"
        make_big_file(path, scaled)
        ms = statistics.median(_save_ours(path, reps))
        rows.append(
            {"figure": "save one contact note", "notes": scaled.notes, "ms": ms, "factor": factor}
        )
    base = rows[0]["ms"]
    for row in rows:
        row["vs_1x"] = row["ms"] / base
    return rows
