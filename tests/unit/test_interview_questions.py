"""The Student Input questions as data, and the logic around them (resume, first person)."""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.demo import ANSWERS
from teacherdesk.domain.interview import (
    BY_ID,
    QUESTION_IDS,
    QUESTIONS,
    first_person,
    next_unanswered,
    position,
    progress,
    resume_index,
    review_lines,
    with_answer,
    with_draft,
    wording_for_grade,
)
from teacherdesk.models import InterviewWording, StudentInterview

CONTRACT = [
    "strengths",
    "needs",
    "helps_me_learn",
    "gets_in_my_way",
    "academic_goal",
    "behavior_goal",
    "team_should_know",
]


def test_question_ids_are_the_contract_and_unique():
    assert set(CONTRACT) <= set(QUESTION_IDS)
    assert len(set(QUESTION_IDS)) == len(QUESTIONS) == 9
    assert QUESTION_IDS[0] == "strengths" and QUESTION_IDS[-1] == "team_should_know"


def test_every_question_has_both_wordings_examples_and_a_lead():
    for question in QUESTIONS:
        assert question.elementary.endswith("?") and question.secondary.endswith("?")
        assert question.elementary != question.secondary
        for wording in InterviewWording:
            assert 1 <= len(question.examples(wording)) <= 3
            assert all(example.strip() for example in question.examples(wording))
        assert question.lead.split()[0] in ("I", "My", "What")
        assert question.title
    assert BY_ID["strengths"].lead == "I am good at"
    assert BY_ID["needs"].lead == "I need help with"
    assert BY_ID["strengths"].text(InterviewWording.ELEMENTARY) == "What are you good at?"


def test_wording_by_grade():
    for grade in ("K", "kindergarten", "1", "3", "5", "Grade 5"):
        assert wording_for_grade(grade) == InterviewWording.ELEMENTARY, grade
    for grade in ("6", "8", "12", "10th", ""):
        assert wording_for_grade(grade) == InterviewWording.SECONDARY, grade


def test_resume_progress_and_position():
    answers = dict(list(ANSWERS.items())[:5])
    assert resume_index(answers) == 5  # behavior_goal
    assert next_unanswered({"strengths": "x", "helps_me_learn": "y"}) == 1
    assert next_unanswered({"strengths": "x"}, start=3) == 3
    assert resume_index({q: "x" for q in QUESTION_IDS}) is None
    assert position(2) == "3 of 9"
    assert progress(answers) == "5 of 9 answered"


def test_first_person_rendering():
    sentences = {q.id: first_person(q, ANSWERS[q.id]) for q in QUESTIONS if q.id in ANSWERS}
    assert sentences["strengths"] == "I am good at drawing comics and helping my friends with math."
    assert sentences["needs"].startswith("I need help with reading long chapters")
    assert (
        sentences["academic_goal"]
        == "My learning goal is to read a whole chapter book by myself by spring."
    )
    assert sentences["team_should_know"].startswith("I want my team to know that I try hard")
    assert (
        first_person(BY_ID["academic_goal"], "to read more") == "My learning goal is to read more."
    )
    assert first_person(BY_ID["strengths"], "I am good at math!") == "I am good at math!"
    assert first_person(BY_ID["strengths"], "Drawing") == "I am good at drawing."
    assert first_person(BY_ID["strengths"], "  ") == ""
    interview = StudentInterview(student_id="s", answers={"needs": "spelling"})
    lines = dict((q.id, text) for q, text in review_lines(interview))
    assert lines["needs"] == "I need help with spelling." and lines["strengths"] == ""


def test_answers_drafts_and_completion():
    today = dt.date(2026, 11, 16)
    interview = StudentInterview(student_id="s")
    interview = with_draft(interview, "strengths", "draw")
    assert interview.drafts == {"strengths": "draw"}
    interview = with_answer(interview, "strengths", " drawing ", today)
    assert interview.answers == {"strengths": "drawing"} and interview.drafts == {}
    assert with_draft(interview, "strengths", "drawing").drafts == {}  # same as the answer
    for qid in QUESTION_IDS:
        interview = with_answer(interview, qid, "yes", today)
    assert interview.completed_on == today
    interview = with_answer(interview, "needs", "", today)  # cleared: not complete any more
    assert "needs" not in interview.answers and interview.completed_on is None
