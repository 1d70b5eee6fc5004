"""The Student Input interview by keyboard: answer, pause, resume, go back, review and edit;
drafts saved after a pause and on hang-up; snapshot at 80×24."""

from __future__ import annotations

from teacherdesk.models import InterviewWording, Student
from teacherdesk.ui.screens.interview import InterviewScreen
from tests.helpers import make_app, saves_done, settle


def add_student(store, **fields) -> Student:
    student = Student(first_name="Wren", last_name="Quillby", grade="7", **fields)
    store.students.save(student)
    return student


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
        await saves_done(app, pilot)
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
        await saves_done(app, pilot)
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
        assert "I am good at chess." in first
        last = str(options.get_option_at_index(8).prompt)
        assert "I want my team to know that I try hard." in last
        await saves_done(app, pilot)
        assert memory_store.interviews.for_student(student.id).completed_on is not None
        options.highlighted = 0
        await pilot.press("enter")  # edit the first answer
        assert app.screen.index == 0
        assert app.screen.query_one("#iv-answer").text == "chess"
        await pilot.press(*" and music", "enter")
        await pilot.pause()
        assert app.screen.index is None  # back to the review
        await saves_done(app, pilot)
        record = memory_store.interviews.for_student(student.id)
        assert record.answers["strengths"] == "chess and music"
        assert "I am good at chess and music." in str(options.get_option_at_index(0).prompt)
        await pilot.press("w")  # switch the wording on the record
        await saves_done(app, pilot)
        wording = memory_store.interviews.for_student(student.id).wording
        assert wording == InterviewWording.ELEMENTARY


async def test_draft_saved_after_quiet_and_on_flush(memory_store, typing_pause):
    student = add_student(memory_store)
    app = make_app(memory_store, interview_student=student.id)

    def drafts() -> dict:
        record = memory_store.interviews.for_student(student.id)
        return {} if record is None else dict(record.drafts)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"robots")  # then typing pauses (tests: a microsecond)
        await settle(app, pilot, until=lambda: drafts() == {"strengths": "robots"})
        record = memory_store.interviews.for_student(student.id)
        assert record.drafts == {"strengths": "robots"} and record.answers == {}
        typing_pause.save = 3600  # no pause from here: only the flush can save what is typed
        await pilot.press(*" ok")
        await saves_done(app, pilot)
        assert drafts() == {"strengths": "robots"}
        app.flush_pending_edits()  # what quit and hang-up do
        await saves_done(app, pilot)
        assert memory_store.interviews.for_student(student.id).drafts == {"strengths": "robots ok"}
        await pilot.press("escape")
        await settle(app, pilot)
        app.push_screen(InterviewScreen(student.id))
        await settle(app, pilot)
        assert app.screen.index == 0  # a draft is not an answer
        assert app.screen.query_one("#iv-answer").text == "robots ok"


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

# The real command, with the pause before a draft saves itself made an hour: whatever the
# machine's speed, a draft on disk after the hang-up was saved by the hang-up.
NO_QUIET_SAVE = (
    "from teacherdesk.ui.forms.base import TypingPause\n"
    "TypingPause.save = 3600\n"
    "from teacherdesk.cli import main\n"
    "raise SystemExit(main())\n"
)


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
                "-c",
                NO_QUIET_SAVE,
                "--data",
                str(demo_file),
                "interview",
                student.student_number,
            ],
            env,
        )

    def on_disk():
        return Store.open(demo_file).interviews.for_student(student.id)

    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        _read_until(fd, b"Question", 30)
        _drain_for(fd, 0.5)
        os.write(fd, b"raise my hand\r")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            _drain_for(fd, 0.2)
            answers = on_disk().answers
            if answers.get("behavior_goal") == "raise my hand":
                break
        else:
            raise AssertionError("the answer never reached the file")
        os.write(fd, b"my drawing")
        _read_until(fd, b"my drawing", 10)  # on the screen, so in the answer box
        assert "proud_of" not in on_disk().drafts  # not saved yet: only the hang-up can
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
    record = on_disk()
    assert record.answers["behavior_goal"] == "raise my hand"
    assert record.answers["strengths"]  # the earlier answers are still there
    assert record.drafts == {"proud_of": "my drawing"}
