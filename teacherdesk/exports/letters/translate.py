"""Writing one letter in one language: messages from its catalog with their placeholders
filled in (every value escaped for Markdown), dates and lists of names in that language's way.

A message the catalog lacks (or has broken) is written in English and marks the letter as not
fully translated, so it prints bilingual. Placeholders are plain `{name}` substitutions, never
`str.format`, so a catalog from a folder cannot reach into Python objects.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list

from teacherdesk.exports.letters.catalogs import LetterCatalog
from teacherdesk.exports.letters.messages import MESSAGES
from teacherdesk.exports.markdown_text import escape

# A placeholder after Markdown escaping (an underscore in its name became "\\_").
_ESCAPED_PLACEHOLDER = re.compile(r"\{((?:[A-Za-z0-9]|\\_)+)\}")

_PLAIN_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")

# Babel has Haitian Creole's name but not its months and days; these are the usual spellings.
_HT_MONTHS = [
    "janvye",
    "fevriye",
    "mas",
    "avril",
    "me",
    "jen",
    "jiyè",
    "out",
    "septanm",
    "oktòb",
    "novanm",
    "desanm",
]
_HT_DAYS = ["lendi", "madi", "mèkredi", "jedi", "vandredi", "samdi", "dimanch"]


# A time as people type it: "3:30 pm", "3:30PM", "3 p.m.", "15:30", "15.30", "15h30".
_TIME = re.compile(
    r"^\s*(?P<h>\d{1,2})(?:\s*[:.h]\s*(?P<m>\d{2}))?\s*(?:(?P<ap>[ap])\.?\s*m\.?)?\s*$",
    re.IGNORECASE,
)


def read_time(text: str) -> dt.time | None:
    """The time in what a person typed, or None when we cannot be sure what it says (then the
    letter prints it as typed). A bare number ("3") is not a time: it needs minutes or am/pm."""
    found = _TIME.match(text)
    if found is None or not (found["m"] or found["ap"]):
        return None
    hour, minute = int(found["h"]), int(found["m"] or 0)
    if found["ap"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if found["ap"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


class Markdown(str):
    """A value that is already Markdown (bold, a date we wrote): not escaped again."""


@dataclass
class Translator:
    code: str  # "en", "es", "zh_Hans"…
    catalog: LetterCatalog | None = None  # None: English, the messages' own language
    fell_back: set[str] = field(default_factory=set)  # keys written in English

    @property
    def english(self) -> bool:
        return self.catalog is None

    def __call__(self, key: str, **values: str) -> str:
        """Message `key` as Markdown: its own words escaped, each `{name}` filled with
        `values[name]` (escaped unless it is `Markdown`)."""
        english = MESSAGES[key].english
        text = english
        if self.catalog is not None:
            translated = self.catalog.translations.get(key)
            if translated is None:
                self.fell_back.add(key)
            else:
                text = translated

        def fill(match: re.Match[str]) -> str:
            name = match[1].replace("\\_", "_")
            value = values.get(name)
            if value is None:
                return match[0]
            return value if isinstance(value, Markdown) else escape(value)

        return _ESCAPED_PLACEHOLDER.sub(fill, escape(text))

    def plain(self, key: str, **values: str) -> str:
        """Message `key` as plain text (a page title, a banner): nothing escaped."""
        text = MESSAGES[key].english
        if self.catalog is not None:
            text = self.catalog.translations.get(key, text)
        return _PLAIN_PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)

    def date(self, day: dt.date) -> str:
        """`day` as the language writes it: "Mon 16 Nov 2026", "lunes, 16 de noviembre de 2026"."""
        if self.english:
            return format_date(day, "EEE d MMM y", locale="en")
        if self.code.split("_")[0] == "ht":
            return f"{_HT_DAYS[day.weekday()]} {day.day} {_HT_MONTHS[day.month - 1]} {day.year}"
        return format_date(day, "full", locale=Locale.parse(self.code))

    def long_date(self, day: dt.date) -> str:
        """`day` spelled out, for a meeting: "Monday 7 December 2026" (other languages: `date`)."""
        if self.english:
            return format_date(day, "EEEE d MMMM y", locale="en")
        return self.date(day)

    def time(self, typed: str) -> str:
        """A time typed by a person, written the language's way ("3:30 pm" → "15:30" in
        Vietnamese) when it reads as a time; otherwise exactly as typed."""
        when = read_time(typed)
        if when is None:
            return typed
        locale = "en" if self.english else Locale.parse(self.code)
        return format_time(when, "short", locale=locale)

    def names(self, names: list[str]) -> str:
        """ "Ana, Luis and Rosa" in the language's way (escaped)."""
        if not names:
            return ""
        if self.english or len(names) == 1:
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        else:
            joined = format_list(names, locale=Locale.parse(self.code))
        return escape(joined)
