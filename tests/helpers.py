"""What tests share: the fixed "today", the app factory, how to run the real command, and how a
Pilot test waits for the app (on what it is waiting for, never on a clock)."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
import os
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import orjson

from teacherdesk.models import IEP, Guardian, PhoneNumber, Settings, Student
from teacherdesk.store import Store

# Every test that shows dates uses this "today", so screens and snapshots never drift.
TODAY = dt.date(2026, 11, 16)

# A restricted note's words (the `packet_store` fixture): never in what a family receives.
SECRET = "SECRET restricted words"


def make_app(store: Store, **options):
    """The app on `store` with the fixed TODAY and no file watching (deterministic)."""
    from teacherdesk.ui.app import TeacherDesk

    options.setdefault("today", TODAY)
    options.setdefault("watch_file", False)
    return TeacherDesk(store, **options)


def teacherdesk_cmd() -> list[str]:
    """How tests run the real command (the venv's python, never a shell alias)."""
    return [sys.executable, "-m", "teacherdesk"]


def family_store(store: Store, *, with_iep: bool = True) -> tuple[Student, IEP | None]:
    """Zoë (hostile surname, IEP meeting 21 Jan 2027), a guardian with rights and one without."""
    student = Student(first_name="Zoë", last_name="O'Star *Bold*", grade="4", has_iep=True)
    store.students.save(student)
    store.settings.save(Settings(teacher_name="Ms. Teach"))
    store.guardians.save(Guardian(name="Pat <b>Star</b>", student_ids=[student.id]))
    store.guardians.save(
        Guardian(name="Alex Step", student_ids=[student.id], educational_rights=False)
    )
    iep = None
    if with_iep:
        iep = store.ieps.save(IEP(student_id=student.id, meeting_date=dt.date(2027, 1, 21)))
    return student, iep


# --- the command line ---------------------------------------------------------------------------


@dataclass
class Ran:
    """What a command did, with the names `subprocess.run` uses."""

    returncode: int
    stdout: str
    stderr: str


def run_main(argv: Sequence[Any], env: dict[str, str] | None = None) -> Ran:
    """`teacherdesk ARGV` in this process: `cli.main(argv)` with its output captured and, if
    given, `env` as the whole environment while it runs. A usage error's exit is its code."""
    from teacherdesk.cli import main

    def stream() -> io.TextIOWrapper:  # text and .buffer, like a real stdout
        return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape")

    out, err = stream(), stream()
    with (
        mock.patch.dict(os.environ, env or {}, clear=env is not None),
        redirect_stdout(out),
        redirect_stderr(err),
    ):
        try:
            code = main([str(arg) for arg in argv])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)

    def text(wrapper: io.TextIOWrapper) -> str:
        wrapper.flush()
        return wrapper.buffer.getvalue().decode("utf-8", "surrogateescape")  # type: ignore[attr-defined]

    return Ran(code, text(out), text(err))


def one_clear_line(stderr: str) -> str:
    """An error is one line for the person at the terminal: no traceback, no escape codes."""
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("teacherdesk: ")
    assert "\x1b" not in stderr
    return lines[0]


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns


def notes_on_disk(path: Path) -> list[dict]:
    return list(orjson.loads(path.read_bytes())["contacts"].values())


def family_file(tmp_path: Path) -> tuple[Path, Student, Guardian, Guardian]:
    """A file with one child (number 42) and two guardians, mother and father."""
    path = tmp_path / "family.json"
    store = Store.open(path)
    kid = store.students.save(Student(first_name="Amara", last_name="Quill", student_number="42"))
    mum = store.guardians.save(
        Guardian(
            name="Ngozi Quill",
            relationship="mother",
            student_ids=[kid.id],
            phones=[PhoneNumber(number="555-0101")],
        )
    )
    dad = store.guardians.save(
        Guardian(name="Tomás Quill", relationship="father", student_ids=[kid.id])
    )
    return path, kid, mum, dad


# Files the commands must refuse without touching them.
BAD_FILES = {
    "damaged": b'{"_meta": {"schema": {"version": 1}}, "students": {"a": {"first',
    "newer": b'{"_meta": {"schema": {"version": 9}}, "students": {}}',
    "empty": b"",
}


# --- waiting for the app -----------------------------------------------------------------------

# Waiting is on a condition; this only turns a hang into a failure that says what it waited for.
GIVE_UP_AFTER = 30.0


async def saves_done(app, pilot) -> None:
    """Every queued save is on disk and its result has reached the screens.

    The saver hands results back with `call_from_thread`, so waiting for it on the event loop
    would block both: wait in a thread while the loop keeps running.
    """
    await asyncio.to_thread(app.saver.drain, 10)
    await pilot.pause()


async def settle(app, pilot, until: Callable[[], Any] | None = None) -> None:
    """Let loads and queued saves finish and their results reach the screens; with `until`,
    keep going until it holds (a screen opened from a worker, a save that arrives later)."""
    give_up = time.monotonic() + GIVE_UP_AFTER
    while True:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await saves_done(app, pilot)
        if until is None or until():
            return
        if time.monotonic() > give_up:
            raise AssertionError(f"still waiting; on {app.screen!r}")


async def open_screen(app, pilot, screen) -> None:
    """Push `screen` and let it load."""
    app.push_screen(screen)
    await settle(app, pilot)


async def typing_paused(app, pilot) -> None:
    """What a form does once typing pauses, done now: the keys are handled, then every check
    still waiting for the pause runs (tests set the pause to a microsecond; this makes sure)."""
    from teacherdesk.ui.forms.base import Debounce

    await pilot.pause()
    for value in list(vars(app.screen).values()):
        if isinstance(value, Debounce):
            value.flush()
    await pilot.pause()


async def wait_until(pilot, condition: Callable[[], Any], what: str = "") -> None:
    """Let the app run until `condition()` holds (keys sent in a burst are handled one by one)."""
    give_up = time.monotonic() + GIVE_UP_AFTER
    while not condition():
        if time.monotonic() > give_up:
            raise AssertionError(f"still waiting{': ' + what if what else ''}")
        await pilot.pause()


async def wait_for_screen(app, pilot, name: str) -> None:
    """For dialogs opened from a worker (which stays busy until the dialog closes)."""
    give_up = time.monotonic() + GIVE_UP_AFTER
    while type(app.screen).__name__ != name:
        if time.monotonic() > give_up:
            raise AssertionError(f"{name} did not open; on {app.screen!r}")
        await pilot.pause()


def by_name(store: Store, display_name: str) -> Student:
    return next(s for s in store.students.all() if s.display_name == display_name)


async def open_student(app, pilot, name: str) -> None:
    """From the roster: type the name in the filter, enter opens the first match."""
    from teacherdesk.ui.screens.student import StudentScreen

    await pilot.press(*name, "enter")
    await settle(app, pilot)
    assert isinstance(app.screen, StudentScreen)


def static_text(app, selector: str) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one(selector, Static).content)


def table_rows(app, selector: str) -> list[list[str]]:
    from textual.widgets import DataTable

    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
