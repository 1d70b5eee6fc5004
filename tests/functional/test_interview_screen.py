"""The Student Input interview by keyboard: answer, pause, resume, go back, review and edit;
drafts saved after a pause and on flush (the hang-up: tests/system/test_interview_hangup.py)."""

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
        assert first.splitlines()[-1] == "chess"  # exactly as typed, nothing added
        last = str(options.get_option_at_index(8).prompt)
        assert last.splitlines()[-1] == "I try hard"
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
        assert str(options.get_option_at_index(0).prompt).endswith("\nchess and music")
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
