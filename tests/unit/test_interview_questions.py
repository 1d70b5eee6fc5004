"""The Student Input questions as data, and the logic around them (resume, first person)."""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.demo import ANSWERS
from teacherdesk.domain.interview import (
    BY_ID,
    QUESTION_IDS,
    QUESTIONS,
    next_unanswered,
    position,
    progress,
    resume_index,
    review_lines,
    with_answer,
    with_draft,
    with_skip,
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


def test_every_question_has_both_wordings_and_examples():
    for question in QUESTIONS:
        assert question.elementary.endswith("?") and question.secondary.endswith("?")
        assert question.elementary != question.secondary
        for wording in InterviewWording:
            assert 1 <= len(question.examples(wording)) <= 3
            assert all(example.strip() for example in question.examples(wording))
        assert question.title
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


def test_answers_are_read_back_exactly_as_typed():
    """No lead, no full stop, no change of case: the record is the student's own words."""
    answers = {
        "needs": "long words in books are hard for me",
        "helps_me_learn": "it helps when my teacher shows me first",
        "interests": "be an artist",
        "strengths": "Drawing",
    }
    interview = StudentInterview(student_id="s", answers=answers, skipped=["proud_of"])
    lines = {line.question.id: line for line in review_lines(interview)}
    for qid, said in answers.items():
        assert lines[qid].answer == said and not lines[qid].skipped
    assert lines["proud_of"].answer == "" and lines["proud_of"].skipped
    assert lines["academic_goal"].answer == "" and not lines["academic_goal"].skipped


def test_skipping_on_purpose_counts_as_handled_not_answered():
    today = dt.date(2026, 11, 16)
    interview = StudentInterview(student_id="s")
    interview = with_skip(interview, "strengths", today)
    assert interview.skipped == ["strengths"] and "strengths" not in interview.answers
    assert resume_index(interview.answers, interview.skipped) == 1
    assert progress(interview.answers, interview.skipped) == "0 of 9 answered, 1 skipped"
    for qid in QUESTION_IDS[1:]:
        interview = with_answer(interview, qid, "yes", today)
    assert interview.completed_on == today  # every question answered or skipped
    interview = with_answer(interview, "strengths", "maths", today)  # answered later after all
    assert interview.skipped == [] and interview.answers["strengths"] == "maths"
    assert progress(interview.answers, interview.skipped) == "9 of 9 answered"


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
