"""What the settings form accepts: the one home of its rules (numbers within the model's bounds,
holidays as typed dates), each problem one sentence naming the field.

Holidays are typed as dates, one per line or separated by commas ("25 Dec, 1/1, 2027-01-18");
they are shown back one per line the way the app shows dates ("Fri 25 Dec 2026"), which reads
back as the same day.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from teacherdesk.domain.date_reading import parse_date
from teacherdesk.domain.dates import exact
from teacherdesk.domain.problems import Problem
from teacherdesk.models import Settings
from teacherdesk.store.years import DEFAULT_YEAR_STARTS_ON, year_start

# The whole-number settings, as the form names them.
NUMBER_WORDS = {
    "stale_after_days": "Days without contact",
    "notice_school_days": "School days of notice",
    "contact_attempts": "Attempts to reach the family",
    "contact_channels": "Different channels",
    "transition_age": "Age for the transition paragraph",
    "transition_interview_age": "Age for the transition questions",
}
_YEAR_ONLY = re.compile(r"^\d{4}$")


def bounds(field: str) -> tuple[int, int]:
    """The lowest and highest whole number the model allows for `field`."""
    low, high = 0, 10**6
    for rule in Settings.model_fields[field].metadata:  # pydantic keeps ge= and le= here
        low = int(getattr(rule, "ge", low))
        high = int(getattr(rule, "le", high))
    return low, high


def read_number(field: str, text: str) -> int | Problem:
    """A typed whole number for `field`, or the one sentence saying what it should be."""
    low, high = bounds(field)
    typed = text.strip()
    if typed.isdigit() and low <= int(typed) <= high:
        return int(typed)
    return Problem(field, f"{NUMBER_WORDS[field]}: a whole number from {low} to {high}.")


def split_days(text: str) -> list[str]:
    """The dates typed in a list, one per line or separated by commas or semicolons; a year
    after a comma stays with its date ("Dec 25, 2026")."""
    pieces: list[str] = []
    for line in text.splitlines():
        for piece in re.split(r"[,;]", line):
            piece = piece.strip()
            if _YEAR_ONLY.match(piece) and pieces:
                pieces[-1] = f"{pieces[-1]} {piece}"
            elif piece:
                pieces.append(piece)
    return pieces


def read_holidays(
    text: str, *, today: dt.date, order: str | None, year_starts_on: str = DEFAULT_YEAR_STARTS_ON
) -> list[dt.date] | Problem:
    """The typed holidays (in order, each once), or the first one that is not a date.

    A holiday typed without its year ("29 Mar", typed in August) is in this school year, not
    the calendar day nearest today: a past date would count as a school day in the notice's
    school days and hide a meeting set on it.
    """
    start = year_start(today, year_starts_on)
    days = set()
    for piece in split_days(text):
        try:
            day = parse_date(piece, relative_to=today, order=order)
            later = parse_date(piece, relative_to=today + dt.timedelta(days=400), order=order)
        except ValueError as error:
            return Problem("holidays", f"School holidays: {error}")
        days.add(day if day == later else _within_year(day, start))  # equal: a year was typed
    return sorted(days)


def _within_year(day: dt.date, start: dt.date) -> dt.date:
    """The same month and day inside the school year that begins on `start`."""
    for year in (start.year, start.year + 1):
        with contextlib.suppress(ValueError):  # 29 Feb in a common year
            moved = day.replace(year=year)
            if start <= moved < start.replace(year=start.year + 1):
                return moved
    return day


def holidays_text(days: list[dt.date]) -> str:
    """The holidays as the form shows them: one a line, "Fri 25 Dec 2026"."""
    return "\n".join(exact(day) for day in sorted(days))


def settings_problems(settings: Settings) -> list[Problem]:
    """Rules across fields: attempts by M channels need at least M attempts."""
    if settings.contact_channels > settings.contact_attempts:
        return [
            Problem(
                "contact_channels",
                f"Different channels: {settings.contact_channels} channels need at least "
                f"{settings.contact_channels} attempts (now {settings.contact_attempts}).",
            )
        ]
    return []
