"""The Student Input interview as data: the questions, their wordings and the logic around them.

The question ids are a contract (the demo and the IEP packet use them): strengths, needs,
helps_me_learn, gets_in_my_way, academic_goal, behavior_goal, team_should_know, plus proud_of and
interests. Each question has an elementary wording (K–5) and a secondary one (6+), an example or
two to prompt the student. Answers are the student's own words: stored and shown exactly as typed
(trimmed, nothing else), never wrapped in a generated sentence. No textual here.

From the transition-interview age (Settings, 14 by default) three transition questions join, just
before the last one: education_after_school, work, living_on_my_own (an age-appropriate
transition assessment, 34 CFR 300.320(b)). Each interview is dated and kept per school year
("2026-27"): a new school year starts a new record, and last year's answers stay beside this
year's in the packet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from teacherdesk.domain.school_days import age_on, previous_school_year, school_year
from teacherdesk.models import InterviewWording, Settings, Student, StudentInterview
from teacherdesk.store import Store


@dataclass(frozen=True)
class Question:
    id: str
    title: str  # a short heading for the review page and the packet
    elementary: str
    secondary: str
    elementary_examples: tuple[str, ...]
    secondary_examples: tuple[str, ...]

    def text(self, wording: InterviewWording) -> str:
        return self.elementary if wording == InterviewWording.ELEMENTARY else self.secondary

    def examples(self, wording: InterviewWording) -> tuple[str, ...]:
        if wording == InterviewWording.ELEMENTARY:
            return self.elementary_examples
        return self.secondary_examples


QUESTIONS: tuple[Question, ...] = (
    Question(
        id="strengths",
        title="Strengths",
        elementary="What are you good at?",
        secondary="What are your strengths — in school and outside of it?",
        elementary_examples=("drawing", "being a good friend", "counting money"),
        secondary_examples=("solving problems with my hands", "explaining things to friends"),
    ),
    Question(
        id="needs",
        title="Needs",
        elementary="What is hard for you at school? What do you want help with?",
        secondary="What do you need help with to do well in school?",
        elementary_examples=("reading long words", "remembering my homework"),
        secondary_examples=("getting started on long assignments", "taking notes in class"),
    ),
    Question(
        id="helps_me_learn",
        title="What helps me learn",
        elementary="What helps you learn?",
        secondary="What helps you learn best?",
        elementary_examples=("when the teacher shows me first", "pictures", "a quiet spot"),
        secondary_examples=("worked examples before I try", "directions in writing"),
    ),
    Question(
        id="gets_in_my_way",
        title="What gets in my way",
        elementary="What makes it hard for you to learn?",
        secondary="What gets in the way of your learning?",
        elementary_examples=("a noisy room", "when there are too many words on a page"),
        secondary_examples=("background noise", "when instructions are only said out loud"),
    ),
    Question(
        id="academic_goal",
        title="My learning goal",
        elementary="What is one thing you want to learn to do this year?",
        secondary="What is one academic goal you want to reach this year?",
        elementary_examples=("read a chapter book by myself", "know my times tables"),
        secondary_examples=("raise my math grade to a B", "turn in every essay on time"),
    ),
    Question(
        id="behavior_goal",
        title="My behavior goal",
        elementary="What is one thing you want to get better at, like how you act or work?",
        secondary="What is one goal for how you work, behave or get along with others?",
        elementary_examples=("ask for a break when I'm upset", "raise my hand"),
        secondary_examples=("ask for help before I get stuck", "stay calm when plans change"),
    ),
    Question(
        id="proud_of",
        title="Proud of",
        elementary="What is something you are proud of?",
        secondary="What is something you are proud of this year?",
        elementary_examples=("I read to my little brother", "I learned to ride my bike"),
        secondary_examples=("I finished a hard project", "I helped at the food drive"),
    ),
    Question(
        id="interests",
        title="What I like",
        elementary="What do you like to do for fun?",
        secondary="What are you interested in, or want to do after school someday?",
        elementary_examples=("soccer", "building with blocks", "cooking with my grandma"),
        secondary_examples=("music production", "working with animals", "gaming"),
    ),
    Question(
        id="team_should_know",
        title="What I want my team to know",
        elementary="What do you want your teachers to know about you?",
        secondary="What do you want your IEP team (or your teachers) to know about you?",
        elementary_examples=("I try hard even when it looks like I don't",),
        secondary_examples=("I learn more when I can ask questions privately",),
    ),
)

TRANSITION_QUESTIONS: tuple[Question, ...] = (
    Question(
        id="education_after_school",
        title="Education or training after school",
        elementary="What would you like to learn more about when you are older?",
        secondary="After high school, what education or training would you like to do?",
        elementary_examples=("how to fix cars", "how to be a nurse"),
        secondary_examples=(
            "community college for graphic design",
            "an electrician apprenticeship",
        ),
    ),
    Question(
        id="work",
        title="Work",
        elementary="What job would you like to have when you grow up?",
        secondary=(
            "What kind of work would you like to do? What jobs have you tried or wondered about?"
        ),
        elementary_examples=("vet", "firefighter"),
        secondary_examples=("working outdoors with my hands", "I liked helping at my aunt's shop"),
    ),
    Question(
        id="living_on_my_own",
        title="Living on my own",
        elementary="What do you want to learn to do for yourself at home?",
        secondary=(
            "Where would you like to live after school, and what would help you live on your own?"
        ),
        elementary_examples=("make my own lunch", "take the bus"),
        secondary_examples=("an apartment with a friend", "learning to budget and cook"),
    ),
)

QUESTION_IDS: tuple[str, ...] = tuple(question.id for question in QUESTIONS)
BY_ID: dict[str, Question] = {q.id: q for q in (*QUESTIONS, *TRANSITION_QUESTIONS)}
# With transition: the three join just before "what I want my team to know", the last word.
WITH_TRANSITION: tuple[Question, ...] = (*QUESTIONS[:-1], *TRANSITION_QUESTIONS, QUESTIONS[-1])


def questions_for(interview: StudentInterview | None) -> tuple[Question, ...]:
    """The questions this interview asks, in order."""
    return WITH_TRANSITION if interview is not None and interview.transition else QUESTIONS


def asks_transition(student: Student, day: dt.date, settings: Settings) -> bool:
    """Old enough on `day` for the transition questions (unknown birth date: no)."""
    born = student.date_of_birth
    return born is not None and age_on(born, day) >= settings.transition_interview_age


_ELEMENTARY_GRADES = {"pk", "prek", "pre-k", "tk", "k", "kg", "kindergarten", "0"}


def wording_for_grade(grade: str) -> InterviewWording:
    """K–5 get the elementary wording, 6 and up the secondary one (unknown: secondary)."""
    text = grade.strip().lower().removeprefix("grade").strip()
    if text in _ELEMENTARY_GRADES:
        return InterviewWording.ELEMENTARY
    match = re.match(r"^(\d{1,2})", text)
    if match:
        return InterviewWording.ELEMENTARY if int(match[1]) <= 5 else InterviewWording.SECONDARY
    return InterviewWording.SECONDARY


def new_interview(
    student: Student, today: dt.date | None = None, settings: Settings | None = None
) -> StudentInterview:
    day = today or dt.date.today()
    return StudentInterview(
        student_id=student.id,
        wording=wording_for_grade(student.grade),
        school_year=school_year(day),
        transition=asks_transition(student, day, settings or Settings()),
    )


# --- progress ---


def is_handled(question_id: str, answers: dict[str, str], skipped: Collection[str] = ()) -> bool:
    """Answered, or skipped on purpose (enter twice on an empty answer)."""
    return bool(answers.get(question_id, "").strip()) or question_id in skipped


Questions = Sequence[Question]


def answered_count(answers: dict[str, str], questions: Questions = QUESTIONS) -> int:
    return sum(1 for q in questions if answers.get(q.id, "").strip())


def is_complete(
    answers: dict[str, str], skipped: Collection[str] = (), questions: Questions = QUESTIONS
) -> bool:
    return all(is_handled(q.id, answers, skipped) for q in questions)


def next_unanswered(
    answers: dict[str, str],
    start: int = 0,
    skipped: Collection[str] = (),
    questions: Questions = QUESTIONS,
) -> int | None:
    """Index of the first question at or after `start` neither answered nor skipped (None: none)."""
    for index in range(max(0, start), len(questions)):
        if not is_handled(questions[index].id, answers, skipped):
            return index
    return None


def resume_index(
    answers: dict[str, str], skipped: Collection[str] = (), questions: Questions = QUESTIONS
) -> int | None:
    """Where reopening the interview starts: the first open question (None: review)."""
    return next_unanswered(answers, skipped=skipped, questions=questions)


def position(index: int, questions: Questions = QUESTIONS) -> str:
    """'3 of 9' for the question at `index` (0-based)."""
    return f"{index + 1} of {len(questions)}"


def progress(
    answers: dict[str, str], skipped: Collection[str] = (), questions: Questions = QUESTIONS
) -> str:
    """'3 of 9 answered', or '3 of 9 answered, 1 skipped'."""
    done = f"{answered_count(answers, questions)} of {len(questions)} answered"
    passed = sum(1 for q in questions if q.id in skipped and not answers.get(q.id, "").strip())
    return f"{done}, {passed} skipped" if passed else done


# --- reading answers back ---


@dataclass(frozen=True)
class ReviewLine:
    question: Question
    answer: str  # exactly as typed ('' when there is none)
    skipped: bool


def review_lines(interview: StudentInterview) -> list[ReviewLine]:
    """Every question with the student's answer as typed, or whether it was skipped."""
    lines = []
    for question in questions_for(interview):
        answer = interview.answers.get(question.id, "")
        lines.append(ReviewLine(question, answer, not answer and question.id in interview.skipped))
    return lines


