"""The Student Input interview as data: the questions, their wordings and the logic around them.

The question ids are a contract (the demo and the IEP packet use them): strengths, needs,
helps_me_learn, gets_in_my_way, academic_goal, behavior_goal, team_should_know, plus proud_of and
interests. Each question has an elementary wording (K–5) and a secondary one (6+), an example or
two to prompt the student, and a first-person lead ("I am good at …") used to read the answers back
and in the packet. No textual here: the screen only shows what this module says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from teacherdesk.models import InterviewWording, Student, StudentInterview
from teacherdesk.store import Store


@dataclass(frozen=True)
class Question:
    id: str
    title: str  # a short heading for the review page and the packet
    elementary: str
    secondary: str
    elementary_examples: tuple[str, ...]
    secondary_examples: tuple[str, ...]
    lead: str  # first person, completed by the answer: "I am good at"

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
        lead="I am good at",
    ),
    Question(
        id="needs",
        title="Needs",
        elementary="What is hard for you at school? What do you want help with?",
        secondary="What do you need help with to do well in school?",
        elementary_examples=("reading long words", "remembering my homework"),
        secondary_examples=("getting started on long assignments", "taking notes in class"),
        lead="I need help with",
    ),
    Question(
        id="helps_me_learn",
        title="What helps me learn",
        elementary="What helps you learn?",
        secondary="What helps you learn best?",
        elementary_examples=("when the teacher shows me first", "pictures", "a quiet spot"),
        secondary_examples=("worked examples before I try", "directions in writing"),
        lead="What helps me learn is",
    ),
    Question(
        id="gets_in_my_way",
        title="What gets in my way",
        elementary="What makes it hard for you to learn?",
        secondary="What gets in the way of your learning?",
        elementary_examples=("a noisy room", "when there are too many words on a page"),
        secondary_examples=("background noise", "when instructions are only said out loud"),
        lead="What gets in my way is",
    ),
    Question(
        id="academic_goal",
        title="My learning goal",
        elementary="What is one thing you want to learn to do this year?",
        secondary="What is one academic goal you want to reach this year?",
        elementary_examples=("read a chapter book by myself", "know my times tables"),
        secondary_examples=("raise my math grade to a B", "turn in every essay on time"),
        lead="My learning goal is to",
    ),
    Question(
        id="behavior_goal",
        title="My behavior goal",
        elementary="What is one thing you want to get better at, like how you act or work?",
        secondary="What is one goal for how you work, behave or get along with others?",
        elementary_examples=("ask for a break when I'm upset", "raise my hand"),
        secondary_examples=("ask for help before I get stuck", "stay calm when plans change"),
        lead="My behavior goal is to",
    ),
    Question(
        id="proud_of",
        title="Proud of",
        elementary="What is something you are proud of?",
        secondary="What is something you are proud of this year?",
        elementary_examples=("I read to my little brother", "I learned to ride my bike"),
        secondary_examples=("I finished a hard project", "I helped at the food drive"),
        lead="I am proud of",
    ),
    Question(
        id="interests",
        title="What I like",
        elementary="What do you like to do for fun?",
        secondary="What are you interested in, or want to do after school someday?",
        elementary_examples=("soccer", "building with blocks", "cooking with my grandma"),
        secondary_examples=("music production", "working with animals", "gaming"),
        lead="I like",
    ),
    Question(
        id="team_should_know",
        title="What I want my team to know",
        elementary="What do you want your teachers to know about you?",
        secondary="What do you want your IEP team (or your teachers) to know about you?",
        elementary_examples=("I try hard even when it looks like I don't",),
        secondary_examples=("I learn more when I can ask questions privately",),
        lead="I want my team to know that",
    ),
)

QUESTION_IDS: tuple[str, ...] = tuple(question.id for question in QUESTIONS)
BY_ID: dict[str, Question] = {question.id: question for question in QUESTIONS}

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


def new_interview(student: Student) -> StudentInterview:
    return StudentInterview(student_id=student.id, wording=wording_for_grade(student.grade))


# --- progress ---


def answered_count(answers: dict[str, str]) -> int:
    return sum(1 for qid in QUESTION_IDS if answers.get(qid, "").strip())


def is_complete(answers: dict[str, str]) -> bool:
    return answered_count(answers) == len(QUESTIONS)


def next_unanswered(answers: dict[str, str], start: int = 0) -> int | None:
    """Index of the first unanswered question at or after `start` (None: all answered)."""
    for index in range(max(0, start), len(QUESTIONS)):
        if not answers.get(QUESTIONS[index].id, "").strip():
            return index
    return None


def resume_index(answers: dict[str, str]) -> int | None:
    """Where reopening the interview starts: the first unanswered question (None: review)."""
    return next_unanswered(answers)


def position(index: int) -> str:
    """'3 of 9' for the question at `index` (0-based)."""
    return f"{index + 1} of {len(QUESTIONS)}"


def progress(answers: dict[str, str]) -> str:
    """'3 of 9 answered'."""
    return f"{answered_count(answers)} of {len(QUESTIONS)} answered"


# --- reading answers back ---


def _without_repeat(lead: str, answer: str) -> str:
    """Drop the words of the lead the student already said: 'I am good at drawing' stays whole."""
    folded = answer.lower()
    if folded.startswith(lead.lower()):
        return answer[len(lead) :].strip()
    last = lead.split()[-1].lower()  # "… is to" + "to read more" → one "to"
    if folded.startswith(last + " "):
        return answer[len(last) :].strip()
    return answer


def first_person(question: Question, answer: str) -> str:
    """The answer as the student's own sentence: 'I am good at drawing comics.'"""
    answer = " ".join(answer.split())
    if not answer:
        return ""
    rest = _without_repeat(question.lead, answer)
    if rest != answer or question.lead.endswith(" that"):
        sentence = f"{question.lead} {rest}".strip()
    elif re.match(r"^(i|i'm|i've)\b", answer, re.IGNORECASE):
        sentence = answer  # the student already said it in the first person
    else:
        sentence = f"{question.lead} {_soft_lower(rest)}"
    sentence = sentence[0].upper() + sentence[1:]
    return sentence if sentence[-1] in ".!?…" else sentence + "."


