"""Hand-off cards: what works with each family, nothing restricted, no concerns; reviewed in
the app card by card before anything is written."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from teacherdesk.models import (
    Channel,
    ContactNote,
    Guardian,
    Purpose,
    Student,
    StudentInterview,
)
from teacherdesk.store import Store
from teacherdesk.store.access_log import read
from tests.helpers import TODAY, make_app, run_main, settle, static_text, wait_until


def class_of_two(store: Store) -> None:
    ava = store.students.save(Student(id="ava", first_name="Ava", last_name="Aster"))
    store.students.save(Student(id="ben", first_name="Ben", last_name="Birch"))
    store.guardians.save(
        Guardian(name="Maria Aster", student_ids=["ava"], relationship="mother",
                 preferred_channel=Channel.TEXT, best_time="after 5 pm",
                 preferred_language="Spanish", interpreter_needed=True)
    )  # fmt: skip
    store.interviews.save(
        StudentInterview(
            student_id=ava.id, answers={"helps_me_learn": "When I can draw it *first*"}
        )
    )
    store.contacts.add_many(
        [
            ContactNote(student_id=ava.id, date=TODAY, purpose=Purpose.POSITIVE, summary="great"),
            ContactNote(student_id=ava.id, date=TODAY, purpose=Purpose.CONCERN,
                        summary="CONCERN words"),
            ContactNote(student_id=ava.id, date=TODAY, purpose=Purpose.POSITIVE,
                        summary="RESTRICTED words", restricted=True),
        ]
    )  # fmt: skip


def test_the_command_writes_what_works_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    class_of_two(Store.open(path))
    done = run_main(["--data", path, "handoff", "Ava"])
    assert done.returncode == 0, done.stderr
    card = done.stdout
    assert "Maria Aster (mother)" in card and "text message" in card
    assert "after 5 pm" in card and "Spanish" in card and "interpreter" in card
    assert r"When I can draw it \*first\*" in card
    assert "Positive notes home this year:** 1" in card
    assert "CONCERN" not in card and "RESTRICTED" not in card and "great" not in card
    assert read(Store.open(path))[-1].what == "handoff"
    assert run_main(["--data", path, "handoff"]).returncode == 2


async def test_the_app_reviews_each_card_before_writing(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "t.json")
    class_of_two(store)
    out = tmp_path / "cards.md"
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app._handoff()
        await settle(app, pilot, lambda: "Card 1 of 2" in static_text(app, "#handoff-progress"))
        assert "Ava Aster" in static_text(app, "#handoff-card")
        await pilot.press("enter")
        assert "Ben Birch" in static_text(app, "#handoff-card")
        await pilot.press("x")
        await wait_until(pilot, lambda: bool(app.screen.query("#save-path")), "the save prompt")
        app.screen.query_one("#save-path", Input).value = str(out)
        await pilot.press("enter")
        await settle(app, pilot, out.exists)
    text = out.read_text()
    assert "Ava Aster" in text and "Ben Birch" not in text
    assert read(store)[-1].students == ("ava",)
