"""The app shows Today's read-ahead view only while the file is the one the reader read, keeps
it only if its own reading finds the same file, says the damaged records the reader left out,
and never waits long for a reader that does not answer."""

from __future__ import annotations

import threading

from teacherdesk.cli.today_ahead import ReadAhead
from teacherdesk.domain.today import build_today
from teacherdesk.models import ContactNote, FollowUp, Student
from teacherdesk.store import Store
from teacherdesk.ui.screens.today import TodayScreen
from tests.helpers import TODAY, make_app, settle, table_rows


class Received:
    """A reader that hands `found` over when `answer` is set (at once by default)."""

    def __init__(self, found: ReadAhead | None, *, answers: bool = True) -> None:
        self.found, self.today = found, TODAY
        self.answer = threading.Event()
        self.given_up = False
        if answers:
            self.answer.set()

    def wait(self, seconds: float) -> ReadAhead | None:
        return self.found if self.answer.wait(seconds) and not self.given_up else None

    def ready(self) -> ReadAhead | None:
        if not self.answer.is_set():
            self.given_up = True
            return None
        return self.found

    def stop(self) -> None:
        self.ready()


def a_class(path) -> tuple[Store, Student]:
    store = Store.open(path, backups=False)
    kid = store.students.save(Student(first_name="Ada", last_name="Ahead"))
    promise(store, kid, "Call")
    return store, kid


def promise(store: Store, kid: Student, what: str) -> None:
    store.contacts.save(
        ContactNote(student_id=kid.id, date=TODAY, follow_up=FollowUp(what=what, due=TODAY))
    )


def read_ahead(store: Store) -> ReadAhead:
    return ReadAhead(store.storage.identity, build_today(store, TODAY), store.skipped_by_table())


def follow_ups_shown(app) -> list[str]:
    return [row[2] for row in table_rows(app, "#today-follow-ups")]


def every_view_drawn(monkeypatch) -> list[list[str]]:
    """The follow-ups of each view Today draws, in order."""
    drawn: list[list[str]] = []
    real = TodayScreen._show

    def show(screen, view):
        drawn.append([item.what for item in view.overdue + view.due_this_week])
        real(screen, view)

    monkeypatch.setattr(TodayScreen, "_show", show)
    return drawn


async def test_the_view_of_the_same_file_is_shown_and_not_built_again(tmp_path, monkeypatch):
    path = tmp_path / "class.json"
    found = read_ahead(a_class(path)[0])
    built = []
    monkeypatch.setattr(
        "teacherdesk.ui.screens.today.build_today", lambda *a: built.append(a) or build_today(*a)
    )
    app = make_app(Store.open(path, backups=False, read_now=False), today_ahead=Received(found))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: app.store.is_open and follow_ups_shown(app))
        assert follow_ups_shown(app) == ["Call"]
        assert built == []  # the app read the same file: nothing built twice


async def test_a_save_in_between_is_never_shown_stale(tmp_path, monkeypatch):
    """Another session saves after the reader read: its view is never drawn at all."""
    path = tmp_path / "class.json"
    store, kid = a_class(path)
    found = read_ahead(store)
    promise(store, kid, "Send the trip form")
    drawn = every_view_drawn(monkeypatch)
    app = make_app(Store.open(path, backups=False, read_now=False), today_ahead=Received(found))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: len(follow_ups_shown(app)) == 2)
        assert drawn == [["Call", "Send the trip form"]]


async def test_damaged_records_the_reader_left_out_are_said(tmp_path):
    path = tmp_path / "class.json"
    store, _kid = a_class(path)
    found = read_ahead(store)
    note_id = next(iter(store.contacts.all())).id
    found = ReadAhead(found.identity, found.view, {"contacts": [note_id]})
    app = make_app(Store.open(path, backups=False, read_now=False), today_ahead=Received(found))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: app.store.is_open and follow_ups_shown(app))
        assert note_id in app.store.contacts.skipped  # the 3 s notice counts it


async def test_a_reader_that_does_not_answer_is_not_waited_for(tmp_path, monkeypatch):
    """The app reads the file itself after a moment and shows its own Today; the reader's
    view, if it comes later, is never drawn over it."""
    path = tmp_path / "class.json"
    store, _kid = a_class(path)
    silent = Received(read_ahead(store), answers=False)
    drawn = every_view_drawn(monkeypatch)
    monkeypatch.setattr("teacherdesk.ui.app.PATIENCE_SECONDS", 0.05)
    app = make_app(Store.open(path, backups=False, read_now=False), today_ahead=silent)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: follow_ups_shown(app))
        assert silent.given_up and drawn == [["Call"]]
        silent.answer.set()  # too late
        await settle(app, pilot)
        assert drawn == [["Call"]]


async def test_the_teachers_theme_is_there_when_the_view_is_drawn(tmp_path, monkeypatch):
    from teacherdesk.models import Settings

    path = tmp_path / "class.json"
    store, _kid = a_class(path)
    store.settings.save(Settings(teacher_name="Ms. T", theme="nord"))
    found = read_ahead(store)
    themes: list[str] = []
    real = TodayScreen._show
    monkeypatch.setattr(
        TodayScreen,
        "_show",
        lambda screen, view: themes.append(screen.app.theme) or real(screen, view),
    )
    app = make_app(Store.open(path, backups=False, read_now=False), today_ahead=Received(found))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: follow_ups_shown(app))
        assert themes and themes[0] == "nord"