# --- changing the record ---


def _with_answers(
    interview: StudentInterview, answers: dict[str, str], skipped: list[str], today: dt.date
) -> StudentInterview:
    complete = is_complete(answers, skipped, questions_for(interview))
    completed_on = (interview.completed_on or today) if complete else None
    return interview.model_copy(
        update={"answers": answers, "skipped": skipped, "completed_on": completed_on}
    )


def with_answer(
    interview: StudentInterview, question_id: str, text: str, today: dt.date
) -> StudentInterview:
    """The interview with `text` given as the answer (blank clears it); the draft is dropped."""
    answers = dict(interview.answers)
    if text.strip():
        answers[question_id] = text.strip()
    else:
        answers.pop(question_id, None)
    skipped = [qid for qid in interview.skipped if qid != question_id]
    drafts = {k: v for k, v in interview.drafts.items() if k != question_id}
    changed = _with_answers(interview, answers, skipped, today)
    return changed.model_copy(update={"drafts": drafts})


def with_skip(interview: StudentInterview, question_id: str, today: dt.date) -> StudentInterview:
    """The interview with the question skipped on purpose: no answer, no draft."""
    answers = {k: v for k, v in interview.answers.items() if k != question_id}
    skipped = [*[qid for qid in interview.skipped if qid != question_id], question_id]
    drafts = {k: v for k, v in interview.drafts.items() if k != question_id}
    changed = _with_answers(interview, answers, skipped, today)
    return changed.model_copy(update={"drafts": drafts})


