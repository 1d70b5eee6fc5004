"""A short recap of one conference, written for the family (not for the IEP team).

Warm, plain language: thank you for meeting, what we celebrated, what we are working on, who does
what by when, when we meet next. Everything typed is escaped (`markdown_text`); Markdown or HTML
(`html_page`). Nothing from contact notes (restricted or not) goes in, and no other student is
named. Pure: the store is only read in `gather_recap`; `today` is a parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from teacherdesk.domain.languages import ENGLISH
from teacherdesk.exports import markdown_text as md
from teacherdesk.exports.letters.catalogs import catalogs
from teacherdesk.exports.letters.letter import (
    INTRO,
    TYPED,
    Compose,
    Draft,
    Letter,
    Part,
    choose_language,
    language_tag,
    write_letter,
)
from teacherdesk.exports.letters.translate import Markdown, Translator
from teacherdesk.models import Conference, ConferenceFormat, Guardian, Settings, Student
from teacherdesk.store import Store

FORMAT_KEYS = {
    ConferenceFormat.ONE_ON_ONE: "recap.thanks.one_on_one",
    ConferenceFormat.TEAM: "recap.thanks.team",
    ConferenceFormat.TELEPHONE: "recap.thanks.telephone",
    ConferenceFormat.VIDEO: "recap.thanks.video",
    ConferenceFormat.EMAIL: "recap.thanks.email",
}


@dataclass
class RecapData:
    student: Student
    conference: Conference
    guardians: list[Guardian] = field(default_factory=list)  # the student's guardians
    settings: Settings = field(default_factory=Settings)


def gather_recap(store: Store, conference_id: str) -> RecapData | None:
    conference = store.conferences.get(conference_id)
    if conference is None:
        return None
    student = store.students.get(conference.student_id)
    if student is None:
        return None
    return RecapData(
        student=student,
        conference=conference,
        guardians=store.guardians.for_student(student.id),
        settings=store.settings.load(),
    )


def addressed(data: RecapData) -> list[Guardian]:
    """Those who came to the conference, else all the student's guardians."""
    by_id = {g.id: g for g in data.guardians}
    came = [by_id[g] for g in data.conference.guardian_ids if g in by_id]
    return came or list(data.guardians)


def _greeting(data: RecapData, t: Translator) -> str:
    names = t.names([g.name for g in addressed(data)])
    return t("letter.dear", names=Markdown(names)) if names else t("letter.dear_family")


def _owner(owner: str, data: RecapData, t: Translator) -> str:
    words = owner.strip()
    if not words:
        return t("recap.owner.together")
    lowered = words.lower()
    if lowered in {"family", "parent", "parents", "guardian", "home"}:
        return t("recap.owner.family")
    if lowered in {"teacher", "me", "school", "staff"}:
        return t("recap.owner.teacher")
    if lowered in {"student", "child"}:
        return md.escape(data.student.preferred_name or data.student.first_name)
    return md.escape(words)


def _typed(t: Translator, markdown: str) -> list[Part]:
    """The teacher's words, as typed: introduced in the family's language, shown once."""
    return [Part(t("letter.typed"), kind=INTRO), Part(markdown, kind=TYPED)]


def _actions(data: RecapData, t: Translator) -> str:
    items = []
    for action in data.conference.actions:
        by = f", {t('recap.due', date=t.date(action.due))}" if action.due else ""
        if action.done_on:
            by += f" ({t('recap.done', date=t.date(action.done_on))})"
        items.append(f"- **{_owner(action.owner, data, t)}:** {md.escape(action.what)}{by}")
    return "\n".join(items)


def compose_recap(data: RecapData, *, today: dt.date) -> Compose:
    student, conference = data.student, data.conference
    name = student.preferred_name or student.first_name

    def compose(t: Translator) -> Draft:
        when = t.date(conference.when.date())
        thanks = t(FORMAT_KEYS.get(conference.format, "recap.thanks.one_on_one"), date=when)
        parts = [
            Part(f"# {t('recap.title', child=name)}"),
            Part(_greeting(data, t)),
            Part(f"{thanks} {t('recap.purpose', child=name)}"),
            Part(md.heading(2, "") + t("recap.celebrated")),
        ]
        if conference.celebrations.strip():
            parts += _typed(t, md.paragraphs(conference.celebrations))
        else:
            parts.append(Part(t("recap.celebrated.none", child=name)))
        if conference.concerns.strip():
            parts.append(Part(md.heading(2, "") + t("recap.working_on")))
            parts += _typed(t, md.paragraphs(conference.concerns))
        parts.append(Part(md.heading(2, "") + t("recap.agreed")))
        if conference.actions:
            # who and by when in their language, what as the teacher typed it
            parts += [Part(t("letter.typed"), kind=INTRO), Part(_actions(data, t))]
        else:
            parts.append(Part(t("recap.agreed.none")))
        parts.append(Part(md.heading(2, "") + t("recap.next")))
        if conference.next_conference:
            parts.append(Part(t("recap.next.on", date=t.date(conference.next_conference))))
        else:
            parts.append(Part(t("recap.next.none")))
        parts.append(Part(t("recap.closing")))
        teacher, school = data.settings.teacher_name, data.settings.school
        signature = md.escape(teacher) if teacher else t("letter.teacher")
        if school:
            signature += f"\\\n{md.escape(school)}"
        parts.append(Part(signature))
        parts.append(Part("*" + t("recap.footer", date=t.date(today), child=name) + "*"))
        return Draft(
            title=t.plain("recap.title", child=name),
            parts=parts,
            banner=t.plain("recap.banner", child=name),
        )

    return compose


def write_recap(
    data: RecapData, *, today: dt.date, lang: str = ENGLISH, school: Path | None = None
) -> Letter:
    """The recap in `lang` (a code, a name or "auto": the language of those who came)."""
    available = catalogs(school)
    choice = choose_language(lang, addressed(data), available)
    return write_letter(compose_recap(data, today=today), choice, available)


def recap_markdown(
    data: RecapData, *, today: dt.date, lang: str = ENGLISH, school: Path | None = None
) -> str:
    return write_recap(data, today=today, lang=lang, school=school).markdown()


def recap_title(data: RecapData) -> str:
    name = data.student.preferred_name or data.student.first_name
    return f"Our conference about {name}"


def export_recap(
    data: RecapData,
    *,
    today: dt.date,
    fmt: str = "md",
    lang: str = ENGLISH,
    school: Path | None = None,
) -> str:
    letter = write_recap(data, today=today, lang=lang, school=school)
    if fmt == "html":
        return letter.html(header=data.student.display_name)
    return letter.markdown()


def recap_file_stem(data: RecapData, code: str) -> str:
    """conference-recap-<student>-<date>-<language>"""
    from teacherdesk.exports.packet import file_stem

    stem = file_stem(data.student, data.conference.when.date(), kind="conference-recap")
    return f"{stem}-{language_tag(code)}"