def _soft_lower(text: str) -> str:
    """Lowercase a capital that only starts the answer ('Drawing'), not a name-like 'NASA'."""
    first = text.split()[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def review_lines(interview: StudentInterview) -> list[tuple[Question, str]]:
    """Every question with its answer in the first person ('' when not answered yet)."""
    return [(q, first_person(q, interview.answers.get(q.id, ""))) for q in QUESTIONS]


# --- changing the record ---


def with_answer(
    interview: StudentInterview, question_id: str, text: str, today: dt.date
) -> StudentInterview:
    """The interview with `text` given as the answer (blank clears it); the draft is dropped."""
    answers = dict(interview.answers)
    drafts = {k: v for k, v in interview.drafts.items() if k != question_id}
    if text.strip():
        answers[question_id] = text.strip()
    else:
        answers.pop(question_id, None)
    complete = is_complete(answers)
    completed_on = (interview.completed_on or today) if complete else None
    return interview.model_copy(
        update={"answers": answers, "drafts": drafts, "completed_on": completed_on}
    )


def with_draft(interview: StudentInterview, question_id: str, text: str) -> StudentInterview:
    """The interview keeping `text` as typed but not yet given (blank or unchanged: no draft)."""
    drafts = dict(interview.drafts)
    if text.strip() and text.strip() != interview.answers.get(question_id, ""):
        drafts[question_id] = text
    else:
        drafts.pop(question_id, None)
    return interview.model_copy(update={"drafts": drafts})


def load_or_new(store: Store, student: Student) -> StudentInterview:
    return store.interviews.for_student(student.id) or new_interview(student)


def save_answer(
    store: Store, student: Student, question_id: str, text: str, today: dt.date
) -> StudentInterview:
    """Read the newest record, give the answer, write it (call from the saver thread)."""
    with store.transaction():
        current = load_or_new(store, student)
        return store.interviews.save(with_answer(current, question_id, text, today))


def save_draft(store: Store, student: Student, question_id: str, text: str) -> StudentInterview:
    with store.transaction():
        current = load_or_new(store, student)
        changed = with_draft(current, question_id, text)
        if changed.drafts == current.drafts and store.interviews.get(current.id) is not None:
            return current
        return store.interviews.save(changed)


def save_wording(store: Store, student: Student, wording: InterviewWording) -> StudentInterview:
    with store.transaction():
        current = load_or_new(store, student)
        return store.interviews.save(current.model_copy(update={"wording": wording}))
