"""The letter that asks a family for their Parental Input, as Markdown or HTML to print or email.

Dated at the top and signed with how to reach the teacher (Settings: phone, email, room, how
families may reply), addressed to the guardians by name (those who hold educational rights
first), it asks the five questions of the Parental Input form in plain, warm words, says by when
it is best returned and how — offering only the ways the letter gives the means for. It works
for any student: the return-by date is the one the teacher gives, else the IEP timeline's
parental-input due date, else two weeks from today. The printable HTML leaves ruled space under
each question. Every piece of user text is escaped with `teacherdesk.exports.markdown_text`; the
HTML is rendered by markdown-it-py with raw HTML disabled. Pure: no I/O, no textual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from teacherdesk.domain.dates import exact
from teacherdesk.domain.family import in_order
from teacherdesk.domain.iep_timeline import parental_input_due
from teacherdesk.exports.markdown_text import bold, escape, heading
from teacherdesk.models import IEP, Guardian, InputMethod, Settings, Student
from teacherdesk.store import Store


@dataclass(frozen=True)
class RequestQuestion:
    key: str  # the ParentalInput field it fills
    title: str
    ask: str  # "{name}" is the student's first name, escaped by the caller


REQUEST_QUESTIONS: tuple[RequestQuestion, ...] = (
    RequestQuestion(
        "strengths_needs",
        "Strengths and needs",
        "What is {name} good at, and what do you enjoy about {name}? "
        "What is hard for {name}, or where would more help make a difference?",
    ),
    RequestQuestion(
        "social_behavioral",
        "Friends, feelings and behavior",
        "How does {name} get along with other children and adults? "
        "Is there anything about {name}'s feelings or behavior that worries you?",
    ),
    RequestQuestion(
        "learning_style",
        "How {name} learns best",
        "How does {name} learn best at home — by seeing, hearing, doing, moving, talking it "
        "through? What helps {name} stay with a task?",
    ),
    RequestQuestion(
        "testing_accommodations",
        "Help during tests",
        "What helps {name} show what they know on a test — for example extra time, a quiet room, "
        "or having the questions read aloud?",
    ),
    RequestQuestion(
        "classroom_accommodations",
        "Help in the classroom",
        "What helps {name} do well in class — for example where they sit, breaks, written "
        "directions, or checking in with an adult?",
    ),
)


def _names(guardians: list[Guardian]) -> str:
    names = [g.name for g in guardians]
    if not names:
        return "Family"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def school_day_on_or_before(day: dt.date) -> dt.date:
    """A family is asked for a school day: a deadline on a weekend becomes the Friday before."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


DEFAULT_WAIT = dt.timedelta(days=14)  # no IEP timeline and no date given: two weeks


def return_by_date(iep: IEP | None, today: dt.date, asked: dt.date | None = None) -> dt.date:
    """When the family is asked to answer: the date the teacher gave, else the IEP timeline's
    parental-input due date (a week from today once that has passed), else two weeks."""
    if asked is not None:
        day = asked
    elif iep is not None:
        due = parental_input_due(iep)
        day = due if due >= today else today + dt.timedelta(days=7)
    else:
        day = today + DEFAULT_WAIT
    return school_day_on_or_before(day)


def _sender(settings: Settings) -> list[str]:
    """The teacher's name and how to reach them, one Markdown line each (hard breaks)."""
    lines = [escape(settings.teacher_name or "Your child's teacher")]
    if settings.room:
        lines.append(escape(f"Room {settings.room}".replace("Room Room", "Room")))
    if settings.school:
        lines.append(escape(settings.school))
    if settings.teacher_phone:
        lines.append("Phone: " + escape(settings.teacher_phone))
    if settings.teacher_email:
        lines.append("Email: " + escape(settings.teacher_email))
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def _ways_back(settings: Settings, name: str) -> list[str]:
    """How the family can answer, only in ways the letter gives them the means for."""
    ways = [f"- Write on this page and send it back to school in {name}'s folder."]
    if settings.teacher_email:
        ways.append(f"- Reply by email to {escape(settings.teacher_email)}.")
    if settings.teacher_phone:
        ways.append(f"- Call {escape(settings.teacher_phone)}: we will write down what you say.")
    if settings.reply_how:
        ways.append(f"- {escape(settings.reply_how)}")
    ways.append("- Tell us at a meeting, if that is easier.")
    return ways


