"""Reading a date the way a teacher writes it (every date field and every CLI date option).

Read: `2026-12-03`; `dec 3`, `3 Dec`, `December 3`, `3rd of December`, `Thu 3 Dec 2026` (the way
the app shows dates); `3/12`, `25/12/2026`, `12/25/2026` (also with `.` or `-`); `today`,
`tomorrow`, `yesterday`, `fri`, `next fri`, `last mon`, `in 2 weeks`, `3 days ago`.

A bare weekday looks the way the field does: forward for a due date or a meeting ("fri" typed on
a Wednesday is this coming Friday), back for a field about the past, `past=True` (a contact's
date, a date of birth, when a notice went out: "fri" is the Friday just gone; today when today is
a Friday). `next fri` and `last fri` say their direction themselves.

Slash dates are ambiguous: the `date_order` setting decides ("day-first" reads 3/12 as 3 December,
"month-first" as 12 March); left unset it follows the computer's locale (en_US and a few others
month-first, other countries day-first). A locale that names no country (C, POSIX, unset: the
usual case over SSH on a school server) reads month-first, as teacherdesk always read 12/3, so
an upgrade never moves a US teacher's dates. A number
above 12 settles the order by itself: 25/12 and 12/25 both read as Christmas. Without a year a
date lands within half a year of today: "dec 3" typed in November is this December, "1/15" typed
in November next January, "9/2" typed in November this past September (a contact in September).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Mapping

DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)
# Territories whose locale writes month/day (glibc's d_fmt %m/%d): the United States and
# places that follow its usage; every other country writes the day first.
_MONTH_FIRST_TERRITORIES = frozenset({"US", "PH", "AS", "GU", "MP", "PR", "UM", "VI", "FM", "MH"})

_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}
_RELATIVE = re.compile(r"^in (\d{1,3}|a|an|one) (day|week|month|year)s?$")
_AGO = re.compile(r"^(\d{1,3}|a|an|one) (day|week|month|year)s? ago$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$")
_WEEKDAY = re.compile(r"^(next |last |this )?([a-z]{3})[a-z]*$")
_DAY_MONTH = re.compile(r"^(?:([a-z]+) )?(\d{1,2}) ([a-z]+)(?: (\d{4}|\d{2}))?$")
_MONTH_DAY = re.compile(r"^(?:([a-z]+) )?([a-z]+) (\d{1,2})(?: (\d{4}))?$")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
HALF_YEAR = 183


def locale_order(environ: Mapping[str, str] | None = None) -> str:
    """The date order of the computer's locale (LC_ALL, then LC_TIME, then LANG, as C does)."""
    env = os.environ if environ is None else environ
    value = next((env[name] for name in ("LC_ALL", "LC_TIME", "LANG") if env.get(name)), "")
    territory = value.split(".", 1)[0].split("@", 1)[0].partition("_")[2].upper()
    if not territory:  # C, POSIX or nothing: the order teacherdesk has always read
        return MONTH_FIRST
    return MONTH_FIRST if territory in _MONTH_FIRST_TERRITORIES else DAY_FIRST


def resolve_order(setting: str | None = None) -> str:
    """The order to read slash dates in: the setting when it names one, else the locale's."""
    return setting if setting in DATE_ORDERS else locale_order()


def expected(order: str | None = None) -> str:
    """The forms a date may take, written the way `order` reads them."""
    if resolve_order(order) == MONTH_FIRST:
        return "Dec 3, 12/3 (month/day), 2026-12-03, fri or in 2 weeks"
    return "3 Dec, 3/12 (day/month), 2026-12-03, fri or in 2 weeks"


def today() -> dt.date:
    return dt.date.today()


def parse_date(
    text: str, *, relative_to: dt.date | None = None, order: str | None = None, past: bool = False
) -> dt.date:
    """Read a typed date; raises ValueError with one sentence naming the forms it reads.

    `past`: the field is about something that happened, so a bare weekday is the last one."""
    base = relative_to or today()
    words = " ".join(text.strip().lower().split())
    if not words:
        raise ValueError(f"A date is needed: type one like {expected(order)}.")
    fixed = {"today": 0, "now": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}
    if words in fixed:
        return base + dt.timedelta(days=fixed[words])
    if match := _RELATIVE.match(words):
        return shift(base, **{_UNITS[match[2]]: _count(match[1])})
    if match := _AGO.match(words):
        return shift(base, **{_UNITS[match[2]]: -_count(match[1])})
    if match := _NUMERIC.match(words):
        month, day = _slash_order(int(match[1]), int(match[3]), resolve_order(order))
        return _calendar_day(month, day, match[4], base, text, order)
    if (match := _WEEKDAY.match(words)) and match[2] in _WEEKDAYS:
        target = _WEEKDAYS.index(match[2])
        # "fri", "frid", "friday" but not "frizzle" or "month"
        if _DAY_NAMES[target].startswith(words.removeprefix(match[1] or "")):
            which = (match[1] or "").strip() or ("back" if past else "")
            return _weekday(target, which, base)
    try:
        return dt.date.fromisoformat(words)
    except ValueError:
        pass
    if (found := _named_month(words, base, text, order)) is not None:
        return found
    raise ValueError(f"'{text.strip()}' is not a date I can read: type one like {expected(order)}.")


