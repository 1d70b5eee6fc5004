"""Transition questions in the Student Input interview by age, one record per school year, and
the packet showing this year's answers beside last year's."""

from __future__ import annotations

import datetime as dt

from teacherdesk.domain.interview import (
    QUESTIONS,
    TRANSITION_QUESTIONS,
    is_complete,
    load_or_new,
    position,
    questions_for,
    resume_index,
    save_answer,
    save_skip,
    this_and_last_year,
)
from teacherdesk.exports.packet import export_packet
from teacherdesk.models import Settings, Student, StudentInterview

TODAY = dt.date(2026, 11, 16)  # school year 2026-27
TRANSITION_IDS = ["education_after_school", "work", "living_on_my_own"]


def student_born(store, born: dt.date | None) -> Student:
    return store.students.save(
        Student(first_name="Ada", last_name="Quill", grade="9", date_of_birth=born)
    )


def ids(interview) -> list[str]:
    return [q.id for q in questions_for(interview)]


def test_transition_questions_from_age_14(memory_store):
    fourteen = student_born(memory_store, dt.date(2012, 11, 16))
    thirteen = student_born(memory_store, dt.date(2012, 11, 17))
    unknown = student_born(memory_store, None)
    asked = load_or_new(memory_store, fourteen, TODAY)
    assert asked.transition and asked.school_year == "2026-27"
    assert ids(asked)[-4:] == [*TRANSITION_IDS, "team_should_know"]
    assert position(0, questions_for(asked)) == "1 of 12"
    assert not load_or_new(memory_store, thirteen, TODAY).transition
    assert not load_or_new(memory_store, unknown, TODAY).transition
    assert ids(load_or_new(memory_store, thirteen, TODAY)) == [q.id for q in QUESTIONS]


def test_transition_age_is_a_setting(memory_store):
    memory_store.settings.save(Settings(transition_interview_age=16))
    fourteen = student_born(memory_store, dt.date(2012, 1, 1))
    assert not load_or_new(memory_store, fourteen, TODAY).transition


def test_transition_answers_verbatim_and_the_interview_resumes_and_completes(memory_store):
    student = student_born(memory_store, dt.date(2010, 1, 1))
    for question in QUESTIONS[:-1]:
        save_answer(memory_store, student, question.id, "ok", TODAY)
    saved = save_answer(memory_store, student, "work", "  fix bikes *for real*  ", TODAY)
    assert saved.answers["work"] == "fix bikes *for real*"
    questions = questions_for(saved)
    assert questions[resume_index(saved.answers, saved.skipped, questions)].id == (
        "education_after_school"
    )
    save_skip(memory_store, student, "education_after_school", TODAY)
    save_answer(memory_store, student, "living_on_my_own", "with my cousin", TODAY)
    done = save_answer(memory_store, student, "team_should_know", "I like lists", TODAY)
    assert is_complete(done.answers, done.skipped, questions_for(done))
    assert done.completed_on == TODAY
    assert len(memory_store.interviews.all()) == 1


def test_a_new_school_year_starts_a_new_record(memory_store):
    student = student_born(memory_store, dt.date(2012, 9, 1))
    save_answer(memory_store, student, "strengths", "drawing", dt.date(2026, 5, 4))
    save_answer(memory_store, student, "strengths", "drawing and coding", TODAY)
    this, last = this_and_last_year(memory_store, student.id, TODAY)
    assert (this.school_year, last.school_year) == ("2026-27", "2025-26")
    assert (this.answers["strengths"], last.answers["strengths"]) == (
        "drawing and coding",
        "drawing",
    )
    assert not last.transition and this.transition  # 13 last May, 14 since September


def test_old_records_without_a_school_year_still_load(memory_store):
    student = student_born(memory_store, None)
    memory_store.interviews.save(
        StudentInterview(student_id=student.id, answers={"strengths": "maps"})
    )
    current = load_or_new(memory_store, student, TODAY)
    assert current.answers == {"strengths": "maps"} and current.school_year == "2026-27"


def test_packet_shows_last_years_answers_beside_this_years(memory_store):
    student = student_born(memory_store, dt.date(2011, 3, 1))
    save_answer(memory_store, student, "strengths", "drawing", dt.date(2026, 5, 4))
    save_answer(memory_store, student, "needs", "long *chapters*", dt.date(2026, 5, 4))
    save_answer(memory_store, student, "strengths", "drawing and coding", TODAY)
    save_answer(memory_store, student, "work", "game design", TODAY)
    text = export_packet(memory_store, student, today=TODAY, author="tester")
    part = text.split("## Student input", 1)[1].split("\n## ", 1)[0]
    assert "The student's answers as typed during the interview in 2026-27" in part
    assert "- **Strengths:** drawing and coding\n  - **Last year (2025-26):** drawing\n" in part
    assert (
        "- **Needs:** Not answered yet.\n  - **Last year (2025-26):** long \\*chapters\\*" in part
    )
    assert "- **Work:** game design" in part
    assert part.count("Last year") == 2


def test_packet_with_only_last_years_interview(memory_store):
    student = student_born(memory_store, None)
    save_answer(memory_store, student, "strengths", "drawing", dt.date(2026, 5, 4))
    text = export_packet(memory_store, student, today=TODAY, author="tester")
    assert "Not interviewed yet this school year. Last year's answers, as typed:" in text
    assert "- **Strengths:** drawing" in text
    assert len(TRANSITION_QUESTIONS) == 3
