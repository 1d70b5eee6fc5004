"""The Student Input interview by keyboard: answer, pause, resume, go back, review and edit;
drafts saved after a pause and on hang-up; snapshot at 80×24."""

from __future__ import annotations

import asyncio

from teacherdesk.models import InterviewWording, Student
from teacherdesk.ui.screens.interview import InterviewScreen
from tests.helpers import make_app


def add_student(store, **fields) -> Student:
    student = Student(first_name="Wren", last_name="Quillby", grade="7", **fields)
    store.students.save(student)
    return student


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def saved(app, pilot) -> None:
    """Wait for the saver without blocking the event loop (its callbacks run there)."""
    for _ in range(250):
        if not app.saver.pending:
            break
        await asyncio.sleep(0.02)
    await pilot.pause()


def screen_text(app) -> str:
    return " ".join(str(w.render()) for w in app.screen.query("Static") if w.display)


async def test_answer_pause_resume_and_go_back(memory_store):
    student = add_student(memory_store)
    app = make_app(memory_store, interview_student=student.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.index == 0
        assert "What are your strengths" in screen_text(app)  # grade 7: secondary wording
        assert "Question 1 of 9" in screen_text(app)
        await pilot.press(*"chess club", "enter")
        await pilot.press(*"fractions", "enter")
        await saved(app, pilot)
        record = memory_store.interviews.for_student(student.id)
        assert record.answers == {"strengths": "chess club", "needs": "fractions"}
        assert record.wording == InterviewWording.SECONDARY
        assert screen.index == 2 and "Question 3 of 9" in screen_text(app)
        await pilot.press("escape")  # pause
        await settle(app, pilot)
        assert not isinstance(app.screen, InterviewScreen)

        app.push_screen(InterviewScreen(student.id))  # reopen: resumes at the first unanswered
        await settle(app, pilot)
        assert app.screen.index == 2
        await pilot.press("pageup")
        await pilot.pause()
        assert app.screen.index == 1
        assert app.screen.query_one("#iv-answer").text == "fractions"
        await pilot.press("pageup", "pageup")
        assert app.screen.index == 0
        await pilot.press("pagedown", "pagedown")  # skip forward without changing answers
        assert app.screen.index == 2


async def test_enter_never_adds_a_newline_and_long_answers_wrap(memory_store):
    student = add_student(memory_store)
    app = make_app(memory_store, interview_student=student.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        box = app.screen.query_one("#iv-answer")
        long = "I like building bridges out of popsicle sticks " * 3
        box.insert(long.strip())  # as if pasted
        await pilot.press(*" ok")
        await pilot.pause()
        assert box.wrapped_document.height > 1  # the long answer wraps inside the box
        await pilot.press("enter")
        await saved(app, pilot)
        answer = memory_store.interviews.for_student(student.id).answers["strengths"]
        assert "\n" not in answer and answer == long.strip() + " ok"
        assert app.screen.index == 1


async def test_review_page_reads_back_and_edits(memory_store):
    from teacherdesk.domain.interview import QUESTION_IDS
    from teacherdesk.models import StudentInterview

    student = add_student(memory_store)
    answers = {qid: f"answer {n}" for n, qid in enumerate(QUESTION_IDS[:-1])}
    answers["strengths"] = "chess"
    memory_store.interviews.save(StudentInterview(student_id=student.id, answers=answers))
    app = make_app(memory_store, interview_student=student.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.screen.index == 8  # the last question
        await pilot.press(*"I try hard", "enter")
        await pilot.pause()
        assert app.screen.index is None  # the review page
        options = app.screen.query_one("#iv-review-list")
        first = str(options.get_option_at_index(0).prompt)
        assert first.splitlines()[-1] == "chess"  # exactly as typed, nothing added
        last = str(options.get_option_at_index(8).prompt)
        assert last.splitlines()[-1] == "I try hard"
        await saved(app, pilot)
        assert memory_store.interviews.for_student(student.id).completed_on is not None
        options.highlighted = 0
        await pilot.press("enter")  # edit the first answer
        assert app.screen.index == 0
        assert app.screen.query_one("#iv-answer").text == "chess"
        await pilot.press(*" and music", "enter")
        await pilot.pause()
        assert app.screen.index is None  # back to the review
        await saved(app, pilot)
        record = memory_store.interviews.for_student(student.id)
        assert record.answers["strengths"] == "chess and music"
        assert str(options.get_option_at_index(0).prompt).endswith("\nchess and music")
        await pilot.press("w")  # switch the wording on the record
        await saved(app, pilot)
        wording = memory_store.interviews.for_student(student.id).wording
        assert wording == InterviewWording.ELEMENTARY


async def test_draft_saved_after_quiet_and_on_flush(memory_store):
    student = add_student(memory_store)
    app = make_app(memory_store, interview_student=student.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"robots")
        await asyncio.sleep(0.8)
        await saved(app, pilot)
        record = memory_store.interviews.for_student(student.id)
        assert record.drafts == {"strengths": "robots"} and record.answers == {}
        await pilot.press(*" ok")
        app.flush_pending_edits()  # what quit and hang-up do
        await saved(app, pilot)
        assert memory_store.interviews.for_student(student.id).drafts == {"strengths": "robots ok"}
        await pilot.press("escape")
        await settle(app, pilot)
        app.push_screen(InterviewScreen(student.id))
        await settle(app, pilot)
        assert app.screen.index == 0  # a draft is not an answer
        assert app.screen.query_one("#iv-answer").text == "robots ok"


def test_interview_snapshot(snap_compare, demo_store):
    student = next(s for s in demo_store.students.all() if s.has_iep)
    app = make_app(demo_store, interview_student=student.id)

    async def ready(pilot):
        await settle(pilot.app, pilot)
        await pilot.press(*"ask for a break")

    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


def _read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    """Read the pty (so the app never blocks on output) until `wanted` shows up."""
    import os
    import select
    import time

    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if wanted in seen:
                return seen
    raise AssertionError(f"{wanted!r} never appeared; last output: {seen[-400:]!r}")


def _drain_for(fd: int, seconds: float) -> None:
    import contextlib

    with contextlib.suppress(AssertionError):
        _read_until(fd, b"\x00never\x00", seconds)


import pytest  # noqa: E402


@pytest.mark.slow
def test_hangup_keeps_answers_and_typed_draft(demo_file, tmp_path):
    """`teacherdesk interview STUDENT` in a real pty; SIGHUP mid-typing loses nothing."""
    import fcntl
    import os
    import pty
    import signal
    import struct
    import sys
    import termios
    import time

    from teacherdesk.store import Store

    store = Store.open(demo_file)
    student = next(s for s in store.students.all() if s.has_iep)
    env = dict(os.environ, TERM="xterm-256color", TEXTUAL_ANIMATIONS="none")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command
        os.execve(
            sys.executable,
            [
                sys.executable,
                "-m",
                "teacherdesk",
                "--data",
                str(demo_file),
                "interview",
                student.student_number,
            ],
            env,
        )
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        _read_until(fd, b"Question", 30)
        _drain_for(fd, 0.5)
        os.write(fd, b"raise my hand\r")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            _drain_for(fd, 0.2)
            answers = Store.open(demo_file).interviews.for_student(student.id).answers
            if answers.get("behavior_goal") == "raise my hand":
                break
        else:
            raise AssertionError("the answer never reached the file")
        os.write(fd, b"my drawing")
        _drain_for(fd, 0.15)  # less than the draft debounce: only the hang-up can save it
        os.kill(pid, signal.SIGHUP)
        started = time.monotonic()
        while True:
            _drain_for(fd, 0.05)
            done, _status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            assert time.monotonic() - started < 15, "the app did not exit after SIGHUP"
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
    record = Store.open(demo_file).interviews.for_student(student.id)
    assert record.answers["behavior_goal"] == "raise my hand"
    assert record.answers["strengths"]  # the earlier answers are still there
    assert record.drafts == {"proud_of": "my drawing"}
