"""The letter that asks a family for their Parental Input, as Markdown or HTML to print or email.

Addressed to the guardians by name (those who hold educational rights first), it asks the five
questions of the Parental Input form in plain, warm words, says by when it is best returned (one
month before the IEP is written) and how to return it. Every piece of user text is escaped with
`teacherdesk.exports.markdown_text`; the HTML is rendered by markdown-it-py with raw HTML disabled.
Pure: no I/O, no textual.
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


def build_request_markdown(
    student: Student,
    guardians: Iterable[Guardian],
    iep: IEP,
    settings: Settings,
    today: dt.date,
) -> str:
    """The request letter as CommonMark (every piece of user text escaped)."""
    family = in_order(guardians, by="rights")  # those who hold educational rights first
    name = escape(student.preferred_name or student.first_name)
    teacher = settings.teacher_name or "Your child's teacher"
    due = parental_input_due(iep)
    return_by = due if due >= today else today + dt.timedelta(days=7)
    due_words = exact(school_day_on_or_before(return_by))
    out = [
        heading(1, f"Your thoughts for {student.display_name}'s IEP"),
        "",
        f"Dear {escape(_names(family))},",
        "",
        f"Soon {name}'s IEP team will sit down to write {name}'s Individualized Education "
        "Program for the coming year. You know your child better than anyone, and we want "
        "your ideas to be part of the plan from the very start.",
        "",
        "Please answer the five questions below in your own words. A few sentences are plenty; "
        "there are no wrong answers, and it is fine to skip a question.",
        "",
        f"It is best returned by {bold(due_words)}, so that the team has your ideas well before "
        f"the IEP is written.",
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
        title = escape(
            question.title.replace("{name}", student.preferred_name or student.first_name)
        )
        out += [f"## {number}. {title}", "", question.ask.format(name=name), "", "", ""]
    out += [
        "## How to send it back",
        "",
        f"- Write on this page and send it back to school in {name}'s folder, or",
        "- reply by email, or call us — we will write down what you say, or",
        "- tell us at a meeting, if that is easier.",
        "",
        f"Thank you for everything you do for {name}.",
        "",
        escape(teacher) + "\\",
    ]
    if settings.school:
        out.append(escape(settings.school))
    else:
        out[-1] = out[-1].removesuffix("\\")
    out += [
        "",
        "---",
        "",
        f"*Confidential: prepared for {escape(_names(family))} on {escape(exact(today))}.*",
        "",
    ]
    return "\n".join(out)


HTML_STYLE = """
body { font-family: Georgia, serif; max-width: 42rem; margin: 2rem auto; line-height: 1.5; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; }
h2 + p { margin-bottom: 5rem; }
@media print { body { margin: 0; } }
"""


def render_html(markdown: str, title: str) -> str:
    """The letter as a small printable HTML page (raw HTML in the Markdown is not passed on)."""
    from html import escape as html_escape

    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).render(markdown)
    return (
        "<!doctype html>\n<html><head><meta charset='utf-8'>"
        f"<title>{html_escape(title)}</title><style>{HTML_STYLE}</style></head>\n"
        f"<body>\n{body}</body></html>\n"
    )


def build_request(
    student: Student,
    guardians: Iterable[Guardian],
    iep: IEP,
    settings: Settings,
    today: dt.date,
    *,
    fmt: str = "md",
) -> str:
    markdown = build_request_markdown(student, guardians, iep, settings, today)
    if fmt == "html":
        return render_html(markdown, f"Your thoughts for {student.display_name}'s IEP")
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
