"""A short "good news" note home: a positive contact, in the family's language.

The teacher's own words (`--text`) are printed as typed, introduced in the family's language;
without them the note says the child had a good day. Pure: no I/O, no textual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from teacherdesk.domain.family import in_order
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
    letter_filename,
    write_letter,
)
from teacherdesk.exports.letters.translate import Markdown, Translator
from teacherdesk.models import Guardian, Settings, Student


def compose_good_news(
    student: Student, guardians: list[Guardian], settings: Settings, today: dt.date, text: str
) -> Compose:
    child = student.preferred_name or student.first_name

    def compose(t: Translator) -> Draft:
        names = t.names([g.name for g in guardians])
        parts = [
            Part(f"# {t('news.title', child=child)}"),
            Part(md.escape(t.date(today))),
            Part(t("letter.dear", names=Markdown(names)) if names else t("letter.dear_family")),
            Part(t("news.opening", child=child)),
        ]
        if text.strip():
            parts.append(Part(t("letter.typed"), kind=INTRO))
            parts.append(Part(md.paragraphs(text), kind=TYPED))
        else:
            parts.append(Part(t("news.default", child=child)))
        parts.append(Part(t("news.closing", child=child)))
        teacher, school = settings.teacher_name, settings.school
        signature = md.escape(teacher) if teacher else t("letter.teacher")
        if school:
            signature += f"\\\n{md.escape(school)}"
        parts += [
            Part(signature),
            Part("*" + t("news.footer", date=t.date(today), child=child) + "*"),
        ]
        return Draft(title=t.plain("news.title", child=child), parts=parts)

    return compose


def write_good_news(
    student: Student,
    guardians: Iterable[Guardian],
    settings: Settings,
    today: dt.date,
    *,
    text: str = "",
    lang: str = ENGLISH,
    school: Path | None = None,
) -> Letter:
    family = in_order(guardians, by="rights")
    available = catalogs(school)
    choice = choose_language(lang, family, available)
    return write_letter(
        compose_good_news(student, family, settings, today, text), choice, available
    )


def default_filename(student: Student, code: str, fmt: str = "md") -> str:
    """good-news-<student>-<language>.md"""
    return letter_filename("good-news", student, code, fmt)
