"""Which language a guardian reads: free text ("Spanish", "español", "Haitian Creole",
"العربية", "es-MX") to a language code, through Babel's names of languages in English and in
the language itself. Pure: no I/O.

`language_code` answers for any language Babel names, shipped letters or not; a letter then
falls back to English when it has no catalog for that code.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from babel import Locale, UnknownLocaleError

ENGLISH = "en"
# The languages teacherdesk writes letters in (issue 19): among the most common home languages
# of English learners in US schools.
SHIPPED = ("en", "es", "ar", "zh_Hans", "vi", "pt", "ht")
# Names people type that Babel does not list under the code we ship.
ALIASES = {
    "chinese": "zh_Hans",
    "mandarin": "zh_Hans",
    "mandarin chinese": "zh_Hans",
    "simplified chinese": "zh_Hans",
    "chinese simplified": "zh_Hans",
    "chinese (simplified)": "zh_Hans",
    "中文": "zh_Hans",
    "汉语": "zh_Hans",
    "普通话": "zh_Hans",
    "简体中文": "zh_Hans",
    "中文 (简体)": "zh_Hans",
    "creole": "ht",
    "haitian": "ht",
    "kreyol": "ht",
    "kreyol ayisyen": "ht",
    "brazilian portuguese": "pt",
    "portugues do brasil": "pt",
    "castellano": "es",
    "arabe": "ar",
    "tieng viet": "vi",
}


def _key(text: str) -> str:
    """Case, accents, extra spaces and dashes do not matter: "Español" = "espanol"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("_", " ").replace("-", " ").split())


def _base(code: str) -> str:
    return code.split("_", 1)[0]


@cache
def _names(extra: tuple[str, ...]) -> dict[str, str]:
    """Name (keyed) → code: every language Babel names in English, then each shipped (and
    `extra`) language by its own name, then our aliases."""
    index: dict[str, str] = {}
    english = Locale(ENGLISH)
    for code, name in english.languages.items():
        index.setdefault(_key(name), code)
    for code in (*SHIPPED, *extra):
        try:
            own = Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            continue
        for name in (own.get_display_name(own), own.languages.get(own.language)):
            if name:
                index[_key(name)] = code
        index[_key(english.get_display_name(code) or code)] = code
        index[_key(english.languages.get(own.language, code))] = code
    for name, code in ALIASES.items():
        index[_key(name)] = code
    return index


def language_code(text: str, available: Iterable[str] = ()) -> str | None:
    """The language code `text` names, or None when it names no language Babel knows.

    A code ("es", "pt-BR", "zh_Hans") answers too. Where one of `available` (the catalogs we
    have, shipped or the school's) is that language, its code is returned ("Chinese" → zh_Hans).
    """
    have = tuple(dict.fromkeys((*SHIPPED, *available)))
    key = _key(text)
    if not key:
        return None
    code = _names(tuple(c for c in have if c not in SHIPPED)).get(key)
    if code is None:
        code = _parse_code(text.strip())
    if code is None:
        return None
    if code in have:
        return code
    by_base = [c for c in have if _base(c) == _base(code)]
    return by_base[0] if by_base else code


def _parse_code(text: str) -> str | None:
    if not text or len(text) > 20 or not text.replace("-", "").replace("_", "").isalnum():
        return None
    try:
        locale = Locale.parse(text.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    return str(locale)


def english_name(code: str) -> str:
    """ "es" → "Spanish", "zh_Hans" → "Chinese (Simplified)"."""
    try:
        return Locale.parse(code).get_display_name(ENGLISH) or code
    except (ValueError, UnknownLocaleError):
        return code


def own_name(code: str) -> str:
    """The language's name for itself: "es" → "español", "ar" → "العربية"."""
    try:
        locale = Locale.parse(code)
        return locale.get_display_name(locale) or code
    except (ValueError, UnknownLocaleError):
        return code


def name_in(code: str, language: str) -> str:
    """The name of language `code` written in `language` ("es" in "vi" → "Tiếng Tây Ban Nha")."""
    try:
        target = Locale.parse(code)
        return Locale.parse(language).languages.get(target.language) or english_name(code)
    except (ValueError, UnknownLocaleError):
        return code


def is_right_to_left(code: str) -> bool:
    try:
        return Locale.parse(code).character_order == "right-to-left"
    except (ValueError, UnknownLocaleError):
        return False
