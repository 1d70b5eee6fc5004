"""The notice of an IEP meeting, as Markdown or HTML to print or email (34 CFR 300.322(b)), in
the family's language.

In plain, warm words it says why the team meets (the purpose), when (date and time), where (or
how to join by phone or video), who will be there (staff by role, the family, the student, other
agencies), that the family may bring anyone with knowledge or special expertise about their
child, and — when the meeting has to consider transition (the student is 16, or turns 16 while
this IEP is in effect; the age is a setting) — that post-secondary goals and transition services
will be considered and that the student is invited. It offers an interpreter when the family
needs one, ends with a tear-off reply (can attend / need another time / prefer phone or video)
and the teacher's contact details (`letters.sender`).

Every sentence is a message of the letter catalogs (`letters/messages.py`, "notice.*"); what the
teacher typed (the time, the place, the team, the agencies) is printed as typed, escaped.
Pure: no I/O but reading the catalogs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from teacherdesk.domain.family import in_order
from teacherdesk.domain.languages import ENGLISH, language_code, name_in
from teacherdesk.domain.meetings import (
    considers_transition,
    interpreter_languages,
    interpreter_needed,
    invited_family,
)
from teacherdesk.exports.letters.catalogs import catalogs
from teacherdesk.exports.letters.letter import (
    RULE,
    Compose,
    Draft,
    Letter,
    Part,
    choose_language,
    letter_filename,
    write_letter,
)
from teacherdesk.exports.letters.sender import NO_CONTACT, reachable, room_of, sender
from teacherdesk.exports.letters.translate import Markdown, Translator
from teacherdesk.exports.markdown_text import escape
from teacherdesk.models import IEP, Guardian, MeetingPurpose, Settings, Student

PURPOSE_KEYS = {
    MeetingPurpose.ANNUAL_REVIEW: "notice.purpose.annual_review",
    MeetingPurpose.INITIAL: "notice.purpose.initial",
    MeetingPurpose.REEVALUATION: "notice.purpose.reevaluation",
    MeetingPurpose.AMENDMENT: "notice.purpose.amendment",
    MeetingPurpose.TRANSITION: "notice.purpose.transition",
}
DEFAULT_PURPOSE = "notice.purpose.default"
CHECKBOX = "☐"
_LINE = "\\_" * 16  # a line to write on (escaped underscores)


def addressed(guardians: Sequence[Guardian]) -> list[Guardian]:
    """Whom the notice is for: those who hold educational rights (all when none is recorded)."""
    return invited_family(in_order(guardians, by="rights"))


def _when(iep: IEP, t: Translator) -> str:
    """The meeting's day in the letter's language, and the time written its way when what the
    teacher typed reads as a time (else as typed)."""
    day = Markdown(escape(t.long_date(iep.meeting_date)))
    if iep.meeting_time:
        return t("notice.at", date=day, time=t.time(iep.meeting_time))
    return t("notice.time_tbc", date=day)


def _interpreter_language(iep: IEP, guardians: Sequence[Guardian], t: Translator) -> str:
    """The language(s) the interpreter speaks, named in the letter's language where we can."""
    named = []
    for text in interpreter_languages(iep, guardians):
        code = language_code(text)
        named.append(name_in(code, t.code) if code else text)
    return " / ".join(named)


def _reply(settings: Settings, t: Translator) -> str:
    """How to say whether they can come: only the ways this letter gives the means for."""
    phone, email = settings.teacher_phone.strip(), settings.teacher_email.strip()
    if phone and email:
        words = t("notice.reply")
    elif phone or email:
        words = t("notice.reply.phone" if phone else "notice.reply.email")
    elif settings.room.strip():
        words = t("notice.reply.room", room=room_of(settings))
    else:
        words = t("notice.reply.slip")
    if settings.reply_how.strip():  # the teacher's words, as typed
        key = "notice.reply.how" if t.english else "request.back.other"
        other = t(key, text=settings.reply_how)
        words = f"{words} {other}"
    return words


def _slip_return(settings: Settings, child: str, t: Translator) -> str:
    if settings.teacher_phone.strip() and settings.teacher_email.strip():
        return t("notice.slip.return", child=child)
    return t("notice.slip.return.folder", child=child)


def _who(iep: IEP, child: str, family: Sequence[Guardian], invite_student: bool, t: Translator):
    """The attendance list, one Markdown bullet each."""
    staff = [f"- {escape(person)}" for person in iep.team]
    if iep.case_manager and not any(iep.case_manager in person for person in iep.team):
        staff.insert(0, f"- {t('notice.who.case_manager', name=iep.case_manager)}")
    people = staff or [f"- {t('notice.who.staff')}"]
    names = t.names([g.name for g in family])
    people.append(
        f"- {t('notice.who.you', names=Markdown(names))}"
        if names
        else f"- {t('notice.who.family')}"
    )
    if invite_student:
        people.append(f"- {t('notice.who.student', child=child)}")
    people += [f"- {t('notice.who.agency', agency=agency)}" for agency in iep.agencies]
    return "\n".join(people)


