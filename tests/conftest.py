"""Shared fixtures: stores on memory or a temp folder, a demo class on a fixed date, the app.

Textual reads its settings from the environment once, when it is first imported: they are set
here, before anything imports it.
"""

from __future__ import annotations

import datetime as dt
import os

os.environ["TEXTUAL_ANIMATIONS"] = "none"
# Pilot waits until the app looks idle; a screen repaints at most every 1/FPS s, so a higher rate
# lets that wait end sooner (the pictures are the same).
os.environ["TEXTUAL_FPS"] = "500"

import shutil
from pathlib import Path

import pytest
import textual._wait
from textual.widgets import Input, TextArea

from teacherdesk.domain.demo import DemoSize, build_demo
from teacherdesk.models import (
    AgreedAction,
    Conference,
    ConferenceStatus,
    ContactNote,
    Guardian,
    Purpose,
    Student,
)
from teacherdesk.store import Store
from teacherdesk.ui.forms.base import TypingPause
from tests.helpers import SECRET, TODAY, make_app, run_main

# Pilot (textual 8.2.8, pinned) decides "idle" by sleeping in 20 ms slices until the process used
# under 5% of one; every key pressed costs two such waits. 5 ms slices ask the same question
# (same 5%) four times as often: most keys then cost 10 ms instead of 40.
textual._wait.SLEEP_GRANULARITY = 1 / 200
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20


@pytest.fixture(autouse=True)
def _no_real_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may read or write the teacher's real data folder."""
    monkeypatch.setenv("TEACHERDESK_DATA", str(tmp_path / "default" / "teacherdesk.json"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture(autouse=True)
def _us_date_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """How 3/12 reads follows the locale when settings leave it open: the tests pin a US locale
    for dates (LC_TIME only, encodings untouched), so they mean the same on every machine."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_TIME", "en_US.UTF-8")


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor is a timer that wakes the app twice a second and can be caught half-way
    in a snapshot: every Input and TextArea (and their subclasses) starts with it off."""
    for widget in (Input, TextArea):
        monkeypatch.setattr(widget.__dict__["cursor_blink"], "_default", False)


@pytest.fixture(autouse=True)
def typing_pause(monkeypatch: pytest.MonkeyPatch) -> type[TypingPause]:
    """Forms act as soon as the keys already sent are handled, so no test waits on a clock. A test
    that needs a form to hold off sets `typing_pause.save = 3600` (restored afterwards)."""
    monkeypatch.setattr(TypingPause, "check", 0.0)
    monkeypatch.setattr(TypingPause, "save", 0.0)
    return TypingPause


@pytest.fixture
def memory_store() -> Store:
    return Store.memory(author="tester")


@pytest.fixture
def demo_store() -> Store:
    """The default demo class (24 students) laid around TODAY, in memory."""
    store = Store.memory(author="tester")
    build_demo(store, DemoSize(), today=TODAY)
    return store


@pytest.fixture
def packet_store() -> Store:
    """For the packet and recap: one student (hostile name, IEP), a restricted note, a held
    conference with an action for the family."""
    store = Store.memory(author="tester")
    student = Student(
        first_name="Zoë *Star*", last_name="<b>Bright</b>", grade="4", has_iep=True, id="s1"
    )
    store.students.save(student)
    mother = Guardian(name="Ana Ruiz", student_ids=["s1"], relationship="mother", id="g1")
    store.guardians.save(mother)
    store.contacts.add_many(
        [
            ContactNote(
                student_id="s1",
                guardian_id="g1",
                date=TODAY,
                purpose=Purpose.POSITIVE,
                summary="Great week",
            ),
            ContactNote(
                student_id="s1",
                date=TODAY,
                purpose=Purpose.BEHAVIOR,
                summary=SECRET,
                restricted=True,
            ),
        ]
    )
    store.conferences.save(
        Conference(
            id="c1",
            student_id="s1",
            when=dt.datetime(2026, 11, 2, 15, 30),
            status=ConferenceStatus.HELD,
            guardian_ids=["g1"],
            celebrations="Reads *every* night",
            actions=[AgreedAction(what="Reading log <daily>", owner="family", due=TODAY)],
            next_conference=TODAY + dt.timedelta(days=30),
        )
    )
    return store


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "teacherdesk.json"


@pytest.fixture
def demo_file(data_file: Path) -> Path:
    """A demo class written to a real file (0600 in a 0700 folder)."""
    build_demo(Store.open(data_file, author="tester"), DemoSize(), today=TODAY)
    return data_file


@pytest.fixture
def app_factory():
    return make_app


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["TEACHERDESK_DATA"] = str(tmp_path / "cli" / "teacherdesk.json")
    return env


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """One `teacherdesk demo` per test process; each test gets its own copy (`demo_path`)."""
    path = tmp_path_factory.mktemp("template") / "teacherdesk.json"
    done = run_main(["demo", "--no-open"], env={**os.environ, "TEACHERDESK_DATA": str(path)})
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def demo_path(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "class" / "teacherdesk.json"
    path.parent.mkdir(mode=0o700)
    shutil.copy2(demo_template, path)
    return path
