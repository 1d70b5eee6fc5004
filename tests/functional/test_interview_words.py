"""The student's own words: typed answers reach the record and the packet exactly as typed, and
an empty answer is skipped only when enter is pressed twice."""

from __future__ import annotations

import asyncio

from teacherdesk.exports.packet import gather, packet_markdown
from teacherdesk.models import Student
from tests.helpers import TODAY, make_app

ANSWERS = [
    "Drawing",  # a capital the old read-back lowered
    "long words in books are hard for me",
    "it helps when my teacher shows me first",
]


async def drain(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    for _ in range(250):  # the saver thread calls back on the loop: yield to it
        if not app.saver.pending:
            break
        await asyncio.sleep(0.01)
    await pilot.pause()


async def test_answers_are_saved_and_exported_verbatim_and_skip_asks_first(memory_store):
    student = Student(first_name="Grace Min-ji", last_name="Arbor", grade="4", has_iep=True)
    memory_store.students.save(student)
    app = make_app(memory_store, interview_student=student.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await drain(app, pilot)
        for answer in ANSWERS:
            await pilot.press(*answer, "enter")
        await drain(app, pilot)
        assert app.screen.index == 3
        await pilot.press("enter")  # empty: asks, does not skip
        status = str(app.screen.query_one("#iv-status").render())
        assert "Skip this question?" in status
        assert app.screen.index == 3
        await pilot.press("enter")  # again: skipped on purpose
        await drain(app, pilot)
        assert app.screen.index == 4

    record = memory_store.interviews.for_student(student.id)
    ids = ["strengths", "needs", "helps_me_learn"]
    assert [record.answers[qid] for qid in ids] == ANSWERS
    assert record.skipped == ["gets_in_my_way"]
    text = packet_markdown(gather(memory_store, student), today=TODAY, author="tester")
    assert "- **Strengths:** Drawing\n" in text
    assert "- **Needs:** long words in books are hard for me\n" in text
    assert "- **What helps me learn:** it helps when my teacher shows me first\n" in text
    assert "- **What gets in my way:** Skipped.\n" in text
    assert "own words" not in text and "I need help with" not in text
