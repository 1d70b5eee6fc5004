"""The app shows Today's read-ahead view only when it was read from exactly the file the app
then opens; otherwise (another session saved in between) the app's own build replaces it."""

from __future__ import annotations

from teacherdesk.domain import today_ahead
from teacherdesk.domain.today import build_today
from teacherdesk.models import ContactNote, FollowUp, Student
from teacherdesk.store import Store
from tests.helpers import TODAY, make_app, settle, table_rows


class Received(today_ahead.TodayAhead):
    """A reader that has already handed its view over (no process behind it)."""

    def __init__(self, found: today_ahead.ReadAhead) -> None:
        self.found, self.today = found, TODAY

    def wait(self, seconds: float = today_ahead.WAIT_SECONDS) -> today_ahead.ReadAhead:
        return self.found

    def stop(self) -> None:
        pass


def promise(store: Store, kid: Student, what: str) -> None:
    store.contacts.save(
        ContactNote(student_id=kid.id, date=TODAY, follow_up=FollowUp(what=what, due=TODAY))
    )


def follow_ups_shown(app) -> list[str]:
    return [row[2] for row in table_rows(app, "#today-follow-ups")]


async def test_the_read_ahead_view_of_the_same_file_is_shown_and_not_built_again(
    tmp_path, monkeypatch
):
    path = tmp_path / "class.json"
    store = Store.open(path, backups=False)
    promise(store, store.students.save(Student(first_name="Ada", last_name="Ahead")), "Call")
    found = today_ahead.ReadAhead(store.storage.stamp, build_today(store, TODAY))
    built = []
    monkeypatch.setattr(
        "teacherdesk.ui.screens.today.build_today", lambda *a: built.append(a) or build_today(*a)
    )
    app = make_app(Store.open(path, backups=False, read_now=False), today_ahead=Received(found))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: app.store.is_open and follow_ups_shown(app))
        assert follow_ups_shown(app) == ["Call"]
        assert built == []  # the app read the same file: nothing built twice


async def test_a_save_in_between_and_the_app_shows_its_own_build(tmp_path):
    path = tmp_path / "class.json"
    store = Store.open(path, backups=False)
    kid = store.students.save(Student(first_name="Ada", last_name="Ahead"))
    promise(store, kid, "Call")
    found = today_ahead.ReadAhead(store.storage.stamp, build_today(store, TODAY))
    promise(store, kid, "Send the trip form")  # another session, after the reader read
    app = make_app(Store.open(path, backups=False, read_now=False), today_ahead=Received(found))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, lambda: len(follow_ups_shown(app)) == 2)
        assert sorted(follow_ups_shown(app)) == ["Call", "Send the trip form"]
