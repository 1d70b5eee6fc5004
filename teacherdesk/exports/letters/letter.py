"""A letter home in the family's language: composed once per language from the same data, then
printed alone (English, or a reviewed catalog) or bilingual — each paragraph in the family's
language beside its English — with one line in that language saying an interpreter can go
through it with them (a catalog nobody has reviewed, or one that lacks a message).

A letter module supplies `compose(t) -> Draft`: the same parts in the same order whatever the
language (only the words change), so the two languages pair up paragraph by paragraph. What the
teacher typed is a "typed" part: shown once, as typed, introduced in the family's language.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from teacherdesk.domain.languages import ENGLISH, is_right_to_left, language_code
from teacherdesk.exports.letters.catalogs import LetterCatalog
from teacherdesk.exports.letters.translate import Translator
from teacherdesk.models import Guardian, Student

TEXT, TYPED, SPACE = "text", "typed", "space"
RULE = "rule"  # a line across the page ("---"): printed once, never paired with English
INTRO = "intro"  # "Your child's teacher wrote, in English:": left out of an English letter


@dataclass(frozen=True)
class Part:
    markdown: str
    kind: str = TEXT  # TEXT, TYPED (the teacher's words, shown once), INTRO, SPACE or RULE


@dataclass
class Draft:
    title: str  # plain text, for the page title
    parts: list[Part]
    banner: str = ""  # plain text: a line above the letter ("Private: …")


@dataclass(frozen=True)
class LanguageChoice:
    code: str  # the letter's language: a catalog's code, or "en"
    wanted: str = ""  # the family's language as recorded, when we have no catalog for it

    @property
    def offer_interpreter(self) -> bool:
        return bool(self.wanted)


AUTO = "auto"


def choose_language(
    requested: str,
    guardians: Iterable[Guardian],
    available: dict[str, LetterCatalog],
) -> LanguageChoice:
    """`--lang`: a code or name we have a catalog for, "en", or "auto" (the first addressed
    guardian whose recorded language is not English; none recorded → English). A language with
    no catalog → English, offering an interpreter. Raises ValueError for a --lang we lack."""
    requested = requested.strip()
    if requested.lower() != AUTO:
        code = language_code(requested, available)
        if code == ENGLISH or code in available:
            return LanguageChoice(code)
        have = ", ".join([ENGLISH, *sorted(available)])
        raise ValueError(f"there is no catalog for '{requested}' (we have {have}, or auto)")
    for guardian in guardians:
        spoken = guardian.preferred_language.strip()
        if not spoken:
            continue
        code = language_code(spoken, available)
        if code == ENGLISH:
            continue
        if code in available:
            return LanguageChoice(code)
        return LanguageChoice(ENGLISH, wanted=spoken)
    return LanguageChoice(ENGLISH)


@dataclass
class Letter:
    """One letter, ready to print as Markdown or HTML."""

    code: str
    draft: Draft
    english: Draft | None  # set when the letter prints bilingual
    notice: str = ""  # Markdown: the interpreter line in the letter's language
    notice_english: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def bilingual(self) -> bool:
        return self.english is not None

    def markdown(self) -> str:
        return _markdown(self)

    def html(self, *, header: str) -> str:
        return _html(self, header=header)


Compose = Callable[[Translator], Draft]


def language_tag(code: str) -> str:
    """The letter's language in a file name: "es", "zh-hans"."""
    return code.replace("_", "-").lower()


def letter_filename(kind: str, student: Student, code: str, fmt: str = "md") -> str:
    """<kind>-<student>-<language>.<fmt>: copies in two languages never overwrite each other."""
    safe = "".join(ch if ch.isalnum() else "-" for ch in student.display_name.lower()).strip("-")
    return f"{kind}-{safe or 'student'}-{language_tag(code)}.{fmt}"


def write_letter(
    compose: Compose, choice: LanguageChoice, available: dict[str, LetterCatalog]
) -> Letter:
    english = Translator(ENGLISH)
    if choice.code == ENGLISH:
        draft = compose(english)
        notice = english("letter.interpreter") if choice.offer_interpreter else ""
        return Letter(ENGLISH, draft, None, notice=notice)
    catalog = available[choice.code]
    family = Translator(choice.code, catalog)
    draft = compose(family)
    notice = family("letter.unreviewed")
    warnings = []
    if family.fell_back:
        warnings.append(
            f"the {choice.code} catalog lacks {len(family.fell_back)} message(s) this letter "
            "needs; they are in English (teacherdesk letters --check lists them)"
        )
    if catalog.reviewed and not family.fell_back:
        return Letter(choice.code, draft, None, warnings=warnings)
    return Letter(
        choice.code,
        draft,
        compose(english),
        notice=notice,
        notice_english=english("letter.unreviewed"),
        warnings=warnings,
    )


def _quote(markdown: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in markdown.split("\n"))


def _markdown(letter: Letter) -> str:
    """Bilingual Markdown: each part in the family's language, its English quoted below it."""
    blocks: list[str] = []
    english = letter.english.parts if letter.english else None
    for index, part in enumerate(letter.draft.parts):
        if part.kind == SPACE or (part.kind == INTRO and letter.code == ENGLISH):
            continue
        blocks.append(part.markdown)
        if english is not None and part.kind in (TEXT, INTRO):
            blocks.append(_quote(english[index].markdown))
        if index == 0 and letter.notice:  # the interpreter line right under the title
            blocks.append(f"*{letter.notice}*")
            if letter.notice_english:
                blocks.append(_quote(f"*{letter.notice_english}*"))
    return "\n\n".join(blocks) + "\n"


def _html(letter: Letter, *, header: str) -> str:
    from teacherdesk.exports.html_page import letter_page, render_fragment

    rtl = is_right_to_left(letter.code)
    lang = letter.code.replace("_", "-")
    english = letter.english.parts if letter.english else None

    def cell(markdown: str, code: str) -> str:
        direction = "rtl" if is_right_to_left(code) else "ltr"
        return (
            f'<div class="lang" lang="{html.escape(code.replace("_", "-"))}" dir="{direction}">'
            f"{render_fragment(markdown, auto_dir=False)}</div>"
        )

    rows: list[str] = []
    for index, part in enumerate(letter.draft.parts):
        if part.kind == INTRO and letter.code == ENGLISH:
            continue
        if part.kind == SPACE:
            rows.append('<div class="answer-space" aria-hidden="true"></div>\n')
        elif english is None or part.kind in (TYPED, RULE):
            typed = part.kind == TYPED  # the teacher's words: each paragraph finds its direction
            rows.append(
                f'<div class="row">{render_fragment(part.markdown, auto_dir=typed)}</div>\n'
            )
        else:
            rows.append(
                '<div class="row pair">'
                + cell(part.markdown, letter.code)
                + cell(english[index].markdown, ENGLISH)
                + "</div>\n"
            )
        if index == 0 and letter.notice:
            notice = (
                f'<div class="row notice">{render_fragment(letter.notice, auto_dir=False)}</div>\n'
            )
            if letter.notice_english:
                notice = (
                    '<div class="row pair notice">'
                    + cell(letter.notice, letter.code)
                    + cell(letter.notice_english, ENGLISH)
                    + "</div>\n"
                )
            rows.append(notice)
    banner = letter.draft.banner
    if letter.english is not None and letter.english.banner:
        banner = f"{banner} · {letter.english.banner}"
    return letter_page(
        "".join(rows),
        title=letter.draft.title,
        header=header,
        lang=lang,
        rtl=rtl,
        banner=banner,
        bilingual=letter.bilingual,
    )
