"""The letter that asks a family for their Parental Input, as Markdown or HTML to print or email.

Dated at the top and signed with how to reach the teacher (`letters.sender`; how families
may reply), addressed to the guardians by name (those who hold educational rights
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
from pathlib import Path

from teacherdesk.domain.family import in_order
from teacherdesk.domain.iep_timeline import parental_input_due
from teacherdesk.domain.languages import ENGLISH, language_code, name_in
from teacherdesk.exports.letters.catalogs import catalogs
from teacherdesk.exports.letters.letter import (
    RULE,
    SPACE,
    Compose,
    Draft,
    Letter,
    Part,
    choose_language,
    letter_filename,
    write_letter,
)
from teacherdesk.exports.letters.sender import NO_CONTACT, reachable, sender
from teacherdesk.exports.letters.translate import Markdown, Translator
from teacherdesk.exports.markdown_text import bold, escape
from teacherdesk.models import IEP, Guardian, InputMethod, Settings, Student
from teacherdesk.store import Store

# The five questions of the Parental Input form, by the ParentalInput field each one fills; their
# words are the messages "request.<field>.title" and "request.<field>.ask" (letters/messages.py).
REQUEST_QUESTIONS: tuple[str, ...] = (
    "strengths_needs",
    "social_behavioral",
    "learning_style",
    "testing_accommodations",
    "classroom_accommodations",
)


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


def _ways_back(settings: Settings, t: Translator, name: str) -> list[str]:
    """How the family can answer, only in ways the letter gives them the means for."""
    ways = [t("request.back.folder", child=name)]
    if settings.teacher_email:
        ways.append(t("request.back.email", email=settings.teacher_email))
    if settings.teacher_phone:
        ways.append(t("request.back.phone", phone=settings.teacher_phone))
    if settings.reply_how:  # the teacher's words, as typed
        ways.append(
            escape(settings.reply_how)
            if t.english
            else t("request.back.other", text=settings.reply_how)
        )
    ways.append(t("request.back.meeting"))
    return [f"- {way}" for way in ways]


def _interpreter(family: list[Guardian], t: Translator) -> list[Part]:
    if not any(g.interpreter_needed for g in family):
        return []
    spoken = sorted({g.preferred_language.strip() for g in family if g.preferred_language})
    if not spoken:
        return [Part(t("request.interpreter"))]
    named = []
    for text in spoken:  # "Spanish" in the letter's language, else as recorded
        code = language_code(text)
        named.append(name_in(code, t.code) if code else text)
    return [Part(t("request.interpreter.in", language=" / ".join(named)))]


def compose_request(
    student: Student,
    guardians: Iterable[Guardian],
    iep: IEP | None,
    settings: Settings,
    today: dt.date,
    *,
    return_by: dt.date | None = None,
) -> Compose:
    """The request letter's parts for any language (see letters/letter.py)."""
    family = in_order(guardians, by="rights")  # those who hold educational rights first
    child = student.preferred_name or student.first_name
    due = return_by_date(iep, today, return_by)
    kind = "iep" if iep is not None else "plan"

    def compose(t: Translator) -> Draft:
        names = t.names([g.name for g in family])
        dear = t("letter.dear", names=Markdown(names)) if names else t("letter.dear_family")
        title = t.plain(f"request.title.{kind}", student=student.display_name)
        parts = [
            Part(f"# {t(f'request.title.{kind}', student=student.display_name)}"),
            Part(escape(t.date(today))),
            Part("\n".join(sender(settings, t))),
            Part(dear),
            Part(t(f"request.why.{kind}", child=child)),
            Part(t("request.intro")),
            Part(t(f"request.return_by.{kind}", date=Markdown(bold(t.date(due))))),
            *_interpreter(family, t),
        ]
        for number, key in enumerate(REQUEST_QUESTIONS, start=1):
            parts += [
                Part(f"## {number}. {t(f'request.{key}.title', child=child)}"),
                Part(t(f"request.{key}.ask", child=child)),
                Part("", kind=SPACE),
            ]
        parts += [
            Part(f"## {t('request.back')}"),
            Part("\n".join(_ways_back(settings, t, child))),
            Part(t("request.thanks", child=child)),
            Part("\n".join(sender(settings, t))),
            Part("---", kind=RULE),
            Part(
                "*"
                + t(
                    "request.footer",
                    names=Markdown(names) if names else t("letter.family"),
                    date=Markdown(escape(t.date(today))),
                )
                + "*"
            ),
        ]
        return Draft(title=title, parts=parts)

    return compose


def write_request(
    student: Student,
    guardians: Iterable[Guardian],
    iep: IEP | None,
    settings: Settings,
    today: dt.date,
    *,
    lang: str = ENGLISH,
    school: Path | None = None,
    return_by: dt.date | None = None,
) -> Letter:
    """The request in `lang` (a code, a language's name, or "auto"; ValueError if we have no
    catalog for it), the school's catalogs in `school` winning over the shipped ones."""
    guardians = in_order(guardians, by="rights")
    available = catalogs(school)
    choice = choose_language(lang, guardians, available)
    compose = compose_request(student, guardians, iep, settings, today, return_by=return_by)
    letter = write_letter(compose, choice, available)
    if not reachable(settings):
        letter.warnings.append(NO_CONTACT)
    return letter


def build_request_markdown(
    student: Student,
    guardians: Iterable[Guardian],
    iep: IEP | None,
    settings: Settings,
    today: dt.date,
    *,
    return_by: dt.date | None = None,
    lang: str = ENGLISH,
    school: Path | None = None,
) -> str:
    """The request letter as CommonMark (every piece of user text escaped).

    Works for any student: with an IEP it speaks of the IEP; without one (a 504 plan, a
    student-led conference) of the plan for the year.
    """
    letter = write_request(
        student, guardians, iep, settings, today, lang=lang, school=school, return_by=return_by
    )
    return letter.markdown()


def build_request(
    student: Student,
    guardians: Iterable[Guardian],
    iep: IEP | None,
    settings: Settings,
    today: dt.date,
    *,
    fmt: str = "md",
    return_by: dt.date | None = None,
    lang: str = ENGLISH,
    school: Path | None = None,
) -> str:
    letter = write_request(
        student, guardians, iep, settings, today, lang=lang, school=school, return_by=return_by
    )
    if fmt == "html":
        return letter.html(header=student.display_name)
    return letter.markdown()


def default_filename(student: Student, code: str, fmt: str = "md") -> str:
    """parent-input-request-<student>-<language>.md"""
    return letter_filename("parent-input-request", student, code, fmt)


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
