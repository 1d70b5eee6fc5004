"""The message catalogs letters are written from: the shipped ones (`po/*.po`, inside the
package) and the school's own (`letters/*.po` beside the data file), which win.

A catalog is a gettext .po file, read with Babel and compiled in memory (no build step). Its
header comment says who translated it and who reviewed it:

    # Reviewed-By: <name of the fluent reader who checked every message>
    # Reviewed-On: <YYYY-MM-DD>

Both filled in, the catalog counts as reviewed; otherwise letters in that language print
bilingual with English and an interpreter line. teacherdesk never fills these lines in itself.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from teacherdesk.exports.letters.messages import MESSAGES, PLACEHOLDERS

SHIPPED = "shipped"
SCHOOL = "school"
_REVIEW = re.compile(r"^#\s*Reviewed-(By|On):[ \t]*(.*?)\s*$", re.MULTILINE)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")


@dataclass
class LetterCatalog:
    code: str
    source: str  # SHIPPED or SCHOOL
    path: str
    reviewed_by: str = ""
    reviewed_on: dt.date | None = None
    translations: dict[str, str] = field(default_factory=dict)  # key → usable translation
    problems: list[str] = field(default_factory=list)  # one sentence each
    missing: list[str] = field(default_factory=list)  # keys with no usable translation

    @property
    def reviewed(self) -> bool:
        return bool(self.reviewed_by) and self.reviewed_on is not None

    @property
    def status(self) -> str:
        if self.reviewed:
            return f"reviewed by {self.reviewed_by} on {self.reviewed_on.isoformat()}"
        return "not reviewed by a person yet: letters print bilingual with English"


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def placeholder_problem(english: str, translated: str) -> str:
    """Why `translated` cannot stand in for `english` ('' when it can)."""
    stray = _PLACEHOLDER.sub("", translated)
    if "{" in stray or "}" in stray:
        return "has a broken placeholder (a lone { or }, or a name that is not a word)"
    want, have = placeholders(english), placeholders(translated)
    if unknown := sorted(have - want):
        return "has placeholders the English does not: " + ", ".join(f"{{{n}}}" for n in unknown)
    if missing := sorted(want - have):
        return "lacks " + ", ".join(f"{{{n}}}" for n in missing)
    return ""


def _review(text: str) -> tuple[str, dt.date | None]:
    head = text.split("\nmsgid", 1)[0]
    found = {kind: value for kind, value in _REVIEW.findall(head)}
    try:
        day = dt.date.fromisoformat(found.get("On", "").strip())
    except ValueError:
        day = None
    return found.get("By", "").strip(), day


def read_catalog(code: str, text: str, *, source: str, path: str) -> LetterCatalog:
    """Parse a .po text; every message that is missing, fuzzy, stale or broken is listed."""
    found = LetterCatalog(code=code, source=source, path=path)
    found.reviewed_by, found.reviewed_on = _review(text)
    try:
        catalog = read_po(io.StringIO(text), locale=None, abort_invalid=True)
    except Exception as error:  # a damaged file: no messages, one sentence
        found.problems.append(f"cannot be read as a .po catalog ({error}).")
        found.missing = list(MESSAGES)
        return found
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy translations are left out, as gettext does
    compiled.seek(0)
    gettext = Translations(compiled)
    for key, message in MESSAGES.items():
        entry = catalog.get(message.english, context=key)
        translated = gettext.pgettext(key, message.english)
        if entry is None or not entry.string:
            stale = [m for m in catalog if m.context == key and m.string]
            why = "was written for different English" if stale else "is not translated"
            found.problems.append(f"{key} {why}.")
        elif entry.fuzzy:
            found.problems.append(f"{key} is marked fuzzy (needs checking).")
        elif why := placeholder_problem(message.english, translated):
            found.problems.append(f"{key} {why}.")
        else:
            found.translations[key] = translated
            continue
        found.missing.append(key)
    return found


def _code_from_name(stem: str) -> str | None:
    try:
        return str(Locale.parse(stem.replace("-", "_")))
    except (ValueError, UnknownLocaleError):
        return None


@cache
def _shipped_texts() -> dict[str, str]:
    folder = resources.files("teacherdesk.exports.letters") / "po"
    return {
        entry.name.removesuffix(".po"): entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".po")
    }


def school_folder(data_path: Path | None) -> Path | None:
    """The school's own catalogs: `letters/` beside the data file."""
    return None if data_path is None else data_path.parent / "letters"


def catalogs(school: Path | None = None) -> dict[str, LetterCatalog]:
    """Every catalog by language code, the school's (from `school`) over the shipped ones."""
    found = {
        code: read_catalog(code, text, source=SHIPPED, path=f"(shipped) {code}.po")
        for code, text in sorted(_shipped_texts().items())
    }
    if school is not None and school.is_dir():
        for path in sorted(school.glob("*.po")):
            code = _code_from_name(path.stem)
            if code is None or code == "en":
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                bad = LetterCatalog(code=code, source=SCHOOL, path=str(path))
                bad.problems.append(f"cannot be read ({error}).")
                bad.missing = list(MESSAGES)
                found[code] = bad
                continue
            found[code] = read_catalog(code, text, source=SCHOOL, path=str(path))
    return found


def template(code: str, existing: LetterCatalog | None) -> str:
    """A .po catalog of every message for a translator: the translations we have filled in,
    the review lines empty for the person who checks it."""
    try:
        locale: Locale | None = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        locale = None
    catalog = Catalog(
        locale=locale,
        project="teacherdesk letters",
        charset="utf-8",
        fuzzy=False,
        last_translator="",
    )
    catalog.language_team = ""
    for key, message in MESSAGES.items():
        notes = [message.note] if message.note else []
        notes += [
            f"{{{name}}}: {PLACEHOLDERS[name]}"
            for name in sorted(placeholders(message.english))
            if name in PLACEHOLDERS
        ]
        string = existing.translations.get(key, "") if existing else ""
        catalog.add(message.english, string, context=key, auto_comments=notes)
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False)
    body = out.getvalue().decode("utf-8")
    body = body[body.index('msgid ""') :]  # our own header comment instead of Babel's
    name = _english(code)
    header = (
        f"# teacherdesk letters: {name} ({code}).\n"
        "# Translate every msgstr; keep each {placeholder} exactly as it is (it is filled in\n"
        "# with a name, a date or the teacher's details). Put this file in the letters/ folder\n"
        "# beside the data file, named CODE.po; `teacherdesk letters --check` tests it.\n"
        "# Once a person who reads the language well has checked every message, they write\n"
        "# their name and the date on the two lines below; until then letters print bilingual.\n"
        "# Reviewed-By:\n"
        "# Reviewed-On:\n"
    )
    return header + body


def _english(code: str) -> str:
    from teacherdesk.domain.languages import english_name

    return english_name(code)
