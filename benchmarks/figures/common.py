"""The big teacher file and small timing helpers shared by the figures."""

from __future__ import annotations

import compileall
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import teacherdesk
from teacherdesk.domain.demo import DemoSize, build_demo
from teacherdesk.models import Guardian, PhoneNumber
from teacherdesk.store import Store


def compile_like_an_install() -> None:
    """Write teacherdesk's bytecode, as `pip install .` does for a teacher.

    A development checkout is installed editable, and where PYTHONDONTWRITEBYTECODE is set (as
    on CI machines) every run would compile our modules from source again: ~100 ms a process
    that no teacher pays. The floors' libraries come with their bytecode from their wheels.
    """
    compileall.compile_dir(Path(teacherdesk.__file__).parent, quiet=1)


@dataclass
class BigFile:
    students: int = 180
    guardians: int = 360
    notes: int = 10_000
    conferences: int = 1_500
    ieps: int = 40
    path: Path | None = None

    def describe(self) -> str:
        return (
            f"{self.students} students, {self.guardians} guardians, {self.notes:,} contact notes, "
            f"{self.conferences:,} conferences, {self.ieps} IEPs"
        )

    def scaled(self, factor: int) -> BigFile:
        return BigFile(
            self.students,
            self.guardians,
            self.notes * factor,
            self.conferences * factor,
            self.ieps,
        )


def make_big_file(path: Path, size: BigFile) -> BigFile:
    """The demo generator at this size, topped up to the exact guardian count."""
    store = Store.open(path, author="benchmark", backups=False)
    demo = DemoSize(students=size.students, notes=size.notes, seed=11)
    build_demo(store, demo)
    missing = size.guardians - store.guardians.count()
    rng = random.Random(5)
    students = store.students.all()
    extra = [
        Guardian(
            name=f"Extra Guardian {n}",
            student_ids=[rng.choice(students).id],
            relationship="relative",
            phones=[PhoneNumber(number=f"555-01{n % 100:02d}")],
        )
        for n in range(max(0, missing))
    ]
    store.guardians.add_many(extra)
    size.path = path
    return size


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def atomic_write_floor(path: Path, data: bytes) -> None:
    """The least a crash-safe save can do: temp file, write, fsync, rename, fsync the folder."""
    temp = path.with_name(f".{path.name}.floor.tmp")
    with open(temp, "wb", opener=lambda name, flags: os.open(name, flags, 0o600)) as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