def with_draft(interview: StudentInterview, question_id: str, text: str) -> StudentInterview:
    """The interview keeping `text` as typed but not yet given (blank or unchanged: no draft)."""
    drafts = dict(interview.drafts)
    if text.strip() and text.strip() != interview.answers.get(question_id, ""):
        drafts[question_id] = text
    else:
        drafts.pop(question_id, None)
    return interview.model_copy(update={"drafts": drafts})


# --- school years ---


def year_of(interview: StudentInterview, today: dt.date) -> str:
    """The school year of a record; one from before years were kept belongs to the year it was
    last changed in (never to a year after `today`'s)."""
    if interview.school_year:
        return interview.school_year
    stamp = interview.completed_on or (
        interview.updated_at.date() if interview.updated_at else None
    )
    current = school_year(today)
    return min(school_year(stamp), current) if stamp else current


def interviews_by_year(
    store: Store, student_id: str, today: dt.date
) -> dict[str, StudentInterview]:
    found: dict[str, StudentInterview] = {}
    for interview in store.interviews.where(student_id=student_id):
        year = year_of(interview, today)
        held = found.get(year)
        if held is None or (interview.updated_at or dt.datetime.min.replace(tzinfo=dt.UTC)) > (
            held.updated_at or dt.datetime.min.replace(tzinfo=dt.UTC)
        ):
            found[year] = interview
    return found


def this_and_last_year(
    store: Store, student_id: str, today: dt.date
) -> tuple[StudentInterview | None, StudentInterview | None]:
    """This school year's interview and last school year's (each None when there is none)."""
    years = interviews_by_year(store, student_id, today)
    year = school_year(today)
    return years.get(year), years.get(previous_school_year(year))


def load_or_new(store: Store, student: Student, today: dt.date | None = None) -> StudentInterview:
    """This school year's interview (a new one when the year has none yet); the transition
    questions join once the student is old enough, and are never taken away."""
    day = today or dt.date.today()
    settings = store.settings.load()
    current, _last = this_and_last_year(store, student.id, day)
    if current is None:
        return new_interview(student, day, settings)
    update: dict = {"school_year": year_of(current, day)}
    if not current.transition and asks_transition(student, day, settings):
        update["transition"] = True
    return current.model_copy(update=update)


def save_answer(
    store: Store, student: Student, question_id: str, text: str, today: dt.date
) -> StudentInterview:
    """Read the newest record, give the answer, write it (call from the saver thread)."""
    with store.transaction():
        current = load_or_new(store, student, today)
        return store.interviews.save(with_answer(current, question_id, text, today))


def save_skip(store: Store, student: Student, question_id: str, today: dt.date) -> StudentInterview:
    with store.transaction():
        current = load_or_new(store, student, today)
        return store.interviews.save(with_skip(current, question_id, today))


def save_draft(
    store: Store, student: Student, question_id: str, text: str, today: dt.date | None = None
) -> StudentInterview:
    with store.transaction():
        current = load_or_new(store, student, today)
        changed = with_draft(current, question_id, text)
        if changed.drafts == current.drafts and store.interviews.get(current.id) is not None:
            return current
        return store.interviews.save(changed)


def save_wording(
    store: Store, student: Student, wording: InterviewWording, today: dt.date | None = None
) -> StudentInterview:
    with store.transaction():
        current = load_or_new(store, student, today)
        return store.interviews.save(current.model_copy(update={"wording": wording}))
