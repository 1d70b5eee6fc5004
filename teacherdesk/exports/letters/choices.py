"""The language menu the app shows before it writes a letter home: English and every language
we have a catalog for (shipped or the school's), always in the same order so each keeps its
digit; the family's own is marked and chosen by default — the same choice `--lang auto` makes.
Each choice is what the letter functions take as `lang=`.
Pure but for reading the catalogs; no textual."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from teacherdesk.domain.languages import ENGLISH, english_name, language_code, own_name
from teacherdesk.exports.letters.catalogs import LetterCatalog, catalogs
from teacherdesk.exports.letters.letter import AUTO, Letter, choose_language
from teacherdesk.models import Guardian


@dataclass(frozen=True)
class LanguageOption:
    lang: str  # what the letter functions take: a catalog's code, "en", or "auto"
    code: str  # the language the letter is written in
    label: str  # what the teacher reads in the menu
    family: bool = False  # the family's own language: the default


@dataclass(frozen=True)
class LanguageMenu:
    options: list[LanguageOption]  # always in one order: English, then the others by name
    note: str  # who reads what, in a sentence

    @property
    def default(self) -> int:
        """Where the family's own language is: highlighted, and what enter takes."""
        return next(i for i, option in enumerate(self.options) if option.family)


def _label(code: str, catalog: LetterCatalog | None) -> str:
    if code == ENGLISH:
        return "English"
    name = english_name(code)
    own = own_name(code)
    shown = f"{name} · {own}" if own and own.casefold() != name.casefold() else name
    return shown if catalog is not None and catalog.reviewed else f"{shown} + English"


def _note(guardians: Sequence[Guardian], available: dict[str, LetterCatalog]) -> str:
    for guardian in guardians:
        spoken = guardian.preferred_language.strip()
        if spoken:
            code = language_code(spoken, available)
            if code != ENGLISH and code not in available:
                return (
                    f"{guardian.name} reads {spoken}: no letters in it yet, so English, "
                    "offering an interpreter."
                )
            return f"{guardian.name} reads {spoken}."
    return "No language recorded for the family: English unless you choose another."


def menu(guardians: Sequence[Guardian], available: dict[str, LetterCatalog]) -> LanguageMenu:
    """The menu for a letter to `guardians` (those it is addressed to, in order). The order is
    the same for every family (English, then the others by English name), so each language
    keeps its digit; the family's own is marked and is the default."""
    family = choose_language(AUTO, guardians, available)
    options = [LanguageOption(ENGLISH, ENGLISH, "English")]
    by_name = sorted(available, key=english_name)
    options += [LanguageOption(code, code, _label(code, available[code])) for code in by_name]
    at = next(i for i, option in enumerate(options) if option.code == family.code)
    label = options[at].label
    if family.offer_interpreter:
        label = "English, offering an interpreter"
    options[at] = LanguageOption(AUTO, family.code, f"{label} — family's", family=True)
    return LanguageMenu(options, _note(guardians, available))


def language_menu(guardians: Sequence[Guardian], school: Path | None) -> LanguageMenu:
    """`menu` over the shipped catalogs and the school's own (`letters/` beside the data)."""
    return menu(guardians, catalogs(school))


def describe(letter: Letter) -> str:
    """What language a written letter is in, for the line above its preview."""
    if letter.code == ENGLISH:
        return "English, offering an interpreter" if letter.notice else "English"
    name = english_name(letter.code)
    return f"{name} beside English (not reviewed by a person yet)" if letter.bilingual else name