def compose_notice(
    student: Student,
    guardians: Sequence[Guardian],
    iep: IEP,
    settings: Settings,
    today: dt.date,
) -> Compose:
    """The notice's parts for any language (see letters/letter.py)."""
    family = addressed(guardians)
    child = student.preferred_name or student.first_name
    transition = considers_transition(iep, student, settings)
    invite_student = transition or iep.student_invited
    purpose = PURPOSE_KEYS.get(iep.meeting_purpose, DEFAULT_PURPOSE)
    interpreter = interpreter_needed(iep, guardians)

    def compose(t: Translator) -> Draft:
        names = t.names([g.name for g in family])
        when = _when(iep, t)
        where = [f"- {bold_words(t('notice.when'))} {when}"]
        if iep.meeting_place:
            where.append(f"- {bold_words(t('notice.where'))} {escape(iep.meeting_place)}")
        if iep.meeting_call:
            where.append(f"- {bold_words(t('notice.join'))} {escape(iep.meeting_call)}")
        if not (iep.meeting_place or iep.meeting_call):
            where.append(f"- {bold_words(t('notice.where'))} {t('notice.at_school')}")
        parts = [
            Part(f"# {t('notice.title', student=student.display_name)}"),
            Part(escape(t.date(today))),
            Part("\n".join(sender(settings, t))),
            Part(t("letter.dear", names=Markdown(names)) if names else t("letter.dear_family")),
            Part(f"{t('notice.invite', child=child)} {t(purpose, child=child)}"),
            Part(f"## {t('notice.when_where')}"),
            Part("\n".join(where)),
            Part(t("notice.other_time")),
            Part(f"## {t('notice.who')}"),
            Part(_who(iep, child, family, invite_student, t)),
            Part(t("notice.bring", child=child)),
        ]
        if transition:
            parts += [
                Part(f"## {t('notice.transition.title')}"),
                Part(t("notice.transition", child=child)),
            ]
            if iep.agencies:
                agencies = Markdown(t.names(list(iep.agencies)))
                parts.append(Part(t("notice.transition.agencies", agencies=agencies)))
        if interpreter:
            language = _interpreter_language(iep, guardians, t)
            parts.append(
                Part(
                    t("notice.interpreter.in", language=language)
                    if language
                    else t("notice.interpreter")
                )
            )
        footer_names = Markdown(names) if names else t("letter.family")
        parts += [
            Part(_reply(settings, t)),
            Part(t("notice.regards")),
            Part("\n".join(sender(settings, t))),
            Part("---", kind=RULE),
            Part(f"## {t('notice.slip')}"),
            Part(_slip_return(settings, child, t)),
            Part(
                f"{bold_words(t('notice.slip.student'))} {escape(student.display_name)} · "
                f"{bold_words(t('notice.slip.meeting'))} {when}"
            ),
            Part(
                "\n".join(
                    [
                        f"- {CHECKBOX} {t('notice.slip.attend')}",
                        f"- {CHECKBOX} {t('notice.slip.another_time')} {_LINE}",
                        f"- {CHECKBOX} {t('notice.slip.phone_video')} {_LINE[:24]}",
                    ]
                )
            ),
            Part(f"{t('notice.slip.name')} {_LINE} {t('notice.slip.signature')} {_LINE}"),
            Part(
                "*"
                + t("notice.footer", names=footer_names, date=Markdown(escape(t.date(today))))
                + "*"
            ),
        ]
        return Draft(title=t.plain("notice.title", student=student.display_name), parts=parts)

    return compose


def bold_words(markdown: str) -> str:
    """A label already escaped by the translator, in bold."""
    return f"**{markdown}**" if markdown else ""


def write_notice(
    student: Student,
    guardians: Sequence[Guardian],
    iep: IEP,
    settings: Settings,
    today: dt.date,
    *,
    lang: str = ENGLISH,
    school: Path | None = None,
) -> Letter:
    """The notice in `lang` (a code, a language's name, or "auto": the language of the family
    it is addressed to; ValueError if we have no catalog for it), the school's catalogs in
    `school` winning over the shipped ones."""
    available = catalogs(school)
    choice = choose_language(lang, addressed(guardians), available)
    compose = compose_notice(student, guardians, iep, settings, today)
    letter = write_letter(compose, choice, available)
    if not reachable(settings):
        letter.warnings.append(NO_CONTACT)
    return letter


def build_notice_markdown(
    student: Student,
    guardians: Sequence[Guardian],
    iep: IEP,
    settings: Settings,
    today: dt.date,
    *,
    lang: str = ENGLISH,
    school: Path | None = None,
) -> str:
    """The notice as CommonMark (every piece of user text escaped)."""
    return write_notice(
        student, guardians, iep, settings, today, lang=lang, school=school
    ).markdown()


def build_notice(
    student: Student,
    guardians: Sequence[Guardian],
    iep: IEP,
    settings: Settings,
    today: dt.date,
    *,
    fmt: str = "md",
    lang: str = ENGLISH,
    school: Path | None = None,
) -> str:
    letter = write_notice(student, guardians, iep, settings, today, lang=lang, school=school)
    if fmt == "html":
        return letter.html(header=student.display_name)
    return letter.markdown()


def notice_filename(student: Student, code: str, fmt: str = "md") -> str:
    """iep-meeting-notice-<student>-<language>.md: an English and a Spanish copy side by side."""
    return letter_filename("iep-meeting-notice", student, code, fmt)