def parse_optional_date(
    text: str, *, relative_to: dt.date | None = None, order: str | None = None, past: bool = False
) -> dt.date | None:
    if not text.strip():
        return None
    return parse_date(text, relative_to=relative_to, order=order, past=past)


def _count(word: str) -> int:
    return 1 if word in ("a", "an", "one") else int(word)


def _slash_order(first: int, second: int, order: str) -> tuple[int, int]:
    """(month, day) from two numbers: a number above 12 can only be the day."""
    if first > 12 >= second:
        return second, first
    if second > 12 >= first:
        return first, second
    return (second, first) if order == DAY_FIRST else (first, second)


def _named_month(words: str, base: dt.date, text: str, order: str | None) -> dt.date | None:
    """'dec 3', '3 Dec', 'December 3, 2026', '3rd of december', 'Thu 3 Dec 2026' (or None)."""
    words = _ORDINAL.sub(r"\1", words.replace(",", " ").replace(".", " ").replace(" of ", " "))
    words = " ".join(words.split())
    weekday: str | None = None
    if match := _DAY_MONTH.match(words):
        weekday, day, month_word, year = match[1], match[2], match[3], match[4]
    elif match := _MONTH_DAY.match(words):
        weekday, month_word, day, year = match[1], match[2], match[3], match[4]
    else:
        return None
    month = _month_number(month_word)
    if month is None:
        return None
    weekday_number = None
    if weekday is not None:
        weekday_number = _weekday_number(weekday)
        if weekday_number is None:
            return None
    found = _calendar_day(month, int(day), year, base, text, order)
    if weekday_number is not None and found.weekday() != weekday_number:
        raise ValueError(
            f"'{text.strip()}' does not add up: {found.day} {found:%b %Y} is a {found:%A}."
        )
    return found


def _month_number(word: str) -> int | None:
    """1-12 for 'dec', 'december', 'sept'; None for anything else ('decimal')."""
    if len(word) < 3:
        return None
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(word) or (name == "september" and word == "sept"):
            return number
    return None


def _weekday_number(word: str) -> int | None:
    if len(word) < 3:
        return None
    return next((n for n, name in enumerate(_DAY_NAMES) if name.startswith(word)), None)


def _year(year_text: str, base: dt.date) -> int:
    """A four-digit year as is; '26' is 2026, but '95' (not within 20 years ahead) 1995."""
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if 2000 + year <= base.year + 20 else 1900
    return year


def _calendar_day(
    month: int, day: int, year_text: str | None, base: dt.date, text: str, order: str | None
) -> dt.date:
    """A month and day; without a year, the one within half a year of `base`."""
    year = base.year if year_text is None else _year(year_text, base)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(f"'{text.strip()}' is not a real date: type one like {expected(order)}.")
    if year_text is None:
        # "1/15" typed in November is next January; "9/2" typed in November this September
        probe = dt.date(year, month, min(day, 28))
        with contextlib.suppress(ValueError):  # a day the month lacks: the year is still needed
            probe = dt.date(year, month, day)
        if (probe - base).days < -HALF_YEAR:
            year += 1
        elif (probe - base).days > HALF_YEAR:
            year -= 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        leap = f" {year}" if (month, day) == (2, 29) else ""
        raise ValueError(
            f"'{text.strip()}' is not a real date: {_MONTHS[month - 1].title()}{leap} "
            f"has no day {day}."
        ) from None


def _weekday(target: int, which: str, base: dt.date) -> dt.date:
    """`which`: "last" (before today), "back" (today or before), "next" (after today), else
    today or after."""
    ahead = (target - base.weekday()) % 7
    if which == "back":
        return base - dt.timedelta(days=(base.weekday() - target) % 7)
    if which == "last":
        return base - dt.timedelta(days=(base.weekday() - target) % 7 or 7)
    if which == "next" and ahead == 0:
        ahead = 7
    return base + dt.timedelta(days=ahead)


def shift(day: dt.date, **amount: int) -> dt.date:
    """Calendar arithmetic by arrow (month ends clamp), imported on first use: faster starts."""
    import arrow

    return arrow.get(day).shift(**amount).date()