def build_request_markdown(
    student: Student,
    guardians: Iterable[Guardian],
    iep: IEP | None,
    settings: Settings,
    today: dt.date,
    *,
    return_by: dt.date | None = None,
) -> str:
    """The request letter as CommonMark (every piece of user text escaped).

    Works for any student: with an IEP it speaks of the IEP; without one (a 504 plan, a
    student-led conference) of the plan for the year.
    """
    family = in_order(guardians, by="rights")  # those who hold educational rights first
    name = escape(student.preferred_name or student.first_name)
    due_words = exact(return_by_date(iep, today, return_by))
    if iep is not None:
        title = f"Your thoughts for {student.display_name}'s IEP"
        why = (
            f"Soon {name}'s IEP team will sit down to write {name}'s Individualized Education "
            "Program for the coming year. You know your child better than anyone, and we want "
            "your ideas to be part of the plan from the very start."
        )
        before = "the IEP is written"
    else:
        title = f"Your thoughts about {student.display_name}'s year"
        why = (
            f"We are planning how best to support {name} at school. You know your child better "
            "than anyone, and we want your ideas to be part of that plan from the very start."
        )
        before = "we meet to plan"
    out = [
        heading(1, title),
        "",
        escape(exact(today)),
        "",
        *_sender(settings),
        "",
        f"Dear {escape(_names(family))},",
        "",
        why,
        "",
        "Please answer the five questions below in your own words. A few sentences are plenty; "
        "there are no wrong answers, and it is fine to skip a question.",
        "",
        f"It is best returned by {bold(due_words)}, so that we have your ideas well before "
        f"{before}.",
        "",
    ]
    if any(g.interpreter_needed for g in family):
        languages = sorted({g.preferred_language for g in family if g.preferred_language})
        spoken = f" in {escape(' or '.join(languages))}" if languages else ""
        out += [
            f"If you would rather talk it through{spoken}, we will gladly arrange an interpreter.",
            "",
        ]
    for number, question in enumerate(REQUEST_QUESTIONS, start=1):
        title_text = escape(
            question.title.replace("{name}", student.preferred_name or student.first_name)
        )
        out += [f"## {number}. {title_text}", "", question.ask.format(name=name), ""]
    out += [
        "## How to send it back",
        "",
        *_ways_back(settings, name),
        "",
        f"Thank you for everything you do for {name}.",
        "",
        *_sender(settings),
        "",
        "---",
        "",
        f"*Confidential: prepared for {escape(_names(family))} on {escape(exact(today))}.*",
        "",
    ]
    return "\n".join(out)


def build_request(
    student: Student,
    guardians: Iterable[Guardian],
    iep: IEP | None,
    settings: Settings,
    today: dt.date,
    *,
    fmt: str = "md",
    return_by: dt.date | None = None,
) -> str:
    markdown = build_request_markdown(student, guardians, iep, settings, today, return_by=return_by)
    if fmt == "html":
        from teacherdesk.exports.html_page import letter_document

        title = markdown.split("\n", 1)[0].removeprefix("# ")
        return letter_document(markdown, title=title, header=student.display_name)
    return markdown


def default_filename(student: Student, fmt: str = "md") -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in student.display_name.lower()).strip("-")
    return f"parent-input-request-{safe or 'student'}.{fmt}"


def record_request(
    store: Store, iep_id: str, today: dt.date, how: InputMethod = InputMethod.PAPER
) -> IEP:
    """Note on the IEP that the family was asked today (re-reads the newest record first)."""
    with store.transaction():
        iep = store.ieps.get(iep_id)
        if iep is None:
            raise LookupError("That IEP record is gone (deleted in another window?).")
        parental = iep.parental_input.model_copy(
            update={"requested_on": today, "requested_how": how}
        )
        return store.ieps.save(iep.model_copy(update={"parental_input": parental}))
